"""Reading users' CSV/XLSX files and writing exports atomically."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from doorstroom.domains import GEWICHT, PERSONEN
from doorstroom.errors import InputError
from doorstroom.tabular import atomic_write, iter_table, parse_each, parse_rows, read_table, write_xlsx


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
        ("latin.csv", "a\nCaf\xe9\n".encode("latin-1"), "UTF-8"),
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
