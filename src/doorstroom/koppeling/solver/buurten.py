"""Large neighbourhood search: free the households of a few related municipalities, re-solve exactly.

Why: after the LP-guided phases, what keeps a plan from the optimum is usually local — a family
that fits nowhere nearby because singles took the small shares, a household left out next to a
municipality with a sliver of room. Solving the whole MIP again is slow (HiGHS needs tens of
seconds on a weekly batch); solving it for one neighbourhood is fast and exact. A neighbourhood is
a municipality where the plan hurts (an unlinked household wants it, or it is above its batch
share), or a random one, with the municipalities its residents could also go to. All households
in it (and the unlinked ones that may go there) are freed and re-placed by a small MIP over every
allowed pair into the neighbourhood, the rest of the plan fixed; the result replaces the plan only
if it is better (Shaw 1998, "Using constraint programming and local search methods to solve
vehicle routing problems"; Pisinger & Ropke 2010, "Large neighborhood search").
"""

from __future__ import annotations

import time

import numpy as np

from doorstroom.koppeling.core import bezetting
from doorstroom.koppeling.solver.afronding import als_vector
from doorstroom.koppeling.solver.backends.base import Backend, Mipopties
from doorstroom.koppeling.solver.decompose import Stand, koppelmodel
from doorstroom.koppeling.solver.koppelmodel import IntArray, Koppelmodel, deelmodel
from doorstroom.koppeling.solver.lagrange import Probleem
from doorstroom.koppeling.solver.matrixvorm import programma
from doorstroom.koppeling.solver.startplan import kandidaten
from doorstroom.koppeling.solver.tijdsbudget import Tijdsbudget

GEMEENTEN = 16
"""Municipalities per neighbourhood."""
STAP_SECONDEN = 0.5
"""Time one neighbourhood's MIP may take at most."""
MIN_SECONDEN = 0.1
"""Below this much time left no neighbourhood is started (a fork and a small MIP)."""
ZONDER_WINST = 40
"""The search stops after this many neighbourhoods in a row without a better plan (stagnation):
the time left is then not worth spending, and a small instance returns at once."""


def zoek(probleem: Probleem, backend: Backend, budget: Tijdsbudget, stand: Stand, gap_doel: float) -> None:
    """Improve ``stand`` neighbourhood by neighbourhood while time is left and the gap is open."""
    if probleem.n_huishoudens == 0 or probleem.n_gemeenten == 0 or budget.over() <= MIN_SECONDEN:
        return
    buren = kandidaten(probleem.waarde, 6)
    rng = np.random.default_rng(0)  # reproducible: the same input gives the same run
    stappen = zonder_winst = 0
    while stand.gap() > gap_doel and budget.over() > MIN_SECONDEN and zonder_winst < ZONDER_WINST:
        buurt = _buurt(probleem, stand, buren, rng)
        voor = stand.plan.objectief
        _los_op(probleem, backend, min(budget.deadline, time.perf_counter() + STAP_SECONDEN), stand, buurt)
        stappen += 1
        zonder_winst = 0 if stand.plan.objectief > voor else zonder_winst + 1
        if len(buurt) == probleem.n_gemeenten:
            break  # the neighbourhood was the whole problem: solved exactly once is enough
    stand.details["buurten"] = float(stappen)


def _buurt(probleem: Probleem, stand: Stand, buren: IntArray, rng: np.random.Generator) -> IntArray:
    """A municipality where the plan hurts (or a random one) and where its residents could go."""
    gemeente = stand.plan.gemeente
    pijn = np.concatenate(
        [buren[gemeente < 0, 0], np.flatnonzero(probleem.bezetting(gemeente) > probleem.capaciteit)]
    )
    pijn = pijn[np.isfinite(probleem.waarde[:, pijn]).any(axis=0)] if len(pijn) else pijn
    kern = (
        int(rng.choice(pijn)) if len(pijn) and rng.random() < 0.5 else int(rng.integers(probleem.n_gemeenten))
    )
    bewoners = np.flatnonzero(gemeente == kern)
    kandidaat, aantal = np.unique(buren[bewoners].ravel(), return_counts=True)
    volgorde = kandidaat[np.argsort(-aantal, kind="stable")]
    buurt = [kern, *[int(g) for g in volgorde if g != kern][: GEMEENTEN - 1]]
    while len(buurt) < min(GEMEENTEN, probleem.n_gemeenten):
        g = int(rng.integers(probleem.n_gemeenten))
        if g not in buurt:
            buurt.append(g)
    return np.array(buurt, dtype=np.int64)


def _los_op(probleem: Probleem, backend: Backend, deadline: float, stand: Stand, buurt: IntArray) -> None:
    """Free the neighbourhood's households, solve their MIP from the current plan, keep if better."""
    gemeente = stand.plan.gemeente
    in_buurt = np.zeros(probleem.n_gemeenten, dtype=bool)
    in_buurt[buurt] = True
    mag = np.isfinite(probleem.waarde[:, buurt]).any(axis=1)
    vrij = np.flatnonzero(np.where(gemeente >= 0, in_buurt[np.maximum(gemeente, 0)], mag))
    if len(vrij) == 0:
        return
    h, g = np.nonzero(np.isfinite(probleem.waarde[np.ix_(vrij, buurt)]))
    model = koppelmodel(probleem, vrij[h], buurt[g])
    vast = gemeente.copy()
    vast[vrij] = -1
    deel, _ = deelmodel(model, vrij, rest_na(probleem, vast))
    start = als_vector(deel, _keuze(deel, gemeente[vrij]))
    mip = backend.los_op(programma(deel, geheel=True), deadline, Mipopties(start))
    if mip.x is not None:
        nieuw = vast.copy()
        gekozen = np.flatnonzero(mip.x[: len(deel.paar_h)] > 0.5)
        nieuw[vrij[deel.paar_h[gekozen]]] = deel.paar_g[gekozen]
        stand.neem(probleem, nieuw)


def _keuze(deel: Koppelmodel, gemeente: IntArray) -> IntArray:
    """Pair index per sub-model household of its current municipality (-1: unlinked)."""
    breedte = len(deel.capaciteit)
    keuze = np.full(deel.n_huishoudens, -1, dtype=np.int64)
    gekoppeld = np.flatnonzero(gemeente >= 0)
    sleutels = deel.paar_h * breedte + deel.paar_g
    keuze[gekoppeld] = np.searchsorted(sleutels, gekoppeld * breedte + gemeente[gekoppeld])
    return keuze


def rest_na(probleem: Probleem, vast: IntArray) -> tuple[IntArray, IntArray, IntArray]:
    """Batch share, maximum and dwellings (per class) left after plan ``vast`` (``bezetting.rest_na``)."""
    return bezetting.rest_na(
        vast, probleem.grootte, probleem.klasse, probleem.capaciteit, probleem.maximum, probleem.woningen
    )
