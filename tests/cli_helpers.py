"""Running the CLI in process, as a user would from the shell."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner, Result

from doorstroom.cli.main import app
from doorstroom.cli.store import head_revision


def run(*args: str) -> Result:
    """Invoke ``doorstroom ARGS`` in process and return its result (stdout, stderr, exit code)."""
    return CliRunner().invoke(app, list(args))


def head() -> str | None:
    """The newest migration revision."""
    return head_revision()


PROGRAM = Path(sys.executable).parent / "doorstroom"
"""The installed ``doorstroom`` script of the environment the tests run in."""


def script(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run the installed script in its own process, with its own data directory under ``cwd``."""
    environment = {**os.environ, "DOORSTROOM_DATA_DIR": str(cwd / "data")}
    environment.pop("DOORSTROOM_DATABASE_URL", None)
    return subprocess.run(
        [str(PROGRAM), *args], cwd=cwd, env=environment, capture_output=True, text=True, check=False
    )
