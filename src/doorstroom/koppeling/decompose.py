"""Improve a plan and its bound within the time left: LP with pricing → fix → exact finish.

Why this works. The constraint matrix is an assignment structure plus one capacity row per
municipality and a few dwelling rows. A vertex of the LP has at most as many fractional
households as there are binding capacity/dwelling rows, so on a national instance almost every
household is already integral in the LP optimum (a few hundred of 8,000 are fractional).

Steps (numbered as in the code), each started only while time is left, each stopped at the
deadline (``tijdsbudget``), and none able to make the run's plan worse: a step's plan replaces
the incumbent only when it is better.

1. Solve the LP of the model (the pairs of the incumbent, the best pairs by score and by
   reduced value) with dual simplex (a vertex solution).
2. *Bound and pricing*: the LP's row duals are prices for ``lagrange``; their relaxation over
   **every** allowed pair is a proven bound, whatever the model holds (so a round cut short still
   proves a bound). Pairs with positive reduced cost ``c − Aᵀy`` are added and the LP re-solved
   warm; when none is positive the relaxation equals the LP optimum of the unpruned problem.
3. Fix the households that are integral in the LP (linked, or unlinked) and subtract their persons
   and dwellings from the capacities (batch share and maximum).
4. Solve the small remaining MIP (the fractional households and a few singles near them) from a
   feasible start (``afronding``); if it is interrupted, the start is kept.
5. If the gap to the bound still exceeds the target and time is left, the whole MIP is solved from
   the best plan, with every pair that reduced-cost fixing cannot exclude.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from doorstroom.koppeling import startplan
from doorstroom.koppeling.afronding import als_vector, startoplossing
from doorstroom.koppeling.backends import Afloop, Backend, Oplossing
from doorstroom.koppeling.bezetting import rest_na
from doorstroom.koppeling.lagrange import Prijzen, Probleem, Relaxatie, relaxatie
from doorstroom.koppeling.model import (
    FloatArray,
    IntArray,
    Koppelmodel,
    Programma,
    deelmodel,
    kolombouwer,
    met_paren,
    overschrijdingscoefficient,
    overschrijdingsgrens,
    programma,
)
from doorstroom.koppeling.startplan import kandidaten
from doorstroom.koppeling.tijdsbudget import Tijdsbudget

INTEGRAAL = 1e-6
PRIJS_TOLERANTIE = 1e-7
MAX_PRIJSRONDES = 25
START_PER_HUISHOUDEN = 3
"""Pairs per household in the first LP: this many best by score and as many by reduced value."""
PRIJS_PER_HUISHOUDEN = 5
VRIJ_PER_GEMEENTE = 4
MAX_MIP_PER_HUISHOUDEN = 10
"""Pairs per household added to the full MIP at most (those that lose least against the bound).
More make HiGHS's MIP presolve and probing take longer than any time limit (bench: 104,000 pairs
for 500 households spent 32 s before the first node; 10 per household reach 0.5 % in 8 s)."""
MAX_GROOTTE_VRIJ = 1
MIN_MIP_SECONDEN = 0.3
OPBOUW_PER_CEL = 8e-8
"""Reference seconds per (household, municipality) cell to set up the first LP (pairs, program)."""
AFRONDEN_PER_HUISHOUDEN = 4e-4
"""Reference seconds per open household to build the finish's start plan (a Python pass)."""
LP_AANDEEL = 0.9
"""Share of the time left the LP with pricing may use; the rest is kept to round its solution."""
AFMAKEN_AANDEEL = 0.7
"""Share of the time left the exact finish (step 4) may use; the rest goes to later steps."""
MIP_AANDEEL = 0.6
"""Share of the time left the full MIP (step 5) may use; the rest goes to neighbourhood search."""
GENOEG_STIJGING = 0.002
"""Pricing also stops when a round raised the LP value by less than this share: the LP's solution is
then good enough to round (national benchmark: the third round is within 0.003 % of the LP optimum;
weekly: rounds 5-11 move it by 0.3 % together and cost more than half of a 1 s limit)."""
GENOEG_LP = 0.25
"""Pricing stops once the restricted LP is within this share of the gap target of the proven
bound: its solution is then good enough to round, and the remaining rounds would only move the
bound by less than that (national benchmark: two rounds, about a second, saved)."""


