"""Options shared by many commands, parsed into domain values with Dutch error messages."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from doorstroom.cli.output import Format
from doorstroom.errors import InputError, Problem

FormatOption = Annotated[Format, typer.Option("--format", "-f", help="Uitvoer: table, csv, json of xlsx.")]
OutOption = Annotated[
    Path | None,
    typer.Option("--out", "-o", help="Schrijf naar dit bestand in plaats van het scherm."),
]


def parse_datum(text: str | None, option: str) -> date | None:
    """An ISO date (2026-07-01) from an option, or None when not given."""
    if text is None:
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InputError(
            Problem(f"'{text}' is geen datum; schrijf bijvoorbeeld 2026-07-01", field=option)
        ) from None
