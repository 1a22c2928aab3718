"""Fit the inflow process (first applications, nareizigers, repeat applications) to a history.

A local-level process on the log scale, ``x_t = log(y_t / s) = level_t + e_t`` with
``level_t = level_{t-1} + η_t`` (the drift) and ``e_t`` the period's own noise. Method of moments
on first differences ``d_t = η_t + e_t − e_{t−1}``: ``Var(d) = σ_η² + 2σ_e²`` and
``Cov(d_t, d_{t−1}) = −σ_e²``. A sum of ``m`` monthly gamma-Poisson counts with shape ``k`` has
relative variance ``1/λ + 1/(m·k)``, so ``k = 1 / (m·(σ_e² − 1/λ))``; the monthly drift is
``σ_η / √m``. Season factors are the median ratio of each month (quarter) to the centred moving
average over a year, normalised to mean 1, fitted from two years of history on. The level is the
deseasonalised mean of the last half year; its standard error uses the column's own noise and
drift. Standard errors of variances use the chi-square approximation ``σ̂²·√(2/(n−1))``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from doorstroom.prognose.fitbasis import (
    INSTROOM,
    MIN_PERIODEN,
    Historie,
    NietTeFitten,
    Schatting,
    aaneengesloten_einde,
    aanwezig,
)
from doorstroom.prognose.scenario import FloatArray, Verdeling


@dataclass(frozen=True)
class Instroomfit:
    """The inflow process in monthly terms."""

    niveaus: dict[str, float]  # persons per month at the end of the history
    niveau_sd: float  # standard error of the log level
    seizoen: tuple[float, ...]  # per calendar month
    dispersie: float
    drift: float
    perioden: int
    omvang: str
    schattingen: tuple[Schatting, ...]


def instroom(historie: Historie) -> Instroomfit:
    """Fit the inflow process on the last gap-free run of ``eerste_aanvragen`` (see module doc)."""
    if not aanwezig(historie, ["eerste_aanvragen"]):
        raise NietTeFitten("instroom: kolom eerste_aanvragen ontbreekt")
    columns = [c for c in INSTROOM if aanwezig(historie, [c])]
    first = aaneengesloten_einde(historie, columns)
    last = first + int(np.isfinite(historie.reeksen["eerste_aanvragen"][first:]).sum()) - 1
    m = historie.maanden_per_periode
    n = last - first + 1
    if n < MIN_PERIODEN[m]:
        raise NietTeFitten(
            f"instroom: minstens {MIN_PERIODEN[m]} aaneengesloten perioden nodig, {n} gevonden"
        )
    y = {c: historie.reeksen[c][first : last + 1] for c in columns}
    position = _position_in_year(historie, first, n)
    season_period, season_se = seizoen(y["eerste_aanvragen"], position, 12 // m)
    x = np.log((y["eerste_aanvragen"] + 0.5) / season_period[position])
    noise, drift = _variances(x)
    excess = max(noise - 1.0 / max(float(y["eerste_aanvragen"].mean()), 1.0), 1e-6)
    shape = float(np.clip(1.0 / (m * excess), 1e-3, 1e6))
    recent = slice(-max(6 // m, 1), None)
    levels = {c: float(np.mean(v[recent] / season_period[position[recent]])) / m for c, v in y.items()}
    level_sds = {c: _level_sd(v, season_period[position], len(x[recent])) for c, v in y.items()}
    monthly_season = tuple(float(season_period[month // m]) for month in range(12))
    omvang = historie.omvang(first, last)
    estimates = _inflow_estimates(levels, level_sds, drift, excess, shape, m, n, omvang, season_se)
    level_sd = level_sds["eerste_aanvragen"]
    return Instroomfit(levels, level_sd, monthly_season, shape, math.sqrt(drift / m), n, omvang, estimates)


def _level_sd(y: FloatArray, season: FloatArray, recent: int) -> float:
    """Standard error of a column's log level: its own noise over the recent periods plus one
    period of its own drift (each inflow series has its own history, e.g. nareizigers follow
    earlier grants)."""
    noise, drift = _variances(np.log((y + 0.5) / season))
    return float(min(np.sqrt(noise / recent + drift), 2.0))


def _position_in_year(historie: Historie, first: int, n: int) -> np.ndarray[tuple[int], np.dtype[np.int64]]:
    per_year = 12 // historie.maanden_per_periode
    start = int(historie.eerste_maand(first)[5:]) - 1
    return (np.arange(n) + start // historie.maanden_per_periode) % per_year


def _inflow_estimates(
    levels: dict[str, float],
    level_sds: dict[str, float],
    drift: float,
    excess: float,
    shape: float,
    m: int,
    n: int,
    omvang: str,
    season_se: float,
) -> tuple[Schatting, ...]:
    chi = math.sqrt(2.0 / max(n - 2, 1))
    level_method = "gedeseizoeniseerd gemiddelde van het laatste halfjaar, per maand"
    found = [
        Schatting(c, v, v * level_sds[c], (c,), omvang, n, level_method, Verdeling.lognormaal, level_sds[c])
        for c, v in levels.items()
    ]
    drift_se = chi * drift / (2.0 * math.sqrt(drift * m)) if drift > 0 else 0.0
    found.append(
        Schatting(
            "instroom_drift",
            math.sqrt(drift / m),
            drift_se,
            ("eerste_aanvragen",),
            omvang,
            n,
            "momentenmethode op eerste verschillen van log(y/seizoen)",
        )
    )
    found.append(
        Schatting(
            "instroom_dispersie",
            shape,
            shape * chi,
            ("eerste_aanvragen",),
            omvang,
            n,
            "ruis boven Poisson: k = 1 / (m·(σe² − 1/λ))",
        )
    )
    found.append(
        Schatting(
            "seizoen",
            1.0,
            season_se,
            ("eerste_aanvragen",),
            omvang,
            n,
            "mediane verhouding tot het gecentreerde jaargemiddelde (grootste standaardfout)",
        )
    )
    return tuple(found)


def seizoen(
    y: FloatArray, position: np.ndarray[tuple[int], np.dtype[np.int64]], per_year: int
) -> tuple[FloatArray, float]:
    """Season factor per month (or quarter) of the year, mean 1, and the largest standard error.

    Flat when less than two years are given: one year cannot tell season from trend.
    """
    if len(y) < 2 * per_year:
        return np.ones(per_year), 0.0
    weights = np.ones(per_year + 1)
    weights[0] = weights[-1] = 0.5  # a centred moving average over one year (2×L for even L)
    trend = np.convolve(y, weights / per_year, mode="valid")
    half = per_year // 2
    positive = trend > 0
    ratios = (y[half : half + len(trend)] / np.where(positive, trend, 1.0))[positive]
    where = position[half : half + len(trend)][positive]
    if any(not np.any(where == p) for p in range(per_year)):
        return np.ones(per_year), 0.0  # a season cannot be told where the series is zero
    factors = np.array([np.median(ratios[where == p]) for p in range(per_year)], dtype=np.float64)
    if not np.all(factors > 0):
        return np.ones(per_year), 0.0
    spread = [np.std(ratios[where == p]) / math.sqrt((where == p).sum()) for p in range(per_year)]
    return factors / factors.mean(), float(max(spread))


def _variances(x: FloatArray) -> tuple[float, float]:
    d = np.diff(x)
    d = d - d.mean()
    variance = float(np.mean(d**2))
    covariance = float(np.mean(d[1:] * d[:-1])) if len(d) > 1 else 0.0
    noise = max(-covariance, 0.0)
    return noise, max(variance - 2.0 * noise, 0.0)