@dataclass
class Plan:
    """A plan over the dense problem: ``gemeente[h]`` is a municipality index or -1 (unlinked)."""

    gemeente: IntArray
    objectief: float


@dataclass
class Stand:
    """The best plan so far, the lowest proven bound, and the prices that prove it."""

    plan: Plan
    relaxatie: Relaxatie
    prijzen: Prijzen
    details: dict[str, float] = field(default_factory=dict)

    @property
    def grens(self) -> float:
        """The proven upper bound."""
        return self.relaxatie.grens

    def neem(self, probleem: Probleem, gemeente: IntArray) -> bool:
        """Keep ``gemeente`` if it is valid and better than the plan so far."""
        objectief = probleem.objectief(gemeente)
        if objectief > self.plan.objectief + 1e-9 and probleem.haalbaar(gemeente):
            self.plan = Plan(gemeente.copy(), objectief)
            return True
        return False

    def grens_uit(self, prijzen: Prijzen, relax: Relaxatie) -> None:
        """Keep the relaxation if it proves a lower bound."""
        if relax.grens < self.relaxatie.grens:
            self.relaxatie, self.prijzen = relax, prijzen

    def gap(self) -> float:
        """Relative gap of the plan to the bound."""
        return max(0.0, self.grens - self.plan.objectief) / max(abs(self.grens), 1.0)


def verbeter(
    probleem: Probleem,
    backend: Backend,
    budget: Tijdsbudget,
    stand: Stand,
    gap_doel: float,
    tussendoor: Callable[[], None] = lambda: None,
) -> None:
    """Run steps 1-5 (module docstring) on ``stand`` while time is left.

    ``tussendoor`` runs after the finish, before the full MIP: the caller's chance to build a plan
    with the LP's prices (the full MIP then starts from the best plan).
    """
    if not budget.past(budget.schat(OPBOUW_PER_CEL * probleem.waarde.size)):
        tussendoor()
        return
    model = _startmodel(probleem, stand)
    with budget.fase("lp"):
        model, lp = _lp_met_prijzen(probleem, model, backend, budget, stand, gap_doel)
    if lp is not None and lp.x is not None:
        with budget.fase("afmaken"):
            _maak_af(probleem, model, lp.x, backend, budget, stand, gap_doel)
    tussendoor()
    opbouw = budget.schat(OPBOUW_PER_CEL * probleem.waarde.size)
    if lp is not None and stand.gap() > gap_doel and budget.over() > MIN_MIP_SECONDEN + opbouw:
        with budget.fase("mip"):
            _volledige_mip(probleem, model, backend, budget, stand, gap_doel)


def koppelmodel(probleem: Probleem, paar_h: IntArray, paar_g: IntArray) -> Koppelmodel:
    """The pair model of ``probleem`` over the given pairs (sorted by household, municipality)."""
    volgorde = np.lexsort((paar_g, paar_h))
    paar_h, paar_g = paar_h[volgorde], paar_g[volgorde]
    return Koppelmodel(
        grootte=probleem.grootte,
        klasse=probleem.klasse,
        capaciteit=probleem.capaciteit,
        woningen=probleem.woningen,
        paar_h=paar_h,
        paar_g=paar_g,
        score=probleem.waarde[paar_h, paar_g] / probleem.grootte[paar_h],
        straf=probleem.straf,
        maximum=probleem.maximum,
        boete=probleem.boete,
    )


def _startmodel(probleem: Probleem, stand: Stand) -> Koppelmodel:
    """Step 1's pairs: the incumbent's, the best by score and the best by reduced value."""
    n = probleem.n_huishoudens
    per_score = kandidaten(probleem.waarde, START_PER_HUISHOUDEN)
    per_prijs = kandidaten(stand.relaxatie.gereduceerd, START_PER_HUISHOUDEN)
    gekoppeld = np.flatnonzero(stand.plan.gemeente >= 0)
    h = np.concatenate(
        [np.repeat(np.arange(n), per_score.shape[1]), np.repeat(np.arange(n), per_prijs.shape[1]), gekoppeld]
    )
    g = np.concatenate([per_score.ravel(), per_prijs.ravel(), stand.plan.gemeente[gekoppeld]])
    sleutel = np.unique(h * probleem.n_gemeenten + g)
    h, g = sleutel // max(probleem.n_gemeenten, 1), sleutel % max(probleem.n_gemeenten, 1)
    houden = np.isfinite(probleem.waarde[h, g])
    return koppelmodel(probleem, h[houden], g[houden])


