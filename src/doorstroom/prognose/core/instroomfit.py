"""Fit the inflow process (first applications, nareizigers, repeat applications) to a history.

Each series, divided by the season and log-transformed, follows the local-level model of
:mod:`~doorstroom.prognose.core.lokaalniveau`: a level that wanders by ``σ_η`` per period (the drift)
plus the period's own noise ``σ_e``. Both variances get a posterior from the exact likelihood
(Kalman filter) on a grid, so what few periods cannot decide stays uncertain, and every fitted
number becomes a distribution each Monte-Carlo path draws from (parameter uncertainty propagated):

* **level** (``eerste_aanvragen``, ``nareizigers``, ``herhaalde_aanvragen``, per month): the filtered
  level at the end of the history, lognormal with its posterior variance, the variances integrated
  out; its median is ``exp(μ + σ_e²/2)`` (the mean count, not the median count, of the last period);
* **drift** (``instroom_drift`` from first applications, ``nareizigers_drift`` from nareizigers,
  per month ``σ_η/√m``): lognormal with the posterior mean and standard deviation of ``log σ_η``;
* **over-dispersion** (``instroom_dispersie``, gamma shape ``k``): a sum of ``m`` monthly
  gamma-Poisson counts has relative variance ``1/λ + 1/(m·k)``, so ``k = 1/(m·(σ_e² − 1/λ))`` per
  grid point; lognormal through its posterior median and P10–P90.

Season factors are the median ratio of each month (quarter) to the centred moving average over a
year, normalised to mean 1, fitted on first applications from two years of history on.

Annual totals of years outside the periods (``jaartotalen``: the published CBS figures of 2015 and
2017, before the quarterly series starts in 2018, or the latest year before its quarters appear)
enter the same filter as observations of the year's mean level, so the drift is estimated on every
published figure before the start, not only on the quarters.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, replace

import numpy as np

from doorstroom.prognose.core import lokaalniveau
from doorstroom.prognose.core.fitbasis import (
    INSTROOM,
    MIN_PERIODEN,
    Historie,
    NietTeFitten,
    Schatting,
    aaneengesloten_einde,
    aanwezig,
)
from doorstroom.prognose.core.lokaalniveau import Posterior
from doorstroom.prognose.core.scenario import LOG_SD, SPECS, FloatArray, Verdeling
from doorstroom.values.maand import maanden_tussen

Jaartotalen = Mapping[str, Mapping[int, float]]
"""Per inflow column, annual totals by year."""
Z90 = 1.2815515655446004
"""Standard normal quantile of 0.9: P10–P90 spans 2·Z90 standard deviations."""
DRIFTREEKS = {"eerste_aanvragen": "instroom_drift", "nareizigers": "nareizigers_drift"}
"""Series whose fitted drift becomes a parameter of the model."""


@dataclass(frozen=True)
class Instroomfit:
    """The inflow process in monthly terms (central values; the estimates carry their spread)."""

    niveaus: dict[str, float]  # persons per month at the end of the history
    seizoen: tuple[float, ...]  # per calendar month
    dispersie: float
    drift: float
    perioden: int
    omvang: str
    schattingen: tuple[Schatting, ...]


@dataclass(frozen=True)
class _Reeks:
    """One column prepared for the filter: observations on a timeline of periods."""

    x: FloatArray
    jaar: np.ndarray  # bool: the observation is an annual mean
    gemiddeld: float  # mean count per period (the Poisson part of the noise)


def instroom(historie: Historie, jaartotalen: Jaartotalen | None = None) -> Instroomfit:
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
    position = _position_in_year(historie, first, n)
    season_period, season_se = seizoen(
        historie.reeksen["eerste_aanvragen"][first : last + 1], position, 12 // m
    )
    annual = _usable_years(historie, first, last, jaartotalen or {})
    series = {
        c: _prepare(historie, c, first, last, season_period[position], annual.get(c, {})) for c in columns
    }
    fits = {c: lokaalniveau.posterior(s.x, s.jaar, 12 // m) for c, s in series.items()}
    omvang, detail = _omvang(historie, first, last, annual)
    estimates = tuple(
        replace(e, methode=e.methode + detail) for e in _estimates(fits, series, m, omvang, season_se)
    )
    central = {e.parameter: e.waarde for e in estimates}
    return Instroomfit(
        niveaus={c: central[c] for c in columns},
        seizoen=tuple(float(season_period[month // m]) for month in range(12)),
        dispersie=central["instroom_dispersie"],
        drift=central["instroom_drift"],
        perioden=n,
        omvang=omvang,
        schattingen=estimates,
    )


def _position_in_year(historie: Historie, first: int, n: int) -> np.ndarray[tuple[int], np.dtype[np.int64]]:
    per_year = 12 // historie.maanden_per_periode
    start = int(historie.eerste_maand(first)[5:]) - 1
    return (np.arange(n) + start // historie.maanden_per_periode) % per_year


def _usable_years(
    historie: Historie, first: int, last: int, jaartotalen: Jaartotalen
) -> dict[str, dict[int, float]]:
    """Annual totals of years wholly outside the fitted periods (inside, the periods say more)."""
    begin, end = historie.eerste_maand(first), historie.eerste_maand(last)
    return {
        column: {
            year: float(total)
            for year, total in sorted(totals.items())
            if (f"{year}-12" < begin or f"{year}-01" > end) and np.isfinite(total) and total >= 0
        }
        for column, totals in jaartotalen.items()
    }


def _prepare(
    historie: Historie, column: str, first: int, last: int, season: FloatArray, annual: Mapping[int, float]
) -> _Reeks:
    """Log counts over the season on a timeline of periods, annual means placed at their Decembers."""
    m = historie.maanden_per_periode
    begin = historie.eerste_maand(first)
    y = historie.reeksen[column][first : last + 1]
    periods = {maanden_tussen(begin, f"{year}-12") // m: total for year, total in annual.items()}
    offset = -min([0, *periods])
    length = max([last - first + 1, *(p + 1 for p in periods)]) + offset
    x = np.full(length, np.nan)
    yearly = np.zeros(length, dtype=bool)
    x[offset : offset + len(y)] = np.log((y + 0.5) / season)
    for period, total in periods.items():
        x[period + offset] = math.log(total * m / 12.0 + 0.5)
        yearly[period + offset] = True
    finite = y[np.isfinite(y)]
    return _Reeks(x, yearly, max(float(finite.mean()) if len(finite) else 1.0, 1.0))


def _omvang(
    historie: Historie, first: int, last: int, annual: Mapping[str, Mapping[int, float]]
) -> tuple[str, str]:
    """What was used: '2015 t/m 2025' and '; kwartalen 2018-Q1 t/m 2024-Q4, jaartotalen 2015, 2017,
    2025' (or only the periods, when no annual total was used)."""
    years = sorted({year for totals in annual.values() for year in totals})
    if not years:
        return historie.omvang(first, last), ""
    begin = min(str(years[0]), historie.perioden[first])
    end = max(str(years[-1]), historie.perioden[last])
    kind = "maanden" if historie.maanden_per_periode == 1 else "kwartalen"
    listed = ", ".join(str(y) for y in years)
    return f"{begin} t/m {end}", f"; {kind} {historie.omvang(first, last)}, jaartotalen {listed}"


