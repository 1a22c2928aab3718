"""Reading users' CSV/XLSX files and writing exports atomically."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import Workbook

from doorstroom.files.rijfouten import op_rij, velden
from doorstroom.files.tabular import (
    Row,
    atomic_write,
    blad_voorkeur,
    iter_table,
    parse_each,
    parse_rows,
    read_table,
    write_xlsx,
)
from doorstroom.platform.errors import InputError, Problem
from doorstroom.reference.io import load_gemeenten
from doorstroom.values.domains import GEWICHT, PERSONEN


def test_xlsx_rows_keep_spreadsheet_row_numbers(tmp_path: Path) -> None:
    path = tmp_path / "r.xlsx"
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["gemeentecode", "gehuisvest"])
    sheet.append(["GM0344", 12])
    sheet.append([None, None])
    sheet.append(["GM0363", "twaalf"])
    workbook.save(path)
    rows = read_table(path, required=["gemeentecode"])
    assert [row.line for row in rows] == [2, 4]
    with pytest.raises(InputError) as info:
        parse_rows(rows, lambda row: row.integer("gehuisvest", domain=PERSONEN))
    assert [(p.row, p.field) for p in info.value.problems] == [(4, "gehuisvest")]


def test_decimal_comma_and_bom(tmp_path: Path) -> None:
    path = tmp_path / "d.csv"
    path.write_bytes("\ufeffa;b\n1,5;2\n".encode())
    [row] = read_table(path)
    assert row.number("a", domain=GEWICHT) == 1.5 and row.integer("b", domain=PERSONEN) == 2


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("leeg.csv", b"", "leeg"),
        ("onleesbaar.csv", b"a\nCaf\x81\n", "UTF-8 of Windows-1252"),
        ("kapot.xlsx", b"not a zip", "XLSX"),
        ("x.txt", b"a\n1\n", "bestandstype"),
        ("breed.csv", b"a,b\n1,2,3\n", "velden"),
    ],
)
def test_unreadable_files_are_input_errors(tmp_path: Path, name: str, content: bytes, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError, match=message):
        read_table(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="niet gevonden"):
        read_table(tmp_path / "weg.csv")


def test_failed_write_leaves_the_old_file_untouched(tmp_path: Path) -> None:
    target = tmp_path / "uit.csv"
    target.write_text("oud\n")
    with pytest.raises(RuntimeError), atomic_write(target, "w") as handle:
        handle.write("half")
        raise RuntimeError("stroomstoring")
    assert target.read_text() == "oud\n"
    assert list(tmp_path.iterdir()) == [target]


def test_xlsx_export_round_trips(tmp_path: Path) -> None:
    path = tmp_path / "uit.xlsx"
    write_xlsx(path, {"blad": ([{"a": 1, "b": "x"}], ["a", "b"])})
    [row] = read_table(path)
    assert row.values == {"a": "1", "b": "x"}


def test_exports_get_ordinary_permissions(tmp_path: Path) -> None:
    import os

    target = tmp_path / "uit.csv"
    with atomic_write(target, "w") as handle:
        handle.write("a\n")
    mask = os.umask(0o022)
    os.umask(mask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~mask


def test_streaming_reads_a_large_file_row_by_row(tmp_path: Path) -> None:
    path = tmp_path / "groot.csv"
    with path.open("w", encoding="utf-8") as handle:
        handle.write("gemeentecode,gehuisvest\n")
        handle.writelines(f"GM{i % 10000:04d},{i % 7}\n" for i in range(200_000))
    rows = iter_table(path, required=["gemeentecode"])
    first = next(rows)
    assert (first.line, first.values["gemeentecode"]) == (2, "GM0000")
    assert sum(1 for _ in rows) == 199_999


def test_streamed_wide_rows_are_row_problems(tmp_path: Path) -> None:
    path = tmp_path / "breed.csv"
    path.write_text("a,b\n1,2\n1,2,3\n4,5\n", encoding="utf-8")
    parsed, problems = parse_each(iter_table(path), lambda row: row.text("a"))
    assert [value for _, value in parsed] == ["1", "4"]
    assert [(p.row, p.message) for p in problems] == [(3, "3 velden, kop heeft er 2")]


def test_damaged_sheet_xml_names_the_sheet(tmp_path: Path) -> None:
    import zipfile

    good = tmp_path / "goed.xlsx"
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Realisatie"
    sheet.append(["gemeentecode", "gehuisvest"])
    sheet.append(["GM0344", 12])
    workbook.save(good)
    broken = tmp_path / "kapot.xlsx"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(broken, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename.endswith("sheet1.xml"):
                data = data[: len(data) // 2]
            target.writestr(item, data)
    with pytest.raises(InputError, match="Realisatie"):
        read_table(broken)


# --- the Dutch dialect, encodings, and sheets (issue 10) -----------------------------------------


def test_excel_cp1252_semicolon_file_with_decimal_commas(tmp_path: Path) -> None:
    """What Dutch Excel saves as "CSV (gescheiden door lijstscheidingsteken)": cp1252, ';', ','."""
    path = tmp_path / "gemeenten.csv"
    path.write_bytes(
        "gemeentecode;gemeentenaam;provincie;inwoners;latitude;longitude\r\n"
        "GM1900;Súdwest-Fryslân;Fryslân;92.012;53,03;5,66\r\n".encode("cp1252")
    )
    [gemeente] = load_gemeenten(path)
    assert (gemeente.naam, gemeente.provincie, gemeente.inwoners) == ("Súdwest-Fryslân", "Fryslân", 92012)
    assert (gemeente.latitude, gemeente.longitude) == (53.03, 5.66)


@pytest.mark.parametrize(
    ("content", "value"),
    [
        ("a;b\n1.234;x\n", 1234.0),  # semicolon file: the Dutch dialect, the dot groups thousands
        ("a,b\n1.234,x\n", 1.234),  # comma file: the program dialect, a decimal point
        ("a\tb\n1,5\tx\n", 1.5),  # tab-separated (Excel's "Unicode text" saved as UTF-8)
        ("\ufeffa;b\n1.234,5;x\n", 1234.5),
    ],
)
def test_the_dialect_of_the_file_settles_the_ambiguous_dot(
    tmp_path: Path, content: str, value: float
) -> None:
    path = tmp_path / "d.csv"
    path.write_text(content, encoding="utf-8")
    [row] = read_table(path)
    assert row.number("a", domain=GEWICHT) == value and row.values["b"] == "x"


def _workbook(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    workbook = Workbook()
    workbook.remove(workbook.worksheets[0])
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    workbook.save(path)
    return path


def test_the_first_sheet_with_the_expected_header_is_read(tmp_path: Path) -> None:
    path = _workbook(
        tmp_path / "r.xlsx",
        {
            "Voorblad": [["Realisatie gemeente Utrecht"], ["Opgesteld door de afdeling Wonen"]],
            "Gegevens": [["Realisatie 2026"], [], ["gemeentecode", "gehuisvest"], ["GM0344", 1.234]],
        },
    )
    [row] = read_table(path, required=["gemeentecode", "gehuisvest"])
    assert row.line == 4 and row.file.endswith("werkblad 'Gegevens'")
    assert row.number("gehuisvest", domain=GEWICHT) == 1.234  # a numeric cell is a number, not text


def test_no_sheet_with_the_header_names_every_sheet(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "r.xlsx", {"Voorblad": [["x"]], "Data": [["code", "n"], ["a", 1]]})
    with pytest.raises(InputError, match=r"werkbladen: 'Voorblad', 'Data' \(kies het werkblad\)"):
        read_table(path, required=["gemeentecode"])


def test_a_named_sheet_is_read_and_its_problems_name_it(tmp_path: Path) -> None:
    path = _workbook(
        tmp_path / "r.xlsx", {"Oud": [["gemeentecode", "gehuisvest"], ["GM0344", 1]], "Nieuw": [["x"]]}
    )
    with pytest.raises(InputError) as raised:
        read_table(path, required=["gemeentecode"], sheet="Nieuw")
    assert str(raised.value).startswith(f"{path}, werkblad 'Nieuw', rij 1, veld 'gemeentecode'")
    with pytest.raises(InputError, match="werkblad 'Niew' bestaat niet; werkbladen: 'Nieuw'"):
        read_table(path, sheet="Niew")
    token = blad_voorkeur.set("Oud")
    try:
        assert [row.values["gemeentecode"] for row in read_table(path)] == ["GM0344"]
    finally:
        blad_voorkeur.reset(token)


def _rewrite_sheet(good: Path, broken: Path, change: Callable[[bytes], bytes]) -> Path:
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(broken, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            target.writestr(item, change(data) if item.filename.endswith("sheet1.xml") else data)
    return broken


def test_text_in_a_numeric_cell_names_file_sheet_and_row(tmp_path: Path) -> None:
    good = _workbook(tmp_path / "goed.xlsx", {"Realisatie": [["gemeentecode", "gehuisvest"], ["GM0344", 12]]})
    broken = _rewrite_sheet(
        good, tmp_path / "kapot.xlsx", lambda xml: xml.replace(b"<v>12</v>", b"<v>twaalf</v>")
    )
    with pytest.raises(InputError) as raised:
        read_table(broken)
    [problem] = raised.value.problems
    assert (problem.file, problem.row) == (f"{broken}, werkblad 'Realisatie'", 2)
    assert "tekst in een getalcel" in problem.message and "twaalf" not in problem.message


def test_an_unreadable_sheet_is_an_input_error_not_a_traceback(tmp_path: Path) -> None:
    good = _workbook(tmp_path / "goed.xlsx", {"Blad": [["a"], [1]]})
    broken = _rewrite_sheet(
        good, tmp_path / "kapot.xlsx", lambda xml: xml.replace(b"<sheetData>", b"<sheetData><row")
    )
    with pytest.raises(InputError, match="werkblad 'Blad'"):
        read_table(broken)


# --- UTF-16: Excel's "Unicode-tekst" (issue 19, item 5j) ----------------------------------------

UNICODE_TEKST = (
    "gemeentecode\tgemeentenaam\tprovincie\tinwoners\tlatitude\tlongitude\r\n"
    "GM1900\tSúdwest-Fryslân\tFryslân\t92012\t53,03\t5,66\r\n"
    "GM0344\tUtrecht\tUtrecht\t361924\t52,09\t5,12\r\n"
)


@pytest.mark.parametrize("codering", ["utf-16-le", "utf-16-be"])
def test_excels_unicode_text_is_read_as_utf16_with_its_bom(tmp_path: Path, codering: str) -> None:
    """Excel's "Unicode-tekst (*.txt)" is UTF-16 (little-endian on Windows) with a BOM and tabs; it was
    read as Windows-1252, so its header looked like 'ÿþg\\x00e\\x00...' and every column was 'missing'."""
    bom = "\ufeff".encode(codering)
    path = tmp_path / "gemeenten.csv"
    path.write_bytes(bom + UNICODE_TEKST.encode(codering))
    eerste, tweede = load_gemeenten(path)
    assert (eerste.naam, eerste.provincie, eerste.inwoners, eerste.latitude) == (
        "Súdwest-Fryslân",
        "Fryslân",
        92012,
        53.03,
    )
    assert tweede.code == "GM0344"


def test_undecodable_utf16_names_file_and_row(tmp_path: Path) -> None:
    """A lone surrogate (half a character) in row 3 is an encoding error at row 3, not missing columns."""
    kop, rij2, _ = UNICODE_TEKST.splitlines(keepends=True)
    kapot = "\ufeff".encode("utf-16-le") + (kop + rij2).encode("utf-16-le")
    kapot += "GM0344\tUtr".encode("utf-16-le") + b"\x00\xd8" + "echt\r\n".encode("utf-16-le")
    path = tmp_path / "kapot.csv"
    path.write_bytes(kapot)
    with pytest.raises(InputError) as fout:
        read_table(path, required=["gemeentecode"])
    probleem = fout.value.problems[0]
    assert (probleem.file, probleem.row) == (str(path), 3)
    assert "UTF-16" in probleem.message and "ontbreek" not in probleem.message


def test_utf16_without_a_bom_is_an_encoding_error_not_missing_columns(tmp_path: Path) -> None:
    path = tmp_path / "zonder_bom.csv"
    path.write_bytes(UNICODE_TEKST.encode("utf-16-le"))
    with pytest.raises(InputError) as fout:
        read_table(path, required=["gemeentecode"])
    probleem = fout.value.problems[0]
    assert probleem.file == str(path) and probleem.row == 1
    assert "UTF-16" in probleem.message and "ontbreek" not in probleem.message


def test_a_file_that_is_no_workbook_is_said_without_python_words(tmp_path: Path) -> None:
    """Issue 20: ``onleesbaar XLSX-bestand (BadZipFile)``."""
    path = tmp_path / "lijst.xlsx"
    path.write_text("gemeentecode,personen\nGM0344,4\n", encoding="utf-8")
    with pytest.raises(InputError) as raised:
        read_table(path, required=["gemeentecode"])
    assert (
        str(raised.value)
        == f"{path}: geen Excel-werkmap (XLSX): het bestand is beschadigd of van een ander soort"
    )


def test_a_check_after_reading_names_the_row_it_came_from() -> None:
    """Issue 20 item 7: a timeline check of an imported row reached the user as ``datum: ...``."""
    with pytest.raises(InputError) as raised, op_rij("r.csv", 5, "huisvestingsdatum"):
        raise InputError([Problem("verhuisdatum ligt voor de koppeldatum", field="datum"),
                          Problem("al geplaatst", "r.csv", 3, "vnummer")])  # fmt: skip
    geplaatst, gelaten = raised.value.problems
    assert (geplaatst.file, geplaatst.row, geplaatst.field) == ("r.csv", 5, "huisvestingsdatum")
    assert str(geplaatst) == "r.csv, rij 5, veld 'huisvestingsdatum': verhuisdatum ligt voor de koppeldatum"
    assert (gelaten.row, gelaten.field) == (3, "vnummer")


def test_every_wrong_cell_of_a_row_is_named_not_only_the_first() -> None:
    row = Row("k.csv", 4, {"personen": "veel", "naam": "", "plaats": "Zeist"})
    lezers = {
        "personen": lambda r: r.integer("personen", domain=PERSONEN),
        "naam": lambda r: r.text("naam"),
        "plaats": lambda r: r.text("plaats"),
    }
    with pytest.raises(InputError) as raised:
        velden(row, lezers)
    assert [(p.row, p.field) for p in raised.value.problems] == [(4, "personen"), (4, "naam")]
    assert velden(Row("k.csv", 5, {"plaats": "Zeist"}), {"plaats": lezers["plaats"]}) == {"plaats": "Zeist"}
