"""The finish (fix, narrow stage, wide stage) only ever improves a plan and keeps every hard rule,
on every backend, also when it leaves out the pairs the LP prices far below the best."""

from __future__ import annotations

import time

import numpy as np
import pytest
from hypothesis import given, settings

from doorstroom.koppeling.core.domain import Beleid, Instantie
from doorstroom.koppeling.solver import afmaken
from doorstroom.koppeling.solver.backends.base import Afloop
from doorstroom.koppeling.solver.decompose import Plan, Stand, koppelmodel, prijzen_uit_dualen
from doorstroom.koppeling.solver.greedy import greedy_keuze
from doorstroom.koppeling.solver.koppelmodel import FloatArray, Koppelmodel, scoreblokken
from doorstroom.koppeling.solver.lagrange import Prijzen, Probleem, probleem, relaxatie
from doorstroom.koppeling.solver.matrixvorm import programma
from doorstroom.koppeling.solver.registry import backend, installed_solvers
from doorstroom.koppeling.solver.tijdsbudget import Tijdsbudget
from tests.koppeling.bruteforce import optimum
from tests.koppeling.strategies import instanties

BELEID = Beleid(gap_doel=0.0)


def _lp(prob: Probleem, naam: str) -> tuple[Koppelmodel, FloatArray, FloatArray] | None:
    """The LP over every allowed pair: its model, solution and dense reduced costs."""
    h, g = np.nonzero(np.isfinite(prob.waarde))
    model = koppelmodel(prob, h, g)
    prog = programma(model, geheel=False, alle_rijen=True)
    uitvoerder = backend(naam)
    try:
        lp = uitvoerder.lp(prog).los_op(time.perf_counter() + 10)
    finally:
        uitvoerder.sluit()
    if lp.afloop is not Afloop.optimaal or lp.x is None or lp.rij_duaal is None:
        return None
    prijzen, y_h = prijzen_uit_dualen(model, prog, lp.rij_duaal)
    return model, lp.x, relaxatie(prob, prijzen).gereduceerd - y_h[:, None]


@pytest.mark.parametrize("naam", installed_solvers())
@settings(max_examples=10, deadline=None)
@given(instanties(max_huishoudens=8, max_gemeenten=4, zacht=True))
def test_the_pruned_finish_improves_the_plan_and_keeps_the_rules(naam: str, instantie: Instantie) -> None:
    blokken = scoreblokken(instantie, BELEID)
    prob = probleem(instantie, BELEID, blokken)
    basis = greedy_keuze(instantie, blokken)
    nul = Prijzen.nul(prob)
    stand = Stand(Plan(basis, prob.objectief(basis)), relaxatie(prob, nul), nul)
    opgelost = _lp(prob, naam)
    if opgelost is None:
        return
    model, x, rc = opgelost
    uitvoerder = backend(naam)
    try:
        budget = Tijdsbudget(10.0)
        afmaak = afmaken.begin(prob, model, x, uitvoerder, budget, stand, 0.0, rc)
        if afmaak is not None:
            afmaken.neem(prob, afmaak, stand)
            afmaak.lopend.stop()
    finally:
        uitvoerder.sluit()
    assert prob.haalbaar(stand.plan.gemeente)
    assert stand.plan.objectief >= prob.objectief(basis) - 1e-9
    assert stand.plan.objectief == pytest.approx(prob.objectief(stand.plan.gemeente))
    assert stand.plan.objectief <= optimum(instantie, BELEID) + 1e-6


@settings(max_examples=25, deadline=None)
@given(instanties(max_huishoudens=8, max_gemeenten=4, zacht=True))
def test_pruning_keeps_the_pairs_the_lp_uses_and_every_fixed_household(instantie: Instantie) -> None:
    prob = probleem(instantie, BELEID, scoreblokken(instantie, BELEID))
    opgelost = _lp(prob, "highs")
    if opgelost is None:
        return
    model, x, rc = opgelost
    open_ = np.arange(0, prob.n_huishoudens, 2)
    nodig = np.full(prob.n_huishoudens, -1, dtype=np.int64)
    kleiner, y = afmaken._snoei(model, x, open_, np.full_like(rc, -1e9), nodig)
    assert len(y) == len(kleiner.paar_h) + len(x) - len(model.paar_h)
    gebruikt = x[: len(model.paar_h)] > afmaken.INTEGRAAL
    vast = ~np.isin(model.paar_h, open_)
    bewaard = set(zip(kleiner.paar_h.tolist(), kleiner.paar_g.tolist(), strict=True))
    for j in np.flatnonzero(gebruikt | vast):
        assert (int(model.paar_h[j]), int(model.paar_g[j])) in bewaard
