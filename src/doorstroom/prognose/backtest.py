"""Backtest: fit on the past, forecast held-out months, and score the forecast honestly.

Two scores per inflow series: the mean absolute percentage error of the median (MAPE; months with
zero actuals are skipped) and the coverage, the share of held-out months whose actual value fell
inside the P10–P90 band. A calibrated 80 % band should cover about 80 % of the months.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from doorstroom.errors import InputError, Problem
from doorstroom.prognose.calibration import MIN_MAANDEN, Historie, fit, toepassen
from doorstroom.prognose.montecarlo import kwantielen, simuleer
from doorstroom.prognose.scenario import Scenario, maand_labels


@dataclass(frozen=True)
class Score:
    """Scores of one series over the held-out months."""

    reeks: str
    mape: float
    dekking: float
    maanden: int


@dataclass(frozen=True)
class Backtest:
    """Scores per series and the month-by-month comparison."""

    scores: tuple[Score, ...]
    vergelijking: tuple[dict[str, object], ...]


def backtest(
    historie: Historie, scenario: Scenario, *, holdout: int = 12, paden: int = 1000, seed: int | None = None
) -> Backtest:
    """Fit on all but the last ``holdout`` months and forecast those."""
    train = len(historie.maanden) - holdout
    if holdout < 1 or train < MIN_MAANDEN:
        raise InputError(
            Problem(
                f"te weinig historie: {len(historie.maanden)} maanden, {holdout} achtergehouden, "
                f"minstens {MIN_MAANDEN} nodig om te fitten",
                field="--holdout",
            )
        )
    start = maand_labels(historie.maanden[train - 1], 2)[1]
    fitted = toepassen(scenario, fit(historie.tot(train)), start)
    _, paths = simuleer(replace(fitted, maanden=holdout), paden=paden, seed=seed)
    bands = kwantielen({f"instroom_{name}": paths[f"instroom_{name}"] for name in historie.reeksen})
    rows: list[dict[str, object]] = []
    scores = []
    for name, values in historie.reeksen.items():
        actual, band = values[train:], bands[f"instroom_{name}"]
        scores.append(_score(name, actual, band))
        rows += _rows(name, historie.maanden[train:], actual, band)
    return Backtest(tuple(scores), tuple(rows))


def _score(name: str, actual: np.ndarray, band: np.ndarray) -> Score:
    nonzero = actual > 0
    errors = np.abs(band[1][nonzero] - actual[nonzero]) / actual[nonzero]
    mape = float(errors.mean()) if nonzero.any() else float("nan")
    inside = (actual >= band[0]) & (actual <= band[2])
    return Score(name, mape, float(inside.mean()), int(actual.size))


def _rows(
    name: str, months: tuple[str, ...], actual: np.ndarray, band: np.ndarray
) -> list[dict[str, object]]:
    return [
        {
            "reeks": name,
            "maand": month,
            "werkelijk": float(actual[t]),
            "p10": float(band[0, t]),
            "p50": float(band[1, t]),
            "p90": float(band[2, t]),
        }
        for t, month in enumerate(months)
    ]
