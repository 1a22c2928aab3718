"""Entry point of the ``doorstroom`` command, and the one place that decides exit codes.

Each context contributes one Typer group (``doorstroom taakstelling ...``), imported only when it is
used (:mod:`doorstroom.cli.lui`). The convention, written
down per command in ``docs/cli.md``:

* **0** — done;
* **2** — the user's input or usage: a bad option, file, row or field (:class:`InputError`), an
  unknown period, run or household (:class:`NotFound`), an action the user may not take
  (:class:`PermissionDenied`), unusable settings (:class:`ConfigurationError`), a conflict with what
  is stored (:class:`Conflict`, :class:`Verouderd`: decided already, changed in between);
* **1** — only for commands documented to report a *finding* (``gemeenten vergelijk`` when lists
  differ), and they say so on standard error;
* **74** — the database's disk is full (:class:`SchijfVol`): nothing was written; an operator must
  make room before the same command can work (sysexits ``EX_IOERR``);
* **75** — busy: a write gave up because other users kept the same rows busy (:class:`Busy`);
  nothing was written and the same command works when tried again;
* **3** — an internal error: a defect or an unavailable system. The user gets a generic Dutch
  message with a reference; the details (exception types and code locations, never values, which may
  be personal data quoted by a database driver) go to a private log in the data directory;
* **130** — interrupted (Ctrl-C).

Errors are printed as plain Dutch messages naming file, row and field — never a traceback.
"""

from __future__ import annotations

import io
import os
import sys
from contextvars import copy_context
from typing import Any

import typer
from rich.console import Console
from rich.markup import escape
from typer.core import TyperGroup

from doorstroom.cli.exit_codes import (
    EXIT_BEZET,
    EXIT_INTERN,
    EXIT_INVOER,
    EXIT_ONDERBROKEN,
    EXIT_SCHIJF_VOL,
)
from doorstroom.cli.fouten import melding, volg_aanroepen
from doorstroom.cli.incident import record_incident
from doorstroom.cli.lui import OPDRACHTEN, Catalogus, kopie, laad
from doorstroom.cli.options import install_shared_options
from doorstroom.platform.errors import (
    Busy,
    ConfigurationError,
    Conflict,
    DoorstroomError,
    InputError,
    NotFound,
    PermissionDenied,
    SchijfVol,
    Verouderd,
)

USER_ERRORS = (InputError, NotFound, PermissionDenied, ConfigurationError, Conflict, Verouderd)


def report_error(message: str) -> None:
    """Print an error for a person: 'fout:' and one line per problem."""
    console = Console(stderr=True, highlight=False, soft_wrap=True)
    console.print(f"[bold red]fout:[/] {escape(message)}", markup=True)


class DoorstroomGroup(TyperGroup):
    """The top-level group: shared options on every command; errors become a message and an exit code."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        install_shared_options(self)
        volg_aanroepen(self)  # before the catalogue: walking it would import every command
        self._catalogus = Catalogus(self.commands, self._laad)
        self.commands = self._catalogus
        self._alleen_namen = False

    def _laad(self, naam: str) -> Any:
        """A command of :data:`doorstroom.cli.lui.OPDRACHTEN`, imported now, with the shared options."""
        command = laad(naam)
        install_shared_options(command)
        volg_aanroepen(command)
        return command

    def list_commands(self, ctx: Any) -> list[str]:
        return self._catalogus.namen()

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        if self._alleen_namen and cmd_name in OPDRACHTEN and not dict.__contains__(self._catalogus, cmd_name):
            return kopie(cmd_name)  # the help lists names and short help: nothing is imported for it
        return self.commands.get(cmd_name)

    def format_help(self, ctx: Any, formatter: Any) -> None:
        self._alleen_namen = True
        try:
            super().format_help(ctx, formatter)
        finally:
            self._alleen_namen = False

    def invoke(self, ctx: Any) -> Any:  # click's Context; typer vendors click
        # A copied context: what one command's options set (CSV dialect, sheet) ends with it.
        return copy_context().run(self._invoke, ctx)

    def _invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except USER_ERRORS as error:
            report_error(melding(error, ctx))
            raise typer.Exit(EXIT_INVOER) from None
        except Busy as error:  # its message says that nothing was stored and to try again
            report_error(str(error))
            raise typer.Exit(EXIT_BEZET) from None
        except SchijfVol as error:  # its message says that nothing was stored and who can help
            report_error(str(error))
            raise typer.Exit(EXIT_SCHIJF_VOL) from None
        except DoorstroomError as error:  # a defect Doorstroom detected itself; its message is ours
            reference = record_incident(error)
            report_error(f"{error} (referentie {reference})")
            raise typer.Exit(EXIT_INTERN) from None
        except KeyboardInterrupt:
            report_error("afgebroken; er is niets half opgeslagen")
            raise typer.Exit(EXIT_ONDERBROKEN) from None
        except Exception as error:
            if _is_click_control_flow(error) or os.environ.get("DOORSTROOM_DEBUG"):
                raise
            reference = record_incident(error)
            report_error(
                f"interne fout ({type(error).__name__}); er is niets half opgeslagen. "
                f"Meld referentie {reference} aan de beheerder."
            )
            raise typer.Exit(EXIT_INTERN) from None


def _is_click_control_flow(error: Exception) -> bool:
    """Click's own exceptions (usage errors, --help, Exit) keep their meaning and exit codes."""
    return type(error).__module__.split(".")[0] in ("click", "typer")


app = typer.Typer(
    cls=DoorstroomGroup,
    name="doorstroom",
    help="Doorstroom: taakstelling, koppeling en prognose van de asielketen.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)


@app.callback()
def _wortel() -> None:
    """The root group; its commands (doorstroom.cli.lui.OPDRACHTEN) are loaded when used (lazy start)."""


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
