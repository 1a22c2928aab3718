"""Fix and finish: from an LP solution to a plan (steps 3-4 of ``decompose``), begun beside pricing.

Why this works. A vertex of the LP has at most as many fractional households as there are binding
shared rows (a few hundred of 8,000 nationally), so almost every household is integral already:
those are fixed, and only the fractional ones, plus a few singles near them that may have to make
room, are finished by a small exact MIP from a feasible start (``afronding``).

Why it is begun early. Once pricing has stopped raising the LP much, its solution is as good to
round as the final one; the remaining pricing rounds only prove the bound. So the finish is begun
then (:func:`begin`, a forked child on the HiGHS backend) and collected afterwards (:func:`neem`):
on two cores the finish and the proof run side by side (national benchmark: the finish, 1.5–2.5 s,
overlaps the last pricing rounds, about 0.7 s).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from doorstroom.koppeling.core.bezetting import rest_na
from doorstroom.koppeling.solver import startplan
from doorstroom.koppeling.solver.afronding import als_vector, startoplossing
from doorstroom.koppeling.solver.backends.base import Backend, Lopend, Mipopties
from doorstroom.koppeling.solver.koppelmodel import FloatArray, IntArray, Koppelmodel, deelmodel, met_paren
from doorstroom.koppeling.solver.lagrange import Probleem
from doorstroom.koppeling.solver.matrixvorm import programma
from doorstroom.koppeling.solver.stand import Stand
from doorstroom.koppeling.solver.tijdsbudget import Tijdsbudget

INTEGRAAL = 1e-6
VRIJ_PER_GEMEENTE = 4
"""Singles per municipality a fractional household touches that the finish may move."""
MAX_GROOTTE_VRIJ = 1
AFRONDEN_PER_HUISHOUDEN = 4e-4
"""Reference seconds per open household to build the finish's start plan (a Python pass)."""
AFMAKEN_AANDEEL = 0.85
"""Share of the time left the exact finish may use; the rest goes to later steps. The finish is
the step that brings the plan within the gap target, and HiGHS finds its best plan at the end of
the root (after the cuts), so a cut-off finish loses most (national benchmark, 5 s: with 0.7 the
finish was stopped at 0.17-0.19 % in two of three runs, with 0.85 it reached 0.06 % in two)."""
RC_AANDEEL = 0.3
"""An open household keeps, besides the pairs its LP solution uses and its start pair, only the
pairs whose LP reduced cost is above −(this share × its persons × the LP's mean value per person).
Pairs the LP prices far below a household's best are almost never in a good plan, and leaving them
out halves the finish's MIP (weekly benchmark: 3,025 → 1,436 columns, the same plan in 0.39 s of
processor time instead of 0.93 s; national: 9,563 → 5,500 columns, a slightly better plan in 1.4 s
instead of 2.0 s). The MIP's plan is a plan either way; its bound is not used."""
SMAL_AANDEEL = 0.03
"""The first, narrow stage of the finish keeps only pairs within this share (see
:data:`RC_AANDEEL`): a MIP that HiGHS solves in a fraction of a second, which the wide stage then
starts from (weekly benchmark: 1,455 columns, solved in 0.08 s to within 0.2 % of the wide stage's
plan, which takes 0.8 s)."""
SMAL_DEEL = 0.6
"""The narrow stage runs only when it leaves out at least the rest of the pairs."""
SMAL_TIJD = 0.25
"""Share of the time left the narrow stage may use (the caller waits for it)."""


@dataclass
class Afmaak:
    """A finish under way: the model and LP it rounds, the open households and the running MIP."""

    model: Koppelmodel
    deel: Koppelmodel
    open_: IntArray
    vast: IntArray
    """Pair per household of ``model``: the fixed ones, and the start plan for the open ones."""
    start: FloatArray
    lopend: Lopend


