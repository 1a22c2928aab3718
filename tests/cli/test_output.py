"""Terminal tables that fit, ``--kolommen``, and every column still in CSV/JSON/XLSX."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner, Result

from doorstroom.cli.main import app
from doorstroom.cli.output import cell_text


def _run(*args: str, columns: int = 200) -> Result:
    return CliRunner().invoke(app, list(args), env={"COLUMNS": str(columns)})


def _header(output: str) -> str:
    return next(line for line in output.splitlines() if "gemeentecode" in line)


def test_a_narrow_terminal_shows_the_leading_columns_that_fit_and_names_the_rest() -> None:
    result = _run("gemeenten", "--provincie", "Utrecht", columns=70)
    assert result.exit_code == 0, result.output
    assert all(len(line) <= 70 for line in result.stdout.splitlines())
    header = _header(result.stdout)
    assert "gemeentecode" in header and "gemee…" not in result.stdout and "longitude" not in header
    assert "niet getoond (scherm te smal):" in result.stderr and "longitude" in result.stderr


def test_kolommen_chooses_the_columns_of_the_table() -> None:
    result = _run("gemeenten", "--provincie", "Utrecht", "--kolommen", "gemeentenaam,inwoners", columns=70)
    assert result.exit_code == 0, result.output
    header = next(line for line in result.stdout.splitlines() if "gemeentenaam" in line)
    assert "inwoners" in header and "gemeentecode" not in header and "niet getoond" not in result.stderr


def test_an_unknown_column_lists_the_closest_first() -> None:
    result = _run("gemeenten", "--kolommen", "inwonres")
    assert result.exit_code == 2
    assert "onbekende kolom 'inwonres'; kies uit inwoners" in result.stderr


def test_json_keeps_every_column_whatever_the_terminal() -> None:
    result = _run(
        "gemeenten", "--provincie", "Utrecht", "-f", "json", "--kolommen", "gemeentecode", columns=40
    )
    assert result.exit_code == 0, result.output
    assert {"latitude", "longitude", "inwoners"} <= set(json.loads(result.stdout)[0])


def test_numbers_in_tables_read_dutch() -> None:
    assert cell_text(16500) == "16.500" and cell_text(2026) == "2026" and cell_text(1234.5) == "1.234,5"
    assert cell_text(0.034) == "0,034" and cell_text(True) == "ja" and cell_text(float("inf")) == "—"


def test_last_periods_workbook_is_this_periods_carry_over(tmp_path: Path) -> None:
    """A statement handed on as XLSX (title, labels, totals) is read back as --vorige."""
    realisatie = tmp_path / "r.csv"
    realisatie.write_text("gemeentecode;maand;gehuisvest\nGM0344;2026-01;30\n", encoding="utf-8")
    vorige = tmp_path / "2026-1.xlsx"
    args = ("taakstelling", "bereken", "-p", "2026-1", "-t", "16.500", "--realisatie", str(realisatie),
            "--peildatum", "2026-07-01")  # fmt: skip
    assert _run(*args, "-f", "xlsx", "-o", str(vorige)).exit_code == 0
    expected = {
        row["gemeentecode"]: row["achterstand_nu"] for row in json.loads(_run(*args, "-f", "json").stdout)
    }
    result = _run(
        "taakstelling", "bereken", "-p", "2026-2", "-t", "13500", "--vorige", str(vorige), "-f", "json"
    )
    assert result.exit_code == 0, result.output
    carried = {row["gemeentecode"]: row["achterstand"] for row in json.loads(result.stdout)}
    assert carried == expected and carried["GM0344"] != carried["GM0363"]
