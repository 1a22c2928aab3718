"""``doorstroom prognose ...`` in process, as a planner runs it."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from doorstroom.files.tabular import read_table
from doorstroom.prognose import service
from doorstroom.prognose.scenario_io import laad
from doorstroom.values.maand import maand_labels
from tests.cli_helpers import run

FAST = ("--paden", "60", "--maanden", "6", "--seed", "1")


def _csv(text: str) -> list[dict[str, str]]:
    dialect = csv.Sniffer().sniff(text.splitlines()[0], delimiters=",;")
    return list(csv.DictReader(io.StringIO(text), dialect=dialect))


def test_bereken_json_holds_quantiles_provinces_and_provenance() -> None:
    result = run("prognose", "bereken", *FAST, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    months = data["reeksen"]["coa_bezetting"]
    assert [m["maand"] for m in months] == maand_labels("2026-01", 6)
    assert set(months[0]) == {"maand", "p10", "p50", "p90"}
    assert {"vergunninghouders_coa", "achterstand", "koppeling_buiten_regio", "kosten"} <= set(
        data["reeksen"]
    )
    assert data["samenvatting"]["seed"] == 1 and data["samenvatting"]["kenmerk"].startswith("deels oordeel")
    assert len({r["provincie"] for r in data["provincies"]}) == 12
    assert [t["periode"] for t in data["benodigde_taakstelling"]] == ["2026-1"]
    herkomst = {p["parameter"]: p["herkomst"] for p in data["parameters"]}
    assert herkomst["eerste_aanvragen"] == "gefit" and herkomst["vertrektermijn"] == "oordeel"
    assert any(not float(m["p50"]).is_integer() for m in data["reeksen"]["taak_maand"])  # raw precision


def test_same_seed_same_output() -> None:
    first = run("prognose", "bereken", *FAST, "--format", "csv")
    second = run("prognose", "bereken", *FAST, "--format", "csv")
    assert first.exit_code == 0 and first.stdout == second.stdout
    rows = _csv(first.stdout)
    assert list(rows[0]) == ["reeks", "maand", "p10", "p50", "p90"]
    assert all(row["p50"].lstrip("-").isdigit() for row in rows if row["reeks"] != "kosten")  # whole persons


def test_terminal_summary_is_short_dutch_text() -> None:
    result = run("prognose", "bereken", *FAST)
    assert result.exit_code == 0, result.output
    assert (
        "Flexbuffer voor 90% zekerheid" in result.stdout
        and "Benodigde landelijke taakstelling" in result.stdout
    )
    assert "{" not in result.stdout and ".00000" not in result.stdout
    assert "deels oordeel" in result.stdout


def test_bereken_writes_tables_workbook_and_fan_charts(tmp_path: Path) -> None:
    result = run("prognose", "bereken", *FAST, "--out", str(tmp_path / "uit"))
    assert result.exit_code == 0, result.output
    out = tmp_path / "uit"
    assert (out / "waaiers.png").read_bytes().startswith(b"\x89PNG")
    html = (out / "waaiers.html").read_text(encoding="utf-8")
    assert "<html>" in html and 'src="https://cdn.plot.ly' not in html and "deels oordeel" in html
    rows = read_table(out / "provincies.csv")
    assert {"Zuid-Holland", "Fryslân"} <= {row.values["provincie"] for row in rows}
    assert json.loads((out / "prognose.json").read_text(encoding="utf-8"))["samenvatting"]["paden"] == 60
    workbook = load_workbook(out / "prognose.xlsx", read_only=True)
    assert workbook.sheetnames[:3] == ["samenvatting", "kwantielen", "kansen"]
    assert "benodigde_taakstelling" in workbook.sheetnames and "parameters" in workbook.sheetnames
    summary = list(workbook["samenvatting"].iter_rows(values_only=True))
    assert any("DEELS OORDEEL" in str(row[0]) for row in summary[:5])
    [kans] = [row for row in summary if row[1] == "procent"]  # not a fraction in a column of persons
    assert all(0 <= value <= 100 for value in kans[2:] if value is not None)
    assert any(
        row[0] == "COA-bezetting (personen)" and row[1] == "P50" and isinstance(row[2], int)
        for row in summary
    )
    sheet = list(workbook["kwantielen"].iter_rows(values_only=True))
    header = next(n for n, row in enumerate(sheet) if row[0] == "Reeks")
    quantiles = [row for row in sheet[header + 1 :] if row[0] not in (None, "kosten")]
    assert quantiles and all(isinstance(row[3], int) for row in quantiles)


def test_out_naming_an_existing_file_is_refused_before_any_work(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 7 item 7: ``--out`` naming an existing file gave a FileExistsError traceback."""
    existing = tmp_path / "bestaat.txt"
    existing.write_text("van de gebruiker", encoding="utf-8")

    def no_work(*args: object, **kwargs: object) -> None:
        raise AssertionError("the forecast ran before the output option was checked")

    monkeypatch.setattr(service, "prognose", no_work)
    result = run("prognose", "bereken", *FAST, "--out", str(existing))
    assert result.exit_code == 2 and "geen map" in result.stderr and "--out" in result.stderr
    assert existing.read_text(encoding="utf-8") == "van de gebruiker"


