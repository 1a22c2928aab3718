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

import numpy as np

from doorstroom.koppeling.solver import afmaken
from doorstroom.koppeling.solver.afmaken import Afmaak, als_keuze, gemeenten, paren
from doorstroom.koppeling.solver.afronding import als_vector
from doorstroom.koppeling.solver.backends.base import Afloop, Backend, Mipopties, Oplossing
from doorstroom.koppeling.solver.koppelmodel import FloatArray, IntArray, Koppelmodel, met_paren
from doorstroom.koppeling.solver.lagrange import Prijzen, Probleem, Relaxatie, relaxatie
from doorstroom.koppeling.solver.matrixvorm import (
    Programma,
    kolombouwer,
    overschrijdingscoefficient,
    overschrijdingsgrens,
    programma,
)
from doorstroom.koppeling.solver.stand import Plan, Stand
from doorstroom.koppeling.solver.startplan import kandidaten
from doorstroom.koppeling.solver.tijdsbudget import Tijdsbudget

__all__ = ["Plan", "Stand", "koppelmodel", "verbeter"]

PRIJS_TOLERANTIE = 1e-7
MAX_PRIJSRONDES = 25
START_PER_HUISHOUDEN = 3
"""Pairs per household in the first LP: this many best by score and as many by reduced value."""
PRIJS_PER_HUISHOUDEN = 5
VEEL_POSITIEF = 4
"""Above this many positive pairs per household to be added (on average), pricing ranks them with a
partial sort of the whole matrix instead of sorting the positive ones."""
MAX_MIP_PER_HUISHOUDEN = 10
"""Pairs per household added to the full MIP at most (those that lose least against the bound).
More make HiGHS's MIP presolve and probing take longer than any time limit (bench: 104,000 pairs
for 500 households spent 32 s before the first node; 10 per household reach 0.5 % in 8 s)."""
MIN_MIP_SECONDEN = 0.3
OPBOUW_PER_CEL = 8e-8
"""Reference seconds per (household, municipality) cell to set up the first LP (pairs, program)."""
LP_AANDEEL = 0.9
"""Share of the time left the LP with pricing may use; the rest is kept to round its solution."""
MIP_AANDEEL = 0.6
"""Share of the time left the full MIP (step 5) may use; the rest goes to neighbourhood search."""
GENOEG_STIJGING = 0.008
"""Once a pricing round raised the LP value by less than this share, its solution is good enough to
round: the finish (``afmaken``) begins beside the remaining rounds, which only prove the bound
(national benchmark: the third round is within 0.003 % of the LP optimum)."""
GENOEG_AFSTAND = 0.005
"""The finish also begins once the LP is within this share of the proven bound (national benchmark:
0.1 % after the third round, the fourth and last only proves the bound)."""
GENOEG_LP = 0.25
"""Pricing stops once the restricted LP is within this share of the gap target of the proven
bound: the remaining rounds would only move the bound by less than that (national benchmark: two
rounds, about a second, saved)."""


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
    afmaak: Afmaak | None = None
    try:
        with budget.fase("lp"):
            model, lp, afmaak, rc = _lp_met_prijzen(probleem, model, backend, budget, stand, gap_doel)
        with budget.fase("afmaken"):
            if afmaak is None and lp is not None and lp.x is not None:
                afmaak = afmaken.begin(probleem, model, lp.x, backend, budget, stand, gap_doel, rc)
            if afmaak is not None:
                afmaken.neem(probleem, afmaak, stand)
    finally:
        if afmaak is not None:
            afmaak.lopend.stop()
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
) -> tuple[Koppelmodel, Oplossing | None, Afmaak | None, FloatArray | None]:
    """Steps 1-2: column generation; every solved round tightens the proven bound. Once a round
    gains little (:data:`GENOEG_STIJGING`) the finish begins beside the rounds still to come.
    Also returns the last solved round's reduced costs (households × municipalities)."""
    prog = programma(model, geheel=False, alle_rijen=True)
    sessie = backend.lp(prog, als_vector(model, paren(model, stand.plan.gemeente)))
    kolommen = kolombouwer(model, prog)
    aanwezig = np.zeros(probleem.waarde.shape, dtype=bool)
    aanwezig[model.paar_h, model.paar_g] = True
    extra: tuple[list[IntArray], list[IntArray]] = ([], [])
    deadline = budget.tot(LP_AANDEEL)  # the rest is for rounding: an LP without a plan is no use
    laatste, vorige, afmaak, rc = None, -np.inf, None, None
    for ronde in range(MAX_PRIJSRONDES):
        lp = sessie.los_op(deadline)
        if lp.afloop is not Afloop.optimaal or lp.x is None or lp.rij_duaal is None:
            break
        laatste, stand.details["lp_rondes"] = lp, float(ronde + 1)
        prijzen, y_h = prijzen_uit_dualen(model, prog, lp.rij_duaal)
        relax = relaxatie(probleem, prijzen)
        stand.grens_uit(prijzen, relax)
        stand.details["lp_objective"] = lp.objectief
        rc = relax.gereduceerd - y_h[:, None]
        nieuw_h, nieuw_g = _positief(rc, aanwezig)
        if len(nieuw_h) == 0:
            stand.details["lp_optimaal"] = 1.0
            break
        if stand.grens - lp.objectief <= GENOEG_LP * gap_doel * abs(stand.grens):
            break  # the LP is within a small share of the gap target of its optimum: go on
        if afmaak is None and _rond_genoeg(lp.objectief, vorige, stand.grens):
            samen, opl = _samen(probleem, model, extra, laatste)
            assert opl is not None and opl.x is not None  # a round was solved: laatste is set
            afmaak = afmaken.begin(probleem, samen, opl.x, backend, budget, stand, gap_doel, rc)
            if afmaak is None:
                break  # the plan is taken already (no time for more): go on
            stand.details["afmaken_na_ronde"] = float(ronde + 1)
        vorige = lp.objectief
        sessie.voeg_toe(probleem.waarde[nieuw_h, nieuw_g], kolommen(nieuw_h, nieuw_g))
        aanwezig[nieuw_h, nieuw_g] = True
        extra[0].append(nieuw_h)
        extra[1].append(nieuw_g)
    samen, opl = _samen(probleem, model, extra, laatste)
    return samen, opl, afmaak, rc


