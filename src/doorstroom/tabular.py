"""Reading and writing the tables users keep in Excel: CSV (comma or semicolon) and XLSX.

Every import in Doorstroom goes through :func:`read_table`, so every import reports problems the
same way: file, row (header is row 1, as Excel shows it) and field. Parsing is all-or-nothing:
:func:`parse_rows` collects every problem of every row and raises one :class:`InputError`.
Writing goes to a temporary file that replaces the target only when complete, so a failed export
never leaves half a file behind.
"""

from __future__ import annotations

import csv
import io
import math
import os
import re
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, TypeVar

from doorstroom.domains import BRON, Domain, TextLimit
from doorstroom.errors import InputError, Problem

T = TypeVar("T")

SUPPORTED_SUFFIXES = (".csv", ".xlsx")
_ASCII_NUMBER = re.compile(r"[+-]?([0-9]+([.,][0-9]*)?|[.,][0-9]+)([eE][+-]?[0-9]+)?")


@dataclass(frozen=True)
class Row:
    """One data row of a user's table, with typed accessors that report precise problems."""

    file: str
    line: int
    values: Mapping[str, str]
    defect: str | None = None

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
        """A whole number in ``domain`` (``12``, ``12.0`` from Excel; not ``12.5``)."""
        raw = self.text(field, required=required)
        if not raw:
            return 0
        number = _parse_number(raw)
        if number is None or not float(number).is_integer():
            raise self.problem(field, f"'{raw}' is geen geheel getal")
        self._check_domain(field, number, domain)
        return _check_minimum(self, field, int(number), minimum)

    def _check_domain(self, field: str, number: float, domain: Domain) -> None:
        problem = domain.problem(number)
        if problem:
            raise self.problem(field, problem)

    def number(
        self,
        field: str,
        *,
        domain: Domain,
        minimum: float | None = None,
        maximum: float | None = None,
        required: bool = True,
    ) -> float:
        """A decimal number; accepts a decimal comma as Dutch Excel writes it."""
        raw = self.text(field, required=required)
        if not raw:
            return 0.0
        number = _parse_number(raw)
        if number is None:
            raise self.problem(field, f"'{raw}' is geen getal")
        self._check_domain(field, number, domain)
        if maximum is not None and number > maximum:
            raise self.problem(field, f"{raw} is groter dan het maximum {maximum}")
        return _check_minimum(self, field, number, minimum)


def _check_minimum(row: Row, field: str, value: T, minimum: float | None) -> T:
    if minimum is not None and value < minimum:  # type: ignore[operator]
        raise row.problem(field, f"{value} is kleiner dan het minimum {minimum}")
    return value


def _parse_number(raw: str) -> float | None:
    """A number written with ASCII digits only (``float`` would also take ``١٢`` and ``1_000``)."""
    text = raw.replace(" ", "")
    if not _ASCII_NUMBER.fullmatch(text):
        return None
    if "," in text and "." not in text:
        text = text.replace(",", ".")
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def read_table(path: Path | str, *, required: Sequence[str] = ()) -> list[Row]:
    """Read a whole CSV or XLSX file into rows; every malformed row is reported before any parsing.

    For files too large to hold as rows in memory, stream them with :func:`iter_table`.
    """
    rows = list(iter_table(path, required=required))
    defects = [Problem(row.defect, row.file, row.line) for row in rows if row.defect]
    if defects:
        raise InputError(defects)
    return rows


def iter_table(path: Path | str, *, required: Sequence[str] = ()) -> Iterator[Row]:
    """Stream the data rows of a CSV or XLSX file, one at a time, in file order.

    Memory stays bounded by one row whatever the file's size. The header is checked before the first
    row; a row with more fields than the header carries a ``defect`` that :func:`parse_each`
    reports like any other row problem. An unreadable file raises :class:`InputError`.
    """
    path = _checked_path(Path(path))
    with _records(path) as (header, records):
        _check_header(path, header, required)
        width = len(header)
        for number, values in records:
            if not any(value.strip() for value in values):
                continue
            defect = _width_defect(values, width)
            yield Row(str(path), number, dict(zip(header, values[:width], strict=False)), defect)


def _checked_path(path: Path) -> Path:
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


def _check_header(path: Path, header: Sequence[str], required: Sequence[str]) -> None:
    missing = [column for column in required if column not in header]
    problems = [Problem("kolom ontbreekt", file=str(path), row=1, field=column) for column in missing]
    duplicates = sorted({column for column in header if column and header.count(column) > 1})
    problems += [Problem("kolom komt dubbel voor", str(path), 1, column) for column in duplicates]
    if problems:
        raise InputError(problems)


Records = Iterator[tuple[int, list[str]]]


