"""Reading the tables users keep in Excel: CSV in either dialect, and XLSX workbooks.

Every import in Doorstroom goes through :func:`iter_table` (streaming) or :func:`read_table`, so
every import reads files the same way and reports problems the same way: file (for a workbook with
the sheet), row (header is row 1 of a CSV; a workbook's rows as Excel numbers them) and field.
Parsing is all-or-nothing: :func:`parse_rows` collects every problem of every row and raises one
:class:`InputError`.

CSV: the encoding is UTF-8 (with or without BOM) or, when the bytes are not UTF-8, Windows-1252 —
what Dutch Excel's "CSV (gescheiden door lijstscheidingsteken)" writes; a file that starts with a
UTF-16 byte order mark is UTF-16 (Excel's "Unicode-tekst": UTF-16LE with BOM and tabs), and bytes
that are not text in it are an encoding error naming file and row; the delimiter is the one the
header uses (semicolon, comma or tab). A semicolon file is in the Dutch dialect (decimal comma),
a comma file in the program dialect (decimal point); numbers follow :mod:`doorstroom.values.number_text`.

XLSX: the sheet named by ``sheet`` (``--blad``), else the first sheet with the expected header; a
workbook Doorstroom wrote itself is read back through its hidden ``_velden`` sheet (Dutch labels to
field names, title rows and totals row skipped). Numeric cells are read as numbers, not as text.

Writing lives in :mod:`doorstroom.files.csv_export`, :mod:`doorstroom.files.workbook` and
:mod:`doorstroom.files.outfile`; their entry points are re-exported here for existing callers.
"""

from __future__ import annotations

import codecs
import csv
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, TypeVar

from doorstroom.files.csv_export import records_to_csv, unguarded, write_csv
from doorstroom.files.outfile import atomic_write, os_reason
from doorstroom.files.workbook_writing import write_xlsx
from doorstroom.platform.errors import InputError, Problem
from doorstroom.values.domains import BRON, Domain, TextLimit
from doorstroom.values.number_text import DECIMAL_COMMA, DECIMAL_POINT, Number, NumberTextError, parse_number
from doorstroom.values.record import Record

__all__ = [
    "Record",
    "Row",
    "atomic_write",
    "blad_voorkeur",
    "iter_table",
    "parse_each",
    "parse_rows",
    "read_table",
    "records_to_csv",
    "write_csv",
    "write_xlsx",
]

T = TypeVar("T")

SUPPORTED_SUFFIXES = (".csv", ".xlsx")
_ENCODING_PROBE = 1 << 20
blad_voorkeur: ContextVar[str | None] = ContextVar("blad", default=None)
"""The sheet a command's ``--blad`` names; :func:`iter_table` reads it when no sheet is given."""


@dataclass(frozen=True)
class Row:
    """One data row of a user's table, with typed accessors that report precise problems.

    ``file`` names the file as the user finds it: for a workbook, the file and its sheet.
    ``decimal`` is the file's number convention when it has one; ``numbers`` holds the cells a
    workbook stores as numbers, so they are never re-read from text.
    """

    file: str
    line: int
    values: Mapping[str, str]
    defect: str | None = None
    decimal: str | None = None
    numbers: Mapping[str, Number] = field(default_factory=dict)

    def problem(self, field: str | None, message: str) -> InputError:
        """An error located at this row and field."""
        return InputError(Problem(message, file=self.file, row=self.line, field=field))

    def text(self, field: str, *, required: bool = True, limit: TextLimit = BRON) -> str:
        """The stripped text of ``field``, within ``limit``; an empty required field is a problem."""
        value = self.values.get(field, "").strip()
        if required and not value:
            raise self.problem(field, "waarde ontbreekt")
        problem = limit.problem(value)
        if problem:
            raise self.problem(field, problem)
        return value

    def integer(
        self, field: str, *, domain: Domain, minimum: int | None = None, required: bool = True
    ) -> int:
        """A whole number in ``domain`` (``12``, ``12.0`` from Excel, ``1.234`` as a thousand)."""
        value = self._number(field, domain if domain.geheel else _whole(domain), required)
        return _check_minimum(self, field, int(value), minimum)

    def number(
        self,
        field: str,
        *,
        domain: Domain,
        minimum: float | None = None,
        maximum: float | None = None,
        required: bool = True,
    ) -> float:
        """A decimal number in ``domain``; a decimal comma as Dutch Excel writes it."""
        value = float(self._number(field, domain, required))
        if maximum is not None and value > maximum:
            raise self.problem(field, f"{value:g} is groter dan het maximum {maximum:g}")
        return _check_minimum(self, field, value, minimum)

    def _number(self, field: str, domain: Domain, required: bool) -> Number:
        if field in self.numbers:
            return self._in_domain(field, self.numbers[field], domain)
        raw = self.text(field, required=required)
        if not raw:
            return 0
        try:
            return parse_number(raw, domain, decimal=self.decimal)
        except NumberTextError as error:
            raise self.problem(field, str(error)) from None

    def _in_domain(self, field: str, value: Number, domain: Domain) -> Number:
        problem = domain.problem(value)
        if problem:
            raise self.problem(field, problem)
        return value


