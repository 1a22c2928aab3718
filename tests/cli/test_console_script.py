"""The installed ``doorstroom`` program, run as a user runs it: in its own process.

In-process tests (CliRunner) cannot see what C libraries write to the real standard output; these
tests can. With ``--format json|csv`` standard output must be exactly the document, the exit code 0
and standard error free of tracebacks — for every command that offers ``--format``.

**Adding a command with ``--format``?** Add a :class:`Case` to :data:`CASES`;
:func:`test_every_format_command_has_a_case` fails until you do. A case's arguments may use the
placeholders of :data:`PLACEHOLDERS` (files made once by the ``workspace`` fixture), ``{uniek}``
(a different period per run, for a period that may only be fixed once) and ``{gekoppeld}`` (a
different household linked in the stored run 1, for a decision).
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import typer

from doorstroom.cli.main import app
from tests.server import vrije_poort
from tests.spreiding.conftest import KOPPEN, synthetische_locaties

PROGRAM = Path(sys.executable).parent / "doorstroom"


def run(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run the installed console script with a private data directory."""
    environment = {**os.environ, "DOORSTROOM_DATA_DIR": str(cwd / "data"), **(env or {})}
    for name in ("DOORSTROOM_DATABASE_URL", "DOORSTROOM_CSV_STIJL", "DOORSTROOM_DEBUG"):
        if name not in (env or {}):
            environment.pop(name, None)
    return subprocess.run(
        [str(PROGRAM), *args], cwd=cwd, env=environment, capture_output=True, text=True, check=False
    )


def assert_clean(result: subprocess.CompletedProcess[str], code: int = 0) -> None:
    """The expected exit code and no Python traceback anywhere."""
    assert result.returncode == code, (result.returncode, result.stderr[-2000:])
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout


# --- the table of every command with --format ----------------------------------------------------


@dataclass(frozen=True)
class Case:
    """One command as a user runs it; ``check`` looks at the parsed JSON document (a list or dict)."""

    command: tuple[str, ...]
    args: tuple[str, ...] = ()
    check: Callable[[object], bool] = field(default=lambda document: bool(document))
    rows: bool = True  # False: an empty result is right here (a CSV of only its header)


def _rows(document: object) -> list[dict[str, object]]:
    assert isinstance(document, list)
    return document


def _sums_as_accounted(rows: list[dict[str, object]], landelijk: int) -> bool:
    """Every row states the national number and the sum of the municipal numbers (issue 9 item 2)."""
    som = sum(int(str(row["taakstelling"])) for row in rows)
    return all(row["landelijk"] == landelijk and row["som_taakstelling"] == som for row in rows)


