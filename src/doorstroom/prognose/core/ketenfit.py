"""Fit the other flows: IND decisions and grant rate, housing against the taakstelling, departure.

**IND** (``beslissingen``, ``inwilligingen``, optionally ``ind_wachtrij``), over the last year:
decisions per month (capacity), the grant rate ``Σ inwilligingen / Σ beslissingen``, and with the
queue the mean time to a decision by Little's law (queue / decisions per month). Their spread in
the scenario is the variation between periods.

**Housing** (``gehuisvest``, ``taakstelling``, optionally ``achterstand``): per complete half year
the realisation rate ``gehuisvest / (taakstelling + achterstand)``. Its log follows the same
local-level model as the inflow (:mod:`~doorstroom.prognose.core.lokaalniveau`): a level that wanders by
``realisatie_drift`` per half year plus the half year's own deviation ``realisatie_spreiding``, both
with a posterior on a grid. A ratio of realised to owed homes varies by factors (0.63 to 1.12 of
the task since 2019, skewed upward), so the log scale fits it better than a normal around a fixed
mean; the backtest's interval score agrees (docs/prognose.md). The fitted level is walked on
without observations up to the half year before the forecast, so a stale series (the last
published realisation two years before the start) widens the band by itself.

**Departure** (``vertrek``, ``afgewezen_coa``): the monthly hazard ``vertrek / (stock · months)``
with the stock at the start of the period; ``vertrektermijn`` is its inverse.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from doorstroom.platform.errors import InputError, Problem
from doorstroom.prognose.core import lokaalniveau
from doorstroom.prognose.core.fitbasis import Historie, NietTeFitten, Schatting, aanwezig
from doorstroom.prognose.core.lokaalniveau import Posterior
from doorstroom.prognose.core.scenario import LOG_SD, FloatArray, Verdeling
from doorstroom.values.maand import halfjaar


def _last_year(historie: Historie, columns: Sequence[str]) -> tuple[int, int]:
    filled = np.flatnonzero(np.all([np.isfinite(historie.reeksen[c]) for c in columns], axis=0))
    last = int(filled[-1])
    first = max(last - 12 // historie.maanden_per_periode + 1, int(filled[0]))
    return first, last


def ind(historie: Historie) -> tuple[list[Schatting], None]:
    """Decisions per month, grant rate and (with the queue) time to a decision, over the last year."""
    columns = ("beslissingen", "inwilligingen")
    if not aanwezig(historie, columns):
        raise NietTeFitten("IND: kolommen beslissingen en inwilligingen ontbreken")
    first, last = _last_year(historie, columns)
    decided = historie.reeksen["beslissingen"][first : last + 1]
    granted = historie.reeksen["inwilligingen"][first : last + 1]
    used = np.isfinite(decided) & np.isfinite(granted)
    decided, granted = decided[used], granted[used]
    if len(decided) < 2 or decided.sum() <= 0:
        raise NietTeFitten("IND: minstens twee perioden met beslissingen nodig")
    if np.any(granted > decided):
        raise InputError(
            Problem("meer inwilligingen dan beslissingen", historie.bestand, field="inwilligingen")
        )
    per_month = decided / historie.maanden_per_periode
    omvang = historie.omvang(first, last)
    found = [_capacity(per_month, omvang), _grant_rate(decided, granted, omvang)]
    if aanwezig(historie, ["ind_wachtrij"]):
        found.append(_little(historie, first, last, per_month, used))
    return found, None


def _capacity(per_month: FloatArray, omvang: str) -> Schatting:
    n, sd = len(per_month), float(per_month.std(ddof=1))
    method = "beslissingen per maand over het laatste jaar"
    mean = float(per_month.mean())
    return Schatting(
        "ind_capaciteit", mean, sd / math.sqrt(n), ("beslissingen",), omvang, n, method, Verdeling.normaal, sd
    )


def _grant_rate(decided: FloatArray, granted: FloatArray, omvang: str) -> Schatting:
    rates = np.where(decided > 0, granted / np.maximum(decided, 1.0), np.nan)
    sd = float(np.nanstd(rates, ddof=1)) if np.isfinite(rates).sum() > 1 else 0.0
    n = len(decided)
    method = "Σ inwilligingen / Σ beslissingen over het laatste jaar"
    rate = float(granted.sum() / decided.sum())
    return Schatting(
        "inwilligingspercentage",
        rate,
        sd / math.sqrt(n),
        ("beslissingen", "inwilligingen"),
        omvang,
        n,
        method,
        Verdeling.normaal,
        sd,
    )


def _little(historie: Historie, first: int, last: int, per_month: FloatArray, used: np.ndarray) -> Schatting:
    queue = historie.reeksen["ind_wachtrij"][first : last + 1][used]
    ok = np.isfinite(queue) & (per_month > 0)
    if ok.sum() < 2:
        raise NietTeFitten("IND-doorlooptijd: minstens twee perioden met ind_wachtrij en beslissingen nodig")
    ratios = queue[ok] / per_month[ok]
    value = float(queue[ok].mean() / per_month[ok].mean())
    sd = float(ratios.std(ddof=1))
    return Schatting(
        "ind_doorlooptijd",
        value,
        sd / math.sqrt(ok.sum()),
        ("ind_wachtrij", "beslissingen"),
        historie.omvang(first, last),
        int(ok.sum()),
        "wet van Little: wachtrij / beslissingen per maand",
        Verdeling.normaal,
        sd,
    )


@dataclass(frozen=True)
class Realisatie:
    """Realisation of one half year: persons housed against the task including arrears."""

    periode: str
    gehuisvest: float
    taak: float

    @property
    def graad(self) -> float:
        """Realised share of the task."""
        return self.gehuisvest / self.taak


REALISATIE_MAX_SD = 0.3
"""Largest standard deviation on the realisation grid, per half year on the log scale. A P10–P90
band of one half year's rate at that spread spans a factor 2.2, more than the whole range published
since 2019 (0.63 to 1.12 of the task), so the bound excludes nothing the series could support."""


def realisatiegraad(
    halfjaren: Sequence[Realisatie], bron: str, kolommen: tuple[str, ...], tot: str | None = None
) -> list[Schatting]:
    """Realisation as a local-level model on the log rate (see module doc), fitted on ``halfjaren``
    and walked on unobserved up to half year ``tot`` (the one before the forecast) when given."""
    known = [h for h in halfjaren if h.taak > 0 and h.gehuisvest > 0]
    if len(known) < 2:
        raise NietTeFitten(
            "huisvesting: minstens twee volledige halfjaren met taakstelling en gehuisvest nodig"
        )
    first = _half_index(known[0].periode)
    last = max(_half_index(known[-1].periode), _half_index(tot) if tot else 0)
    x = np.full(last - first + 1, np.nan)
    for h in known:
        x[_half_index(h.periode) - first] = math.log(h.graad)
    fit = lokaalniveau.posterior(x, np.zeros(len(x), dtype=bool), 1, REALISATIE_MAX_SD)
    omvang = f"{known[0].periode} t/m {known[-1].periode}"
    return [
        _realisation_level(fit, kolommen, omvang, bron),
        _log_sd("realisatie_spreiding", fit.sigma_e, fit, kolommen, omvang, "σ_e: eigen schommeling"),
        _log_sd("realisatie_drift", fit.sigma_eta, fit, kolommen, omvang, "σ_η: wandeling van het niveau"),
    ]


def _half_index(label: str) -> int:
    """Half years counted from year 0: ``2024-2`` → 4049."""
    return int(label[:4]) * 2 + int(label[5:]) - 1


def _realisation_level(fit: Posterior, kolommen: tuple[str, ...], omvang: str, bron: str) -> Schatting:
    mean, variance = fit.niveau_voorspelling()
    sd = min(math.sqrt(variance), LOG_SD.maximum)
    value = math.exp(mean)
    method = (
        "gefilterd niveau van log(gehuisvest / (taakstelling + achterstand)) per halfjaar, "
        f"lokaal-niveaumodel ({bron}); mediaan, lognormaal"
    )
    return Schatting(
        "realisatiegraad",
        value,
        value * sd,
        kolommen,
        omvang,
        fit.waarnemingen,
        method,
        Verdeling.lognormaal,
        sd,
    )


def _log_sd(
    parameter: str, values: FloatArray, fit: Posterior, kolommen: tuple[str, ...], omvang: str, what: str
) -> Schatting:
    """A standard deviation of the grid as a lognormal parameter: posterior log mean and log sd."""
    log_mean, log_sd = fit.log_momenten(values)
    mean = float(np.sum(fit.gewicht * values))
    se = math.sqrt(float(np.sum(fit.gewicht * (values - mean) ** 2)))
    method = f"{what} van log(realisatiegraad), posterior over een raster (exacte likelihood)"
    return Schatting(
        parameter,
        math.exp(log_mean),
        se,
        kolommen,
        omvang,
        fit.waarnemingen,
        method,
        Verdeling.lognormaal,
        min(log_sd, LOG_SD.maximum),
    )


def huisvesting(historie: Historie) -> tuple[list[Schatting], None]:
    if not aanwezig(historie, ["gehuisvest", "taakstelling"]):
        raise NietTeFitten("huisvesting: kolommen gehuisvest en taakstelling ontbreken")
    periods_per_half = 6 // historie.maanden_per_periode
    groups: dict[str, list[int]] = {}
    for index in range(len(historie.perioden)):
        groups.setdefault(halfjaar(historie.eerste_maand(index)), []).append(index)
    halves = [_half(historie, label, rows) for label, rows in groups.items() if len(rows) == periods_per_half]
    complete = [h for h in halves if h is not None]
    columns = ("gehuisvest", "taakstelling", *(("achterstand",) if "achterstand" in historie.reeksen else ()))
    return realisatiegraad(complete, historie.bestand, columns), None


def _half(historie: Historie, label: str, rows: list[int]) -> Realisatie | None:
    housed = historie.reeksen["gehuisvest"][rows]
    task = historie.reeksen["taakstelling"][rows[0]]
    arrears = historie.reeksen.get("achterstand", np.full(len(historie.perioden), np.nan))[rows[0]]
    if not np.all(np.isfinite(housed)) or not np.isfinite(task):
        return None
    return Realisatie(label, float(housed.sum()), float(task + (arrears if np.isfinite(arrears) else 0.0)))


def vertrek(historie: Historie) -> tuple[list[Schatting], None]:
    if not aanwezig(historie, ["vertrek", "afgewezen_coa"]):
        raise NietTeFitten("vertrek: kolommen vertrek en afgewezen_coa ontbreken")
    left = historie.reeksen["vertrek"][1:]
    stock = historie.reeksen["afgewezen_coa"][:-1]  # at the start of each period
    ok = np.isfinite(left) & np.isfinite(stock) & (stock > 0)
    if ok.sum() < 2:
        raise NietTeFitten(
            "vertrek: minstens twee perioden met vertrek en een beginstand afgewezen_coa nodig"
        )
    m = historie.maanden_per_periode
    hazards = np.clip(left[ok] / (stock[ok] * m), 1e-6, 1.0)
    hazard = float(left[ok].sum() / (stock[ok].sum() * m))
    value = 1.0 / max(hazard, 1e-6)
    sd = float(np.std(1.0 / hazards, ddof=1))
    indices = np.flatnonzero(ok) + 1
    return [
        Schatting(
            "vertrektermijn",
            value,
            sd / math.sqrt(ok.sum()),
            ("vertrek", "afgewezen_coa"),
            historie.omvang(int(indices[0]), int(indices[-1])),
            int(ok.sum()),
            "1 / (Σ vertrek / Σ beginstand afgewezen × maanden)",
            Verdeling.normaal,
            sd / math.sqrt(ok.sum()),
        )
    ], None
