"""Finding the table in a user's workbook: which sheet, which header row, which rows are data.

Users hand in workbooks whose first sheet is a cover note, whose header sits under a title, or that
Doorstroom itself wrote (Dutch labels, title block, totals row). The rule: the sheet named by
``--blad``; otherwise the first sheet whose header holds the required columns. A Doorstroom workbook
says in its hidden ``_velden`` sheet where each header is, which row holds totals, and which field
each Dutch label stands for. Every problem names the file and the sheet.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from doorstroom.files.workbook import VELDEN_BLAD
from doorstroom.platform.errors import InputError, Problem
from doorstroom.values.number_text import Number
from doorstroom.values.suggest import closest

HEADER_SEARCH_ROWS = 20  # a header under a title block is found within this many rows

Records = Iterator[tuple[int, list[str], dict[str, Number]]]


@dataclass(frozen=True)
class Layout:
    """Where a Doorstroom workbook put a sheet's header and totals, and its labels' field names."""

    header_line: int
    totals_line: int | None = None
    fields: dict[str, str] = field(default_factory=dict)


@dataclass
class SheetTable:
    """The table found in one sheet."""

    label: str
    header: list[str]
    header_line: int
    records: Records


@contextmanager
def open_workbook(path: Path) -> Iterator[Any]:
    """The workbook at ``path`` (read-only, values not formulas); a damaged file is an input error."""
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many types for a damaged file
        raise InputError(
            Problem(f"onleesbaar XLSX-bestand ({type(error).__name__})", file=str(path))
        ) from None
    try:
        yield workbook
    finally:
        workbook.close()


def sheet_table(workbook: Any, path: Path, required: Sequence[str], sheet: str | None) -> SheetTable:
    """The table of the named sheet, or of the first sheet with the required header."""
    layouts = _layouts(workbook, path)
    names = [name for name in workbook.sheetnames if name != VELDEN_BLAD]
    if sheet is not None:
        if sheet not in names:
            options = ", ".join(f"'{name}'" for name in closest(sheet, names))
            message = f"werkblad '{sheet}' bestaat niet; werkbladen: {options}"
            raise InputError(Problem(message, file=str(path), field="blad"))
        return _required(_table(workbook[sheet], path, required, layouts.get(sheet), strict=True))
    if not names:
        raise InputError(Problem("werkmap heeft geen werkbladen", file=str(path)))
    for name in names:
        found = _table(workbook[name], path, required, layouts.get(name), strict=False)
        if found is not None:
            return found
    if len(names) == 1:
        return _required(_table(workbook[names[0]], path, required, layouts.get(names[0]), strict=True))
    wanted = ", ".join(required)
    sheets = ", ".join(f"'{name}'" for name in names)
    raise InputError(
        Problem(
            f"geen werkblad met de kolommen {wanted}; werkbladen: {sheets} (kies het werkblad)",
            file=str(path),
        )
    )


def _required(table: SheetTable | None) -> SheetTable:
    assert table is not None  # strict lookups raise instead of returning None
    return table


def _label(path: Path, title: str) -> str:
    return f"{path}, werkblad '{title}'"


def _table(
    sheet: Any, path: Path, required: Sequence[str], layout: Layout | None, *, strict: bool
) -> SheetTable | None:
    label = _label(path, sheet.title)
    head = _find_header(sheet, label, required, layout)
    if head is None:
        if not strict:
            return None
        first = _first_row(sheet, label)
        if first is None:
            raise InputError(Problem("werkblad is leeg", file=label))
        head = first
    line, header = head
    records = _records(sheet, label, header, line, layout or Layout(line))
    return SheetTable(label, header, line, records)


def _find_header(
    sheet: Any, label: str, required: Sequence[str], layout: Layout | None
) -> tuple[int, list[str]] | None:
    for line, values in _rows(sheet, label, 1, HEADER_SEARCH_ROWS):
        if layout is not None and line != layout.header_line:
            continue
        header = _header(values, layout)
        if any(header) and all(column in header for column in required):
            return line, header
    return None


def _first_row(sheet: Any, label: str) -> tuple[int, list[str]] | None:
    for line, values in _rows(sheet, label, 1, HEADER_SEARCH_ROWS):
        if any(value.strip() for value in values):
            return line, _header(values, None)
    return None


def _header(values: list[str], layout: Layout | None) -> list[str]:
    header = [value.strip() for value in values]
    if layout is not None:
        header = [layout.fields.get(column, column) for column in header]
    while header and not header[-1]:
        header.pop()
    return header


def _records(sheet: Any, label: str, header: list[str], header_line: int, layout: Layout) -> Records:
    for line, cells in _cells(sheet, label, header_line + 1, None):
        if line == layout.totals_line:
            continue
        numbers = {
            name: cell
            for name, cell in zip(header, cells, strict=False)
            if isinstance(cell, int | float) and not isinstance(cell, bool)
        }
        yield line, [_cell_text(cell) for cell in cells], numbers


def _rows(sheet: Any, label: str, first: int, last: int | None) -> Iterator[tuple[int, list[str]]]:
    for line, cells in _cells(sheet, label, first, last):
        yield line, [_cell_text(cell) for cell in cells]


def _cells(sheet: Any, label: str, first: int, last: int | None) -> Iterator[tuple[int, tuple[object, ...]]]:
    """Rows of cell values with their spreadsheet row numbers; a damaged sheet is an input error."""
    cells = sheet.iter_rows(min_row=first, max_row=last, values_only=True)
    line = first - 1
    while True:
        line += 1
        try:
            values = next(cells, None)
        except Exception as error:  # damaged sheet XML (ParseError) or a badly typed cell (ValueError)
            raise InputError(Problem(f"onleesbare rij: {_damage(error)}", label, line)) from None
        if values is None:
            return
        yield line, values


def _damage(error: Exception) -> str:
    """What is wrong, without quoting the cell (it may hold personal data)."""
    if isinstance(error, ValueError):
        return "een cel heeft een waarde die niet bij haar celtype past (tekst in een getalcel?)"
    return f"beschadigde werkbladgegevens ({type(error).__name__}); sla het bestand opnieuw op in Excel"


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _layouts(workbook: Any, path: Path) -> dict[str, Layout]:
    """The ``_velden`` sheet of a Doorstroom workbook: per sheet its header, totals and fields."""
    if VELDEN_BLAD not in workbook.sheetnames:
        return {}
    layouts: dict[str, Layout] = {}
    for _, cells in _cells(workbook[VELDEN_BLAD], _label(path, VELDEN_BLAD), 2, None):
        name, header_line, totals_line, label, veld = (list(cells) + [None] * 5)[:5]
        if not isinstance(name, str) or not isinstance(header_line, int):
            continue
        layout = layouts.setdefault(
            name, Layout(header_line, totals_line if isinstance(totals_line, int) else None)
        )
        if isinstance(label, str) and isinstance(veld, str):
            layout.fields[label] = veld
    return layouts
