"""``doorstroom koppeling ...`` — filled in by the koppeling work (issue 4)."""

from __future__ import annotations

import typer

app = typer.Typer(help="Koppeling: voorstellen voor het koppelen van huishoudens aan gemeenten.", no_args_is_help=True)