CASES = [
    Case(("gemeenten",), (), lambda d: len(_rows(d)) == 342),
    Case(("gemeenten", "samenvoegingen"), ()),
    Case(("beleid", "lijst"), (), lambda d: len(_rows(d)) >= 7),
    Case(("beleid", "toon"), ("tweestatusstelsel",), lambda d: any(r["waarde"] == "36" for r in _rows(d))),
    Case(
        ("beleid", "vergelijk"),
        ("--regime", "wet-2024", "--regime", "tweestatusstelsel", "--maanden", "6"),
        lambda d: all(float(str(r["nareizigers_b"])) < float(str(r["nareizigers_a"])) for r in _rows(d)),
    ),
    Case(
        ("taakstelling", "bereken"),
        ("--periode", "2026-1", "--totaal", "16.500"),
        lambda d: _sums_as_accounted(_rows(d), 16500),
    ),
    Case(
        ("taakstelling", "vaststellen"), ("--periode", "{uniek}", "--totaal", "10000", "--bevolking", "2025")
    ),
    Case(("taakstelling", "toezicht"), ("--periode", "2026-1")),
    Case(("taakstelling", "geschiedenis"), ()),
    Case(("taakstelling", "ruilen"), (), lambda d: _rows(d) == [], rows=False),
    Case(("taakstelling", "landelijk"), (), lambda d: len(_rows(d)) >= 13),
    Case(
        ("koppeling", "voorstel"),
        ("--huishoudens", "{huishoudens}", "--capaciteit", "{capaciteit}", "--tijdslimiet", "2"),
        lambda d: isinstance(d, dict) and d["solver"] == "highs" and bool(d["assignments"]),
    ),
    Case(("koppeling", "advies"), ("--huishoudens", "{huishoudens}", "--capaciteit", "{capaciteit}")),
    Case(
        ("koppeling", "rapport"),
        ("--huishoudens", "{huishoudens}", "--capaciteit", "{capaciteit}", "--tijdslimiet", "2"),
    ),
    Case(("koppeling", "runs"), ()),
    Case(("koppeling", "toon"), ("1",)),
    Case(
        ("koppeling", "beoordeel"), ("1", "{gekoppeld}", "--door", "A. Jansen"), lambda d: len(_rows(d)) == 1
    ),
    Case(("koppeling", "opschonen"), ("--proef",), lambda d: _rows(d) == [], rows=False),
    Case(("koppeling", "periode"), ("--periode", "2026-2"), lambda d: _rows(d) == [], rows=False),
    Case(
        ("spreiding", "bereken"),
        ("--totaal", "96.000"),
        lambda d: len(_rows(d)) == 12 and sum(int(str(r["opgave"])) for r in _rows(d)) == 96000,
    ),
    Case(("spreiding", "regio"), ("--totaal", "96000", "--taakstelling", "13.500")),
    Case(("spreiding", "ramingen"), ()),
    Case(("spreiding", "locaties", "toon"), (), lambda d: len(_rows(d)) == 48),
    Case(("spreiding", "locaties", "historie"), ()),
    Case(
        ("prognose", "bereken"),
        ("--paden", "40", "--maanden", "6", "--seed", "1"),
        lambda d: isinstance(d, dict) and "samenvatting" in d,
    ),
    Case(("prognose", "kalibreer"), ("--historie", "{historie}")),
    Case(
        ("prognose", "backtest"),
        ("--historie", "{historie}", "--paden", "40", "--afkap", "2023-12", "--horizon", "6"),
    ),
    Case(
        ("prognose", "sweep"),
        ("--varieer", "taakstelling=10000,12000", "--paden", "20", "--maanden", "6", "--workers", "1"),
        lambda d: len(_rows(d)) == 2,
    ),
    Case(("gebruiker", "lijst"), (), lambda d: _rows(d) == [], rows=False),
    Case(("token", "lijst"), (), lambda d: _rows(d) == [], rows=False),
    Case(("audit", "lijst"), ("--aantal", "5"), lambda d: 1 <= len(_rows(d)) <= 5),
    Case(("dossier", "termijnen"), (), lambda d: _rows(d) == [], rows=False),
    Case(("dossier", "tvs"), ("--peildatum", "2026-12-01"), lambda d: _rows(d) == [], rows=False),
    Case(("dossier", "aanmeldingen"), (), lambda d: _rows(d) == [], rows=False),
    Case(("monitor", "indicatoren"), (), lambda d: len(_rows(d)) >= 19),
    Case(("monitor", "cijfers"), ("cohort",), lambda d: _rows(d) == [], rows=False),
    Case(("huisvesting", "aanbod"), ("GM0344",), lambda d: _rows(d) == [], rows=False),
    Case(
        ("huisvesting", "plan"),
        ("Utrecht", "--peildatum", "2026-03-01", "--maanden", "3", "--zonder-prognose"),
        lambda d: [r["maand"] for r in _rows(d)] == ["2026-03", "2026-04", "2026-05"],
    ),
    Case(  # no supply registered: nobody housed, no money line
        ("huisvesting", "geld"),
        ("GM0344", "--peildatum", "2026-03-01", "--maanden", "2"),
        lambda d: _rows(d) == [],
        rows=False,
    ),
    Case(("huisvesting", "regelingen"), (), lambda d: all(r["bron"] for r in _rows(d))),
    Case(
        ("huisvesting", "overzicht"),
        ("--provincie", "Utrecht", "--peildatum", "2026-03-01", "--maanden", "2"),
        lambda d: len(_rows(d)) == 27 and _rows(d)[-1]["gemeentenaam"] == "Totaal",
    ),
]
PLACEHOLDERS = ("huishoudens", "capaciteit", "arbeidsmarkt", "historie")
_unique_periods = (f"{year}-{half}" for year in itertools.count(2030) for half in (1, 2))
_linked: list[str] = []  # households the stored run 1 linked, one per decision case


