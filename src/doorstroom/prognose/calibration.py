"""Fit every flow of the model to a history: inflow, IND decisions and grant rate, housing, departure.

Each fit returns :class:`Schatting` values — the estimate, its standard error, the columns and
periods it used, and the method — and :func:`toepassen` writes them into a scenario, marking each
parameter *gefit* and recording what was fitted from which file (``Scenario.kalibratie``). Periods
are months or quarters; rates are converted to months.

**Inflow** (``eerste_aanvragen``, ``nareizigers``, ``herhaalde_aanvragen``): a local-level process
on the log scale, ``x_t = log(y_t / s) = level_t + e_t`` with ``level_t = level_{t-1} + η_t`` (the
drift) and ``e_t`` the period's own noise. Method of moments on first differences
``d_t = η_t + e_t − e_{t−1}``: ``Var(d) = σ_η² + 2σ_e²`` and ``Cov(d_t, d_{t−1}) = −σ_e²``. A sum
of ``m`` monthly gamma-Poisson counts with shape ``k`` has relative variance ``1/λ + 1/(m·k)``, so
``k = 1 / (m·(σ_e² − 1/λ))``; the monthly drift is ``σ_η / √m``. Season factors are the median
ratio of each month (quarter) to the centred moving average over a year, normalised to mean 1,
fitted from two years of history on. The level is the deseasonalised mean of the last half year.
Standard errors of variances use the chi-square approximation ``σ̂²·√(2/(n−1))``.

**IND** (``beslissingen``, ``inwilligingen``, optionally ``ind_wachtrij``), over the last year:
decisions per month (capacity), the grant rate ``Σ inwilligingen / Σ beslissingen``, and with the
queue the mean time to a decision by Little's law (queue / decisions per month). Their spread in
the scenario is the variation between periods.

**Housing** (``gehuisvest``, ``taakstelling``, optionally ``achterstand``): per complete half year
the realisation rate ``gehuisvest / (taakstelling + achterstand)``; the mean (standard error as
parameter uncertainty) and the spread between half years (``realisatie_spreiding``).

**Departure** (``vertrek``, ``afgewezen_coa``): the monthly hazard ``vertrek / (stock · months)``
with the stock at the start of the period; ``vertrektermijn`` is its inverse.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np

from doorstroom.errors import InputError, Problem
from doorstroom.prognose.scenario import (
    SPECS,
    FloatArray,
    Herkomst,
    Kalibratie,
    Parameter,
    Scenario,
    Verdeling,
    halfjaar,
    maand_labels,
)

@dataclass(frozen=True)
class Historie:
    """Consecutive periods and the series given for them (NaN where a cell was empty)."""

    bestand: str
    perioden: tuple[str, ...]
    maanden_per_periode: int
    reeksen: Mapping[str, FloatArray]

    @property
    def soort(self) -> str:
        """``maand`` or ``kwartaal``."""
        return "maand" if self.maanden_per_periode == 1 else "kwartaal"

    def tot(self, n: int) -> Historie:
        """The first ``n`` periods."""
        series = {k: v[:n] for k, v in self.reeksen.items()}
        return Historie(self.bestand, self.perioden[:n], self.maanden_per_periode, series)

    def eerste_maand(self, index: int) -> str:
        """``YYYY-MM`` of the first month of period ``index``."""
        label = self.perioden[index]
        if self.maanden_per_periode == 1:
            return label
        return f"{label[:4]}-{(int(label[-1]) - 1) * 3 + 1:02d}"

    def volgende_maand(self) -> str:
        """The month after the last period: where a forecast fitted on this history starts."""
        return maand_labels(self.eerste_maand(len(self.perioden) - 1), self.maanden_per_periode + 1)[-1]

    def omvang(self, first: int, last: int) -> str:
        """'2018-Q1 t/m 2024-Q4' for periods ``first`` .. ``last``."""
        return f"{self.perioden[first]} t/m {self.perioden[last]}"


INSTROOM = ("eerste_aanvragen", "nareizigers", "herhaalde_aanvragen")
MIN_PERIODEN = {1: 13, 3: 8}
"""Periods needed to fit the inflow: a year of months plus one, or two years of quarters."""


@dataclass(frozen=True)
class Schatting:
    """One fitted parameter: estimate, standard error and how it was obtained."""

    parameter: str
    waarde: float
    standaardfout: float
    kolommen: tuple[str, ...]
    perioden: str
    waarnemingen: int
    methode: str
    verdeling: Verdeling = Verdeling.vast
    sd: float | None = None


@dataclass(frozen=True)
class Fit:
    """Everything fitted on one history, and what could not be fitted with the reason."""

    bestand: str
    schattingen: tuple[Schatting, ...]
    seizoen: tuple[float, ...] | None
    overgeslagen: tuple[str, ...]
    volgende_maand: str


def fit(historie: Historie) -> Fit:
    """Fit every flow the history's columns support; raise when none can be fitted."""
    estimates: list[Schatting] = []
    skipped: list[str] = []
    season: tuple[float, ...] | None = None
    for part in (_inflow_part, _ind, _housing, _departure):
        try:
            found, found_season = part(historie)
        except _Skip as reason:
            skipped.append(str(reason))
            continue
        estimates += found
        season = found_season or season
    if not estimates:
        raise InputError([Problem(f"niets te fitten: {reason}", file=historie.bestand) for reason in skipped])
    return Fit(historie.bestand, tuple(estimates), season, tuple(skipped), historie.volgende_maand())


