"""Backtest: fit on the past up to a cut-off, forecast what followed, and score it honestly.

Two published series are held against the forecast:

* **asylum applications per quarter** (CBS first applications and nareizigers): the inflow process
  is fitted (:func:`instroomfit.instroom`) on the quarters up to each cut-off, the model forecasts
  the following months on many paths, and the months are summed to quarters;
* **persons housed per half year** (national realisation): the realisation rate is fitted on the
  half years up to each cut-off, and the housing rule (:mod:`huisvesting`) forecasts the following
  half years from the published taakstelling and the arrears it carries.

Per series and cut-off: the mean absolute percentage error of the median (MAPE; periods with zero
actuals are skipped) and the coverage (*dekking*), the share of actual values inside P10–P90. A
calibrated 80 % band covers about 80 % of them. Both are fractions.

The same inflow backtest runs on a planner's own history file. :func:`mpp_vergelijking` sets the
forecast of annual inflow from the last complete quarter beside the ministry's published ranges.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import numpy as np

from doorstroom.platform.errors import InputError, Problem
from doorstroom.prognose import gepubliceerd
from doorstroom.prognose.core import calibration, huisvesting, instroomfit, kwantielen
from doorstroom.prognose.core.fitbasis import INSTROOM, MIN_PERIODEN, Historie
from doorstroom.prognose.core.instroomfit import Jaartotalen
from doorstroom.prognose.core.ketenfit import Realisatie, realisatiegraad
from doorstroom.prognose.core.montecarlo import realisatie_trekkingen, simuleer
from doorstroom.prognose.core.scenario import FloatArray, Scenario, trek
from doorstroom.prognose.historie import gepubliceerde_instroom
from doorstroom.prognose.standaard import standaard
from doorstroom.taakstelling import landelijk

INSTROOMREEKSEN = ("eerste_aanvragen", "nareizigers")
REALISATIE = "gehuisvest"


ALPHA = 0.2
"""The band is P10–P90: a central interval of 1 − ALPHA."""
SCORE_KOLOMMEN = ("reeks", "afkap", "perioden", "mape", "dekking", "breedte", "intervalscore")


@dataclass(frozen=True)
class Score:
    """Scores of one series after one cut-off (``afkap`` = "alle": pooled over the cut-offs).

    ``dekking`` is the share of actual values inside P10–P90; ``breedte`` the mean width of the band
    relative to its median (sharpness: a band that always covers because it is very wide shows
    here); ``intervalscore`` the mean interval score of the band relative to the actual value —
    width plus ``2/ALPHA`` times every miss (Gneiting & Raftery 2007, *JASA* 102, §6.2). It is a
    proper score: lowest in expectation for the true P10 and P90, so it weighs coverage and width
    without favouring either; lower is better.
    """

    reeks: str
    afkap: str
    perioden: int
    mape: float | None
    dekking: float
    breedte: float | None
    intervalscore: float | None


@dataclass(frozen=True)
class Punt:
    """One forecast period beside what happened."""

    reeks: str
    afkap: str
    periode: str
    werkelijk: float
    p10: float
    p50: float
    p90: float


@dataclass(frozen=True)
class Backtest:
    """Scores per cut-off, pooled scores per series, every compared period, and the actual series."""

    scores: tuple[Score, ...]
    totaal: tuple[Score, ...]
    punten: tuple[Punt, ...]
    werkelijk: dict[str, tuple[tuple[str, ...], tuple[float, ...]]]


def score(reeks: str, afkap: str, punten: Sequence[Punt]) -> Score:
    """MAPE of the median, P10–P90 coverage, relative width and interval score over ``punten``
    (the relative measures skip periods whose actual value, or median, is zero)."""
    actual = np.array([p.werkelijk for p in punten])
    low, mid, high = (np.array([getattr(p, q) for p in punten]) for q in ("p10", "p50", "p90"))
    inside = (actual >= low) & (actual <= high)
    penalty = (2.0 / ALPHA) * (np.maximum(low - actual, 0.0) + np.maximum(actual - high, 0.0))
    return Score(
        reeks,
        afkap,
        len(punten),
        _relative_mean(np.abs(mid - actual), actual),
        float(inside.mean()) if len(punten) else 0.0,
        _relative_mean(high - low, mid),
        _relative_mean(high - low + penalty, actual),
    )


def _relative_mean(values: FloatArray, scale: FloatArray) -> float | None:
    positive = scale > 0
    return float(np.mean(values[positive] / scale[positive])) if positive.any() else None


def _summary(points: list[Punt]) -> tuple[tuple[Score, ...], tuple[Score, ...]]:
    series = list(dict.fromkeys(p.reeks for p in points))
    per_cut = [
        score(s, cut, [p for p in points if p.reeks == s and p.afkap == cut])
        for s in series
        for cut in dict.fromkeys(p.afkap for p in points if p.reeks == s)
    ]
    pooled = [score(s, "alle", [p for p in points if p.reeks == s]) for s in series]
    return tuple(per_cut), tuple(pooled)


# ------------------------------------------------------------------------------------------ inflow


def standaard_afkappen(historie: Historie) -> list[int]:
    """Cut-offs (number of training periods): every year from the least history a fit needs."""
    per_year = 12 // historie.maanden_per_periode
    first = MIN_PERIODEN[historie.maanden_per_periode]
    cuts = list(range(first, len(historie.perioden), per_year))
    if not cuts:
        message = f"te weinig historie: {len(historie.perioden)} perioden, minstens {first + 1} nodig"
        raise InputError(Problem(message, file=historie.bestand, field=historie.soort))
    return cuts


def afkap_index(historie: Historie, label: str) -> int:
    """Training periods for a cut-off named by its last period (``2022-Q4`` or ``2022-12``)."""
    if label not in historie.perioden:
        raise InputError(
            Problem(
                f"afkap '{label}' is geen periode van de historie "
                f"({historie.omvang(0, len(historie.perioden) - 1)})",
                file=historie.bestand,
                field="afkap",
            )
        )
    return historie.perioden.index(label) + 1


def instroom(
    historie: Historie,
    scenario: Scenario,
    *,
    afkappen: Sequence[int],
    horizon: int,
    paden: int,
    seed: int,
    jaartotalen: Callable[[str], Jaartotalen] | None = None,
) -> list[Punt]:
    """Forecast ``horizon`` periods after each cut-off and set them beside the actual values.

    ``jaartotalen(maand)`` gives the annual totals published for years ended before that month (the
    fit uses those outside its periods); without it only the periods are used.
    """
    points: list[Punt] = []
    columns = [c for c in INSTROOMREEKSEN if c in historie.reeksen]
    for cut in afkappen:
        train = historie.tot(cut)
        _check_training(train, cut)
        annual = jaartotalen(train.volgende_maand()) if jaartotalen else None
        fitted = instroomfit.instroom(_only_inflow(train), annual)
        forecast = _inflow_forecast(
            scenario, fitted, train.volgende_maand(), horizon, historie.maanden_per_periode, paden, seed
        )
        for column in columns:
            actual = historie.reeksen[column][cut : cut + horizon]
            labels = historie.perioden[cut : cut + horizon]
            band = forecast[column][:, : len(actual)]
            points += [
                Punt(column, historie.perioden[cut - 1], label, float(value), *(float(b) for b in band[:, n]))
                for n, (label, value) in enumerate(zip(labels, actual, strict=True))
                if np.isfinite(value)
            ]
    return points


def _only_inflow(historie: Historie) -> Historie:
    keep = {k: v for k, v in historie.reeksen.items() if k in INSTROOM}
    return replace(historie, reeksen=keep)


def _check_training(train: Historie, cut: int) -> None:
    needed = MIN_PERIODEN[train.maanden_per_periode]
    if cut < needed or "eerste_aanvragen" not in train.reeksen:
        raise InputError(
            Problem(
                f"te weinig historie voor afkap {train.perioden[-1] if train.perioden else '?'}: "
                f"{cut} perioden, minstens {needed} nodig om te fitten",
                file=train.bestand,
                field="afkap",
            )
        )
    values = train.reeksen["eerste_aanvragen"]
    if not np.any(np.nan_to_num(values) > 0):
        raise InputError(
            Problem(
                "eerste_aanvragen is overal 0 of leeg tot de afkap: er valt geen instroom te fitten",
                file=train.bestand,
                field="eerste_aanvragen",
            )
        )


def _inflow_forecast(
    scenario: Scenario,
    fitted: instroomfit.Instroomfit,
    start: str,
    horizon: int,
    months_per_period: int,
    paden: int,
    seed: int,
) -> dict[str, FloatArray]:
    """P10/P50/P90 (3, periods) of each inflow series summed over its periods."""
    estimates = {e.parameter: e for e in fitted.schattingen}
    parameters = dict(scenario.parameters)
    for name, estimate in estimates.items():
        if name in parameters:
            parameters[name] = calibration.als_parameter(estimate, "historie", start)
    chosen = replace(
        scenario,
        start=start,
        maanden=horizon * months_per_period,
        parameters=parameters,
        seizoen=fitted.seizoen,
        wijzigingen=(),
    )
    paths = simuleer(chosen, paden=paden, seed=seed)
    result = {}
    for column in INSTROOMREEKSEN:
        monthly = paths[f"instroom_{column}"]
        per_period = monthly.reshape(monthly.shape[0], horizon, months_per_period).sum(axis=2)
        result[column] = kwantielen.per_rij(per_period.T).reshape(3, horizon)
    return result


# ------------------------------------------------------------------------------------- realisation


def gepubliceerde_halfjaren() -> list[tuple[str, float, float | None, float | None]]:
    """(half year, taakstelling, realised, task incl. arrears) as published, oldest first."""
    return [
        (str(i.periode), float(i.landelijk), _opt(i.gerealiseerd), _opt(i.met_achterstand))
        for i in landelijk.gepubliceerd()
    ]


def _opt(value: int | None) -> float | None:
    return None if value is None else float(value)


def realisatie(afkappen: Sequence[int], horizon: int, paden: int, seed: int) -> list[Punt]:
    """Forecast persons housed per half year after each cut-off from the published taakstelling,
    with the realisation rates the model draws (:func:`montecarlo.realisatie_trekkingen`)."""
    halves = gepubliceerde_halfjaren()
    rng = np.random.default_rng(seed)
    points = []
    for cut in afkappen:
        known = [Realisatie(p, r, t) for p, _, r, t in halves[:cut] if r is not None and t is not None]
        fitted = {
            e.parameter: calibration.als_parameter(e, "gepubliceerd", "")
            for e in realisatiegraad(known, "gepubliceerd", (), tot=halves[cut - 1][0])
        }
        drawn = {name: trek(parameter, rng, paden) for name, parameter in fitted.items()}
        rates = realisatie_trekkingen(drawn, rng, horizon)
        _, _, realised, task = halves[cut - 1]
        arrears = np.full(paden, (task or 0.0) - (realised or 0.0))
        for step, (label, quota, actual, _) in enumerate(halves[cut : cut + horizon]):
            month_task = huisvesting.maandtaak(np.full(paden, quota), 1.0, arrears, 6.0)
            housed = 6.0 * huisvesting.ruimte(month_task, rates[step])
            arrears = 6.0 * month_task - housed
            if actual is not None:
                band = kwantielen.per_rij(np.rint(housed)[None, :])[:, 0]
                points.append(Punt(REALISATIE, halves[cut - 1][0], label, actual, *(float(b) for b in band)))
    return points


def standaard_realisatie_afkappen() -> list[int]:
    """Every cut-off from the third published half year with realisation on (the fewest that leave
    a spread to fit after the level), up to the last one: no cut-off is chosen for its outcome."""
    known = [
        n + 1 for n, (_, _, r, t) in enumerate(gepubliceerde_halfjaren()) if r is not None and t is not None
    ]
    return known[2:]


# ----------------------------------------------------------------------------------------- drivers


def gepubliceerd_backtest(
    afkappen: Sequence[str] = (), *, horizon: int = 4, paden: int = 2000, seed: int = 0
) -> Backtest:
    """The backtest on the embedded published series (quarters and half years)."""
    from doorstroom.prognose.historie import gepubliceerde_instroom, gepubliceerde_jaartotalen

    history = gepubliceerde_instroom()
    cuts = [afkap_index(history, label) for label in afkappen] or standaard_afkappen(history)
    scenario = standaard(history.volgende_maand())
    points = instroom(
        history,
        scenario,
        afkappen=cuts,
        horizon=horizon,
        paden=paden,
        seed=seed,
        jaartotalen=gepubliceerde_jaartotalen,
    )
    points += realisatie(standaard_realisatie_afkappen(), 2, paden, seed)
    per_cut, pooled = _summary(points)
    actual = {c: (history.perioden, tuple(float(v) for v in history.reeksen[c])) for c in INSTROOMREEKSEN}
    halves = [(p, r) for p, _, r, _ in gepubliceerde_halfjaren() if r is not None]
    actual[REALISATIE] = (tuple(p for p, _ in halves), tuple(float(r) for _, r in halves if r is not None))
    return Backtest(per_cut, pooled, tuple(points), actual)


def historie_backtest(
    historie: Historie,
    scenario: Scenario,
    afkappen: Sequence[str] = (),
    *,
    horizon: int | None = None,
    paden: int = 2000,
    seed: int = 0,
) -> Backtest:
    """The inflow backtest on a planner's history file."""
    per_year = 12 // historie.maanden_per_periode
    cuts = [afkap_index(historie, label) for label in afkappen] or standaard_afkappen(historie)
    points = instroom(historie, scenario, afkappen=cuts, horizon=horizon or per_year, paden=paden, seed=seed)
    per_cut, pooled = _summary(points)
    actual = {
        c: (historie.perioden, tuple(float(v) for v in historie.reeksen[c]))
        for c in INSTROOMREEKSEN
        if c in historie.reeksen
    }
    return Backtest(per_cut, pooled, tuple(points), actual)


