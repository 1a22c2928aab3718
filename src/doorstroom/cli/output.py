"""Render records for the terminal or a file: table (Rich), csv, json or xlsx.

Every command that shows rows offers the same ``--format`` and ``--out`` options and goes through
:func:`emit`, so output looks and behaves the same across contexts. Files are written atomically.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from enum import StrEnum
from pathlib import Path

from rich.console import Console
from rich.table import Table

from doorstroom.errors import InputError, Problem
from doorstroom.tabular import Record, atomic_write, records_to_csv, write_csv, write_xlsx


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
) -> None:
    """Show ``records`` in ``fmt``, on stdout or into ``out``."""
    if fmt is Format.xlsx:
        if out is None:
            raise InputError(Problem("xlsx vraagt om --out BESTAND.xlsx", field="--out"))
        write_xlsx(out, {title or "gegevens": (records, columns), **(extra_sheets or {})})
    elif fmt is Format.csv:
        _text_out(records_to_csv(records, columns), out) if out is None else write_csv(out, records, columns)
    elif fmt is Format.json:
        _text_out(
            json.dumps([dict(r) for r in records], ensure_ascii=False, indent=2, default=str) + "\n",
            out,
        )
    else:
        _table(records, columns, title, out)


def _text_out(text: str, out: Path | None) -> None:
    if out is None:
        print(text, end="")
        return
    with atomic_write(out, "w", encoding="utf-8") as handle:
        handle.write(text)


def _table(records: Sequence[Record], columns: Sequence[str], title: str, out: Path | None) -> None:
    table = Table(title=title or None, show_lines=False)
    for column in columns:
        numeric = bool(records) and isinstance(records[0].get(column), int | float)
        table.add_column(column, justify="right" if numeric else "left")
    for record in records:
        table.add_row(*(_cell(record.get(column)) for column in columns))
    if out is None:
        console = Console()
        if not console.is_terminal:
            console = Console(width=200)
        console.print(table)
        return
    with atomic_write(out, "w", encoding="utf-8") as handle:
        Console(file=handle, width=200).print(table)


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:,.1f}" if abs(value) >= 100 else f"{value:.4g}"
    return str(value)