def _rond_genoeg(lp: float, vorige: float, grens: float) -> bool:
    """Whether the LP's solution is good enough to begin the finish beside the rounds to come: the
    last round raised it by little, or it is close to the proven bound already."""
    return lp - vorige <= GENOEG_STIJGING * abs(lp) or grens - lp <= GENOEG_AFSTAND * abs(grens)


def _positief(gereduceerd: FloatArray, aanwezig: np.ndarray) -> tuple[IntArray, IntArray]:
    """Per household the best pairs outside the model with positive reduced cost.

    Once the prices are fair only a few pairs price positive; those alone are ranked, which is far
    cheaper than a partial sort of the whole matrix (national benchmark: 0.13 s per round). In a
    first round with rough prices a million may (national), and the partial sort is cheaper.
    """
    positief = (gereduceerd > PRIJS_TOLERANTIE) & ~aanwezig
    h, g = np.nonzero(positief)
    if len(h) > VEEL_POSITIEF * PRIJS_PER_HUISHOUDEN * gereduceerd.shape[0]:
        beste = kandidaten(np.where(positief, gereduceerd, -np.inf), PRIJS_PER_HUISHOUDEN)
        h = np.repeat(np.arange(gereduceerd.shape[0]), beste.shape[1])
        g = beste.ravel()
        houden = positief[h, g]
        return h[houden].astype(np.int64), g[houden].astype(np.int64)
    volgorde = np.lexsort((-gereduceerd[h, g], h))
    h, g = h[volgorde], g[volgorde]
    rang = np.arange(len(h)) - np.searchsorted(h, h)
    houden = rang < PRIJS_PER_HUISHOUDEN
    return h[houden].astype(np.int64), g[houden].astype(np.int64)


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
    x = np.concatenate([lp.x[:p0], lp.x[p0 + vast :], np.zeros(later)])[volgorde]
    return samen, Oplossing(lp.afloop, np.concatenate([x, lp.x[p0 : p0 + vast]]), lp.objectief, lp.grens)


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
    start = als_vector(model, paren(model, stand.plan.gemeente))
    deadline = budget.tot(MIP_AANDEEL)
    mip = backend.los_op(
        programma(model, geheel=True), deadline, Mipopties(start, gap_doel * abs(stand.grens))
    )
    if mip.x is not None:
        stand.neem(probleem, gemeenten(model, als_keuze(model, mip.x)))
    if geldig and mip.afloop is not Afloop.geen and mip.grens < stand.grens:
        stand.relaxatie = Relaxatie(mip.grens, relax.keuze, relax.gereduceerd, relax.beste)
        stand.details["bound_from_mip"] = 1.0
