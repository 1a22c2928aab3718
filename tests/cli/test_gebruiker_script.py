"""The installed ``doorstroom gebruiker blokkeren|deblokkeren`` in its own process (issue 20 item 10)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli_helpers import script as run


def _actief(cwd: Path) -> bool:
    lijst = run("gebruiker", "lijst", "-f", "json", cwd=cwd)
    assert lijst.returncode == 0, lijst.stderr
    return bool(json.loads(lijst.stdout)[0]["actief"])


def test_block_and_unblock_as_installed(tmp_path: Path) -> None:
    assert run("db", "upgrade", cwd=tmp_path).returncode == 0
    aangemaakt = run("gebruiker", "aanmaken", "--gebruikersnaam", "anna", "--rol", "coa", cwd=tmp_path)
    assert aangemaakt.returncode == 0, aangemaakt.stderr
    assert run("gebruiker", "blokkeren", "--gebruikersnaam", "anna", cwd=tmp_path).returncode == 0
    assert not _actief(tmp_path)
    terug = run("gebruiker", "deblokkeren", "--gebruikersnaam", "anna", cwd=tmp_path)
    assert terug.returncode == 0 and "gebruiker anna gedeblokkeerd" in terug.stderr
    assert _actief(tmp_path)


def test_unblocking_an_active_or_unknown_account_exits_2_naming_the_option(tmp_path: Path) -> None:
    assert run("db", "upgrade", cwd=tmp_path).returncode == 0
    assert (
        run("gebruiker", "aanmaken", "--gebruikersnaam", "anna", "--rol", "coa", cwd=tmp_path).returncode == 0
    )
    actief = run("gebruiker", "deblokkeren", "--gebruikersnaam", "anna", cwd=tmp_path)
    assert (
        actief.returncode == 2 and "--gebruikersnaam" in actief.stderr and "niet geblokkeerd" in actief.stderr
    )
    onbekend = run("gebruiker", "deblokkeren", "--gebruikersnaam", "niemand", cwd=tmp_path)
    assert onbekend.returncode == 2 and "niemand" in onbekend.stderr
    assert "Traceback" not in actief.stderr + onbekend.stderr
