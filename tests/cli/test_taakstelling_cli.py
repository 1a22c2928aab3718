"""``doorstroom taakstelling ...`` in process, as a policy officer would run it."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import Engine

from doorstroom.files.tabular import read_table
from tests.cli_helpers import run


def test_national_split_in_json_sums_to_the_total() -> None:
    result = run(
        "taakstelling",
        "bereken",
        "--periode",
        "2026-1",
        "--totaal",
        "16500",
        "--regel",
        "hamilton",
        "-f",
        "json",
    )
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert len(rows) == 342
    assert sum(row["taakstelling"] for row in rows) == 16500
    required = {
        "gemeentecode",
        "gemeentenaam",
        "provincie",
        "inwoners",
        "taakstelling",
        "achterstand",
        "gecorrigeerde_taakstelling",
    }
    assert required <= rows[0].keys()
    amsterdam = next(row for row in rows if row["gemeentecode"] == "GM0363")
    assert amsterdam["gemeentenaam"] == "Amsterdam" and amsterdam["taakstelling"] > 800


def test_carry_over_and_realisation_from_files(tmp_path: Path) -> None:
    vorige = tmp_path / "vorige.csv"
    vorige.write_text("gemeentecode,achterstand\nGM0344,25\nGM0363,-10\n", encoding="utf-8")
    realisatie = tmp_path / "realisatie.csv"
    realisatie.write_text(
        "gemeentecode,maand,gehuisvest\nGM0344,2026-01,30\nGM0344,2026-02,20\n", encoding="utf-8"
    )
    result = run(
        "taakstelling",
        "bereken",
        "--periode",
        "2026-1",
        "--totaal",
        "16500",
        "--vorige",
        str(vorige),
        "--realisatie",
        str(realisatie),
        "--peildatum",
        "2026-04-01",
        "--format",
        "json",
    )
    assert result.exit_code == 0, result.output
    rows = {row["gemeentecode"]: row for row in json.loads(result.stdout)}
    utrecht = rows["GM0344"]
    assert utrecht["gecorrigeerde_taakstelling"] == utrecht["taakstelling"] + 25
    assert utrecht["gerealiseerd"] == 50
    assert utrecht["verwacht"] == pytest.approx(utrecht["gecorrigeerde_taakstelling"] / 2, abs=0.1)
    assert rows["GM0363"]["achterstand"] == -10


def test_per_province_sums(tmp_path: Path) -> None:
    result = run(
        "taakstelling", "bereken", "-p", "2026-2", "-t", "13500", "--regel", "hamilton", "--per", "provincie",
        "-f", "csv",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 12
    assert sum(int(row["taakstelling"]) for row in rows) == 13500
    assert {row["landelijk"] for row in rows} == {"13500"} and {row["regel"] for row in rows} == {"hamilton"}


def test_xlsx_export_has_a_sheet_of_overdue_koppelingen(tmp_path: Path) -> None:
    koppelingen = tmp_path / "k.csv"
    koppelingen.write_text(
        "gemeentecode,huishouden_ref,personen,koppeldatum\nGM0344,H-1,4,2026-01-02\n",
        encoding="utf-8",
    )
    out = tmp_path / "overzicht.xlsx"
    result = run(
        "taakstelling",
        "bereken",
        "-p",
        "2026-1",
        "-t",
        "16500",
        "--koppelingen",
        str(koppelingen),
        "--peildatum",
        "2026-06-01",
        "-f",
        "xlsx",
        "-o",
        str(out),
    )
    assert result.exit_code == 0, result.output
    workbook = load_workbook(out, read_only=True)
    assert workbook.sheetnames == [
        "Taakstelling 2026-1",
        "verantwoording",
        "te laat",
        "Toelichting",
        "_velden",
    ]
    [row] = read_table(out, sheet="te laat")
    assert (row.values["gemeentecode"], row.values["gemeentenaam"]) == ("GM0344", "Utrecht")


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["--periode", "2026-3", "--totaal", "10"], "'--periode'"),
        (["--periode", "2026-1", "--totaal", "-10"], "'--totaal'"),
        (["--periode", "2026-1", "--totaal", "12.5"], "'--totaal'"),
        (["--periode", "2026-1", "--totaal", "10", "--peildatum", "morgen"], "'--peildatum'"),
        (["--periode", "2026-1", "--totaal", "10", "--sleutel", "geluk"], "'--sleutel'"),
        (
            ["--periode", "2026-1", "--totaal", "10", "--vorige", "bestaat-niet.csv"],
            "niet gevonden",
        ),
    ],
)
def test_bad_input_exits_2_with_a_clear_message(args: list[str], fragment: str) -> None:
    result = run("taakstelling", "bereken", *args)
    assert result.exit_code == 2
    assert fragment in result.stderr
    assert "Traceback" not in result.output


def test_bad_file_names_file_row_and_field_and_writes_nothing(tmp_path: Path) -> None:
    vorige = tmp_path / "vorige.csv"
    vorige.write_text("gemeentecode,achterstand\nGM0344,1\nGM9999,2\n", encoding="utf-8")
    out = tmp_path / "uit.csv"
    result = run(
        "taakstelling",
        "bereken",
        "-p",
        "2026-1",
        "-t",
        "100",
        "--vorige",
        str(vorige),
        "-f",
        "csv",
        "-o",
        str(out),
    )
    assert result.exit_code == 2
    assert f"{vorige}, rij 3, veld 'gemeentecode'" in result.stderr
    assert not out.exists()


def test_stored_periods_carry_over_into_supervision(engine: Engine, tmp_path: Path) -> None:
    assert run("taakstelling", "vaststellen", "-p", "2026-1", "-t", "16500", "-f", "json").exit_code == 0
    realisatie = tmp_path / "r.csv"
    realisatie.write_text(
        "gemeentecode,maand,gehuisvest\nGM0344,2026-03,100\nGM0344,2026-05,50\n", encoding="utf-8"
    )
    assert run("taakstelling", "importeer", "realisatie", str(realisatie)).exit_code == 0
    toezicht = run("taakstelling", "toezicht", "-p", "2026-1", "--provincie", "Utrecht", "-f", "json")
    assert toezicht.exit_code == 0, toezicht.output
    rows = {row["gemeentecode"]: row for row in json.loads(toezicht.stdout)}
    assert len(rows) == 26 and rows["GM0344"]["gerealiseerd"] == 150
    arrears = rows["GM0344"]["achterstand_nu"]
    volgende = run("taakstelling", "vaststellen", "-p", "2026-2", "-t", "10000", "-f", "json")
    assert volgende.exit_code == 0, volgende.output
    nieuw = {row["gemeentecode"]: row for row in json.loads(volgende.stdout)}
    assert nieuw["GM0344"]["achterstand"] == arrears
    assert nieuw["GM0344"]["gecorrigeerde_taakstelling"] == nieuw["GM0344"]["taakstelling"] + arrears


def test_store_must_be_migrated_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DOORSTROOM_DATABASE_URL", f"sqlite:///{tmp_path / 'leeg.db'}")
    from doorstroom.platform.settings import get_settings

    get_settings.cache_clear()
    result = run("taakstelling", "toezicht", "-p", "2026-1")
    assert result.exit_code == 2 and "doorstroom db upgrade" in result.stderr
    assert run("db", "upgrade").exit_code == 0
    result = run("taakstelling", "toezicht", "-p", "2026-1")
    assert result.exit_code == 2 and "niet vastgesteld" in result.stderr  # NotFound: the user's input


def test_invalid_import_stores_nothing(engine: Engine, tmp_path: Path) -> None:
    bad = tmp_path / "r.csv"
    bad.write_text("gemeentecode,maand,gehuisvest\nGM0344,2026-01,5\nGM0344,2026-02,-1\n", encoding="utf-8")
    result = run("taakstelling", "importeer", "realisatie", str(bad))
    assert result.exit_code == 2 and "rij 3" in result.stderr
    from sqlalchemy import func, select

    from doorstroom.taakstelling.models import RealisatieRecord

    with engine.connect() as connection:
        assert connection.execute(select(func.count()).select_from(RealisatieRecord)).scalar_one() == 0


def test_koppelingen_are_audited_on_write_and_read(engine: Engine, tmp_path: Path) -> None:
    from doorstroom.platform import audit
    from doorstroom.platform.db import transaction

    koppelingen = tmp_path / "k.csv"
    koppelingen.write_text(
        "gemeentecode,huishouden_ref,personen,koppeldatum\nGM0344,H-1,4,2026-01-02\nGM0344,H-2,1,2026-02-02\n",
        encoding="utf-8",
    )
    assert run("taakstelling", "importeer", "koppelingen", str(koppelingen)).exit_code == 0
    assert run("taakstelling", "vaststellen", "-p", "2026-1", "-t", "100", "-f", "csv").exit_code == 0
    assert run("taakstelling", "toezicht", "-p", "2026-1", "-f", "csv").exit_code == 0
    with transaction(engine) as session:
        lines = [(line.action, line.aantal, line.actor.startswith("os:")) for line in audit.trail(session)]
    assert lines[0] == ("write", 2, True)
    assert ("read", 2, True) in lines[1:]
