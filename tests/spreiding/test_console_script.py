"""The installed ``doorstroom`` program, run as a planner runs it: stdout is exactly the document."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

from tests.cli_helpers import script as _run


def test_json_on_stdout_is_exactly_twelve_provinces_summing_to_96000(tmp_path: Path) -> None:
    result = _run("spreiding", "bereken", "--totaal", "96000", "--format", "json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert len(rows) == 12 and sum(r["opgave"] for r in rows) == 96_000
    assert "correctie: niet toegepast" in result.stderr


def test_csv_on_stdout_is_exactly_the_table(tmp_path: Path) -> None:
    result = _run(
        "spreiding", "bereken", "--totaal", "96000", "--niveau", "gemeente", "--format", "csv", cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 342 and sum(int(r["opgave"]) for r in rows) == 96_000


def test_bad_input_exits_2_without_traceback(tmp_path: Path, csv_file: Callable[[str, str], Path]) -> None:
    plan = csv_file("plan.csv", "gemeente,plaatsen\nUtrecht,10\nOnbekendorp,5\n")
    result = _run(
        "spreiding", "bereken", "--totaal", "96000", "--plan", str(plan), "--format", "json", cwd=tmp_path
    )
    assert result.returncode == 2
    assert result.stdout == ""
    assert "rij 3, veld 'gemeente'" in result.stderr and "Traceback" not in result.stderr