class _Skip(Exception):
    """A flow cannot be fitted from this history (missing columns or too few periods)."""


def _present(historie: Historie, columns: Sequence[str]) -> bool:
    return all(c in historie.reeksen and bool(np.isfinite(historie.reeksen[c]).any()) for c in columns)


def _trailing(historie: Historie, columns: Sequence[str]) -> int:
    """Index of the first period of the longest run without gaps that ends at the last filled period."""
    filled = np.all([np.isfinite(historie.reeksen[c]) for c in columns], axis=0)
    last = int(np.flatnonzero(filled)[-1])
    first = last
    while first > 0 and filled[first - 1]:
        first -= 1
    return first


# ----------------------------------------------------------------------------------------- inflow


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


def _inflow_part(historie: Historie) -> tuple[list[Schatting], tuple[float, ...]]:
    fitted = instroom(historie)
    return list(fitted.schattingen), fitted.seizoen


def instroom(historie: Historie) -> Instroomfit:
    """Fit the inflow process on the last gap-free run of ``eerste_aanvragen`` (see module doc)."""
    if not _present(historie, ["eerste_aanvragen"]):
        raise _Skip("instroom: kolom eerste_aanvragen ontbreekt")
    columns = [c for c in INSTROOM if _present(historie, [c])]
    first = _trailing(historie, columns)
    last = first + int(np.isfinite(historie.reeksen["eerste_aanvragen"][first:]).sum()) - 1
    m = historie.maanden_per_periode
    n = last - first + 1
    if n < MIN_PERIODEN[m]:
        raise _Skip(f"instroom: minstens {MIN_PERIODEN[m]} aaneengesloten perioden nodig, {n} gevonden")
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
        Schatting("instroom_drift", math.sqrt(drift / m), drift_se, ("eerste_aanvragen",), omvang, n,
                  "momentenmethode op eerste verschillen van log(y/seizoen)")
    )  # fmt: skip
    found.append(
        Schatting("instroom_dispersie", shape, shape * chi, ("eerste_aanvragen",), omvang, n,
                  "ruis boven Poisson: k = 1 / (m·(σe² − 1/λ))")
    )  # fmt: skip
    found.append(
        Schatting("seizoen", 1.0, season_se, ("eerste_aanvragen",), omvang, n,
                  "mediane verhouding tot het gecentreerde jaargemiddelde (grootste standaardfout)")
    )  # fmt: skip
    return tuple(found)


def seizoen(y: FloatArray, position: np.ndarray[tuple[int], np.dtype[np.int64]], per_year: int) -> tuple[FloatArray, float]:
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


# --------------------------------------------------------------------------------------------- IND