def _historie(path: Path) -> Path:
    months = [f"{2022 + n // 12}-{n % 12 + 1:02d}" for n in range(36)]
    lines = "".join(f"{m};{2000 + 37 * (n % 5)}\n" for n, m in enumerate(months))
    path.write_text("maand;eerste_aanvragen\n" + lines, encoding="utf-8")
    return path


def _locaties(path: Path) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, KOPPEN)
        writer.writeheader()
        writer.writerows(synthetische_locaties())
    return path


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated store, a synthetic koppeling instance, a history file, a fixed period, a run, and
    synthetic reception locations in the register."""
    assert PROGRAM.exists() or shutil.which("doorstroom"), "the doorstroom console script is not installed"
    place = tmp_path_factory.mktemp("console")
    assert_clean(run("db", "upgrade", cwd=place))
    assert_clean(run("koppeling", "genereer", "--huishoudens", "40", "--seed", "7", "--out", ".", cwd=place))
    _historie(place / "historie.csv")
    _locaties(place / "locaties.csv")
    assert_clean(run("spreiding", "locaties", "importeer", "locaties.csv", "--reden", "test", cwd=place))
    assert_clean(run("taakstelling", "vaststellen", "--periode", "2026-1", "--totaal", "16500", cwd=place))
    stored = run(
        "koppeling", "voorstel", "--huishoudens", "huishoudens.csv", "--capaciteit", "capaciteit.csv",
        "--tijdslimiet", "2", "--format", "json", cwd=place,
    )  # fmt: skip
    assert_clean(stored)
    _linked[:] = [a["huishouden_id"] for a in json.loads(stored.stdout)["assignments"] if a["gemeentecode"]]
    return place


def _arguments(case: Case, place: Path) -> list[str]:
    values = {name: str(place / f"{name}.csv") for name in PLACEHOLDERS} | {"uniek": next(_unique_periods)}
    if any("{gekoppeld}" in arg for arg in case.args):
        values["gekoppeld"] = _linked.pop()
    return [*case.command, *(arg.format(**values) for arg in case.args)]


def _case_id(case: Case) -> str:
    return " ".join(case.command)


@pytest.mark.parametrize("case", CASES, ids=_case_id)
def test_json_on_stdout_is_exactly_the_document(workspace: Path, case: Case) -> None:
    result = run(*_arguments(case, workspace), "--format", "json", cwd=workspace)
    assert_clean(result)
    assert case.check(json.loads(result.stdout))


@pytest.mark.parametrize("case", CASES, ids=_case_id)
def test_csv_on_stdout_is_exactly_the_table(workspace: Path, case: Case) -> None:
    result = run(*_arguments(case, workspace), "--format", "csv", cwd=workspace)
    assert_clean(result)
    header, *rows = list(csv.reader(io.StringIO(result.stdout, newline="")))
    assert header and all(column and " " not in column for column in header), header
    assert bool(rows) == case.rows
    assert all(len(row) == len(header) for row in rows)


def _format_commands() -> set[tuple[str, ...]]:
    found: set[tuple[str, ...]] = set()

    def walk(command: object, path: tuple[str, ...]) -> None:
        if any(param.name == "fmt" for param in getattr(command, "params", [])):
            found.add(path)
        for name, sub in getattr(command, "commands", {}).items():
            walk(sub, (*path, name))

    walk(typer.main.get_command(app), ())
    return found


def test_every_format_command_has_a_case() -> None:
    assert _format_commands() == {case.command for case in CASES}


def test_nl_csv_on_stdout_is_the_dutch_dialect_with_a_bom(workspace: Path) -> None:
    result = run("taakstelling", "bereken", "-p", "2026-1", "-t", "16500", "-f", "csv", "--csv-stijl", "nl",
                 cwd=workspace)  # fmt: skip
    assert_clean(result)
    assert result.stdout.startswith("\ufeffgemeentecode;gemeentenaam;")
    rows = list(csv.DictReader(io.StringIO(result.stdout.lstrip("\ufeff"), newline=""), delimiter=";"))
    assert {row["landelijk"] for row in rows} == {"16500"}
    assert {int(row["som_taakstelling"]) for row in rows} == {sum(int(row["taakstelling"]) for row in rows)}


def test_setting_chooses_the_dialect_and_the_option_wins(workspace: Path) -> None:
    args = ("taakstelling", "bereken", "-p", "2026-1", "-t", "16500", "-f", "csv")
    by_setting = run(*args, cwd=workspace, env={"DOORSTROOM_CSV_STIJL": "nl"})
    assert by_setting.stdout.startswith("\ufeffgemeentecode;")
    by_option = run(*args, "--csv-stijl", "standaard", cwd=workspace, env={"DOORSTROOM_CSV_STIJL": "nl"})
    assert by_option.stdout.startswith("gemeentecode,")


# --- bad --out: a clear message, exit 2, before any work -----------------------------------------


def _special_targets(place: Path) -> dict[str, Path]:
    (place / "een-map").mkdir(exist_ok=True)
    fifo = place / "pijp.csv"
    if not fifo.exists():
        os.mkfifo(fifo)
    return {"een-map": place / "een-map", "pijp.csv": fifo, "weg/uit.csv": place / "weg" / "uit.csv"}


@pytest.mark.parametrize(
    ("target", "fragment"),
    [
        ("een-map", "is een map"),
        ("pijp.csv", "geen gewoon bestand"),
        ("weg/uit.csv", "bestaat niet"),
        ("", "geen bestandsnaam"),
        ("/dev/null", "geen gewoon bestand"),
    ],
)
def test_bad_out_exits_2_without_traceback(workspace: Path, target: str, fragment: str) -> None:
    _special_targets(workspace)
    result = run("taakstelling", "bereken", "-p", "2026-1", "-t", "16500", "-f", "csv", "--out", target,
                 cwd=workspace)  # fmt: skip
    assert_clean(result, 2)
    assert fragment in result.stderr and "--out" in result.stderr
    assert Path("/dev/null").is_char_device()


def test_xlsx_without_out_is_refused_before_solving(workspace: Path) -> None:
    result = run(
        "koppeling", "voorstel", "--huishoudens", "huishoudens.csv", "--capaciteit", "capaciteit.csv",
        "--format", "xlsx", "--niet-opslaan", cwd=workspace,
    )  # fmt: skip
    assert_clean(result, 2)
    assert "--out" in result.stderr and "status" not in result.stderr  # no solve happened


def test_prognose_out_naming_a_file_is_refused(workspace: Path) -> None:
    (workspace / "bestaand.txt").write_text("x")
    result = run("prognose", "bereken", "--paden", "10", "--maanden", "2", "--out", "bestaand.txt",
                 cwd=workspace)  # fmt: skip
    assert_clean(result, 2)
    assert "geen map" in result.stderr
    assert (workspace / "bestaand.txt").read_text() == "x"


def test_out_through_a_symlink_writes_its_target(workspace: Path) -> None:
    target = workspace / "echt.csv"
    target.write_text("oud")
    link = workspace / "link.csv"
    link.unlink(missing_ok=True)
    link.symlink_to(target.name)
    result = run("gemeenten", "-f", "csv", "--out", "link.csv", cwd=workspace)
    assert_clean(result)
    assert link.is_symlink() and target.read_text(encoding="utf-8-sig").startswith("gemeentecode;")


# --- numbers from the command line: their domain, the usual message, exit 2 -----------------------


@pytest.mark.parametrize(
    ("args", "option"),
    [
        (("taakstelling", "bereken", "-p", "2026-1", "--totaal", "100000000000000000000"), "--totaal"),
        (("taakstelling", "bereken", "-p", "2026-1", "--totaal", "²"), "--totaal"),
        (("taakstelling", "bereken", "-p", "2026-1", "--totaal", "١٦٥٠٠"), "--totaal"),
        (("taakstelling", "bereken", "-p", "2026-1", "--totaal", "1_000"), "--totaal"),
        (("koppeling", "genereer", "--huishoudens", "10", "--seed", "-1"), "--seed"),
        (("koppeling", "genereer", "--huishoudens", "0"), "--huishoudens"),
        (("koppeling", "genereer", "--huishoudens", "1e9"), "--huishoudens"),
        (("koppeling", "voorstel", "--huishoudens", "h.csv", "--tijdslimiet", "inf"), "--tijdslimiet"),
        (("koppeling", "toon", "99999999999999999999"), "RUN"),
        (("prognose", "bereken", "--paden", "0"), "--paden"),
        (("prognose", "bereken", "--paden", "nan"), "--paden"),
        (("prognose", "bereken", "--maanden", "241"), "--maanden"),
        (("prognose", "bereken", "--seed", "-1"), "--seed"),
        (("prognose", "bereken", "--kans", "1,5"), "--kans"),
        (("prognose", "sweep", "--varieer", "a=1", "--workers", "100000"), "--workers"),
        (("spreiding", "bereken", "--totaal", "10000000"), "--totaal"),
        (("spreiding", "bereken", "--totaal", "96000", "--amv", "²"), "--amv"),
        (("spreiding", "bereken", "--totaal", "96000", "--amv", "150%"), "--amv"),
        (("spreiding", "bereken", "--totaal", "96000", "--bevolking", "20x4"), "--bevolking"),
    ],
)
def test_numbers_outside_their_domain_exit_2_naming_the_option(
    workspace: Path, args: tuple[str, ...], option: str
) -> None:
    result = run(*args, cwd=workspace)
    assert_clean(result, 2)
    assert f"'{option}'" in result.stderr


def test_unknown_run_is_the_users_input(workspace: Path) -> None:
    result = run("koppeling", "toon", "99", cwd=workspace)
    assert_clean(result, 2)
    assert "run 99 bestaat niet" in result.stderr


def test_dutch_excel_csv_in_cp1252_imports(workspace: Path) -> None:
    """Excel's "CSV (gescheiden door lijstscheidingsteken)": Windows-1252, semicolons, decimal commas."""
    (workspace / "lijst.csv").write_bytes(
        "gemeentecode;gemeentenaam;provincie;inwoners;latitude;longitude\r\n"
        "GM1900;Súdwest-Fryslân;Fryslân;92.012;53,03;5,66\r\n".encode("cp1252")
    )
    result = run("gemeenten", "--bestand", "lijst.csv", "-f", "json", cwd=workspace)
    assert_clean(result)
    [gemeente] = json.loads(result.stdout)
    assert (gemeente["gemeentenaam"], gemeente["inwoners"], gemeente["latitude"]) == (
        "Súdwest-Fryslân",
        92012,
        53.03,
    )


