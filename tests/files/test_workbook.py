"""Workbooks to hand on, read back with openpyxl: title, labels, formats, frozen header, totals, text."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from doorstroom.files.tabular import read_table
from doorstroom.files.workbook import (
    TOELICHTING_BLAD,
    VELDEN_BLAD,
    Blad,
    Kolom,
    Kop,
    Regel,
    Soort,
    Werkboek,
    kolommen,
)
from doorstroom.files.workbook_writing import write_workbook, write_xlsx
from doorstroom.values.domains import PERSONEN

KOLOMMEN = (
    Kolom("gemeentecode", "Gemeentecode", uitleg="CBS-code."),
    Kolom("naam", "Gemeente", uitleg="Naam."),
    Kolom("taakstelling", "Taakstelling", Soort.personen, "Te huisvesten personen.", som=True),
    Kolom("percentage", "Gerealiseerd (%)", Soort.procent100, "Deel gerealiseerd."),
    Kolom("kans", "Kans", Soort.procent, "Kans op overschrijding."),
    Kolom("peildatum", "Peildatum", Soort.datum, "Datum."),
    Kolom("kosten", "Kosten", Soort.bedrag, "Euro.", som=True),
    Kolom("score", "Score", Soort.getal, "Score.", decimalen=3),
    Kolom("buiten_schuld", "Buiten schuld", Soort.janee, "ja of nee."),
)
RECORDS = [
    {"gemeentecode": "GM0344", "naam": "Utrecht", "taakstelling": 334.6, "percentage": 52.3, "kans": 0.25,
     "peildatum": "2026-04-01", "kosten": 1000.0, "score": 1.23456, "buiten_schuld": True},
    {"gemeentecode": "GM0363", "naam": '=HYPERLINK("http://evil","klik")', "taakstelling": 800,
     "percentage": 10.0, "kans": None, "peildatum": "2026-04-01", "kosten": 2500.0, "score": float("nan"),
     "buiten_schuld": False},
]  # fmt: skip
KOP = Kop(
    wat="Taakstelling huisvesting vergunninghouders",
    periode="2026-1",
    peildatum=date(2026, 4, 1),
    regel="grootste overschot",
    bron="CBS",
    markering="SYNTHETISCHE GEGEVENS",
)


@pytest.fixture
def book(tmp_path: Path) -> Path:
    path = tmp_path / "t.xlsx"
    regels = [Regel("Verdeling", "Naar rato van inwoners.", "Huisvestingswet 2014, art. 28–31")]
    write_workbook(path, Werkboek(KOP, [Blad("Taakstelling 2026-1", "", RECORDS, KOLOMMEN)], regels))
    return path


def _header_row(sheet: object) -> int:
    return next(row[0].row for row in sheet.iter_rows() if row[0].value == "Gemeentecode")  # type: ignore[attr-defined]


def test_title_block_names_what_period_date_rule_source_and_the_mark(book: Path) -> None:
    sheet = load_workbook(book)["Taakstelling 2026-1"]
    lines = [sheet.cell(row, 1).value for row in range(1, _header_row(sheet))]
    assert lines[0] == "Taakstelling huisvesting vergunninghouders" and sheet["A1"].font.b
    facts = lines[1]
    assert "Periode 2026-1" in facts and "peildatum 01-04-2026" in facts
    assert "regel: grootste overschot" in facts and "bron: CBS" in facts
    assert "SYNTHETISCHE GEGEVENS" in lines and any(str(line).startswith("Gemaakt op") for line in lines)


def test_labels_formats_frozen_header_filter_and_widths(book: Path) -> None:
    sheet = load_workbook(book)["Taakstelling 2026-1"]
    header = _header_row(sheet)
    labels = [cell.value for cell in sheet[header]]
    assert labels == [k.label for k in KOLOMMEN] and all(cell.font.b for cell in sheet[header])
    assert sheet.freeze_panes == f"B{header + 1}"  # wide table: header and first column stay
    assert sheet.auto_filter.ref == f"A{header}:I{header + 2}"
    data = sheet[header + 1]
    assert data[2].value == 335 and data[2].number_format == "#,##0"  # whole persons
    assert data[3].value == pytest.approx(0.523) and data[3].number_format == "0.0%"
    assert data[4].value == 0.25 and data[4].number_format == "0.0%"
    assert data[5].value == datetime(2026, 4, 1) and data[5].number_format == "dd-mm-yyyy"
    assert data[6].number_format == '"€" #,##0' and data[7].number_format == "#,##0.000"
    assert data[8].value == "ja"
    assert sheet.column_dimensions["B"].width >= len('=HYPERLINK("http://evil","klik")')
    assert sheet[header + 2][7].value is None  # NaN is an empty cell, not an error


def test_totals_row_sums_only_what_sums(book: Path) -> None:
    sheet = load_workbook(book)["Taakstelling 2026-1"]
    totals = sheet[_header_row(sheet) + 3]
    assert totals[0].value == "Totaal" and totals[0].font.b
    assert totals[2].value == 335 + 800 and totals[6].value == 3500.0
    assert totals[3].value is None and totals[4].value is None  # percentages do not add up


def test_user_text_stays_text(book: Path) -> None:
    sheet = load_workbook(book)["Taakstelling 2026-1"]
    cell = sheet.cell(_header_row(sheet) + 2, 2)
    assert cell.value == '=HYPERLINK("http://evil","klik")' and cell.data_type == "s"


def test_toelichting_explains_every_column_and_rule_and_is_marked(book: Path) -> None:
    workbook = load_workbook(book)
    assert workbook.sheetnames == ["Taakstelling 2026-1", TOELICHTING_BLAD, VELDEN_BLAD]
    assert workbook[VELDEN_BLAD].sheet_state == "hidden"
    values = [cell.value for row in workbook[TOELICHTING_BLAD].iter_rows() for cell in row if cell.value]
    for kolom in KOLOMMEN:
        assert kolom.uitleg in values and kolom.naam in values
    assert "Huisvestingswet 2014, art. 28–31" in values and "SYNTHETISCHE GEGEVENS" in values
    for name in ("Taakstelling 2026-1", TOELICHTING_BLAD):
        assert workbook[name].sheet_properties.tabColor.rgb.endswith("C00000")


def test_doorstroom_reads_its_own_workbook_back_by_field_name(book: Path) -> None:
    rows = read_table(book, required=["gemeentecode", "taakstelling"])
    assert [row.values["gemeentecode"] for row in rows] == ["GM0344", "GM0363"]  # no title, no totals
    assert rows[0].integer("taakstelling", domain=PERSONEN) == 335
    assert rows[1].text("naam") == '=HYPERLINK("http://evil","klik")'
    assert rows[0].file.endswith("werkblad 'Taakstelling 2026-1'")


def test_undescribed_columns_get_a_label_and_a_format(tmp_path: Path) -> None:
    records = [{"aantal_huishoudens": 3, "aandeel": 0.5, "datum": "2026-01-01", "naam": "x", "ok": True}]
    inferred = kolommen(records[0], records)
    assert [(k.label, k.soort) for k in inferred] == [
        ("Aantal huishoudens", Soort.geheel),
        ("Aandeel", Soort.getal),
        ("Datum", Soort.datum),
        ("Naam", Soort.tekst),
        ("Ok", Soort.janee),
    ]
    path = tmp_path / "x.xlsx"
    write_xlsx(path, {"Blad/met:tekens?": (records, list(records[0]))})
    assert load_workbook(path).sheetnames[0] == "Blad met tekens"


def test_sheet_names_stay_unique_as_excel_compares_them(tmp_path: Path) -> None:
    path = tmp_path / "x.xlsx"
    records = [{"naam": "a", "waarde": 1}]
    write_xlsx(path, {"toelichting": (records, ["naam", "waarde"]), "TOELICHTING": (records, ["naam"])})
    names = load_workbook(path).sheetnames
    assert names == ["toelichting", "TOELICHTING (2)", "Toelichting kolommen", VELDEN_BLAD]
    assert [row.values["naam"] for row in read_table(path, sheet="TOELICHTING (2)")] == ["a"]
