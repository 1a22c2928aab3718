"""``doorstroom prognose ...`` — filled in by the prognose work (issue 3)."""

from __future__ import annotations

import typer

app = typer.Typer(help="Prognose: Monte-Carlo-prognose van de hele asielketen.", no_args_is_help=True)
