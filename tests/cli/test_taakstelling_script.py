"""The installed ``doorstroom taakstelling`` in its own process: stdout is exactly the document."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from tests.cli_helpers import script as run


def test_json_is_exactly_the_document_and_the_accounting_goes_to_stderr(tmp_path: Path) -> None:
    result = run("taakstelling", "bereken", "-p", "2025-2", "-f", "json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert len(rows) == 342 and rows[0]["landelijk"] == 13000
    assert "landelijke taakstelling: 13.000" in result.stderr


def test_csv_of_the_published_table_is_exactly_the_table(tmp_path: Path) -> None:
    result = run("taakstelling", "landelijk", "-f", "csv", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows[0]["periode"] == "2019-1" and len(rows) == 13


@pytest.mark.parametrize("totaal", ["²", "١٦٥٠٠", "1e308"])
def test_odd_totals_exit_2_without_traceback(tmp_path: Path, totaal: str) -> None:
    result = run("taakstelling", "bereken", "-p", "2025-2", "-t", totaal, cwd=tmp_path)
    assert result.returncode == 2 and "'--totaal'" in result.stderr and "Traceback" not in result.stderr


def test_a_store_command_on_a_fresh_install_creates_a_private_database(tmp_path: Path) -> None:
    assert run("db", "upgrade", cwd=tmp_path).returncode == 0
    result = run("taakstelling", "vaststellen", "-p", "2025-2", "-f", "csv", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert next(iter(csv.DictReader(io.StringIO(result.stdout))))["regel"] == "afronden"
    assert oct((tmp_path / "data" / "doorstroom.db").stat().st_mode & 0o777) == "0o600"