def _lp_met_prijzen(
    probleem: Probleem,
    model: Koppelmodel,
    backend: Backend,
    budget: Tijdsbudget,
    stand: Stand,
    gap_doel: float,
) -> tuple[Koppelmodel, Oplossing | None]:
    """Steps 1-2: column generation; every solved round tightens the proven bound."""
    prog = programma(model, geheel=False, alle_rijen=True)
    sessie, kolommen = backend.lp(prog), kolombouwer(model, prog)
    aanwezig = np.zeros(probleem.waarde.shape, dtype=bool)
    aanwezig[model.paar_h, model.paar_g] = True
    extra: tuple[list[IntArray], list[IntArray]] = ([], [])
    deadline = budget.tot(LP_AANDEEL)  # the rest is for rounding: an LP without a plan is no use
    laatste, y_h, vorige = None, np.zeros(probleem.n_huishoudens), -np.inf
    for ronde in range(MAX_PRIJSRONDES):
        lp = sessie.los_op(deadline)
        if lp.afloop is not Afloop.optimaal or lp.x is None or lp.rij_duaal is None:
            break
        laatste, stand.details["lp_rondes"] = lp, float(ronde + 1)
        prijzen, y_h = prijzen_uit_dualen(model, prog, lp.rij_duaal)
        relax = relaxatie(probleem, prijzen)
        stand.grens_uit(prijzen, relax)
        stand.details["lp_objective"] = lp.objectief
        nieuw_h, nieuw_g = _positief(relax.gereduceerd - y_h[:, None], aanwezig)
        if len(nieuw_h) == 0:
            stand.details["lp_optimaal"] = 1.0
            break
        if stand.grens - lp.objectief <= GENOEG_LP * gap_doel * abs(stand.grens):
            break  # the LP is within a small share of the gap target of its optimum: go on
        if ronde and lp.objectief - vorige <= GENOEG_STIJGING * abs(lp.objectief):
            break  # pricing has stopped paying: the rest of the time is better spent on plans
        vorige = lp.objectief
        sessie.voeg_toe(probleem.waarde[nieuw_h, nieuw_g], kolommen(nieuw_h, nieuw_g))
        aanwezig[nieuw_h, nieuw_g] = True
        extra[0].append(nieuw_h)
        extra[1].append(nieuw_g)
    return _samen(probleem, model, extra, laatste)


def _positief(gereduceerd: FloatArray, aanwezig: np.ndarray) -> tuple[IntArray, IntArray]:
    """Per household the best pairs outside the model with positive reduced cost."""
    gereduceerd = np.where(aanwezig, -np.inf, gereduceerd)
    beste = kandidaten(gereduceerd, PRIJS_PER_HUISHOUDEN)
    rijen = np.repeat(np.arange(gereduceerd.shape[0]), beste.shape[1])
    kolommen = beste.ravel()
    houden = gereduceerd[rijen, kolommen] > PRIJS_TOLERANTIE
    return rijen[houden].astype(np.int64), kolommen[houden].astype(np.int64)


def _samen(
    probleem: Probleem, model: Koppelmodel, extra: tuple[list[IntArray], list[IntArray]], lp: Oplossing | None
) -> tuple[Koppelmodel, Oplossing | None]:
    """The extended model (pairs sorted) and the LP solution in its column layout."""
    leeg = np.zeros(0, dtype=np.int64)
    h, g = np.concatenate([leeg, *extra[0]]), np.concatenate([leeg, *extra[1]])
    samen, volgorde = met_paren(model, h, g, probleem.waarde[h, g] / np.maximum(probleem.grootte[h], 1))
    if lp is None or lp.x is None:
        return samen, lp
    p0, vast = len(model.paar_h), model.n_huishoudens + model.n_overloop
    later = len(volgorde) - (len(lp.x) - vast)  # columns added after the last solved round: 0
    paren = np.concatenate([lp.x[:p0], lp.x[p0 + vast :], np.zeros(later)])[volgorde]
    return samen, Oplossing(lp.afloop, np.concatenate([paren, lp.x[p0 : p0 + vast]]), lp.objectief, lp.grens)


