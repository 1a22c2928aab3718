"""CSV as Doorstroom writes it, in one of two dialects (``docs/cli.md``, "CSV-stijl").

``nl``
    What Dutch Excel and LibreOffice open as columns with a double click: semicolon-separated,
    decimal comma, UTF-8 with a byte-order mark (so Excel does not guess cp1252), ``ja``/``nee``.
``standaard``
    RFC 4180 for programs: comma-separated, decimal point, UTF-8 without BOM, ``true``/``false``.

Both end lines with CRLF (RFC 4180; Excel on Windows expects it), write dates as ISO 8601, keep the
machine column names in the header, and never write thousands separators. A text cell that starts
with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a leading apostrophe, so a spreadsheet
never runs user text as a formula (CSV injection). Numbers are never altered.

Which dialect: ``--csv-stijl`` (the CLI sets :data:`voorkeur` for the command), else the setting
``DOORSTROOM_CSV_STIJL``, else ``nl`` for a file (a municipal user opens it in Excel) and
``standaard`` on standard output (a program reads it).
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Sequence
from contextvars import ContextVar
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path

from doorstroom.files.outfile import atomic_write
from doorstroom.values.number_text import DECIMAL_COMMA, DECIMAL_POINT, format_csv
from doorstroom.values.record import Record

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class CsvStijl(StrEnum):
    """The two CSV dialects Doorstroom writes."""

    nl = "nl"
    standaard = "standaard"


voorkeur: ContextVar[CsvStijl | None] = ContextVar("csv_stijl", default=None)


def kies_stijl(stijl: CsvStijl | None = None, *, bestand: bool) -> CsvStijl:
    """The dialect to write: the explicit one, the command's option, the setting, or the default."""
    if stijl is not None:
        return stijl
    gekozen = voorkeur.get()
    if gekozen is not None:
        return gekozen
    from doorstroom.platform.settings import get_settings  # settings are read when writing, not on import

    ingesteld = get_settings().csv_stijl
    if ingesteld is not None:
        return CsvStijl(ingesteld)
    return CsvStijl.nl if bestand else CsvStijl.standaard


def safe_text(text: str) -> str:
    """User text that a spreadsheet will show as text, never evaluate as a formula.

    A lone ``-`` (our "none" in lists) is no formula and stays as it is; :func:`unguarded` undoes
    the apostrophe when Doorstroom reads the file back.
    """
    return f"'{text}" if len(text) > 1 and text.startswith(FORMULA_STARTS) else text


def unguarded(text: str) -> str:
    """The text :func:`safe_text` guarded, as it was (reading a CSV Doorstroom wrote)."""
    return text[1:] if text.startswith("'") and text[1:2] in FORMULA_STARTS and len(text) > 2 else text


def cell_text(value: object, stijl: CsvStijl) -> str:
    """The CSV text of one value in ``stijl``."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return ("ja" if value else "nee") if stijl is CsvStijl.nl else ("true" if value else "false")
    if isinstance(value, int | float):
        if isinstance(value, float) and not math.isfinite(value):
            return ""
        return format_csv(value, DECIMAL_COMMA if stijl is CsvStijl.nl else DECIMAL_POINT)
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    return safe_text(str(value))


def records_to_csv(
    records: Sequence[Record], columns: Sequence[str], stijl: CsvStijl | None = None, *, bom: bool = False
) -> str:
    """Records as CSV text in ``stijl`` (standard output's dialect when not given)."""
    chosen = kies_stijl(stijl, bestand=False)
    buffer = io.StringIO()
    if bom and chosen is CsvStijl.nl:
        buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=";" if chosen is CsvStijl.nl else ",", lineterminator="\r\n")
    writer.writerow(columns)
    writer.writerows([cell_text(record.get(column), chosen) for column in columns] for record in records)
    return buffer.getvalue()


def stdout_csv(records: Sequence[Record], columns: Sequence[str], stijl: CsvStijl | None = None) -> str:
    """CSV for standard output: the chosen dialect, with the BOM ``nl`` carries (for ``> file.csv``)."""
    return records_to_csv(records, columns, stijl, bom=True)


def write_csv(
    path: Path,
    records: Sequence[Record],
    columns: Sequence[str],
    stijl: CsvStijl | None = None,
    *,
    prive: bool = False,
) -> None:
    """Write records to a CSV file atomically, in the file dialect (``nl`` unless chosen otherwise);
    ``prive``: personal data, the file is 0600 (:func:`~doorstroom.files.outfile.atomic_write`)."""
    chosen = kies_stijl(stijl, bestand=True)
    text = records_to_csv(records, columns, chosen, bom=True)
    with atomic_write(path, "w", prive=prive, encoding="utf-8", newline="") as handle:
        handle.write(text)
