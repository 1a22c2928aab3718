"""Render records for the terminal or a file: table (Rich), csv, json or xlsx.

Every command that shows rows offers the same ``--format`` and ``--out`` options and goes through
:func:`emit`, so output looks and behaves the same across contexts:

* ``table``: the columns that fit the terminal, in order (``--kolommen`` chooses others); the
  columns left out are named on standard error; numbers in Dutch notation (``16.500``, ``12,5``);
* ``csv``: the chosen dialect (:mod:`doorstroom.files.csv_export`), every column, machine names;
* ``json``: every column, machine names, exactly one document on standard output;
* ``xlsx``: a workbook to hand on (:mod:`doorstroom.files.workbook`), every column, Dutch labels.

Files are written atomically, through symbolic links, never over a directory or special file.
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Mapping, Sequence
from contextvars import ContextVar
from datetime import date
from enum import StrEnum
from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from doorstroom.files.csv_export import stdout_csv, write_csv
from doorstroom.files.outfile import atomic_write
from doorstroom.files.workbook import Kolom, Kop, Regel
from doorstroom.files.workbook_writing import write_xlsx
from doorstroom.platform.errors import InputError, Problem
from doorstroom.values.number_text import format_nl
from doorstroom.values.record import Record
from doorstroom.values.suggest import closest

kolommen_voorkeur: ContextVar[tuple[str, ...] | None] = ContextVar("kolommen", default=None)
"""The columns a command's ``--kolommen`` chose for the terminal table (None: what fits)."""

MAX_KOLOMBREEDTE = 40  # a longer text column wraps instead of pushing the others off screen
_STEEKPROEF = 500
err = Console(stderr=True, highlight=False, soft_wrap=True)


class Format(StrEnum):
    """Output formats offered by every listing command."""

    table = "table"
    csv = "csv"
    json = "json"
    xlsx = "xlsx"


def emit(
    records: Sequence[Record],
    columns: Sequence[str],
    fmt: Format,
    out: Path | None,
    *,
    title: str = "",
    extra_sheets: Mapping[str, tuple[Sequence[Record], Sequence[str]]] | None = None,
    kop: Kop | None = None,
    catalogus: Mapping[str, Kolom] | None = None,
    regels: Sequence[Regel] = (),
    persoonsgegevens: bool = False,
) -> None:
    """Show ``records`` in ``fmt``, on stdout or into ``out``.

    ``kop``, ``catalogus`` and ``regels`` dress a workbook: its title block, its Dutch column labels
    and formats, and the rules explained on its Toelichting sheet. ``persoonsgegevens``: the records
    are personal data, so an ``--out`` file is 0600 in every format (the one output rule,
    :func:`~doorstroom.files.outfile.atomic_write`).
    """
    prive = persoonsgegevens
    if fmt is Format.xlsx:
        if out is None:
            raise InputError(
                Problem("--format xlsx schrijft een bestand: geef ook --out BESTAND.xlsx", field="--out")
            )
        sheets = {title or "Gegevens": (records, columns), **(extra_sheets or {})}
        kop = kop or Kop(wat=title or "Gegevens")
        write_xlsx(out, sheets, kop=kop, catalogus=catalogus, regels=regels, prive=prive)
    elif fmt is Format.csv:
        if out is None:
            print(stdout_csv(records, columns), end="")
        else:
            write_csv(out, records, columns, prive=prive)
    elif fmt is Format.json:
        _text_out(json_document([dict(r) for r in records]), out, prive)
    else:
        _table(records, columns, title, out, prive)


def json_document(data: object) -> str:
    """Strict JSON (no ``NaN``): non-finite numbers become ``null``; dates ISO 8601."""
    return (
        json.dumps(_finite(data), ensure_ascii=False, indent=2, default=_json_default, allow_nan=False) + "\n"
    )


def _finite(data: object) -> object:
    if isinstance(data, float) and not math.isfinite(data):
        return None
    if isinstance(data, Mapping):
        return {key: _finite(value) for key, value in data.items()}
    if isinstance(data, list | tuple):
        return [_finite(value) for value in data]
    return data


def _json_default(value: object) -> object:
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _text_out(text: str, out: Path | None, prive: bool = False) -> None:
    if out is None:
        print(text, end="")
        return
    with atomic_write(out, "w", prive=prive, encoding="utf-8") as handle:
        handle.write(text)