def _estimates(
    fits: Mapping[str, Posterior], series: Mapping[str, _Reeks], m: int, omvang: str, season_se: float
) -> tuple[Schatting, ...]:
    first = fits["eerste_aanvragen"]
    found = [_level(c, fit, m, omvang) for c, fit in fits.items()]
    found += [_drift(DRIFTREEKS[c], c, fit, m, omvang) for c, fit in fits.items() if c in DRIFTREEKS]
    found.append(_dispersion(first, series["eerste_aanvragen"].gemiddeld, m, omvang))
    found.append(
        Schatting(
            "seizoen",
            1.0,
            season_se,
            ("eerste_aanvragen",),
            omvang,
            first.waarnemingen,
            "mediane verhouding tot het gecentreerde jaargemiddelde (grootste standaardfout)",
        )
    )
    return tuple(found)


def _level(column: str, fit: Posterior, m: int, omvang: str) -> Schatting:
    mean, variance = fit.niveau_voorspelling()
    noise = float(np.sum(fit.gewicht * fit.sigma_e**2))
    value = max((math.exp(mean + noise / 2.0) - 0.5) / m, 0.0)
    sd = min(math.sqrt(variance), LOG_SD.maximum)
    method = "gefilterd niveau aan het eind (lokaal-niveaumodel op log(y/seizoen)), per maand"
    return Schatting(
        column, value, value * sd, (column,), omvang, fit.waarnemingen, method, Verdeling.lognormaal, sd
    )


def _drift(parameter: str, column: str, fit: Posterior, m: int, omvang: str) -> Schatting:
    monthly = fit.sigma_eta / math.sqrt(m)
    log_mean, log_sd = fit.log_momenten(monthly)
    mean = float(np.sum(fit.gewicht * monthly))
    se = math.sqrt(float(np.sum(fit.gewicht * (monthly - mean) ** 2)))
    domain = SPECS[parameter].domein
    value = float(np.clip(math.exp(log_mean), domain.minimum, domain.maximum))
    method = "σ_η van het lokaal-niveaumodel (posterior over een raster, exacte likelihood) / √maanden"
    return Schatting(
        parameter,
        value,
        se,
        (column,),
        omvang,
        fit.waarnemingen,
        method,
        Verdeling.lognormaal,
        min(log_sd, LOG_SD.maximum),
    )


def _dispersion(fit: Posterior, mean_count: float, m: int, omvang: str) -> Schatting:
    domain = SPECS["instroom_dispersie"].domein
    excess = np.maximum(fit.sigma_e**2 - 1.0 / mean_count, 1.0 / (m * domain.maximum))
    shape = np.clip(1.0 / (m * excess), domain.minimum, domain.maximum)
    low, mid, high = (fit.kwantiel(shape, q) for q in (0.1, 0.5, 0.9))
    log_sd = min(math.log(high / low) / (2.0 * Z90), LOG_SD.maximum)
    se = (fit.kwantiel(shape, 0.8413) - fit.kwantiel(shape, 0.1587)) / 2.0
    method = "ruis boven Poisson uit σ_e: k = 1 / (m·(σ_e² − 1/λ)); posterior-mediaan en P10–P90"
    return Schatting(
        "instroom_dispersie",
        mid,
        se,
        ("eerste_aanvragen",),
        omvang,
        fit.waarnemingen,
        method,
        Verdeling.lognormaal,
        log_sd,
    )


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
