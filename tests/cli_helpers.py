"""Running the CLI in process, as a user would from the shell."""

from __future__ import annotations

from typer.testing import CliRunner, Result

from doorstroom.cli.main import app
from doorstroom.cli.store import head_revision


def run(*args: str) -> Result:
    """Invoke ``doorstroom ARGS`` in process and return its result (stdout, stderr, exit code)."""
    return CliRunner().invoke(app, list(args))


def head() -> str | None:
    """The newest migration revision."""
    return head_revision()
