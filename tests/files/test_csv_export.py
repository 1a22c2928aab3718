"""CSV in both dialects: what Dutch Excel opens as columns, and what programs read; both read back."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest

from doorstroom.files.csv_export import CsvStijl, records_to_csv, voorkeur, write_csv
from doorstroom.files.tabular import read_table
from doorstroom.platform.settings import get_settings
from doorstroom.values.domains import GEWICHT, PERSONEN

RECORDS = [
    {"gemeentecode": "GM0344", "naam": "Súdwest-Fryslân", "personen": 16500, "score": 184.5,
     "klein": 0.034, "actief": True, "datum": date(2026, 7, 1), "leeg": None},
    {"gemeentecode": "GM0363", "naam": "=HYPERLINK(\"http://x\")", "personen": 0, "score": -1.25,
     "klein": 1e-7, "actief": False, "datum": date(2026, 1, 1), "leeg": None},
]  # fmt: skip
COLUMNS = list(RECORDS[0])


def test_nl_is_semicolons_decimal_commas_bom_and_ja_nee(tmp_path: Path) -> None:
    path = tmp_path / "nl.csv"
    write_csv(path, RECORDS, COLUMNS, CsvStijl.nl)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfgemeentecode;naam;") and b"\r\n" in raw
    first = raw.decode("utf-8-sig").splitlines()[1]
    assert first == "GM0344;Súdwest-Fryslân;16500;184,5;0,034;ja;2026-07-01;"


def test_standaard_is_rfc4180_with_decimal_points(tmp_path: Path) -> None:
    path = tmp_path / "std.csv"
    write_csv(path, RECORDS, COLUMNS, CsvStijl.standaard)
    raw = path.read_bytes()
    assert raw.startswith(b"gemeentecode,naam,") and raw.count(b"\r\n") == 3
    rows = list(csv.DictReader(raw.decode("utf-8").splitlines()))
    assert rows[0]["score"] == "184.5" and rows[0]["actief"] == "true" and rows[1]["klein"] == "1e-07"


@pytest.mark.parametrize("stijl", list(CsvStijl))
def test_user_text_never_becomes_a_formula(tmp_path: Path, stijl: CsvStijl) -> None:
    text = records_to_csv(RECORDS, COLUMNS, stijl)
    assert "'=HYPERLINK" in text and "\n=" not in text and ";=" not in text and ",=" not in text
    assert ";-1,25;" in text or ",-1.25," in text  # numbers are never guarded


@pytest.mark.parametrize("stijl", list(CsvStijl))
def test_round_trip_through_our_own_reader(tmp_path: Path, stijl: CsvStijl) -> None:
    path = tmp_path / f"{stijl}.csv"
    write_csv(path, RECORDS, COLUMNS, stijl)
    first, second = read_table(path)
    assert first.text("naam") == "Súdwest-Fryslân"
    assert second.text("naam") == '=HYPERLINK("http://x")'  # the guard is undone on reading
    assert first.integer("personen", domain=PERSONEN) == 16500
    assert first.number("score", domain=GEWICHT) == 184.5
    assert second.number("klein", domain=GEWICHT) == pytest.approx(1e-7)
    assert first.number("klein", domain=GEWICHT) == pytest.approx(0.034)


def test_default_is_nl_in_files_and_standaard_on_stdout(tmp_path: Path) -> None:
    path = tmp_path / "uit.csv"
    write_csv(path, RECORDS, COLUMNS)
    assert path.read_bytes().startswith(b"\xef\xbb\xbfgemeentecode;")
    assert records_to_csv(RECORDS, COLUMNS).startswith("gemeentecode,naam")


def test_setting_and_option_choose_the_dialect(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DOORSTROOM_CSV_STIJL", "nl")
    get_settings.cache_clear()
    assert records_to_csv(RECORDS, COLUMNS).startswith("gemeentecode;naam")
    token = voorkeur.set(CsvStijl.standaard)
    try:
        assert records_to_csv(RECORDS, COLUMNS).startswith("gemeentecode,naam")
    finally:
        voorkeur.reset(token)