def begin(
    probleem: Probleem,
    model: Koppelmodel,
    x: FloatArray,
    backend: Backend,
    budget: Tijdsbudget,
    stand: Stand,
    gap_doel: float,
    gereduceerd: FloatArray | None = None,
) -> Afmaak | None:
    """Fix the integral households and begin the exact finish of the others (collect with
    :func:`neem`). None when the plan is taken already: nothing was open, or too little time was
    left for the exact finish (the greedy at the LP's prices placed the open households).

    ``gereduceerd`` (households × municipalities) holds the LP's reduced costs; with it, the
    finish leaves out the pairs the LP prices far below the best (:data:`RC_AANDEEL`).

    The MIP may stop as soon as the whole plan is within half the gap target of the bound (HiGHS
    ``objective_target``): the gap is then proven, so no time goes to the sub-MIP's own gap.
    """
    keuze, open_ = rond_af(model, x)
    stand.details["fractional"] = float(len(open_))
    if not budget.past(budget.schat(AFRONDEN_PER_HUISHOUDEN * len(open_))):
        _snel_af(probleem, model, keuze, open_, budget, stand)
        return None
    keuze[open_] = -1
    vast = gemeenten(model, keuze)
    if len(open_) == 0:
        stand.neem(probleem, vast)
        return None
    prijsplan = startplan.greedy(probleem, stand.relaxatie.gereduceerd, budget.deadline, vast)
    stand.neem(probleem, prijsplan)
    model, x = _met_plan(probleem, model, x, open_, prijsplan)
    per_persoon = _per_persoon(model, x)
    if gereduceerd is not None:
        model, x = _snoei(model, x, open_, gereduceerd, paren(model, prijsplan))
    keuze = paren(model, vast)
    deel, deelparen = deelmodel(model, open_, restcapaciteit(model, keuze))
    start = _beste_start(deel, startoplossing(deel, x[deelparen]), paren(deel, prijsplan[open_]))
    marge = 0.5 * gap_doel * abs(stand.grens)
    doel = stand.grens - marge - model.objectief(keuze) + deel.objectief(np.full(deel.n_huishoudens, -1))
    if gereduceerd is not None:
        prijs = gereduceerd[open_[deel.paar_h], deel.paar_g]
        tot = budget.tot(SMAL_TIJD)
        start = _smal_eerst(
            deel, x[deelparen], prijs, start, backend, tot, (marge, doel), SMAL_AANDEEL * per_persoon
        )
    keuze[open_] = deelkeuze(model, deel, open_, start)
    stand.neem(probleem, gemeenten(model, keuze))
    lopend = backend.begin(
        programma(deel, geheel=True), budget.tot(AFMAKEN_AANDEEL), Mipopties(start, marge, doel)
    )
    return Afmaak(model, deel, open_, keuze, start, lopend)


def _met_plan(
    probleem: Probleem, model: Koppelmodel, x: FloatArray, open_: IntArray, plan: IntArray
) -> tuple[Koppelmodel, FloatArray]:
    """The model with the pairs ``plan`` gives the open households, and ``x`` in its layout (a
    new pair at 0), so the finish can start from that plan."""
    h = open_[plan[open_] >= 0]
    g = plan[h]
    breedte = len(model.capaciteit)
    nieuw = ~np.isin(h * breedte + g, model.paar_h * breedte + model.paar_g)
    h, g = h[nieuw], g[nieuw]
    if len(h) == 0:
        return model, x
    samen, volgorde = met_paren(model, h, g, probleem.waarde[h, g] / probleem.grootte[h])
    p = len(model.paar_h)
    return samen, np.concatenate([np.concatenate([x[:p], np.zeros(len(h))])[volgorde], x[p:]])


def _snoei(
    model: Koppelmodel, x: FloatArray, open_: IntArray, gereduceerd: FloatArray, nodig: IntArray
) -> tuple[Koppelmodel, FloatArray]:
    """The model without the open households' pairs that the LP prices far below their best
    (:data:`RC_AANDEEL`), and ``x`` in its layout. Pairs the LP uses, the pairs in ``nodig``
    (pair per household, -1 none) and every pair of a fixed household stay."""
    is_open = np.zeros(model.n_huishoudens, dtype=bool)
    is_open[open_] = True
    prijs = gereduceerd[model.paar_h, model.paar_g]
    houden = ~is_open[model.paar_h] | _dichtbij(model, x, prijs, RC_AANDEEL * _per_persoon(model, x))
    houden[nodig[nodig >= 0]] = True
    if houden.all():
        return model, x
    kept = np.flatnonzero(houden)
    return _met(model, kept), np.concatenate([x[kept], x[len(model.paar_h) :]])


