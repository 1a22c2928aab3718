"""Calibration of every flow on synthetic histories with known parameters, and history files."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from doorstroom.platform.errors import InputError
from doorstroom.prognose import historie
from doorstroom.prognose.core import instroomfit
from doorstroom.prognose.core.calibration import fit, toepassen
from doorstroom.prognose.core.fitbasis import Historie
from doorstroom.prognose.core.instroomfit import instroom
from doorstroom.prognose.core.montecarlo import simuleer
from doorstroom.prognose.core.scenario import Herkomst
from doorstroom.prognose.standaard import standaard
from doorstroom.values.maand import maand_labels
from tests.prognose.strategies import maak_scenario

SEASON = (0.8, 0.8, 0.9, 0.9, 1.0, 1.0, 1.0, 1.1, 1.2, 1.2, 1.1, 1.0)


def synthetic(seed: int, months: int = 72, drift: float = 0.02, shape: float = 30.0) -> Historie:
    """One path of the model's own inflow process with known level, season and dispersion."""
    values = {
        "eerste_aanvragen": 2000.0,
        "nareizigers": 500.0,
        "instroom_drift": drift,
        "instroom_dispersie": shape,
    }
    paths = simuleer(maak_scenario(values, maanden=months, seizoen=SEASON), paden=1, seed=seed)
    return Historie(
        "synthetisch",
        tuple(maand_labels("2026-01", months)),
        1,
        {
            "eerste_aanvragen": paths["instroom_eerste_aanvragen"][0],
            "nareizigers": paths["instroom_nareizigers"][0],
        },
    )


def quarterly(history: Historie) -> Historie:
    """The same history summed to quarters."""
    n = len(history.perioden) // 3
    labels = tuple(f"{m[:4]}-Q{(int(m[5:]) - 1) // 3 + 1}" for m in history.perioden[::3][:n])
    series = {k: v[: 3 * n].reshape(n, 3).sum(axis=1) for k, v in history.reeksen.items()}
    return Historie(history.bestand, labels, 3, series)


def test_monthly_fit_recovers_season_level_and_dispersion() -> None:
    fits = [instroom(synthetic(seed, months=120, drift=0.0)) for seed in range(10)]
    season = np.mean([f.seizoen for f in fits], axis=0)
    np.testing.assert_allclose(season, np.array(SEASON) / np.mean(SEASON), atol=0.06)
    assert np.median([f.dispersie for f in fits]) == pytest.approx(30.0, rel=0.5)
    assert np.median([f.niveaus["eerste_aanvragen"] for f in fits]) == pytest.approx(2000, rel=0.1)


def test_quarterly_fit_gives_monthly_parameters() -> None:
    fits = [instroom(quarterly(synthetic(seed, months=120, drift=0.0))) for seed in range(10)]
    assert np.median([f.niveaus["eerste_aanvragen"] for f in fits]) == pytest.approx(2000, rel=0.1)
    quarter_means = np.array([np.mean(SEASON[q * 3 : q * 3 + 3]) for q in range(4)])
    expected = np.repeat(quarter_means / quarter_means.mean(), 3)
    np.testing.assert_allclose(np.mean([f.seizoen for f in fits], axis=0), expected, atol=0.05)


def test_every_estimate_reports_its_uncertainty() -> None:
    found = instroom(synthetic(3)).schattingen
    assert {e.parameter for e in found} >= {
        "eerste_aanvragen",
        "nareizigers",
        "instroom_drift",
        "instroom_dispersie",
    }
    assert all(e.standaardfout >= 0 and e.waarnemingen == 72 and e.perioden for e in found)


