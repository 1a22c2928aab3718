"""Exit codes and error messages: one convention, and no personal data in what the user or the log sees."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from sqlalchemy.exc import IntegrityError

from doorstroom.cli.exit_codes import EXIT_INTERN, EXIT_INVOER, EXIT_ONDERBROKEN
from doorstroom.platform.settings import get_settings
from doorstroom.taakstelling import importeren
from tests.cli_helpers import run

SECRET = "H-GEHEIM-7"


def _driver_error(*_: object, **__: object) -> int:
    """What psycopg/sqlite3 raise on a duplicate: the statement, the row values, the key."""
    raise IntegrityError(
        "INSERT INTO taakstelling_koppeling (huishouden_ref) VALUES (%(ref)s)",
        {"ref": SECRET},
        Exception(f"duplicate key value violates unique constraint: Key (huishouden_ref)=({SECRET})"),
    )


@pytest.fixture
def koppelingen(tmp_path: Path) -> Path:
    path = tmp_path / "k.csv"
    path.write_text(f"gemeentecode,huishouden_ref,personen,koppeldatum\nGM0344,{SECRET},4,2026-01-02\n")
    assert run("db", "upgrade").exit_code == 0
    return path


def test_a_driver_error_quoting_a_row_reaches_neither_user_nor_log(
    koppelingen: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(importeren, "importeer_koppelingen", _driver_error)
    result = run("taakstelling", "importeer", "koppelingen", str(koppelingen))
    assert result.exit_code == EXIT_INTERN
    assert SECRET not in result.output and "Traceback" not in result.output
    assert "interne fout (IntegrityError)" in result.stderr and "referentie F-" in result.stderr
    reference = result.stderr.split("referentie ")[1].split()[0]
    log = get_settings().data_dir / "logboek" / "fouten.log"
    text = log.read_text(encoding="utf-8")
    assert reference in text and "IntegrityError" in text and "_driver_error" in text
    assert SECRET not in text
    assert stat.S_IMODE(log.stat().st_mode) == 0o600
    assert stat.S_IMODE(log.parent.stat().st_mode) == 0o700


def test_debug_setting_shows_the_real_exception_to_developers(
    koppelingen: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(importeren, "importeer_koppelingen", _driver_error)
    monkeypatch.setenv("DOORSTROOM_DEBUG", "1")
    result = run("taakstelling", "importeer", "koppelingen", str(koppelingen))
    assert isinstance(result.exception, IntegrityError)


def test_interrupt_exits_130_and_says_nothing_was_half_stored(
    koppelingen: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(*_: object) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(importeren, "importeer_koppelingen", interrupted)
    result = run("taakstelling", "importeer", "koppelingen", str(koppelingen))
    assert result.exit_code == EXIT_ONDERBROKEN and "afgebroken" in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ("taakstelling", "toezicht", "-p", "2026-1"),  # a period never fixed: NotFound
        ("koppeling", "toon", "5"),  # an unknown run: NotFound
        ("taakstelling", "bereken", "-p", "2026-1", "-t", "1.234,5"),  # not a whole number
        ("taakstelling", "bereken", "-p", "2026-1", "-t", "10", "--onbekend"),  # usage
    ],
)
def test_the_users_input_and_usage_exit_2(args: tuple[str, ...]) -> None:
    assert run("db", "upgrade").exit_code == 0
    result = run(*args)
    assert result.exit_code == EXIT_INVOER, result.output
    assert "Traceback" not in result.output


def test_a_wrong_sheet_lists_the_sheets(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Realisatie"
    sheet.append(["gemeentecode", "maand", "gehuisvest"])
    sheet.append(["GM0344", "2026-01", 3])
    path = tmp_path / "r.xlsx"
    book.save(path)
    result = run(
        "taakstelling", "bereken", "-p", "2026-1", "-t", "100", "--realisatie", str(path), "--blad", "Blad9"
    )
    assert result.exit_code == EXIT_INVOER
    assert "werkblad 'Blad9' bestaat niet" in result.stderr and "'Realisatie'" in result.stderr
    good = run(
        "taakstelling", "bereken", "-p", "2026-1", "-t", "100", "--realisatie", str(path),
        "--blad", "Realisatie", "-f", "json",
    )  # fmt: skip
    assert good.exit_code == 0, good.output


@pytest.mark.parametrize(
    ("args", "name", "content", "fragment"),
    [
        (
            ("taakstelling", "bereken", "-p", "2026-1", "-t", "100", "--realisatie"),
            "r.csv",
            "gemeentecode,maand,gehuisvest\nGM١٢٣٤,2026-01,3\n",
            "geen CBS-gemeentecode",
        ),
        (
            ("gemeenten", "vergelijk"),
            "g.csv",
            "gemeentecode,gemeentenaam,provincie,inwoners\n²,Utrecht,Utrecht,5\n",
            "geen CBS-gemeentecode",
        ),
        (
            ("koppeling", "advies", "--huishoudens"),
            "h.csv",
            "huishouden_id,volwassenen,kinderen,opleidingen,sectoren,opvang_gemeente\nH1,1,0,hoger,zorg,²\n",
            "onbekende gemeente '²'",
        ),
    ],
)
def test_unicode_digits_are_no_codes(
    tmp_path: Path, args: tuple[str, ...], name: str, content: str, fragment: str
) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    result = run(*args, str(path))
    assert result.exit_code == EXIT_INVOER, result.output
    assert fragment in result.stderr and "rij 2" in result.stderr
