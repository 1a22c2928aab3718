"""Backtest: on published series with several cut-offs, on synthetic series, and beside the MPP."""

from __future__ import annotations

import numpy as np
import pytest

from doorstroom.platform.errors import InputError
from doorstroom.prognose.backtest import (
    Punt,
    gepubliceerd_backtest,
    historie_backtest,
    mpp_vergelijking,
    score,
)
from tests.prognose.strategies import maak_scenario
from tests.prognose.test_calibration import synthetic


@pytest.fixture(scope="module")
def published():  # type: ignore[no-untyped-def]
    return gepubliceerd_backtest(paden=500, seed=1)


def test_published_backtest_scores_every_series_at_several_cut_offs(published) -> None:  # type: ignore[no-untyped-def]
    assert {s.reeks for s in published.totaal} == {"eerste_aanvragen", "nareizigers", "gehuisvest"}
    cuts = {s.afkap for s in published.scores if s.reeks == "eerste_aanvragen"}
    assert cuts == {"2019-Q4", "2020-Q4", "2021-Q4", "2022-Q4", "2023-Q4"}
    assert {s.afkap for s in published.scores if s.reeks == "gehuisvest"} == {
        "2020-1",
        "2020-2",
        "2021-1",
        "2021-2",
        "2022-1",
        "2022-2",
        "2023-1",
    }
    for s in (*published.totaal, *published.scores):
        assert s.mape is None or 0 <= s.mape < 5
        assert 0 <= s.dekking <= 1
    pooled = {s.reeks: s for s in published.totaal}
    assert pooled["eerste_aanvragen"].perioden == 20


def test_forecasts_use_only_data_up_to_the_cut_off(published) -> None:  # type: ignore[no-untyped-def]
    for point in published.punten:
        assert point.periode > point.afkap
        assert point.p10 <= point.p50 <= point.p90


def test_scores_are_fractions() -> None:
    points = [Punt("x", "a", str(n), actual, 90, 100, 110) for n, actual in enumerate([100, 120, 0, 95])]
    result = score("x", "a", points)
    assert result.mape == pytest.approx((0 + 20 / 120 + 5 / 95) / 3)
    assert result.dekking == 0.5


def test_backtest_on_synthetic_series_is_accurate_and_calibrated() -> None:
    results = [historie_backtest(synthetic(seed), maak_scenario(), paden=400, seed=1) for seed in range(10)]
    pooled = [next(s for s in r.totaal if s.reeks == "eerste_aanvragen") for r in results]
    # Monthly gamma-Poisson noise alone (k = 30: relative sd about 0.18) gives a MAPE near 0.15, the
    # drift and the fitted level add to it: 0.19-0.22 over these ten series, depending on the draws
    # that made them; a level or season fitted wrongly is far above 0.25.
    assert np.mean([s.mape for s in pooled]) < 0.25
    assert 0.65 <= np.mean([s.dekking for s in pooled]) <= 0.95


def test_backtest_needs_enough_history() -> None:
    with pytest.raises(InputError, match="te weinig historie"):
        historie_backtest(synthetic(1, months=12), maak_scenario())


def test_annual_forecast_beside_the_ministrys_ranges() -> None:
    rows = mpp_vergelijking(paden=300, seed=1)
    assert {(r.jaar, r.uitgave) for r in rows} == {
        (2025, "2025-09"),
        (2026, "2025-09"),
        (2025, "2025-04"),
        (2026, "2025-04"),
    }
    autumn_2025 = next(r for r in rows if (r.jaar, r.uitgave) == (2025, "2025-09"))
    assert (autumn_2025.mpp_minimum, autumn_2025.mpp_maximum) == (40000, 55300)
    assert autumn_2025.p10 < autumn_2025.p50 < autumn_2025.p90
    assert autumn_2025.werkelijk == 24140 + 16470 and autumn_2025.vanaf == "2025-01"
