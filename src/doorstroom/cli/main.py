"""Entry point of the ``doorstroom`` command.

Each context contributes one Typer group (``doorstroom taakstelling ...``). Errors a user can fix
(:class:`~doorstroom.errors.InputError`, :class:`~doorstroom.errors.ConfigurationError`) are printed
as plain Dutch messages naming file, row and field, with exit code 2 — never a traceback.
"""

from __future__ import annotations

import io
import os
import sys
from typing import Any

import typer
from rich.console import Console
from typer.core import TyperGroup

from doorstroom.cli import db as db_cli
from doorstroom.cli import koppeling as koppeling_cli
from doorstroom.cli import prognose as prognose_cli
from doorstroom.cli import reference as reference_cli
from doorstroom.cli import spreiding as spreiding_cli
from doorstroom.cli import taakstelling as taakstelling_cli
from doorstroom.errors import ConfigurationError, DoorstroomError, InputError

EXIT_USER_ERROR = 2


def report_error(error: DoorstroomError) -> None:
    """Print an error for a person: 'fout:' and one line per problem."""
    console = Console(stderr=True, highlight=False, soft_wrap=True)
    console.print(f"[bold red]fout:[/] {error}", markup=True)


class DoorstroomGroup(TyperGroup):
    """The top-level group: turns Doorstroom errors into a message and an exit code."""

    def invoke(self, ctx: Any) -> Any:  # click's Context; typer may vendor click
        try:
            return super().invoke(ctx)
        except (InputError, ConfigurationError) as error:
            report_error(error)
            raise typer.Exit(EXIT_USER_ERROR) from None
        except DoorstroomError as error:
            report_error(error)
            raise typer.Exit(1) from None


app = typer.Typer(
    cls=DoorstroomGroup,
    name="doorstroom",
    help="Doorstroom: taakstelling, koppeling en prognose van de asielketen.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
app.add_typer(reference_cli.app, name="gemeenten")
app.add_typer(taakstelling_cli.app, name="taakstelling")
app.add_typer(koppeling_cli.app, name="koppeling")
app.add_typer(prognose_cli.app, name="prognose")
app.add_typer(spreiding_cli.app, name="spreiding")
app.add_typer(db_cli.app, name="db")


def reserve_stdout_for_documents() -> None:
    """Send native libraries' output to stderr, keeping standard output for the document alone.

    C libraries write to file descriptor 1 directly, past Python's ``sys.stdout``: HiGHS prints its
    banner when a solver is constructed, whatever its options. With ``--format json|csv`` standard
    output must be exactly the document, so descriptor 1 is pointed at stderr for the whole
    process and ``sys.stdout`` is reopened on a duplicate of the original standard output.
    """
    try:
        sys.stdout.flush()
        document = os.dup(1)
        os.dup2(2, 1)
    except (OSError, ValueError):  # no standard output or error to redirect: nothing to protect
        return
    sys.stdout = io.TextIOWrapper(
        io.FileIO(document, "w"),
        encoding=sys.stdout.encoding,
        errors=sys.stdout.errors,
        line_buffering=bool(sys.stdout.line_buffering),
    )


def main() -> None:
    """Console-script entry point."""
    reserve_stdout_for_documents()
    app()
