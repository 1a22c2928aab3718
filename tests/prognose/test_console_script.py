"""Every bad value a planner can give the prognose, fed to the installed ``doorstroom`` program.

Issue 8 item 3: each must end with exit code 2, a message naming the field, no traceback and
nothing written.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from doorstroom.reference.io import embedded_provincies

PROGRAM = Path(sys.executable).parent / "doorstroom"
FAST = ("--paden", "20", "--maanden", "3", "--seed", "1")


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "DOORSTROOM_DATA_DIR": str(cwd / "data"), "COLUMNS": "200"}
    environment.pop("DOORSTROOM_DATABASE_URL", None)
    return subprocess.run(
        [str(PROGRAM), *args], cwd=cwd, env=environment, capture_output=True, text=True, check=False
    )


def _scenario(cwd: Path, body: str) -> str:
    (cwd / "s.toml").write_text("[scenario]\nbasis = 'standaard'\nmaanden = 24\n" + body, encoding="utf-8")
    return "s.toml"


def _key(cwd: Path, weight: str) -> str:
    rows = [f"{p.naam},{weight if n == 0 else 1}" for n, p in enumerate(embedded_provincies())]
    (cwd / "sleutel.csv").write_text("provincie,gewicht\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return "sleutel.csv"


def _zeros(cwd: Path) -> str:
    rows = [f"{2020 + n // 12}-{n % 12 + 1:02d},0" for n in range(36)]
    (cwd / "nul.csv").write_text("maand,eerste_aanvragen\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return "nul.csv"


CASES = [
    (lambda c: ("bereken", "--paden", "0", "--out", "uit"), "--paden"),
    (lambda c: ("bereken", "--paden", "2000000", "--out", "uit"), "--paden"),
    (lambda c: ("bereken", "--paden", "200000", "--maanden", "240", "--out", "uit"), "optie '--paden'"),
    (lambda c: ("bereken", *FAST[:4], "--seed", "-1", "--out", "uit"), "--seed"),
    (lambda c: ("bereken", "--maanden", "241", "--out", "uit"), "--maanden"),
    (lambda c: ("bereken", *FAST, "--kans", "nan", "--out", "uit"), "--kans"),
    (lambda c: ("bereken", *FAST, "--kans", "1.5", "--out", "uit"), "--kans"),
    (lambda c: ("bereken", *FAST, "--doel-wachtend", "1e308", "--out", "uit"), "--doel-wachtend"),
    (lambda c: ("bereken", *FAST, "--doel-wachtend", "inf", "--out", "uit"), "--doel-wachtend"),
    (lambda c: ("bereken", *FAST, "--doel-maand", "30", "--out", "uit"), "--doel-maand"),
    (lambda c: ("bereken", *FAST, "--start", "2026-13", "--out", "uit"), "--start"),
    (
        lambda c: (
            "bereken",
            *FAST,
            "--scenario",
            _scenario(c, "[parameters.taakstelling]\nwaarde = nan\n"),
            "--out",
            "uit",
        ),
        "parameters.taakstelling.waarde",
    ),
    (
        lambda c: (
            "bereken",
            *FAST,
            "--scenario",
            _scenario(c, "[parameters.eerste_aanvragen]\nwaarde = inf\n"),
            "--out",
            "uit",
        ),
        "parameters.eerste_aanvragen.waarde",
    ),
    (
        lambda c: (
            "bereken",
            *FAST,
            "--scenario",
            _scenario(c, "[parameters.coa_nood]\nwaarde = 1e308\n"),
            "--out",
            "uit",
        ),
        "parameters.coa_nood.waarde",
    ),
    (
        lambda c: (
            "bereken",
            *FAST,
            "--scenario",
            _scenario(c, "[parameters.ind_doorlooptijd]\nwaarde = inf\n"),
            "--out",
            "uit",
        ),
        "parameters.ind_doorlooptijd.waarde",
    ),
    (
        lambda c: (
            "bereken",
            *FAST,
            "--scenario",
            _scenario(c, "[[wijzigingen]]\nparameter = 'taakstelling'\nvanaf_maand = 30\nfactor = 2\n"),
            "--out",
            "uit",
        ),
        "wijzigingen[1].vanaf_maand",
    ),
    (lambda c: ("bereken", *FAST, "--sleutel", _key(c, "1e308"), "--out", "uit"), "gewicht"),
    (lambda c: ("bereken", *FAST, "--opvang", _key(c, "nan"), "--out", "uit"), "gewicht"),
    (lambda c: ("backtest", "--historie", _zeros(c), "--paden", "50", "--out", "uit"), "eerste_aanvragen"),
    (lambda c: ("backtest", "--paden", "0", "--out", "uit"), "--paden"),
    (
        lambda c: ("sweep", "--varieer", "taakstelling=1e308,nan", "--paden", "10", "--out", "uit.csv"),
        "--varieer",
    ),
    (
        lambda c: ("sweep", "--varieer", "taakstelling=1:10:100000", "--paden", "10", "--out", "uit.csv"),
        "--varieer",
    ),
    (lambda c: ("sweep", "--varieer", "taakstelling=1", "--workers", "0", "--out", "uit.csv"), "--workers"),
]


@pytest.fixture
def cwd(tmp_path: Path) -> Path:
    assert PROGRAM.exists() or shutil.which("doorstroom"), "the doorstroom console script is not installed"
    return tmp_path


@pytest.mark.parametrize(("build", "field"), CASES)
def test_bad_value_exits_2_naming_the_field_and_writes_nothing(cwd: Path, build, field: str) -> None:  # type: ignore[no-untyped-def]
    before = set(cwd.iterdir())
    result = run("prognose", *build(cwd), cwd=cwd)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr and field in result.stderr, result.stderr
    assert result.stdout == ""
    assert set(cwd.iterdir()) - before <= {cwd / "s.toml", cwd / "sleutel.csv", cwd / "nul.csv"}


def test_out_naming_an_existing_file_exits_2_without_traceback(cwd: Path) -> None:
    (cwd / "uit").write_text("bestaand", encoding="utf-8")
    result = run("prognose", "bereken", *FAST, "--out", "uit", cwd=cwd)
    assert result.returncode == 2 and "Traceback" not in result.stderr and "--out" in result.stderr
    assert (cwd / "uit").read_text(encoding="utf-8") == "bestaand"


def test_json_on_stdout_is_exactly_the_document(cwd: Path) -> None:
    for command in (
        ("bereken", *FAST, "--format", "json"),
        ("backtest", "--paden", "50", "--format", "json"),
    ):
        result = run("prognose", *command, cwd=cwd)
        assert result.returncode == 0, result.stderr
        json.loads(result.stdout)
