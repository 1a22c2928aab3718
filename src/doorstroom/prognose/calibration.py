"""Fit the inflow process to a user's monthly history.

The history is a CSV/XLSX with columns ``maand`` (``YYYY-MM``, consecutive) and
``eerste_aanvragen``; ``nareizigers`` and ``herhaalde_aanvragen`` are optional. The model's inflow
is a local-level process on the log scale: ``x_t = log(y_t / s_m) = level_t + e_t`` with
``level_t = level_{t-1} + η_t`` (the drift) and ``e_t`` the month's own noise (Poisson plus the
gamma over-dispersion). Method of moments on the first differences ``d_t = η_t + e_t - e_{t-1}``:

* ``Var(d) = σ_η² + 2 σ_e²`` and ``Cov(d_t, d_{t-1}) = -σ_e²``, so both variances follow;
* ``σ_e² ≈ 1/λ + 1/k`` for a gamma-Poisson count with mean ``λ``, which gives the shape ``k``.

Season factors ``s_m`` (calendar month) are the mean ratio of each month to the centred 12-month
moving average, normalised to mean 1; with fewer than 24 months no season is fitted.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from doorstroom.domains import PERSONEN
from doorstroom.errors import InputError, Problem
from doorstroom.prognose.model import FloatArray
from doorstroom.prognose.scenario import Parameter, Scenario, Verdeling, maand_labels
from doorstroom.prognose.scenario_io import MONTH
from doorstroom.tabular import Row, parse_rows, read_table

KOLOMMEN = ("eerste_aanvragen", "nareizigers", "herhaalde_aanvragen")
MIN_MAANDEN = 13


@dataclass(frozen=True)
class Historie:
    """A monthly history: month labels and one count series per column present."""

    maanden: tuple[str, ...]
    reeksen: dict[str, FloatArray]

    def tot(self, n: int) -> Historie:
        """The first ``n`` months."""
        return Historie(self.maanden[:n], {k: v[:n] for k, v in self.reeksen.items()})


@dataclass(frozen=True)
class Fit:
    """Fitted inflow process."""

    niveaus: dict[str, float]  # level per column at the end of the history, per month
    niveau_sd: float  # standard error of the log level
    seizoen: tuple[float, ...]
    dispersie: float
    drift: float
    maanden: int


def lees_historie(path: Path | str) -> Historie:
    """Read a history file; months must be ``YYYY-MM``, consecutive and unique."""
    rows = read_table(path, required=("maand", "eerste_aanvragen"))
    columns = [c for c in KOLOMMEN if rows and c in rows[0].values]
    parsed = parse_rows(rows, lambda row: _parse(row, columns))
    if len(parsed) < MIN_MAANDEN:
        raise InputError(Problem(f"minstens {MIN_MAANDEN} maanden nodig, {len(parsed)} gevonden", str(path)))
    months = tuple(month for month, _ in parsed)
    expected = maand_labels(months[0], len(months))
    for row, month, wanted in zip(rows, months, expected, strict=True):
        if month != wanted:
            raise row.problem("maand", f"maanden moeten aansluiten: {wanted} verwacht, {month} gevonden")
    values = {c: np.array([v[c] for _, v in parsed], dtype=np.float64) for c in columns}
    return Historie(months, values)


def _parse(row: Row, columns: list[str]) -> tuple[str, dict[str, float]]:
    month = row.text("maand")
    if not MONTH.match(month):
        raise row.problem("maand", f"'{month}' is geen maand; schrijf bijvoorbeeld 2024-01")
    return month, {c: float(row.integer(c, domain=PERSONEN)) for c in columns}


def fit(historie: Historie) -> Fit:
    """Fit level, season, over-dispersion and drift to the history (see module docstring)."""
    y = historie.reeksen["eerste_aanvragen"]
    calendar = np.array([int(m[5:]) - 1 for m in historie.maanden])
    season = seizoen(y, calendar)
    x = np.log((y + 0.5) / season[calendar])
    noise, drift = _variances(x)
    shape = 1.0 / max(noise - 1.0 / max(float(y.mean()), 1.0), 1e-4)
    recent = slice(-min(6, len(y)), None)
    levels = {
        name: float(np.mean(values[recent] / season[calendar[recent]]))
        for name, values in historie.reeksen.items()
    }
    level_sd = float(np.sqrt(noise / min(6, len(y)) + drift))
    season_tuple = tuple(float(s) for s in season)
    return Fit(levels, level_sd, season_tuple, min(shape, 1e4), float(np.sqrt(drift)), len(y))


def seizoen(y: FloatArray, calendar: np.ndarray[tuple[int], np.dtype[np.int64]]) -> FloatArray:
    """Season factor per calendar month (mean 1); flat when less than two years are given."""
    if len(y) < 24:
        return np.ones(12)
    trend = np.convolve(y, np.ones(12) / 12.0, mode="same")
    valid = np.arange(len(y))
    valid = valid[(valid >= 6) & (valid < len(y) - 6)]
    ratios = y[valid] / np.maximum(trend[valid], 1e-9)
    factors = np.array([ratios[calendar[valid] == m].mean() for m in range(12)], dtype=np.float64)
    normalised: FloatArray = factors / factors.mean()
    return normalised


def _variances(x: FloatArray) -> tuple[float, float]:
    d = np.diff(x)
    d = d - d.mean()
    variance = float(np.mean(d**2))
    covariance = float(np.mean(d[1:] * d[:-1]))
    noise = max(-covariance, 0.0)
    return noise, max(variance - 2.0 * noise, 0.0)


def toepassen(scenario: Scenario, gefit: Fit, start: str) -> Scenario:
    """The scenario with its inflow replaced by the fitted process, forecasting from ``start``."""
    parameters = dict(scenario.parameters)
    source = f"gefit op {gefit.maanden} maanden historie"
    for name, level in gefit.niveaus.items():
        parameters[name] = Parameter(name, level, Verdeling.lognormaal, sd=gefit.niveau_sd, bron=source)
    parameters["instroom_dispersie"] = Parameter("instroom_dispersie", gefit.dispersie, bron=source)
    parameters["instroom_drift"] = Parameter("instroom_drift", gefit.drift, bron=source)
    return replace(scenario, start=start, parameters=parameters, seizoen=gefit.seizoen, seizoen_bron=source)
