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
    """Read a CSV or XLSX file into rows; missing columns are reported before any row."""
    path = Path(path)
    if not path.is_file():
        raise InputError(Problem("bestand niet gevonden", file=str(path)))
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise InputError(Problem(f"onbekend bestandstype '{suffix}' (csv of xlsx)", file=str(path)))
    header, records = _read_xlsx(path) if suffix == ".xlsx" else _read_csv(path)
    _check_header(path, header, required)
    return [
        Row(str(path), number, dict(zip(header, values, strict=False)))
        for number, values in records
        if any(value.strip() for value in values)
    ]


def _check_header(path: Path, header: Sequence[str], required: Sequence[str]) -> None:
    missing = [column for column in required if column not in header]
    problems = [Problem("kolom ontbreekt", file=str(path), row=1, field=column) for column in missing]
    duplicates = sorted({column for column in header if column and header.count(column) > 1})
    problems += [Problem("kolom komt dubbel voor", str(path), 1, column) for column in duplicates]
    if problems:
        raise InputError(problems)


def _read_csv(path: Path) -> tuple[list[str], list[tuple[int, list[str]]]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(
            Problem(f"geen UTF-8 tekst (byte {error.start}); sla op als CSV UTF-8", str(path))
        ) from None
    if not text.strip():
        raise InputError(Problem("bestand is leeg", file=str(path)))
    delimiter = ";" if text.splitlines()[0].count(";") > text.splitlines()[0].count(",") else ","
    try:
        lines = list(csv.reader(io.StringIO(text), delimiter=delimiter, strict=True))
    except csv.Error as error:
        raise InputError(Problem(f"onleesbare CSV: {error}", file=str(path))) from None
    header = [column.strip() for column in lines[0]]
    return header, _numbered(lines[1:], str(path), len(header))


def _numbered(lines: list[list[str]], file: str, width: int) -> list[tuple[int, list[str]]]:
    records, problems = [], []
    for number, values in enumerate(lines, start=2):
        if len(values) > width and any(value.strip() for value in values[width:]):
            problems.append(Problem(f"{len(values)} velden, kop heeft er {width}", file, number))
        records.append((number, values[:width]))
    if problems:
        raise InputError(problems)
    return records


def _read_xlsx(path: Path) -> tuple[list[str], list[tuple[int, list[str]]]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many types for a damaged file
        raise InputError(Problem(f"onleesbaar XLSX-bestand: {error}", file=str(path))) from None
    try:
        rows = [
            [_cell_text(cell) for cell in row] for row in workbook.worksheets[0].iter_rows(values_only=True)
        ]
    finally:
        workbook.close()
    if not rows:
        raise InputError(Problem("werkblad is leeg", file=str(path)))
    header = [column.strip() for column in rows[0]]
    while header and not header[-1]:
        header.pop()
    return header, _numbered(rows[1:], str(path), len(header))


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
