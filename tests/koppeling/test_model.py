"""The integer program and its decomposition reach the brute-force optimum on small instances."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings

from doorstroom.koppeling.core.domain import Beleid, Instantie
from doorstroom.koppeling.core.validate import check_result
from doorstroom.koppeling.solver.koppelmodel import bouw_model
from doorstroom.koppeling.solver.matrixvorm import programma
from doorstroom.koppeling.solver.registry import solver
from tests.koppeling.bruteforce import optimum
from tests.koppeling.strategies import instanties

BELEID = Beleid()
EXACT = Beleid(gap_doel=0.0)
"""Brute-force comparisons ask for the exact optimum; the default policy stops within 0.1 %."""


@settings(max_examples=40)
@given(instanties())
def test_highs_matches_brute_force(instantie: Instantie) -> None:
    result = solver("highs").los_op(instantie, EXACT, 30)
    assert result.objective == pytest.approx(optimum(instantie, EXACT), abs=1e-6)
    assert result.bound >= result.objective - 1e-6
    assert check_result(instantie, EXACT, result) == []


@settings(max_examples=40)
@given(instanties())
def test_default_policy_is_within_its_gap_of_the_optimum(instantie: Instantie) -> None:
    result = solver("highs").los_op(instantie, BELEID, 30)
    best = optimum(instantie, BELEID)
    assert best - 1e-6 <= result.bound
    assert result.objective >= best - BELEID.gap_doel * abs(result.bound) - 1e-6


@settings(max_examples=40)
@given(instanties())
def test_greedy_never_beats_the_optimum_and_stays_valid(instantie: Instantie) -> None:
    result = solver("greedy").los_op(instantie, BELEID)
    assert result.objective <= optimum(instantie, BELEID) + 1e-6
    assert check_result(instantie, BELEID, result) == []


@given(instanties())
def test_program_has_one_assignment_row_per_household(instantie: Instantie) -> None:
    model = bouw_model(instantie, BELEID)
    prog = programma(model, geheel=True)
    rows = prog.matrix.tocsr()[: model.n_huishoudens]
    assert np.allclose(
        rows.sum(axis=1), [[np.sum(model.paar_h == h) + 1] for h in range(model.n_huishoudens)]
    )
    # columns: pairs, one "unlinked" slack per household, overflow columns only for soft capacity
    assert prog.matrix.shape[1] == len(model.paar_h) + model.n_huishoudens
    assert model.n_overloop == 0


@given(instanties())
def test_pruning_keeps_at_most_k_candidates(instantie: Instantie) -> None:
    model = bouw_model(instantie, Beleid(kandidaten=1))
    assert np.all(np.bincount(model.paar_h, minlength=model.n_huishoudens) <= 1)


@settings(max_examples=40)
@given(instanties(max_huishoudens=6, max_gemeenten=4))
def test_heavy_pruning_still_reaches_the_optimum_with_a_valid_bound(instantie: Instantie) -> None:
    """One candidate per household: pricing and reduced-cost fixing must recover the optimum."""
    beleid = Beleid(kandidaten=1, gap_doel=0.0)
    result = solver("highs").los_op(instantie, beleid, 30)
    beste = optimum(instantie, beleid)
    assert result.objective == pytest.approx(beste, abs=1e-6)
    assert result.bound >= beste - 1e-6


@settings(max_examples=30)
@given(instanties(max_huishoudens=8, max_gemeenten=4, zacht=True))
def test_plan_without_lp_is_still_valid_and_never_below_greedy(instantie: Instantie) -> None:
    """When no LP or MIP answers in time, the plan still keeps every rule and beats greedy."""
    import doorstroom.koppeling.solver.registry as solvers
    from doorstroom.koppeling.solver.backends.base import GEEN
    from doorstroom.koppeling.solver.backends.highs import HighsBackend

    class Stil(HighsBackend):
        def los_op(self, *args: object, **kwargs: object) -> object:  # type: ignore[override]
            return GEEN

        def lp(self, programma: object, start: object = None) -> object:  # type: ignore[override]
            return type("Sessie", (), {"los_op": lambda self, d: GEEN, "voeg_toe": lambda self, k, m: None})()

    origineel = solvers.backend
    solvers.backend = lambda naam: Stil()  # type: ignore[assignment]
    try:
        result = solver("highs").los_op(instantie, BELEID, 30)
    finally:
        solvers.backend = origineel
    assert check_result(instantie, BELEID, result) == []
    assert result.objective >= solver("greedy").los_op(instantie, BELEID).objective - 1e-9
    assert result.bound >= optimum(instantie, BELEID) - 1e-6