def _whole(domain: Domain) -> Domain:
    return Domain(domain.omschrijving, domain.minimum, domain.maximum, geheel=True)


def _check_minimum(row: Row, field: str, value: T, minimum: float | None) -> T:
    if minimum is not None and value < minimum:  # type: ignore[operator]
        raise row.problem(field, f"{value} is kleiner dan het minimum {minimum}")
    return value


def read_table(path: Path | str, *, required: Sequence[str] = (), sheet: str | None = None) -> list[Row]:
    """Read a whole CSV or XLSX file into rows; every malformed row is reported before any parsing.

    For files too large to hold as rows in memory, stream them with :func:`iter_table`.
    """
    rows = list(iter_table(path, required=required, sheet=sheet))
    defects = [Problem(row.defect, row.file, row.line) for row in rows if row.defect]
    if defects:
        raise InputError(defects)
    return rows


def iter_table(path: Path | str, *, required: Sequence[str] = (), sheet: str | None = None) -> Iterator[Row]:
    """Stream the data rows of a CSV or XLSX file, one at a time, in file order.

    Memory stays bounded by one row whatever the file's size. The header is checked before the first
    row; a row with more fields than the header carries a ``defect`` that :func:`parse_each`
    reports like any other row problem. An unreadable file raises :class:`InputError`.
    """
    path = _checked_path(Path(path))
    opener = _xlsx_table if path.suffix.lower() == ".xlsx" else _csv_table
    with opener(path, required, sheet or blad_voorkeur.get()) as table:
        _check_header(table, required)
        width = len(table.header)
        for number, values, numbers in table.records:
            if not any(value.strip() for value in values):
                continue
            yield Row(
                table.label,
                number,
                dict(zip(table.header, values[:width], strict=False)),
                _width_defect(values, width),
                table.decimal,
                numbers,
            )


def _checked_path(path: Path) -> Path:
    if path.exists() and not path.is_file():
        raise InputError(Problem("is geen gewoon bestand (een map of pijp?)", file=str(path)))
    if not path.is_file():
        raise InputError(Problem("bestand niet gevonden", file=str(path)))
    if path.suffix.lower() not in SUPPORTED_SUFFIXES:
        raise InputError(
            Problem(f"onbekend bestandstype '{path.suffix.lower()}' (csv of xlsx)", file=str(path))
        )
    return path


def _width_defect(values: Sequence[str], width: int) -> str | None:
    if len(values) > width and any(value.strip() for value in values[width:]):
        return f"{len(values)} velden, kop heeft er {width}"
    return None


def _check_header(table: _Table, required: Sequence[str]) -> None:
    header, label, line = table.header, table.label, table.header_line
    missing = [column for column in required if column not in header]
    problems = [Problem("kolom ontbreekt", file=label, row=line, field=column) for column in missing]
    duplicates = sorted({column for column in header if column and header.count(column) > 1})
    problems += [Problem("kolom komt dubbel voor", label, line, column) for column in duplicates]
    if problems:
        raise InputError(problems)


Records = Iterator[tuple[int, list[str], dict[str, Number]]]


@dataclass
class _Table:
    """An opened table: how to name it, its header (and the row it is on), its rows, its decimal mark."""

    label: str
    header: list[str]
    records: Records
    decimal: str | None
    header_line: int = 1


# --- CSV ---------------------------------------------------------------------------------------


_UTF16 = ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))


def detect_encoding(path: Path) -> str:
    """``utf-16`` after a UTF-16 byte order mark; else ``utf-8-sig`` when every byte is UTF-8 (a BOM is
    dropped), else ``cp1252`` (Dutch Excel's CSV).

    The whole file is checked in blocks, so a stray byte at row 100,000 is found before the first row
    is used (for UTF-16 as an error naming its row); memory stays bounded by one block. A file that
    is a quarter NUL bytes without a byte order mark is UTF-16 that lost its mark, not Windows-1252.
    """
    try:
        with path.open("rb") as handle:
            begin = handle.read(_ENCODING_PROBE)
            handle.seek(0)
            utf16 = next((naam for bom, naam in _UTF16 if begin.startswith(bom)), None)
            if utf16 is not None:
                _check_utf16(path, handle, utf16)
                return "utf-16"
            if begin.count(b"\x00") * 4 > len(begin):  # ASCII as UTF-16: every other byte NUL
                raise _encoding_problem(path, 1, "nul-bytes zonder byte order mark (UTF-16 zonder BOM?)")
            return "utf-8-sig" if _is_utf8(handle) else "cp1252"
    except OSError as error:
        raise InputError(Problem(f"bestand niet leesbaar: {os_reason(error)}", file=str(path))) from None