@dataclass(frozen=True)
class MppVergelijking:
    """Forecast annual asylum inflow beside the ministry's published range for that year."""

    jaar: int
    uitgave: str
    mpp_minimum: float
    mpp_maximum: float
    p10: float
    p50: float
    p90: float
    werkelijk: float | None
    vanaf: str


def mpp_vergelijking(paden: int = 2000, seed: int = 0) -> list[MppVergelijking]:
    """Annual inflow (first applications, nareizigers, repeat applications) forecast from the last
    complete published quarter, beside each published MPP range for the years it covers."""
    start = gepubliceerde_instroom().volgende_maand()
    scenario = replace(standaard(start), maanden=24)
    paths = simuleer(scenario, paden=paden, seed=seed)
    years = sorted({r.jaar for r in gepubliceerd.mpp()})
    first_year = int(start[:4])
    totals = {}
    for offset, year in enumerate(range(first_year, first_year + 2)):
        months = slice(12 * offset, 12 * offset + 12)
        total = paths["instroom_totaal"][:, months].sum(axis=1)
        totals[year] = kwantielen.per_rij(total[None, :])[:, 0]
    rijen = []
    for p in gepubliceerd.mpp():
        if p.jaar in totals and p.jaar in years:
            p10, p50, p90 = (float(b) for b in totals[p.jaar])
            rijen.append(
                MppVergelijking(
                    p.jaar, p.uitgave, p.minimum, p.maximum, p10, p50, p90, _actual(p.jaar), start
                )
            )
    return rijen


def _actual(year: int) -> float | None:
    first = gepubliceerd.jaartotaal("eerste_asielverzoeken", year)
    family = gepubliceerd.jaartotaal("nareizigers", year)
    return first.waarde + family.waarde if first and family else None
