"""Every set of prices proves an upper bound on every plan (weak duality), pruning or not."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from doorstroom.koppeling.core.domain import Beleid, Instantie
from doorstroom.koppeling.solver.koppelmodel import scoreblokken
from doorstroom.koppeling.solver.lagrange import Prijzen, probleem, relaxatie, subgradient
from tests.koppeling.bruteforce import optimum
from tests.koppeling.strategies import instanties

BELEID = Beleid()


@settings(max_examples=60)
@given(instanties(max_huishoudens=6, max_gemeenten=3, zacht=True), st.data())
def test_any_nonnegative_prices_prove_a_bound(instantie: Instantie, data: st.DataObject) -> None:
    prob = probleem(instantie, BELEID, scoreblokken(instantie, BELEID))
    nul = Prijzen.nul(prob)
    prijs = st.floats(0, 40, allow_nan=False)
    capaciteit = np.array(data.draw(st.lists(prijs, min_size=prob.n_gemeenten, max_size=prob.n_gemeenten)))
    woningen = np.array(
        data.draw(st.lists(prijs, min_size=4 * prob.n_gemeenten, max_size=4 * prob.n_gemeenten))
    )
    prijzen = Prijzen(capaciteit, woningen.reshape(-1, 4), nul.overloop, nul.overloop_kolom, nul.overloop_rhs)
    assert relaxatie(prob, prijzen).grens >= optimum(instantie, BELEID) - 1e-6


@settings(max_examples=40)
@given(instanties(max_huishoudens=6, max_gemeenten=3, zacht=True))
def test_subgradient_never_loosens_the_bound(instantie: Instantie) -> None:
    prob = probleem(instantie, BELEID, scoreblokken(instantie, BELEID))
    start = relaxatie(prob, Prijzen.nul(prob)).grens
    _, beste = subgradient(prob, Prijzen.nul(prob), -1e9, 10)
    assert optimum(instantie, BELEID) - 1e-6 <= beste.grens <= start + 1e-9


@settings(max_examples=40)
@given(instanties(max_huishoudens=6, max_gemeenten=3))
def test_a_plan_is_worth_what_the_brute_force_says(instantie: Instantie) -> None:
    from doorstroom.koppeling.solver.registry import solver

    result = solver("highs").los_op(instantie, BELEID, 30)
    prob = probleem(instantie, BELEID, scoreblokken(instantie, BELEID))
    index = {g.code: i for i, g in enumerate(instantie.gemeenten)}
    plan = {t.huishouden_id: index[t.gemeentecode] for t in result.assignments}
    gemeente = np.array([plan.get(h.id, -1) for h in instantie.huishoudens], dtype=np.int64)
    assert prob.haalbaar(gemeente)
    assert prob.objectief(gemeente) == pytest.approx(result.objective)
