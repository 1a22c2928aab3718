"""Files with personal data are 0600 whatever the umask, in every format (issue 19, item 5h):
``dossier termijnen --out`` followed the umask (0644) while ``dossier inzage`` and backups were 0600."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from doorstroom.accounts.domain import Gebruiker
from doorstroom.dossier import service
from doorstroom.dossier.invoer import NieuwePersoon
from tests.cli_helpers import run

pytestmark = pytest.mark.parametrize("engine", ["sqlite"], indirect=True)

OPDRACHTEN = {
    "termijnen": ("dossier", "termijnen"),
    "tvs": ("dossier", "tvs"),
    "audit": ("audit", "lijst"),
    "gebruikers": ("gebruiker", "lijst"),
    "tokens": ("token", "lijst"),
}


@pytest.fixture(autouse=True)
def _ruime_umask() -> Iterator[None]:
    """The umask most systems start with: new files 0644, readable by every local user."""
    vorige = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(vorige)


def _modus(pad: Path) -> int:
    return stat.S_IMODE(pad.stat().st_mode)


@pytest.mark.parametrize("formaat", ["csv", "xlsx", "json", "table"])
@pytest.mark.parametrize("opdracht", OPDRACHTEN, ids=str)
def test_personal_data_is_written_0600_in_every_format(
    engine: Engine, tmp_path: Path, opdracht: str, formaat: str
) -> None:
    service.maak_persoon(
        engine,
        Gebruiker.systeem("test"),
        NieuwePersoon(geslachtsnaam="Jansen", geboortedatum="1990-01-01", gemeentecode="GM0344"),
    )
    uit = tmp_path / f"uit.{formaat}"
    resultaat = run(*OPDRACHTEN[opdracht], "--format", formaat, "--out", str(uit))
    assert resultaat.exit_code == 0, resultaat.stderr
    assert _modus(uit) == 0o600


def test_an_existing_wider_file_becomes_0600_when_personal_data_replaces_it(
    engine: Engine, tmp_path: Path
) -> None:
    uit = tmp_path / "termijnen.csv"
    uit.write_text("oud")
    uit.chmod(0o644)
    assert run("dossier", "termijnen", "--format", "csv", "--out", str(uit)).exit_code == 0
    assert _modus(uit) == 0o600


def test_a_file_without_personal_data_keeps_the_ordinary_permissions(engine: Engine, tmp_path: Path) -> None:
    uit = tmp_path / "gemeenten.csv"
    assert run("gemeenten", "--format", "csv", "--out", str(uit)).exit_code == 0
    assert _modus(uit) == 0o644