def _table(
    records: Sequence[Record], columns: Sequence[str], title: str, out: Path | None, prive: bool = False
) -> None:
    texts = {column: [cell_text(record.get(column)) for record in records] for column in columns}
    if out is not None:
        table = _rich_table(records, list(columns), texts, title)
        with atomic_write(out, "w", prive=prive, encoding="utf-8") as handle:
            Console(file=handle, width=_natural_width(columns, texts)).print(table)
        return
    console = Console()
    width = console.width if console.is_terminal else int(os.environ.get("COLUMNS", 0) or 200)
    shown = chosen_columns(columns, texts, width)
    Console(width=width).print(_rich_table(records, shown, texts, title))
    hidden = [column for column in columns if column not in shown]
    if hidden and kolommen_voorkeur.get() is None:
        err.print(
            f"niet getoond (scherm te smal): {', '.join(hidden)}; kies met --kolommen of "
            "gebruik --format csv, json of xlsx voor alle kolommen"
        )


def chosen_columns(columns: Sequence[str], texts: Mapping[str, Sequence[str]], width: int) -> list[str]:
    """The ``--kolommen`` choice, or the leading columns that fit ``width`` (at least one)."""
    chosen = kolommen_voorkeur.get()
    if chosen is not None:
        unknown = [name for name in chosen if name not in columns]
        if unknown:
            options = ", ".join(closest(unknown[0], columns, limit=len(columns)))
            raise InputError(
                Problem(f"onbekende kolom '{unknown[0]}'; kies uit {options}", field="--kolommen")
            )
        return list(chosen)
    shown: list[str] = []
    used = 1  # the table's left border
    for column in columns:
        need = _column_width(column, texts[column]) + 3  # padding and border
        if shown and used + need > width:
            continue
        shown.append(column)
        used += need
    return shown


def _column_width(column: str, texts: Sequence[str]) -> int:
    widest = max((len(text) for text in texts[:_STEEKPROEF]), default=0)
    return min(max(widest, len(column)), MAX_KOLOMBREEDTE)


def _natural_width(columns: Sequence[str], texts: Mapping[str, Sequence[str]]) -> int:
    return max(80, 1 + sum(_column_width(column, texts[column]) + 3 for column in columns))


def _rich_table(
    records: Sequence[Record], columns: Sequence[str], texts: Mapping[str, Sequence[str]], title: str
) -> Table:
    table = Table(title=title or None, show_lines=False)
    for column in columns:
        numeric = any(isinstance(record.get(column), int | float) for record in records[:_STEEKPROEF])
        wide = _column_width(column, texts[column]) >= MAX_KOLOMBREEDTE
        table.add_column(
            column,
            justify="right" if numeric else "left",
            no_wrap=not wide,
            max_width=MAX_KOLOMBREEDTE if wide else None,
        )
    for index in range(len(records)):
        table.add_row(*(texts[column][index] for column in columns))
    return table


def cell_text(value: object) -> str:
    """A value as people read it in a Dutch table: ``16.500``, ``12,5``, ``0,034``, ``ja``."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, int):
        return format_nl(value) if abs(value) >= 10_000 else str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            return "—"
        if abs(value) >= 100:
            return format_nl(value, 1)
        return f"{value:.4g}".replace(".", ",")
    return str(value)


def toon_samenvatting(titel: str, samenvatting: Mapping[str, object]) -> None:
    """A summary for people on standard error: a title and indented ``label  waarde`` lines.

    Nested mappings become indented groups; numbers read Dutch and whole above 100 (a forecast of
    ``40501.00000000001`` persons is shown as ``40.501``); ``None`` (no answer) as ``—``.
    """
    err.print(f"[bold]{escape(titel)}[/]")
    for regel in samenvatting_regels(samenvatting):
        err.print(escape(regel), markup=False)


def samenvatting_regels(samenvatting: Mapping[str, object], diepte: int = 1) -> list[str]:
    """The lines of :func:`toon_samenvatting`, for testing and for other renderers."""
    breedte = max((len(_label(key)) for key in samenvatting), default=0)
    regels: list[str] = []
    for key, waarde in samenvatting.items():
        inspringen = "  " * diepte
        if isinstance(waarde, Mapping):
            regels.append(f"{inspringen}{_label(key)}")
            regels += samenvatting_regels(waarde, diepte + 1)
        else:
            regels.append(f"{inspringen}{_label(key).ljust(breedte)}  {_samenvattingswaarde(waarde)}")
    return regels


def _label(key: str) -> str:
    return key.replace("_", " ")


def _samenvattingswaarde(waarde: object) -> str:
    if waarde is None:
        return "—"
    if isinstance(waarde, float) and math.isfinite(waarde) and abs(waarde) >= 100:
        return format_nl(round(waarde))
    return cell_text(waarde)