def _history(tmp_path: Path, header: str, rows: list[str], name: str = "historie.csv") -> Path:
    path = tmp_path / name
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def test_every_flow_is_fitted_from_one_quarterly_file(tmp_path: Path) -> None:
    """Known IND rates, realisation against the taakstelling and departures are recovered."""
    rng = np.random.default_rng(4)
    rows = []
    for n, label in enumerate(f"{2020 + q // 4}-Q{q % 4 + 1}" for q in range(16)):
        decided = 9000 + int(rng.integers(-500, 500))
        granted = round(decided * 0.6)
        stock = 3000 + 100 * (n % 3)
        task = 15000 if n % 4 < 2 else 12000
        housed = round(task * 0.4)  # two quarters per half year: 0.8 of the task
        rows.append(
            f"{label},{2500 + 37 * (n % 5)},{800 + 11 * (n % 3)},{decided},{granted},30000,{housed},{task},0,"
            f"{round(stock * 0.5)},{stock}"
        )
    header = (
        "kwartaal,eerste_aanvragen,nareizigers,beslissingen,inwilligingen,ind_wachtrij,gehuisvest,"
        "taakstelling,achterstand,vertrek,afgewezen_coa"
    )
    result = fit(historie.lees(_history(tmp_path, header, rows)))
    found = {e.parameter: e for e in result.schattingen}
    assert found["inwilligingspercentage"].waarde == pytest.approx(0.6, abs=0.01)
    assert found["ind_capaciteit"].waarde == pytest.approx(3000, rel=0.05)
    assert found["ind_doorlooptijd"].waarde == pytest.approx(10, rel=0.1)  # 30,000 waiting / 3,000 a month
    assert found["realisatiegraad"].waarde == pytest.approx(0.8, abs=0.01)
    assert found["vertrektermijn"].waarde == pytest.approx(6, rel=0.1)  # half the stock leaves per quarter
    assert not result.overgeslagen
    assert result.volgende_maand == "2024-01"


def test_the_scenario_records_what_was_fitted_from_which_file(tmp_path: Path) -> None:
    lines = [
        f"{m},{2000 + (n % 7) * 50},{400 + (n % 3) * 20}" for n, m in enumerate(maand_labels("2022-01", 30))
    ]
    path = _history(tmp_path, "maand,eerste_aanvragen,nareizigers", lines)
    fitted = fit(historie.lees(path))
    scenario = toepassen(standaard(), fitted)
    assert scenario.start == "2024-07"
    assert scenario.parameters["eerste_aanvragen"].herkomst is Herkomst.gefit
    assert str(path) in scenario.parameters["eerste_aanvragen"].bron
    records = [k for k in scenario.kalibratie if k.bestand == str(path)]
    assert {k.parameter for k in records} >= {"eerste_aanvragen", "nareizigers", "instroom_drift"}
    assert any("IND" in reason for reason in fitted.overgeslagen)


def test_an_all_zero_history_is_a_clear_error_not_a_crash(tmp_path: Path) -> None:
    lines = [f"{m},0" for m in maand_labels("2022-01", 30)]
    history = historie.lees(_history(tmp_path, "maand,eerste_aanvragen", lines))
    season, _ = instroomfit.seizoen(np.zeros(30), np.arange(30) % 12, 12)
    assert np.all(np.isfinite(season))
    fitted = instroom(history)
    assert all(np.isfinite(e.waarde) for e in fitted.schattingen)


@pytest.mark.parametrize(
    ("bad", "field", "row"),
    [
        ("2023-13,100", "maand", 3),
        ("2023-03,-4", "eerste_aanvragen", 4),
        ("2023-02,veel", "eerste_aanvragen", 3),
        ("2023-02,1e308", "eerste_aanvragen", 3),
        ("2023-02,nan", "eerste_aanvragen", 3),
    ],
)
def test_malformed_history_names_file_row_and_field(tmp_path: Path, bad: str, field: str, row: int) -> None:
    lines = [f"{m},100" for m in maand_labels("2023-01", 20)]
    lines[row - 2] = bad
    path = _history(tmp_path, "maand,eerste_aanvragen", lines)
    with pytest.raises(InputError) as caught:
        historie.lees(path)
    problem = caught.value.problems[0]
    assert (problem.file, problem.row, problem.field) == (str(path), row, field)


def test_history_periods_must_be_consecutive(tmp_path: Path) -> None:
    lines = [f"{m},100" for m in maand_labels("2023-01", 20)]
    del lines[5]
    with pytest.raises(InputError, match="aansluiten"):
        historie.lees(_history(tmp_path, "maand,eerste_aanvragen", lines))


def test_unknown_column_lists_the_closest_known_ones_first(tmp_path: Path) -> None:
    path = _history(tmp_path, "kwartaal,eerste_aanvraag", ["2024-Q1,5"])
    with pytest.raises(InputError) as caught:
        historie.lees(path)
    problem = caught.value.problems[0]
    assert (
        problem.field == "eerste_aanvraag"
        and "eerste_aanvragen" in problem.message.split(";")[1].split(",")[0]
    )


def test_exactly_one_period_column(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"maand .* of kwartaal"):
        historie.lees(_history(tmp_path, "jaar,eerste_aanvragen", ["2024,5"]))


def test_published_quarters_as_a_history() -> None:
    history = historie.gepubliceerde_instroom()
    assert history.soort == "kwartaal" and history.perioden[0] == "2018-Q1"
    assert history.volgende_maand() == "2025-01"