def test_audit_anker_and_controleer_as_installed(tmp_path: Path) -> None:
    """``audit anker`` keeps the head in the configured file (0600); ``audit controleer`` checks it."""
    ankers = tmp_path / "ankers.jsonl"
    env = {"DOORSTROOM_AUDIT_ANKER": str(ankers)}
    assert_clean(run("db", "upgrade", cwd=tmp_path))
    assert_clean(run("gebruiker", "aanmaken", "--gebruikersnaam", "anna", "--rol", "coa", cwd=tmp_path))
    anker = run("audit", "anker", cwd=tmp_path, env=env)
    assert_clean(anker)
    assert "anker bewaard" in anker.stdout and oct(ankers.stat().st_mode & 0o777) == "0o600"
    assert json.loads(ankers.read_text().splitlines()[0])["aantal"] >= 1
    controle = run("audit", "controleer", cwd=tmp_path, env=env)
    assert_clean(controle)
    assert "klopt met 1 ankers" in controle.stdout


def test_audit_anker_to_an_unreachable_url_exits_2(tmp_path: Path) -> None:
    env = {"DOORSTROOM_AUDIT_ANKER": f"http://127.0.0.1:{vrije_poort()}/ankers"}
    assert_clean(run("db", "upgrade", cwd=tmp_path))
    assert_clean(run("gebruiker", "aanmaken", "--gebruikersnaam", "anna", "--rol", "coa", cwd=tmp_path))
    anker = run("audit", "anker", cwd=tmp_path, env=env)
    assert_clean(anker, 2)
    assert "DOORSTROOM_AUDIT_ANKER" in anker.stderr and "niet bereikbaar" in anker.stderr
