"""The installed ``doorstroom koppeling`` commands in their own process: documents on stdout, exit codes.

Every command changed for the review (beoordeel, toon, runs, opschonen, advies, voorstel) is run as
a user runs it; with ``--format json|csv`` standard output must be exactly the document.
"""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

PROGRAM = Path(sys.executable).parent / "doorstroom"


def doorstroom(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "DOORSTROOM_DATA_DIR": str(cwd / "data"), **(env or {})}
    if "DOORSTROOM_DATABASE_URL" not in (env or {}):
        environment.pop("DOORSTROOM_DATABASE_URL", None)
    return subprocess.run(
        [str(PROGRAM), *args], cwd=cwd, env=environment, capture_output=True, text=True, check=False
    )


@pytest.fixture
def map_(tmp_path: Path) -> Path:
    assert PROGRAM.exists(), "the doorstroom console script is not installed"
    assert doorstroom("db", "upgrade", cwd=tmp_path).returncode == 0
    made = doorstroom(
        "koppeling", "genereer", "--huishoudens", "30", "--seed", "7", "--out", ".", cwd=tmp_path
    )
    assert made.returncode == 0, made.stderr
    return tmp_path


def _json(result: subprocess.CompletedProcess[str]) -> object:
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return json.loads(result.stdout)


def test_review_commands_write_exact_documents(map_: Path) -> None:
    voorstel = doorstroom(
        "koppeling", "voorstel", "--huishoudens", "huishoudens.csv", "--capaciteit", "capaciteit.csv",
        "--tijdslimiet", "2", "-f", "json", cwd=map_,
    )  # fmt: skip
    document = _json(voorstel)
    assert isinstance(document, dict) and document["run"] == 1
    eerste = document["assignments"][0]
    assert eerste["gemeentenaam"] and eerste["uitleg"].startswith(
        f"{eerste['gemeentecode']} {eerste['gemeentenaam']}"
    )

    beoordeeld = _json(
        doorstroom(
            "koppeling",
            "beoordeel",
            "1",
            eerste["huishouden_id"],
            "--door",
            "A. Jansen",
            "-f",
            "json",
            cwd=map_,
        )
    )
    assert isinstance(beoordeeld, list) and beoordeeld[0]["door"] == "A. Jansen"
    alle = _json(
        doorstroom(
            "koppeling",
            "beoordeel",
            "1",
            "--alle-open",
            "--door",
            "B",
            "--toelichting",
            "akkoord",
            "-f",
            "json",
            cwd=map_,
        )
    )
    assert isinstance(alle, list) and len(alle) == len(document["assignments"]) - 1

    historie = doorstroom("koppeling", "toon", "1", "--geschiedenis", "-f", "csv", cwd=map_)
    assert historie.returncode == 0, historie.stderr
    rijen = list(csv.DictReader(io.StringIO(historie.stdout)))
    assert len(rijen) == len(document["assignments"]) and rijen[0]["door"] == "A. Jansen"
    runs = _json(doorstroom("koppeling", "runs", "-f", "json", cwd=map_))
    assert isinstance(runs, list) and runs[0]["open"] == len(document["unassigned"])

    opgeschoond = _json(
        doorstroom(
            "koppeling",
            "opschonen",
            "-f",
            "json",
            cwd=map_,
            env={"DOORSTROOM_KOPPELING_BEWAARTERMIJN_DAGEN": "1"},
        )
    )
    assert opgeschoond == []  # the run is younger than a day
    telling = _json(doorstroom("koppeling", "toon", "1", "--samenvatting", "-f", "json", cwd=map_))
    assert isinstance(telling, list) and all("gemeentenaam" in t for t in telling)


def test_advice_json_is_the_document(map_: Path) -> None:
    advies = _json(
        doorstroom(
            "koppeling",
            "advies",
            "--huishoudens",
            "huishoudens.csv",
            "--capaciteit",
            "capaciteit.csv",
            "--aantal",
            "2",
            "-f",
            "json",
            cwd=map_,
        )
    )
    assert isinstance(advies, list) and all(r["gemeentenaam"] for r in advies)


@pytest.mark.parametrize(
    "args",
    [
        ("koppeling", "genereer", "--seed", "-1", "--out", "."),
        ("koppeling", "voorstel", "--huishoudens", "huishoudens.csv", "--tijdslimiet", "nan", "-f", "json"),
        ("koppeling", "beoordeel", "1", "SYN-00001", "--door", "A", "--gemeente", "²", "--toelichting", "x"),
        ("koppeling", "beoordeel", "1", "--door", "A"),
        ("koppeling", "toon", "1", "--gemeente", "Friesland"),
        ("koppeling", "toon", str(2**40)),
    ],
)
def test_bad_values_exit_2_without_a_traceback(map_: Path, args: tuple[str, ...]) -> None:
    result = doorstroom(*args, cwd=map_)
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr and result.stdout == ""
    assert "SYN-" not in result.stderr