def _is_utf8(handle: BinaryIO) -> bool:
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        while block := handle.read(_ENCODING_PROBE):
            decoder.decode(block)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _check_utf16(path: Path, handle: BinaryIO, codering: str) -> None:
    """Decode the whole file (after its BOM); the first bytes that are no UTF-16 text (half a
    character, a lone surrogate) are an InputError naming the row they are in."""
    handle.read(2)
    decoder, regel = codecs.getincrementaldecoder(codering)(), 1
    try:
        while block := handle.read(_ENCODING_PROBE):
            regel += decoder.decode(block).count("\n")
        decoder.decode(b"", final=True)
    except UnicodeDecodeError as error:
        voor = error.object[: error.start].decode(codering, errors="replace")
        raise _encoding_problem(path, regel + voor.count("\n"), "bytes die geen UTF-16-tekst zijn") from None


def _encoding_problem(path: Path, row: int, wat: str) -> InputError:
    return InputError(
        Problem(f"{wat}; sla het bestand op als CSV UTF-8 of als Unicode-tekst", str(path), row)
    )


def _delimiter(first_line: str) -> str:
    counts = {delimiter: first_line.count(delimiter) for delimiter in (";", ",", "\t")}
    return max(counts, key=lambda d: counts[d]) if any(counts.values()) else ","


@contextmanager
def _csv_table(path: Path, required: Sequence[str], sheet: str | None) -> Iterator[_Table]:
    encoding = detect_encoding(path)
    try:
        with path.open(encoding=encoding, newline="") as handle:
            first = _decoded(path, encoding, 1, handle.readline)
            if not first.strip():
                raise InputError(Problem("bestand is leeg", file=str(path)))
            delimiter = _delimiter(first)
            handle.seek(0)
            lines = csv.reader(handle, delimiter=delimiter, strict=True)
            header = [column.strip() for column in _next_csv(path, encoding, lines, 1) or []]
            decimal = {";": DECIMAL_COMMA, ",": DECIMAL_POINT}.get(delimiter)
            yield _Table(str(path), header, _csv_lines(path, encoding, lines), decimal)
    except OSError as error:
        raise InputError(Problem(f"bestand niet leesbaar: {os_reason(error)}", file=str(path))) from None


def _csv_lines(path: Path, encoding: str, lines: Iterator[list[str]]) -> Records:
    number = 1
    while True:
        number += 1
        values = _next_csv(path, encoding, lines, number)
        if values is None:
            return
        yield number, [unguarded(value) for value in values], {}


def _next_csv(path: Path, encoding: str, lines: Iterator[list[str]], number: int) -> list[str] | None:
    try:
        return _decoded(path, encoding, number, lambda: next(lines, None))
    except csv.Error as error:
        raise InputError(Problem(f"onleesbare CSV: {error}", file=str(path), row=number)) from None


def _decoded(path: Path, encoding: str, number: int, read: Callable[[], T]) -> T:
    try:
        return read()
    except UnicodeDecodeError as error:
        raise InputError(
            Problem(
                f"geen tekst in UTF-8 of Windows-1252 (byte {error.start}, codering {encoding}); "
                "sla op als CSV UTF-8",
                str(path),
                number,
            )
        ) from None


# --- XLSX --------------------------------------------------------------------------------------


@contextmanager
def _xlsx_table(path: Path, required: Sequence[str], sheet: str | None) -> Iterator[_Table]:
    from doorstroom.files.workbook_reading import open_workbook, sheet_table

    with open_workbook(path) as workbook:
        found = sheet_table(workbook, path, required, sheet)
        yield _Table(found.label, found.header, found.records, None, found.header_line)


def parse_each(rows: Iterable[Row], parse: Callable[[Row], T]) -> tuple[list[tuple[int, T]], list[Problem]]:
    """Parse every row; return what parsed (with its row number) and every problem found."""
    parsed: list[tuple[int, T]] = []
    problems: list[Problem] = []
    for row in rows:
        if row.defect:
            problems.append(Problem(row.defect, row.file, row.line))
            continue
        try:
            parsed.append((row.line, parse(row)))
        except InputError as error:
            problems.extend(error.problems)
    return parsed, problems


def parse_rows(rows: Iterable[Row], parse: Callable[[Row], T]) -> list[T]:
    """Parse every row; raise one InputError holding the problems of all rows, or return all."""
    parsed, problems = parse_each(rows, parse)
    if problems:
        raise InputError(problems)
    return [value for _, value in parsed]