def _last_year(historie: Historie, columns: Sequence[str]) -> tuple[int, int]:
    filled = np.flatnonzero(np.all([np.isfinite(historie.reeksen[c]) for c in columns], axis=0))
    last = int(filled[-1])
    first = max(last - 12 // historie.maanden_per_periode + 1, int(filled[0]))
    return first, last


def _ind(historie: Historie) -> tuple[list[Schatting], None]:
    columns = ("beslissingen", "inwilligingen")
    if not _present(historie, columns):
        raise _Skip("IND: kolommen beslissingen en inwilligingen ontbreken")
    first, last = _last_year(historie, columns)
    m = historie.maanden_per_periode
    decided = historie.reeksen["beslissingen"][first : last + 1]
    granted = historie.reeksen["inwilligingen"][first : last + 1]
    used = np.isfinite(decided) & np.isfinite(granted)
    decided, granted = decided[used], granted[used]
    n, omvang = len(decided), historie.omvang(first, last)
    if n < 2 or decided.sum() <= 0:
        raise _Skip("IND: minstens twee perioden met beslissingen nodig")
    if np.any(granted > decided):
        raise InputError(Problem("meer inwilligingen dan beslissingen", historie.bestand, field="inwilligingen"))
    per_month = decided / m
    rates = np.where(decided > 0, granted / np.maximum(decided, 1.0), np.nan)
    rate = float(granted.sum() / decided.sum())
    rate_sd = float(np.nanstd(rates, ddof=1)) if np.isfinite(rates).sum() > 1 else 0.0
    found = [
        Schatting("ind_capaciteit", float(per_month.mean()), float(per_month.std(ddof=1) / math.sqrt(n)),
                  ("beslissingen",), omvang, n, "beslissingen per maand over het laatste jaar",
                  Verdeling.normaal, float(per_month.std(ddof=1))),
        Schatting("inwilligingspercentage", rate, rate_sd / math.sqrt(n), columns, omvang, n,
                  "Σ inwilligingen / Σ beslissingen over het laatste jaar", Verdeling.normaal, rate_sd),
    ]  # fmt: skip
    if _present(historie, ["ind_wachtrij"]):
        found.append(_little(historie, first, last, per_month, used))
    return found, None


def _little(historie: Historie, first: int, last: int, per_month: FloatArray, used: np.ndarray) -> Schatting:
    queue = historie.reeksen["ind_wachtrij"][first : last + 1][used]
    ok = np.isfinite(queue) & (per_month > 0)
    if ok.sum() < 2:
        raise _Skip("IND-doorlooptijd: minstens twee perioden met ind_wachtrij en beslissingen nodig")
    ratios = queue[ok] / per_month[ok]
    value = float(queue[ok].mean() / per_month[ok].mean())
    sd = float(ratios.std(ddof=1))
    return Schatting("ind_doorlooptijd", value, sd / math.sqrt(ok.sum()), ("ind_wachtrij", "beslissingen"),
                     historie.omvang(first, last), int(ok.sum()), "wet van Little: wachtrij / beslissingen per maand",
                     Verdeling.normaal, sd)  # fmt: skip


# ----------------------------------------------------------------------------------------- housing


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


def realisatiegraad(halfjaren: Sequence[Realisatie], bron: str, kolommen: tuple[str, ...]) -> list[Schatting]:
    """Mean realisation rate (uncertain by its standard error) and its spread between half years."""
    rates = np.array([h.graad for h in halfjaren if h.taak > 0])
    if len(rates) < 2:
        raise _Skip("huisvesting: minstens twee volledige halfjaren met taakstelling en gehuisvest nodig")
    mean, sd = float(rates.mean()), float(rates.std(ddof=1))
    omvang = f"{halfjaren[0].periode} t/m {halfjaren[-1].periode}"
    n = len(rates)
    return [
        Schatting("realisatiegraad", mean, sd / math.sqrt(n), kolommen, omvang, n,
                  f"gemiddelde van gehuisvest / (taakstelling + achterstand) per halfjaar ({bron})",
                  Verdeling.normaal, sd / math.sqrt(n)),
        Schatting("realisatie_spreiding", sd, sd / math.sqrt(2.0 * (n - 1)), kolommen, omvang, n,
                  "standaardafwijking van de realisatiegraad tussen halfjaren (onzeker: lognormaal, "
                  "sd van de log 1/√(2(n−1)))", Verdeling.lognormaal, 1.0 / math.sqrt(2.0 * (n - 1))),
    ]  # fmt: skip


def _housing(historie: Historie) -> tuple[list[Schatting], None]:
    if not _present(historie, ["gehuisvest", "taakstelling"]):
        raise _Skip("huisvesting: kolommen gehuisvest en taakstelling ontbreken")
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


# --------------------------------------------------------------------------------------- departure


def _departure(historie: Historie) -> tuple[list[Schatting], None]:
    if not _present(historie, ["vertrek", "afgewezen_coa"]):
        raise _Skip("vertrek: kolommen vertrek en afgewezen_coa ontbreken")
    left = historie.reeksen["vertrek"][1:]
    stock = historie.reeksen["afgewezen_coa"][:-1]  # at the start of each period
    ok = np.isfinite(left) & np.isfinite(stock) & (stock > 0)
    if ok.sum() < 2:
        raise _Skip("vertrek: minstens twee perioden met vertrek en een beginstand afgewezen_coa nodig")
    m = historie.maanden_per_periode
    hazards = np.clip(left[ok] / (stock[ok] * m), 1e-6, 1.0)
    hazard = float(left[ok].sum() / (stock[ok].sum() * m))
    value = 1.0 / max(hazard, 1e-6)
    sd = float(np.std(1.0 / hazards, ddof=1))
    indices = np.flatnonzero(ok) + 1
    return [
        Schatting("vertrektermijn", value, sd / math.sqrt(ok.sum()), ("vertrek", "afgewezen_coa"),
                  historie.omvang(int(indices[0]), int(indices[-1])), int(ok.sum()),
                  "1 / (Σ vertrek / Σ beginstand afgewezen × maanden)", Verdeling.normaal, sd / math.sqrt(ok.sum()))
    ], None  # fmt: skip


# -------------------------------------------------------------------------------------------- apply


def als_parameter(schatting: Schatting, bron: str, datum: str) -> Parameter:
    """The scenario parameter a fit gives, clipped to its domain, marked *gefit*."""
    domain = SPECS[schatting.parameter].domein
    value = float(np.clip(schatting.waarde, domain.minimum, domain.maximum))
    return Parameter(
        naam=schatting.parameter,
        waarde=value,
        verdeling=schatting.verdeling if schatting.sd else Verdeling.vast,
        sd=schatting.sd if schatting.sd else None,
        bron=f"gefit op {bron} ({', '.join(schatting.kolommen)}, {schatting.perioden}): {schatting.methode}",
        herkomst=Herkomst.gefit,
        datum=schatting.perioden.split(" t/m ")[-1],
        spreiding=Herkomst.gefit if schatting.sd else None,
    )


def toepassen(scenario: Scenario, gefit: Fit, start: str | None = None) -> Scenario:
    """The scenario with every fitted parameter replaced, recording each fit, from ``start`` on
    (default: the month after the history)."""
    parameters = dict(scenario.parameters)
    records = []
    for estimate in gefit.schattingen:
        records.append(
            Kalibratie(estimate.parameter, estimate.waarde, estimate.standaardfout, gefit.bestand,
                       estimate.kolommen, estimate.perioden, estimate.waarnemingen, estimate.methode)
        )  # fmt: skip
        if estimate.parameter in SPECS:
            parameters[estimate.parameter] = als_parameter(estimate, gefit.bestand, gefit.volgende_maand)
    season = gefit.seizoen or scenario.seizoen
    season_source = f"gefit op {gefit.bestand}" if gefit.seizoen else scenario.seizoen_bron
    return replace(
        scenario,
        start=start or gefit.volgende_maand,
        parameters=parameters,
        seizoen=season,
        seizoen_bron=season_source,
        kalibratie=(*scenario.kalibratie, *records),
    )