def _dichtbij(model: Koppelmodel, x: FloatArray, prijs: FloatArray, per_persoon: float) -> np.ndarray:
    """Pairs the LP uses (``x``: the pairs' values), or whose reduced cost ``prijs`` is above
    −(``per_persoon`` × the household's persons)."""
    result: np.ndarray = (x[: len(model.paar_h)] > INTEGRAAL) | (
        prijs >= -per_persoon * model.grootte[model.paar_h]
    )
    return result


def _per_persoon(model: Koppelmodel, x: FloatArray) -> float:
    """The LP's mean value per linked person (``x`` in the model's column layout)."""
    p = len(model.paar_h)
    personen = float(model.grootte @ (1 - x[p : p + model.n_huishoudens]))
    return max(float(model.waarde @ x[:p]), 0.0) / max(personen, 1.0)


def _met(model: Koppelmodel, paren_: IntArray) -> Koppelmodel:
    """The model with only the pairs ``paren_`` (indices, sorted)."""
    return replace(model, paar_h=model.paar_h[paren_], paar_g=model.paar_g[paren_], score=model.score[paren_])


def _smal_eerst(
    deel: Koppelmodel,
    x: FloatArray,
    prijs: FloatArray,
    start: FloatArray,
    backend: Backend,
    deadline: float,
    doelen: tuple[float, float],
    per_persoon: float,
) -> FloatArray:
    """The finish's narrow first stage (:data:`SMAL_AANDEEL`): the MIP over the pairs the LP uses
    or prices nearly at their best, from ``start``. Returns its plan (as a vector of ``deel``) if
    that is better than ``start``, else ``start``. ``doelen`` is the MIP's (margin, target);
    ``per_persoon`` the LP's mean value per linked person."""
    van = als_keuze(deel, start)
    houden = _dichtbij(deel, x, prijs, per_persoon)
    houden[van[van >= 0]] = True
    if houden.sum() > SMAL_DEEL * len(houden):
        return start
    kept = np.flatnonzero(houden)
    smal = _met(deel, kept)
    smal_start = als_vector(smal, np.where(van >= 0, np.searchsorted(kept, van), -1))
    mip = backend.los_op(programma(smal, geheel=True), deadline, Mipopties(smal_start, *doelen))
    if mip.x is None:
        return start
    gekozen = als_keuze(smal, mip.x)
    plan = np.where(gekozen >= 0, kept[np.maximum(gekozen, 0)], -1)
    return als_vector(deel, plan) if deel.objectief(plan) > deel.objectief(van) else start


def _beste_start(deel: Koppelmodel, afgerond: FloatArray, prijsplan: IntArray) -> FloatArray:
    """The better start of the finish: the LP rounded (``afronding``) or the greedy at the LP's
    prices (national benchmark: 1.4 % and 0.33 % below the bound; the MIP needs the better one)."""
    uit_prijzen = als_vector(deel, prijsplan)
    if deel.objectief(prijsplan) > deel.objectief(als_keuze(deel, afgerond)):
        return uit_prijzen
    return afgerond


def neem(probleem: Probleem, afmaak: Afmaak, stand: Stand) -> None:
    """Collect the finish (waiting at most until its deadline) and keep its plan if it is better."""
    mip = afmaak.lopend.uitkomst()
    deel = afmaak.deel
    if mip.x is not None and deel.objectief(als_keuze(deel, mip.x)) > deel.objectief(
        als_keuze(deel, afmaak.start)
    ):
        vast = afmaak.vast.copy()
        vast[afmaak.open_] = deelkeuze(afmaak.model, deel, afmaak.open_, mip.x)
        stand.neem(probleem, gemeenten(afmaak.model, vast))


def _snel_af(
    probleem: Probleem,
    model: Koppelmodel,
    keuze: IntArray,
    open_: IntArray,
    budget: Tijdsbudget,
    stand: Stand,
) -> None:
    """Too little time for the exact finish: the LP's integral part, the open households placed by
    the greedy at the LP's prices (interruptible). Still far better than the plan before the LP."""
    vast = keuze.copy()
    vast[open_] = -1
    gemeente = gemeenten(model, vast)
    if not budget.verlopen():
        gemeente = startplan.greedy(probleem, stand.relaxatie.gereduceerd, budget.deadline, gemeente)
    stand.neem(probleem, gemeente)