def prijzen_uit_dualen(model: Koppelmodel, prog: Programma, duaal: FloatArray) -> tuple[Prijzen, FloatArray]:
    """LP row duals as :class:`Prijzen` (clipped at 0: a ≤ row's price is never negative) and the
    per-household duals of the assignment rows."""
    n_g = len(model.capaciteit)
    capaciteit, woningen = np.zeros(n_g), np.zeros((n_g, 4))
    grootte = np.arange(int(model.grootte.max(initial=1)) + 1)
    overloop, kolom, rhs = np.zeros((n_g, len(grootte))), np.zeros(n_g), np.zeros(n_g)
    for rij, waarde in zip(prog.rijen, np.maximum(duaal[model.n_huishoudens :], 0.0), strict=True):
        if rij.soort == "capaciteit":
            capaciteit[rij.index] = waarde
        elif rij.soort == "woningen":
            woningen[rij.index, rij.klasse] = waarde
        elif waarde != 0.0:  # most valid inequalities are slack: nothing to add
            aandeel = int(model.capaciteit[rij.index])
            overloop[rij.index] += waarde * overschrijdingscoefficient(rij, aandeel, grootte)
            kolom[rij.index] += waarde
            rhs[rij.index] += waarde * overschrijdingsgrens(rij, aandeel)
    return Prijzen(capaciteit, woningen, overloop, kolom, rhs), duaal[: model.n_huishoudens]


def _maak_af(
    probleem: Probleem,
    model: Koppelmodel,
    x: FloatArray,
    backend: Backend,
    budget: Tijdsbudget,
    stand: Stand,
    gap_doel: float,
) -> None:
    """Steps 3-4: fix the integral households, finish the others exactly (or keep the start).

    The sub-MIP may stop as soon as the whole plan is within half the gap target of the bound
    (HiGHS ``objective_target``): the gap is then proven, so time is not spent proving the
    sub-MIP's own, tighter gap.
    """
    keuze, open_ = _rond_af(model, x)
    if not budget.past(budget.schat(AFRONDEN_PER_HUISHOUDEN * len(open_))):
        _snel_af(probleem, model, keuze, open_, budget, stand)
        return
    vast = keuze.copy()
    vast[open_] = -1
    if len(open_):
        deel, paren = deelmodel(model, open_, restcapaciteit(model, vast))
        start = startoplossing(deel, x[paren])
        marge = 0.5 * gap_doel * abs(stand.grens)
        doel = stand.grens - marge - model.objectief(vast) + deel.objectief(np.full(deel.n_huishoudens, -1))
        vast[open_] = _deelkeuze(model, deel, open_, start)
        deadline = budget.tot(AFMAKEN_AANDEEL)
        mip = backend.los_op(programma(deel, geheel=True), deadline, start, marge, doel)
        if mip.x is not None and deel.objectief(_als_keuze(deel, mip.x)) > deel.objectief(
            _als_keuze(deel, start)
        ):
            vast[open_] = _deelkeuze(model, deel, open_, mip.x)
    stand.details["fractional"] = float(len(open_))
    stand.neem(probleem, _gemeenten(model, vast))


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
    gemeente = _gemeenten(model, vast)
    if not budget.verlopen():
        gemeente = startplan.greedy(probleem, stand.relaxatie.gereduceerd, budget.deadline, gemeente)
    stand.details["fractional"] = float(len(open_))
    stand.neem(probleem, gemeente)


def _rond_af(model: Koppelmodel, x: FloatArray) -> tuple[IntArray, IntArray]:
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


def _als_keuze(model: Koppelmodel, vector: FloatArray) -> IntArray:
    """Pair index per household from a column vector (-1: unlinked)."""
    keuze = np.full(model.n_huishoudens, -1, dtype=np.int64)
    gekozen = np.flatnonzero(vector[: len(model.paar_h)] > 0.5)
    keuze[model.paar_h[gekozen]] = gekozen
    return keuze


