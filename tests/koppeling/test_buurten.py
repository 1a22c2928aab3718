"""Neighbourhood search only ever improves a plan, keeps every hard rule, and stops in time."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings

from doorstroom.koppeling.core.domain import Beleid, Instantie
from doorstroom.koppeling.solver import buurten
from doorstroom.koppeling.solver.decompose import Plan, Stand
from doorstroom.koppeling.solver.greedy import greedy_keuze
from doorstroom.koppeling.solver.koppelmodel import scoreblokken
from doorstroom.koppeling.solver.lagrange import Prijzen, probleem, relaxatie
from doorstroom.koppeling.solver.registry import backend
from doorstroom.koppeling.solver.tijdsbudget import Tijdsbudget
from tests.koppeling.bruteforce import optimum
from tests.koppeling.strategies import instanties

BELEID = Beleid(gap_doel=0.0)


@settings(max_examples=12, deadline=None)
@given(instanties(max_huishoudens=8, max_gemeenten=4, zacht=True))
def test_neighbourhoods_improve_from_greedy_and_keep_the_rules(instantie: Instantie) -> None:
    blokken = scoreblokken(instantie, BELEID)
    prob = probleem(instantie, BELEID, blokken)
    basis = greedy_keuze(instantie, blokken)
    nul = Prijzen.nul(prob)
    stand = Stand(Plan(basis, prob.objectief(basis)), relaxatie(prob, nul), nul)
    uitvoerder = backend("highs")
    buurten.zoek(prob, uitvoerder, Tijdsbudget(0.5), stand, BELEID.gap_doel)
    assert prob.haalbaar(stand.plan.gemeente)
    assert stand.plan.objectief >= prob.objectief(basis) - 1e-9
    assert stand.plan.objectief <= optimum(instantie, BELEID) + 1e-6


@settings(max_examples=25)
@given(instanties(max_huishoudens=8, max_gemeenten=4, zacht=True))
def test_room_left_after_a_plan_is_what_the_plan_leaves(instantie: Instantie) -> None:
    prob = probleem(instantie, BELEID, scoreblokken(instantie, BELEID))
    plan = greedy_keuze(instantie, scoreblokken(instantie, BELEID))
    capaciteit, maximum, woningen = buurten.rest_na(prob, plan)
    bezet = prob.bezetting(plan)
    assert (maximum == prob.maximum - bezet).all()
    assert (capaciteit == np.maximum(prob.capaciteit - bezet, 0)).all()
    assert (np.cumsum(woningen[:, ::-1], axis=1)[:, ::-1][:, 0] <= prob.woningen_vanaf[:, 0]).all()
