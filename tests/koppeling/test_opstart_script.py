"""Set-up words (issue 20, item 11), run as docs/cli.md tells a user to: ``koppeling genereer --out``
makes a new folder, and advice and report made from that synthetic input are marked SYNTHETISCH on
every sheet of their workbook."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest

from doorstroom.koppeling.kolommen import SYNTHETISCH
from tests.koppeling.test_console_script import PROGRAM, doorstroom

INVOER = ("huishoudens.csv", "capaciteit.csv", "arbeidsmarkt.csv")


@pytest.fixture
def umask_027() -> Iterator[None]:
    """The umask the child process inherits, so the new folder's mode can be checked."""
    vorig = os.umask(0o027)
    yield
    os.umask(vorig)


def _genereer(tmp_path: Path) -> Path:
    assert PROGRAM.exists(), "the doorstroom console script is not installed"
    gemaakt = doorstroom("koppeling", "genereer", "--huishoudens", "30", "--out", "inst", cwd=tmp_path)
    assert gemaakt.returncode == 0, gemaakt.stderr
    return tmp_path / "inst"


def test_genereer_makes_a_new_folder_with_the_ordinary_permissions(tmp_path: Path, umask_027: None) -> None:
    map_ = _genereer(tmp_path)
    assert stat.S_IMODE(map_.stat().st_mode) == 0o750
    assert sorted(p.name for p in map_.iterdir()) == sorted(INVOER)
    assert all(stat.S_IMODE((map_ / naam).stat().st_mode) == 0o640 for naam in INVOER)


def test_genereer_still_refuses_a_file_as_its_folder(tmp_path: Path) -> None:
    (tmp_path / "inst").write_text("bestaat al")
    gemaakt = doorstroom("koppeling", "genereer", "--huishoudens", "30", "--out", "inst", cwd=tmp_path)
    assert gemaakt.returncode == 2 and "geen map" in gemaakt.stderr and "Traceback" not in gemaakt.stderr


@pytest.mark.parametrize("commando", ["advies", "rapport"])
def test_a_workbook_from_synthetic_input_is_marked_on_every_sheet(tmp_path: Path, commando: str) -> None:
    map_ = _genereer(tmp_path)
    invoer = [f"--{naam.removesuffix('.csv')}={map_ / naam}" for naam in INVOER]
    gemaakt = doorstroom(
        "koppeling", commando, *invoer, "--format", "xlsx", "--out", f"{commando}.xlsx", cwd=tmp_path
    )
    assert gemaakt.returncode == 0, gemaakt.stderr
    werkboek = openpyxl.load_workbook(tmp_path / f"{commando}.xlsx")
    zichtbaar = [blad for blad in werkboek.worksheets if blad.sheet_state == "visible"]
    assert len(zichtbaar) >= 2  # the table and its Toelichting
    for blad in zichtbaar:
        teksten = [str(cel.value) for rij in blad.iter_rows(max_row=8) for cel in rij if cel.value]
        assert SYNTHETISCH in teksten, blad.title