def _gemeenten(model: Koppelmodel, keuze: IntArray) -> IntArray:
    """Municipality index per household from a pair choice (-1 stays unlinked)."""
    result = np.full(len(keuze), -1, dtype=np.int64)
    result[keuze >= 0] = model.paar_g[keuze[keuze >= 0]]
    return result


def _paren(model: Koppelmodel, gemeente: IntArray) -> IntArray:
    """Pair index per household of a plan whose pairs are all in ``model`` (-1 stays unlinked)."""
    breedte = len(model.capaciteit)
    gekoppeld = np.flatnonzero(gemeente >= 0)
    keuze = np.full(len(gemeente), -1, dtype=np.int64)
    keuze[gekoppeld] = np.searchsorted(
        model.paar_h * breedte + model.paar_g, gekoppeld * breedte + gemeente[gekoppeld]
    )
    return keuze


def _deelkeuze(model: Koppelmodel, deel: Koppelmodel, open_: IntArray, vector: FloatArray) -> IntArray:
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
    gemeente = _gemeenten(model, keuze)
    return rest_na(gemeente, model.grootte, model.klasse, model.capaciteit, model.maximum, model.woningen)


def _volledige_mip(
    probleem: Probleem,
    model: Koppelmodel,
    backend: Backend,
    budget: Tijdsbudget,
    stand: Stand,
    gap_doel: float,
) -> None:
    """Step 5: the MIP from the best plan, with every pair that could improve it.

    Forcing household h onto pair (h, g) lowers the relaxation's bound by d = best_h − reduced_hg,
    so a plan using that pair is worth at most ``bound − d`` (reduced-cost fixing on the
    Lagrangian relaxation). Pairs with ``bound − d < best objective`` are left out safely, so the
    MIP's own bound is a bound on the unpruned problem too. When that leaves too many pairs (more
    than ``MAX_MIP_PER_HUISHOUDEN`` per household), only the best of them are added and the MIP's
    bound is not used: it would only cover the pruned model.
    """
    relax = stand.relaxatie
    verlies = relax.beste[:, None] - relax.gereduceerd
    aanwezig = np.zeros(probleem.waarde.shape, dtype=bool)
    aanwezig[model.paar_h, model.paar_g] = True
    gekoppeld = np.flatnonzero(stand.plan.gemeente >= 0)
    aanwezig[gekoppeld, stand.plan.gemeente[gekoppeld]] = True
    nodig = (relax.grens - verlies >= stand.plan.objectief) & np.isfinite(probleem.waarde)
    extra_h, extra_g = np.nonzero(nodig & ~aanwezig)
    geldig = len(extra_h) <= MAX_MIP_PER_HUISHOUDEN * probleem.n_huishoudens
    if not geldig:
        beste = kandidaten(np.where(nodig & ~aanwezig, -verlies, -np.inf), MAX_MIP_PER_HUISHOUDEN)
        extra_h = np.repeat(np.arange(probleem.n_huishoudens), beste.shape[1])
        extra_g = beste.ravel()
        houden = (nodig & ~aanwezig)[extra_h, extra_g]
        extra_h, extra_g = extra_h[houden], extra_g[houden]
    h = np.concatenate([model.paar_h, extra_h, gekoppeld])
    g = np.concatenate([model.paar_g, extra_g, stand.plan.gemeente[gekoppeld]])
    sleutel = np.unique(h * probleem.n_gemeenten + g)
    model = koppelmodel(probleem, sleutel // probleem.n_gemeenten, sleutel % probleem.n_gemeenten)
    stand.details["mip_pairs"] = float(len(model.paar_h))
    start = als_vector(model, _paren(model, stand.plan.gemeente))
    deadline = budget.tot(MIP_AANDEEL)
    mip = backend.los_op(programma(model, geheel=True), deadline, start, gap_doel * abs(stand.grens))
    if mip.x is not None:
        stand.neem(probleem, _gemeenten(model, _als_keuze(model, mip.x)))
    if geldig and mip.afloop is not Afloop.geen and mip.grens < stand.grens:
        stand.relaxatie = Relaxatie(mip.grens, relax.keuze, relax.gereduceerd, relax.beste)
        stand.details["bound_from_mip"] = 1.0
