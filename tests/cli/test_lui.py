"""Lazy start (issue 22): ``doorstroom --help`` imports no command's module; the short help listed for
a command not yet loaded is the command's own help."""

from __future__ import annotations

import subprocess
import sys

import pytest
import typer
from typer.core import TyperGroup

from doorstroom.cli.lui import OPDRACHTEN, laad
from tests.cli_helpers import run


@pytest.mark.parametrize("naam", sorted(OPDRACHTEN))
def test_the_listed_help_is_the_commands_own(naam: str) -> None:
    command = laad(naam)
    assert command.name == naam
    assert (command.help or "").strip() == OPDRACHTEN[naam].help


def test_help_imports_no_command_module() -> None:
    programma = (
        "import sys\n"
        "from doorstroom.cli.main import main\n"
        "sys.argv = ['doorstroom', '--help']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "geladen = sorted(m for m in sys.modules if m.startswith('doorstroom.') and m.count('.') >= 1)\n"
        "print('\\n'.join(geladen), file=sys.stderr)\n"
    )
    result = subprocess.run([sys.executable, "-c", programma], capture_output=True, text=True, timeout=60)
    geladen = set(result.stderr.split())
    assert "taakstelling" in result.stdout and "audit" in result.stdout
    contexten = {"taakstelling", "koppeling", "prognose", "dossier", "spreiding", "accounts", "reference"}
    verboden = {m for m in geladen if m.split(".")[1] in contexten | {"api", "web"}}
    assert not verboden, verboden
    assert not {o.module for o in OPDRACHTEN.values()} & geladen


def test_a_lazy_command_runs_as_before() -> None:
    result = run("gemeenten", "--format", "json")
    assert result.exit_code == 0 and "GM0344" in result.stdout


def test_walking_the_app_loads_every_command() -> None:
    from doorstroom.cli.main import app

    groep = typer.main.get_command(app)
    assert isinstance(groep, TyperGroup)
    assert set(OPDRACHTEN) <= set(dict(groep.commands.items()))
