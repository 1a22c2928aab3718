"""Calibration and backtest on synthetic series drawn from a known inflow process."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from doorstroom.errors import InputError
from doorstroom.prognose.backtest import backtest
from doorstroom.prognose.calibration import Historie, fit, lees_historie
from doorstroom.prognose.montecarlo import simuleer
from doorstroom.prognose.scenario import maand_labels
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
    scenario = maak_scenario(values, maanden=months, seizoen=SEASON)
    _, paths = simuleer(scenario, paden=1, seed=seed)
    return Historie(
        tuple(maand_labels("2026-01", months)),
        {
            "eerste_aanvragen": paths["instroom_eerste_aanvragen"][0],
            "nareizigers": paths["instroom_nareizigers"][0],
        },
    )


def test_fit_recovers_season_and_dispersion() -> None:
    fits = [fit(synthetic(seed, months=120, drift=0.0)) for seed in range(10)]
    season = np.mean([f.seizoen for f in fits], axis=0)
    np.testing.assert_allclose(season, np.array(SEASON) / np.mean(SEASON), atol=0.06)
    assert np.median([f.dispersie for f in fits]) == pytest.approx(30.0, rel=0.5)
    assert np.median([f.niveaus["eerste_aanvragen"] for f in fits]) == pytest.approx(2000, rel=0.1)


def test_backtest_on_synthetic_series_is_accurate_and_calibrated() -> None:
    scores = [
        backtest(synthetic(seed), maak_scenario(), holdout=12, paden=400, seed=1).scores for seed in range(12)
    ]
    first = [s[0] for s in scores]
    assert all(s.reeks == "eerste_aanvragen" and s.maanden == 12 for s in first)
    assert np.mean([s.mape for s in first]) < 0.2
    assert 0.65 <= np.mean([s.dekking for s in first]) <= 0.95


def test_backtest_needs_enough_history() -> None:
    with pytest.raises(InputError, match="te weinig historie"):
        backtest(synthetic(1, months=20), maak_scenario(), holdout=12)


def _history_file(tmp_path: Path, lines: list[str]) -> Path:
    path = tmp_path / "historie.csv"
    path.write_text("\n".join(["maand,eerste_aanvragen", *lines]) + "\n", encoding="utf-8")
    return path


def test_reads_a_history_file(tmp_path: Path) -> None:
    path = _history_file(tmp_path, [f"{m},{100 + n}" for n, m in enumerate(maand_labels("2023-01", 24))])
    history = lees_historie(path)
    assert history.maanden[0] == "2023-01" and history.reeksen["eerste_aanvragen"][-1] == 123


@pytest.mark.parametrize(
    ("bad", "field", "row"),
    [
        ("2023-13,100", "maand", 3),
        ("2023-03,-4", "eerste_aanvragen", 4),
        ("2023-02,veel", "eerste_aanvragen", 3),
    ],
)
def test_malformed_history_names_file_row_and_field(tmp_path: Path, bad: str, field: str, row: int) -> None:
    lines = [f"{m},100" for m in maand_labels("2023-01", 20)]
    lines[row - 2] = bad
    path = _history_file(tmp_path, lines)
    with pytest.raises(InputError) as caught:
        lees_historie(path)
    problem = caught.value.problems[0]
    assert (problem.file, problem.row, problem.field) == (str(path), row, field)


def test_history_months_must_be_consecutive(tmp_path: Path) -> None:
    lines = [f"{m},100" for m in maand_labels("2023-01", 20)]
    del lines[5]
    with pytest.raises(InputError, match="aansluiten"):
        lees_historie(_history_file(tmp_path, lines))