@contextmanager
def _records(path: Path) -> Iterator[tuple[list[str], Records]]:
    reader = _xlsx_records if path.suffix.lower() == ".xlsx" else _csv_records
    with reader(path) as opened:
        yield opened


@contextmanager
def _csv_records(path: Path) -> Iterator[tuple[list[str], Records]]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            first = _decoded(path, 1, handle.readline)
            if not first.strip():
                raise InputError(Problem("bestand is leeg", file=str(path)))
            delimiter = ";" if first.count(";") > first.count(",") else ","
            handle.seek(0)
            lines = csv.reader(handle, delimiter=delimiter, strict=True)
            header = [column.strip() for column in _next_csv(path, lines, 1) or []]
            yield header, _csv_lines(path, lines)
    except OSError as error:
        raise InputError(Problem(f"bestand niet leesbaar: {error.strerror}", file=str(path))) from None


def _csv_lines(path: Path, lines: Iterator[list[str]]) -> Records:
    number = 1
    while True:
        number += 1
        values = _next_csv(path, lines, number)
        if values is None:
            return
        yield number, values


def _next_csv(path: Path, lines: Iterator[list[str]], number: int) -> list[str] | None:
    try:
        return _decoded(path, number, lambda: next(lines, None))
    except csv.Error as error:
        raise InputError(Problem(f"onleesbare CSV: {error}", file=str(path), row=number)) from None


def _decoded(path: Path, number: int, read: Callable[[], T]) -> T:
    try:
        return read()
    except UnicodeDecodeError as error:
        raise InputError(
            Problem(f"geen UTF-8 tekst (byte {error.start}); sla op als CSV UTF-8", str(path), number)
        ) from None


@contextmanager
def _xlsx_records(path: Path) -> Iterator[tuple[list[str], Records]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many types for a damaged file
        raise InputError(Problem(f"onleesbaar XLSX-bestand: {error}", file=str(path))) from None
    try:
        sheet = workbook.worksheets[0]
        rows = _sheet_rows(path, sheet.title, sheet.iter_rows(values_only=True))
        first = next(rows, None)
        if first is None:
            raise InputError(Problem(f"werkblad '{sheet.title}' is leeg", file=str(path)))
        header = [column.strip() for column in first[1]]
        while header and not header[-1]:
            header.pop()
        yield header, rows
    finally:
        workbook.close()


def _sheet_rows(path: Path, title: str, cells: Iterator[tuple[object, ...]]) -> Records:
    number = 0
    while True:
        number += 1
        try:
            values = next(cells, None)
        except Exception as error:  # damaged sheet XML (ParseError) or a badly typed cell (ValueError)
            where = f"werkblad '{title}'"
            raise InputError(Problem(f"onleesbare rij in {where}: {error}", str(path), number)) from None
        if values is None:
            return
        yield number, [_cell_text(cell) for cell in values]


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


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


Record = Mapping[str, object]


def records_to_csv(records: Sequence[Record], columns: Sequence[str]) -> str:
    """Render records as CSV text (comma separated, UTF-8; Excel opens it via the BOM on disk)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(columns), extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows([{key: _csv_value(record.get(key)) for key in columns} for record in records])
    return buffer.getvalue()


def _csv_value(value: object) -> object:
    if isinstance(value, float):
        return f"{value:.6g}" if abs(value) < 1e6 else f"{value:.0f}"
    return "" if value is None else value


def write_csv(path: Path, records: Sequence[Record], columns: Sequence[str]) -> None:
    """Write records to a CSV file atomically, with a BOM so Excel reads UTF-8 correctly."""
    with atomic_write(path, "w", encoding="utf-8-sig", newline="") as handle:
        handle.write(records_to_csv(records, columns))


def write_xlsx(path: Path, sheets: Mapping[str, tuple[Sequence[Record], Sequence[str]]]) -> None:
    """Write one worksheet per entry of ``sheets`` atomically."""
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.worksheets[0])
    for title, (records, columns) in sheets.items():
        sheet = workbook.create_sheet(title=title[:31])
        sheet.append(list(columns))
        for record in records:
            sheet.append([record.get(column) for column in columns])
        sheet.freeze_panes = "A2"
    with atomic_write(path, "wb") as handle:
        workbook.save(handle)


def _umask() -> int:
    """The process umask (read by setting and restoring it; mkstemp itself always uses 0600)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


@contextmanager
def atomic_write(path: Path, mode: str, **kwargs: Any) -> Iterator[IO[Any]]:
    """Open a temporary file beside ``path``; it replaces ``path`` only if the block succeeds."""
    path = Path(path)
    directory = path.parent if str(path.parent) else Path(".")
    if not directory.is_dir():
        raise InputError(Problem("map bestaat niet", file=str(directory)))
    descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=directory)
    try:
        with os.fdopen(descriptor, mode, **kwargs) as handle:
            yield handle
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
