"""The needed taakstelling: the national number that brings waiting permit holders to a target.

Housing does not feed back into the IND or the inflow, so on each path the grants and nareizigers
of every month are fixed; only the housing step depends on the taakstelling. The waiting stock at
the end of a window falls monotonically as the taakstelling rises, so a vectorised bisection
inverts it on every path at once, re-running the housing rule of
:mod:`~doorstroom.prognose.core.huisvesting` (arrears carried between half years included).

Nationally the provinces add up exactly: each province houses its own waiting permit holders
first and room left anywhere takes those left waiting elsewhere, so the country houses
``min(waiting, room)``; the bisection runs that national sum. Whole-person rounding per province
can make the country house at most one person per province per month less than the national sum
suggests; on the expected path (no rounding) the answer is exact (tested).

Two answers:

* :func:`constant` — one half-year number, kept from the start, that reaches the target
  (``doelen.wachtende_vergunninghouders``) by ``doelen.uiterlijk_maand``;
* :func:`per_halfjaar` — a number for each half year, comparable with the published national
  taakstelling: waiting permit holders follow a straight glide path from the start (median) to the
  target month and stay at the target afterwards; each half year's number is the smallest that
  meets its glide-path value on a share ``kans`` of the paths, given the numbers chosen before.

Quantiles are taken without interpolation (``inverted_cdf``), so they are values of real paths.
A target below the grants of a window's last month cannot be met (those permit holders are housed
from the next month on); such paths count as *onhaalbaar*, and when more than ``1 − kans`` of them
are, the answer is infinite (``None`` per half year).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

import numpy as np

from doorstroom.prognose.core import huisvesting
from doorstroom.prognose.core.model import ModelInput
from doorstroom.prognose.core.scenario import FloatArray, Scenario
from doorstroom.values.maand import maand_labels

PRECISIE = 1.0
RELATIEF = 1e-4
"""The needed taakstelling is found to within one person or 0.01 % (2 persons in 20,000), far
below the rounding of published national numbers (hundreds)."""


@dataclass(frozen=True)
class BenodigdeTaakstelling:
    """Constant half-year taakstelling needed to reach ``doel`` waiting permit holders by ``maand``.

    ``per_halfjaar`` is met on a fraction ``kans`` of the paths; ``mediaan`` on half of them.
    ``onhaalbaar`` is the fraction of paths on which no taakstelling reaches the target.
    """

    doel: float
    maand: str
    kans: float
    per_halfjaar: float
    mediaan: float
    onhaalbaar: float


@dataclass(frozen=True)
class Halfjaartaak:
    """The needed national taakstelling of one half year, beside the scenario's planned number."""

    periode: str
    maanden: int  # months of this half year inside the forecast
    doel: float  # waiting permit holders wanted at its end (glide path)
    gepland: float  # the scenario's taakstelling (central value) in its first forecast month
    benodigd: float | None  # met on a share ``kans`` of the paths; None when out of reach
    mediaan: float | None
    onhaalbaar: float


@dataclass(frozen=True)
class Maanden:
    """What the housing rule needs of each month, fixed per path (months, paths): grants,
    nareizigers and the realisation rate. Rows are months, so a month is one contiguous row."""

    inwilligingen: FloatArray
    nareizigers: FloatArray
    graad: FloatArray

    @staticmethod
    def van(inp: ModelInput, per_maand: Mapping[str, FloatArray]) -> Maanden:
        """From the model's kept series, each (months, paths)."""
        rates = np.stack([inp.realisatiegraad(t) for t in range(inp.maanden)])
        return Maanden(per_maand["inwilligingen"], per_maand["instroom_nareizigers"], rates)


@dataclass
class _Stand:
    """National housing state per path at the start of a month."""

    v: FloatArray
    achterstand: FloatArray
    quotum: FloatArray
    gerealiseerd: FloatArray


def _begin(inp: ModelInput, hele: bool) -> _Stand:
    waiting = inp.waarden["begin_vergunninghouders_coa"]
    waiting = np.rint(waiting) if hele else waiting.copy()
    zero = np.zeros(inp.paden)
    return _Stand(waiting, inp.waarden["begin_achterstand"].copy(), zero, zero.copy())


