"""The installed ``doorstroom`` program, run as a user runs it: in its own process.

In-process tests (CliRunner) cannot see what C libraries write to the real standard output; these
tests can. With ``--format json|csv`` standard output must be exactly the document.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PROGRAM = Path(sys.executable).parent / "doorstroom"


def run(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run the installed console script with a private data directory."""
    environment = {**os.environ, "DOORSTROOM_DATA_DIR": str(cwd / "data"), **(env or {})}
    environment.pop("DOORSTROOM_DATABASE_URL", None)
    return subprocess.run(
        [str(PROGRAM), *args], cwd=cwd, env=environment, capture_output=True, text=True, check=False
    )


@pytest.fixture
def instance(tmp_path: Path) -> Path:
    assert PROGRAM.exists() or shutil.which("doorstroom"), "the doorstroom console script is not installed"
    assert run("db", "upgrade", cwd=tmp_path).returncode == 0
    made = run("koppeling", "genereer", "--huishoudens", "40", "--seed", "7", "--out", ".", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    return tmp_path


def _voorstel(instance: Path, fmt: str) -> subprocess.CompletedProcess[str]:
    return run(
        "koppeling", "voorstel", "--huishoudens", "huishoudens.csv", "--capaciteit", "capaciteit.csv",
        "--tijdslimiet", "2", "--format", fmt, cwd=instance,
    )  # fmt: skip


def test_koppeling_json_on_stdout_is_exactly_the_document(instance: Path) -> None:
    result = _voorstel(instance, "json")
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["solver"] == "highs"
    assert "Traceback" not in result.stderr


def test_koppeling_csv_on_stdout_is_exactly_the_table(instance: Path) -> None:
    result = _voorstel(instance, "csv")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 40 and all(row["huishouden_id"].startswith("SYN-") for row in rows)