def rond_af(model: Koppelmodel, x: FloatArray) -> tuple[IntArray, IntArray]:
    """Step 3: the pair chosen by every integral household (-1: unlinked) and the open ones."""
    p = len(model.paar_h)
    keuze = np.full(model.n_huishoudens, -1, dtype=np.int64)
    een = np.flatnonzero(x[:p] >= 1 - INTEGRAAL)
    keuze[model.paar_h[een]] = een
    onbekoppeld = x[p : p + model.n_huishoudens] >= 1 - INTEGRAAL
    open_ = np.flatnonzero((keuze < 0) & ~onbekoppeld)
    return keuze, np.union1d(open_, _beweeglijk(model, x, keuze, open_))


def _beweeglijk(model: Koppelmodel, x: FloatArray, keuze: IntArray, open_: IntArray) -> IntArray:
    """A few singles linked in municipalities the fractional households touch.

    Freeing them lets the exact finish move a single to make room for a family that the LP split
    over two municipalities (persons are whole; slivers of capacity are not). At most
    ``VRIJ_PER_GEMEENTE`` singles per touched municipality, those with the lowest score there.
    """
    p = len(model.paar_h)
    geraakt = np.zeros(len(model.capaciteit), dtype=bool)
    fractioneel = (x[:p] > INTEGRAAL) & np.isin(model.paar_h, open_)
    geraakt[model.paar_g[fractioneel]] = True
    gekoppeld = np.flatnonzero(keuze >= 0)
    gemeente = model.paar_g[keuze[gekoppeld]]
    kandidaat = gekoppeld[(model.grootte[gekoppeld] <= MAX_GROOTTE_VRIJ) & geraakt[gemeente]]
    volgorde = np.lexsort((model.score[keuze[kandidaat]], model.paar_g[keuze[kandidaat]]))
    kandidaat = kandidaat[volgorde]
    g = model.paar_g[keuze[kandidaat]]
    rang = np.arange(len(g)) - np.searchsorted(g, g)
    vrij: IntArray = kandidaat[rang < VRIJ_PER_GEMEENTE]
    return vrij


def als_keuze(model: Koppelmodel, vector: FloatArray) -> IntArray:
    """Pair index per household from a column vector (-1: unlinked)."""
    keuze = np.full(model.n_huishoudens, -1, dtype=np.int64)
    gekozen = np.flatnonzero(vector[: len(model.paar_h)] > 0.5)
    keuze[model.paar_h[gekozen]] = gekozen
    return keuze


def gemeenten(model: Koppelmodel, keuze: IntArray) -> IntArray:
    """Municipality index per household from a pair choice (-1 stays unlinked)."""
    result = np.full(len(keuze), -1, dtype=np.int64)
    result[keuze >= 0] = model.paar_g[keuze[keuze >= 0]]
    return result


def paren(model: Koppelmodel, gemeente: IntArray) -> IntArray:
    """Pair index per household of a plan whose pairs are all in ``model`` (-1 stays unlinked)."""
    breedte = len(model.capaciteit)
    gekoppeld = np.flatnonzero(gemeente >= 0)
    keuze = np.full(len(gemeente), -1, dtype=np.int64)
    keuze[gekoppeld] = np.searchsorted(
        model.paar_h * breedte + model.paar_g, gekoppeld * breedte + gemeente[gekoppeld]
    )
    return keuze


def deelkeuze(model: Koppelmodel, deel: Koppelmodel, open_: IntArray, vector: FloatArray) -> IntArray:
    """Map a sub-model column vector back to pair indices of the full model."""
    keuze = np.full(len(open_), -1, dtype=np.int64)
    gekozen = np.flatnonzero(vector[: len(deel.paar_h)] > 0.5)
    breedte = len(model.capaciteit)
    sleutels = model.paar_h * breedte + model.paar_g
    gezocht = open_[deel.paar_h[gekozen]] * breedte + deel.paar_g[gekozen]
    keuze[deel.paar_h[gekozen]] = np.searchsorted(sleutels, gezocht)
    return keuze


def restcapaciteit(model: Koppelmodel, keuze: IntArray) -> tuple[IntArray, IntArray, IntArray]:
    """Batch share, maximum and dwellings per municipality left after the households in ``keuze``
    (pair indices, -1 unlinked); the rule is ``bezetting.rest_na``."""
    gemeente = gemeenten(model, keuze)
    return rest_na(gemeente, model.grootte, model.klasse, model.capaciteit, model.maximum, model.woningen)
