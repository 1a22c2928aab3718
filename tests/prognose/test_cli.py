"""``doorstroom prognose ...`` in process, as a planner runs it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from doorstroom.prognose.scenario import maand_labels
from doorstroom.prognose.scenario_io import laad
from tests.cli_helpers import run

FAST = ("--paden", "60", "--maanden", "6", "--seed", "1")


def test_bereken_json_holds_p10_p50_p90_per_series_and_month() -> None:
    result = run("prognose", "bereken", *FAST, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    months = data["reeksen"]["coa_bezetting"]
    assert [m["maand"] for m in months] == maand_labels("2026-01", 6)
    assert set(months[0]) == {"maand", "p10", "p50", "p90"}
    assert {"vergunninghouders_coa", "ind_wachtrij", "instroom_nareizigers", "kosten"} <= set(data["reeksen"])
    assert data["samenvatting"]["seed"] == 1
    assert len(data["kansen"]) == 6


def test_same_seed_same_output() -> None:
    first = run("prognose", "bereken", *FAST, "--format", "csv")
    second = run("prognose", "bereken", *FAST, "--format", "csv")
    assert first.exit_code == 0 and first.stdout == second.stdout
    assert first.stdout.startswith("reeks,maand,p10,p50,p90")


def test_bereken_writes_tables_and_fan_charts(tmp_path: Path) -> None:
    result = run("prognose", "bereken", *FAST, "--out", str(tmp_path / "uit"))
    assert result.exit_code == 0, result.output
    out = tmp_path / "uit"
    assert (out / "waaiers.png").read_bytes().startswith(b"\x89PNG")
    html = (out / "waaiers.html").read_text(encoding="utf-8")
    assert "<html>" in html and 'src="https://cdn.plot.ly' not in html  # embedded: works offline
    assert len(html) > 1_000_000
    assert (out / "kwantielen.csv").read_text(encoding="utf-8-sig").startswith("reeks;maand;p10;p50;p90")
    provinces = (out / "provincies.csv").read_text(encoding="utf-8-sig")
    assert "Zuid-Holland" in provinces and "Fryslân" in provinces
    assert json.loads((out / "prognose.json").read_text(encoding="utf-8"))["samenvatting"]["paden"] == 60
    workbook = load_workbook(out / "prognose.xlsx", read_only=True)
    assert workbook.sheetnames[:4] == ["kwantielen", "kansen", "provincies", "provincie_opgaven"]


def test_xlsx_needs_an_output_directory() -> None:
    result = run("prognose", "bereken", *FAST, "--format", "xlsx")
    assert result.exit_code == 2 and "--out" in result.stderr


def test_without_uncertainty_the_band_collapses() -> None:
    result = run("prognose", "bereken", "--maanden", "3", "--zonder-onzekerheid", "--format", "json")
    assert result.exit_code == 0, result.output
    for month in json.loads(result.stdout)["reeksen"]["coa_bezetting"]:
        assert month["p10"] == month["p50"] == month["p90"]


def test_bad_scenario_exits_2_naming_file_and_key(tmp_path: Path) -> None:
    path = tmp_path / "fout.toml"
    path.write_text("[scenario]\nbasis = 'standaard'\n[parameters.inwilligingspercentage]\nwaarde = 1.4\n")
    result = run("prognose", "bereken", "--scenario", str(path), *FAST)
    assert result.exit_code == 2
    assert str(path) in result.stderr and "parameters.inwilligingspercentage.waarde" in result.stderr


def test_scenario_command_prints_the_default_that_loads_again(tmp_path: Path) -> None:
    result = run("prognose", "scenario", "--out", str(tmp_path / "s.toml"))
    assert result.exit_code == 0, result.output
    assert laad(tmp_path / "s.toml").naam == "standaard"
    example = run("prognose", "scenario", "--voorbeeld")
    assert "[[wijzigingen]]" in example.stdout


def test_backtest_command_reports_mape_and_coverage(tmp_path: Path) -> None:
    path = tmp_path / "historie.csv"
    months = maand_labels("2022-01", 36)
    counts = [2000 + (200 if m.endswith(("-09", "-10")) else 0) + 37 * (n % 5) for n, m in enumerate(months)]
    lines = "".join(f"{m};{c}\n" for m, c in zip(months, counts, strict=True))
    path.write_text("maand;eerste_aanvragen\n" + lines)
    result = run(
        "prognose",
        "backtest",
        "--historie",
        str(path),
        "--paden",
        "200",
        "--format",
        "json",
        "--out",
        str(tmp_path / "vergelijking.csv"),
    )
    assert result.exit_code == 0, result.output
    score = json.loads(result.stdout)[0]
    assert score["reeks"] == "eerste_aanvragen" and score["maanden"] == 12 and score["mape"] < 0.2
    assert (tmp_path / "vergelijking.csv").exists()


def test_malformed_history_exits_2(tmp_path: Path) -> None:
    path = tmp_path / "historie.csv"
    path.write_text("maand,eerste_aanvragen\n2023-01,12\n")
    result = run("prognose", "backtest", "--historie", str(path))
    assert result.exit_code == 2 and str(path) in result.stderr


@pytest.mark.slow
def test_sweep_command_on_a_given_scheduler() -> None:
    from distributed import LocalCluster

    with LocalCluster(  # type: ignore[no-untyped-call]
        n_workers=1, processes=False, protocol="tcp", host="127.0.0.1", dashboard_address=None
    ) as cluster:
        result = run(
            "prognose",
            "sweep",
            "--varieer",
            "taakstelling=15000,21000",
            "--paden",
            "30",
            "--maanden",
            "6",
            "--scheduler",
            cluster.scheduler_address,
            "--format",
            "json",
        )
    assert result.exit_code == 0, result.output
    assert [r["taakstelling"] for r in json.loads(result.stdout)] == [15000.0, 21000.0]


def test_unreachable_target_is_null_in_json() -> None:
    options = ("--doel-wachtend", "0", "--doel-maand", "3", "--format", "json")
    result = run("prognose", "bereken", *FAST, *options)
    assert result.exit_code == 0, result.output
    needed = json.loads(result.stdout)["samenvatting"]["benodigde_taakstelling"]
    assert needed["per_halfjaar"] is None and needed["aandeel_paden_onhaalbaar"] == 1.0