def _run(
    inp: ModelInput, maanden: Maanden, stand: _Stand, window: range, taak: FloatArray, hele: bool
) -> _Stand:
    """The housing rule over the months of ``window`` with a constant taakstelling per path."""
    kal = inp.kalender
    s = replace(stand)
    sixth = taak / 6.0
    for t in window:
        if kal.eerste[t] and t > 0:
            s.achterstand = s.achterstand + s.quotum - s.gerealiseerd
            s.quotum, s.gerealiseerd = np.zeros_like(s.quotum), np.zeros_like(s.gerealiseerd)
        task = huisvesting.maandtaak(taak, 1.0, s.achterstand, float(kal.resterend[t]))
        room = huisvesting.ruimte(task, maanden.graad[t])
        family = maanden.nareizigers[t]
        housed = huisvesting.uit_coa(s.v, huisvesting.beschikbare_ruimte(room, family, hele=hele))
        s.quotum = s.quotum + sixth
        s.gerealiseerd = s.gerealiseerd + housed + family
        s.v = s.v - housed + maanden.inwilligingen[t]
    return s


def _bisect(
    inp: ModelInput,
    maanden: Maanden,
    stand: _Stand,
    window: range,
    target: float,
    hele: bool,
) -> FloatArray:
    """Per path, the smallest constant taakstelling over ``window`` that ends at or below ``target``,
    to within :data:`PRECISIE` persons or :data:`RELATIEF` of it."""
    months = slice(window.start, window.stop)
    supply = stand.v + maanden.inwilligingen[months].sum(axis=0) + maanden.nareizigers[months].sum(axis=0)
    rate = maanden.graad[months].min(axis=0)
    high = 6.0 * (supply + np.abs(stand.achterstand) + 1.0) / np.maximum(rate, 0.05)
    reachable = _run(inp, maanden, stand, window, high, hele).v <= target + 1e-6
    low = np.where(reachable, 0.0, high)
    while np.any(high - low > np.maximum(PRECISIE, RELATIEF * high)):
        middle = (low + high) / 2.0
        ok = _run(inp, maanden, stand, window, middle, hele).v <= target + 1e-6
        high = np.where(ok, middle, high)
        low = np.where(ok, low, middle)
    return np.where(reachable, high, np.inf)


def _quantile(values: FloatArray, kans: float) -> float:
    return float(np.quantile(values, kans, method="inverted_cdf"))


def constant(scenario: Scenario, inp: ModelInput, maanden: Maanden, *, hele: bool) -> BenodigdeTaakstelling:
    """The constant half-year taakstelling that meets the target by ``doelen.uiterlijk_maand``."""
    doelen = scenario.doelen
    month = min(doelen.uiterlijk_maand, inp.maanden)
    needed = _bisect(inp, maanden, _begin(inp, hele), range(month), doelen.wachtende_vergunninghouders, hele)
    return BenodigdeTaakstelling(
        doel=doelen.wachtende_vergunninghouders,
        maand=maand_labels(scenario.start, month)[-1],
        kans=doelen.kans,
        per_halfjaar=_quantile(needed, doelen.kans),
        mediaan=_quantile(needed, 0.5),
        onhaalbaar=float(np.mean(~np.isfinite(needed))),
    )


def per_halfjaar(
    scenario: Scenario, inp: ModelInput, maanden: Maanden, *, hele: bool
) -> tuple[Halfjaartaak, ...]:
    """Each half year's needed taakstelling along the glide path to the target (see module doc)."""
    doelen, kal = scenario.doelen, inp.kalender
    stand = _begin(inp, hele)
    start = float(np.median(stand.v))
    deadline = min(doelen.uiterlijk_maand, inp.maanden)
    tasks = []
    for h, periode in enumerate(kal.perioden):
        months = np.flatnonzero(kal.halfjaar == h)
        window = range(int(months[0]), int(months[-1]) + 1)
        share = min(window.stop / deadline, 1.0)
        target = start + (doelen.wachtende_vergunninghouders - start) * share
        needed = _bisect(inp, maanden, stand, window, target, hele)
        unreachable = float(np.mean(~np.isfinite(needed)))
        chosen = _quantile(needed, doelen.kans)
        planned = scenario.waarde("taakstelling") * float(inp.factor["taakstelling"][window.start])
        planned += float(inp.plus["taakstelling"][window.start])
        tasks.append(
            Halfjaartaak(
                periode=periode,
                maanden=len(window),
                doel=target,
                gepland=planned,
                benodigd=chosen if np.isfinite(chosen) else None,
                mediaan=_finite(_quantile(needed, 0.5)),
                onhaalbaar=unreachable,
            )
        )
        used = chosen if np.isfinite(chosen) else planned
        stand = _run(inp, maanden, stand, window, np.full(inp.paden, used), hele)
    return tuple(tasks)


def _finite(value: float) -> float | None:
    return value if np.isfinite(value) else None