def test_file_output_refuses_a_directory(tmp_path: Path) -> None:
    result = run("prognose", "scenario", "--out", str(tmp_path))
    assert result.exit_code == 2 and "is een map" in result.stderr


def test_xlsx_needs_an_output_directory() -> None:
    result = run("prognose", "bereken", *FAST, "--format", "xlsx")
    assert result.exit_code == 2 and "--out" in result.stderr


def test_without_uncertainty_the_band_collapses() -> None:
    result = run("prognose", "bereken", "--maanden", "3", "--zonder-onzekerheid", "--format", "json")
    assert result.exit_code == 0, result.output
    for month in json.loads(result.stdout)["reeksen"]["coa_bezetting"]:
        assert month["p10"] == month["p50"] == month["p90"]


def test_start_chooses_an_earlier_default(tmp_path: Path) -> None:
    result = run("prognose", "bereken", *FAST, "--start", "2023-07", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["samenvatting"]["start"] == "2023-07"
    grant = next(p for p in data["parameters"] if p["parameter"] == "inwilligingspercentage")
    assert grant["waarde"] == pytest.approx(0.78) and grant["datum"] == "2022"


def test_start_with_a_scenario_file_is_a_usage_error(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    path.write_text("[scenario]\nbasis = 'standaard'\n", encoding="utf-8")
    result = run("prognose", "bereken", *FAST, "--scenario", str(path), "--start", "2024-01")
    assert result.exit_code == 2 and "--start" in result.stderr


def test_bad_scenario_exits_2_naming_file_and_key(tmp_path: Path) -> None:
    path = tmp_path / "fout.toml"
    path.write_text("[scenario]\nbasis = 'standaard'\n[parameters.inwilligingspercentage]\nwaarde = 1.4\n")
    result = run("prognose", "bereken", "--scenario", str(path), *FAST)
    assert result.exit_code == 2
    assert str(path) in result.stderr and "parameters.inwilligingspercentage.waarde" in result.stderr


def test_scenario_command_prints_the_default_that_loads_again(tmp_path: Path) -> None:
    result = run("prognose", "scenario", "--out", str(tmp_path / "s.toml"))
    assert result.exit_code == 0, result.output
    scenario = laad(tmp_path / "s.toml")
    assert scenario.naam == "standaard" and scenario.start == "2026-01"
    earlier = run("prognose", "scenario", "--start", "2022-01")
    assert 'start = "2022-01"' in earlier.stdout
    example = run("prognose", "scenario", "--voorbeeld")
    assert "[[wijzigingen]]" in example.stdout


def test_backtest_on_published_series_reports_fractions_per_series(tmp_path: Path) -> None:
    result = run("prognose", "backtest", "--paden", "200", "--format", "json", "--out", str(tmp_path / "bt"))
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    for name in ("eerste_aanvragen", "nareizigers", "gehuisvest"):
        series = data["reeksen"][name]
        assert 0 <= series["mape"] < 5 and 0 <= series["dekking"] <= 1
        assert len(series["afkappen"]) >= 3
    assert {row["jaar"] for row in data["mpp"]} == {2025, 2026}
    assert (tmp_path / "bt" / "backtest.png").read_bytes().startswith(b"\x89PNG")
    assert (tmp_path / "bt" / "backtest.xlsx").exists()


def _history(tmp_path: Path) -> Path:
    path = tmp_path / "historie.csv"
    months = maand_labels("2021-01", 48)
    counts = [2000 + (200 if m.endswith(("-09", "-10")) else 0) + 37 * (n % 5) for n, m in enumerate(months)]
    lines = "".join(f"{m};{c};{c // 4}\n" for m, c in zip(months, counts, strict=True))
    path.write_text("maand;eerste_aanvragen;nareizigers\n" + lines, encoding="utf-8")
    return path


def test_backtest_on_a_history_file(tmp_path: Path) -> None:
    args = (
        "prognose",
        "backtest",
        "--historie",
        str(_history(tmp_path)),
        "--paden",
        "200",
        "--format",
        "json",
    )
    result = run(*args)
    assert result.exit_code == 0, result.output
    series = json.loads(result.stdout)["reeksen"]["eerste_aanvragen"]
    assert series["mape"] < 0.2 and series["perioden"] == 12 + 12 + 11  # cut-offs after 13, 25 and 37 months
    cut = run(*args, "--afkap", "2023-06", "--horizon", "6")
    assert [a["afkap"] for a in json.loads(cut.stdout)["reeksen"]["eerste_aanvragen"]["afkappen"]] == [
        "2023-06"
    ]


def test_kalibreer_shows_each_estimate_and_writes_the_fitted_scenario(tmp_path: Path) -> None:
    history = _history(tmp_path)
    result = run(
        "prognose",
        "kalibreer",
        "--historie",
        str(history),
        "--format",
        "json",
        "--out",
        str(tmp_path / "g.toml"),
    )
    assert result.exit_code == 0, result.output
    estimates = {e["parameter"]: e for e in json.loads(result.stdout)}
    assert estimates["eerste_aanvragen"]["standaardfout"] > 0
    assert "niet gefit" in result.stderr  # no IND, housing or departure columns
    scenario = laad(tmp_path / "g.toml")
    assert scenario.start == "2025-01" and any(k.bestand == str(history) for k in scenario.kalibratie)
    fitted = run("prognose", "bereken", "--scenario", str(tmp_path / "g.toml"), *FAST, "--format", "json")
    assert fitted.exit_code == 0, fitted.output


def test_malformed_history_exits_2(tmp_path: Path) -> None:
    path = tmp_path / "historie.csv"
    path.write_text("maand,eerste_aanvragen\n2023-01,12\n")
    result = run("prognose", "backtest", "--historie", str(path))
    assert result.exit_code == 2 and str(path) in result.stderr


def test_unreachable_target_is_null_in_json() -> None:
    options = ("--doel-wachtend", "0", "--doel-maand", "3", "--format", "json")
    result = run("prognose", "bereken", *FAST, *options)
    assert result.exit_code == 0, result.output
    needed = json.loads(result.stdout)["samenvatting"]["benodigde_taakstelling"]
    assert needed["per_halfjaar"] is None and needed["aandeel_paden_onhaalbaar"] == 1.0


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


def test_bereken_fits_a_history_on_the_fly(tmp_path: Path) -> None:
    history = _history(tmp_path)
    result = run("prognose", "bereken", "--historie", str(history), *FAST, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["samenvatting"]["start"] == "2025-01"
    fitted = next(p for p in data["parameters"] if p["parameter"] == "eerste_aanvragen")
    assert fitted["herkomst"] == "gefit" and str(history) in fitted["bron"]
    assert any(k["bestand"] == str(history) for k in data["kalibratie"])
