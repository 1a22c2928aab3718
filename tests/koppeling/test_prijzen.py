"""Prices for the rest of the period (issue 14): the scenario LP's duals and their estimate.

The duals are checked against LP duality itself: for prices p the dual value
Σ room·p + Σ persons·max(max_g(score − p), −penalty) is at least the LP's value for every p ≥ 0,
and equal to it exactly when p are optimal duals. A dense LP over every pair gives the value.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import sparse
from scipy.optimize import linprog

from doorstroom.koppeling.solver import scenario_lp
from doorstroom.koppeling.solver.prijsschatting import (
    Instelling,
    Scenario,
    Steekproef,
    plafond,
    schat,
    schatting,
    trek,
)

STRAF = 100.0


@st.composite
def lp_gevallen(draw: st.DrawFn) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Scores (some pairs forbidden), weighted persons and room for a small scenario LP."""
    n, g = draw(st.integers(1, 12)), draw(st.integers(1, 6))
    score = np.array(draw(st.lists(st.floats(0, 12, allow_nan=False), min_size=n * g, max_size=n * g)))
    score = score.reshape(n, g)
    verboden = np.array(draw(st.lists(st.booleans(), min_size=n * g, max_size=n * g))).reshape(n, g)
    score = np.where(verboden, -np.inf, score)
    personen = np.array(draw(st.lists(st.floats(0.5, 8), min_size=n, max_size=n)))
    ruimte = np.array(draw(st.lists(st.integers(0, 20), min_size=g, max_size=g)), dtype=np.float64)
    return score, personen, ruimte


def dichte_waarde(score: np.ndarray, personen: np.ndarray, ruimte: np.ndarray) -> float:
    """The LP's optimum over every allowed pair (no column generation), by SciPy's HiGHS."""
    h, g = np.nonzero(np.isfinite(score))
    n, p = len(personen), len(h)
    kosten = np.concatenate([-score[h, g], np.full(n, STRAF)])
    gelijk = sparse.csr_matrix((np.ones(p + n), (np.concatenate([h, np.arange(n)]), np.arange(p + n))))
    ongelijk = sparse.csr_matrix((np.ones(p), (g, np.arange(p))), shape=(len(ruimte), p + n))
    uitkomst = linprog(kosten, A_ub=ongelijk, b_ub=ruimte, A_eq=gelijk, b_eq=personen, method="highs")
    return -float(uitkomst.fun)


def duale_waarde(score: np.ndarray, personen: np.ndarray, ruimte: np.ndarray, prijzen: np.ndarray) -> float:
    beste = np.maximum(np.max(score - prijzen[None, :], axis=1, initial=-np.inf), -STRAF)
    return float(ruimte @ prijzen + personen @ beste)


@settings(max_examples=60, deadline=None)
@given(lp_gevallen(), st.integers(1, 6))
def test_scenario_prices_are_optimal_duals_of_the_whole_lp(geval: tuple, kandidaten: int) -> None:
    score, personen, ruimte = geval
    uitkomst = scenario_lp.los_scenario_op(score, personen, ruimte, STRAF, kandidaten)
    assert (uitkomst.prijzen >= 0).all()
    waarde = dichte_waarde(score, personen, ruimte)
    assert uitkomst.waarde == pytest.approx(waarde, rel=1e-7, abs=1e-6)
    assert duale_waarde(score, personen, ruimte, uitkomst.prijzen) == pytest.approx(
        waarde, rel=1e-7, abs=1e-6
    )


def test_scarce_room_has_the_price_of_the_best_alternative() -> None:
    """One place, two persons who want it: the price is what the second loses by going elsewhere."""
    score = np.array([[5.0, 1.0], [4.0, 3.0]])
    uitkomst = scenario_lp.los_scenario_op(score, np.array([1.0, 1.0]), np.array([1.0, 5.0]), STRAF)
    assert uitkomst.waarde == pytest.approx(8.0)
    assert 1.0 < uitkomst.prijzen[0] <= 1.0 + scenario_lp.VOORRANG + 1e-9  # just above the lower loss
    assert uitkomst.prijzen[1] == pytest.approx(0.0)


@st.composite
def steekproeven(draw: st.DrawFn) -> tuple[Steekproef, np.ndarray, np.ndarray]:
    score, personen, ruimte = draw(lp_gevallen())
    pool = Steekproef(score, np.maximum(np.round(personen), 1).astype(np.int64))
    batch = score[: max(1, len(score) // 2)]
    return pool, batch, ruimte


@settings(max_examples=40, deadline=None)
@given(steekproeven(), st.floats(0, 50), st.integers(0, 2**32), st.integers(1, 4))
def test_prices_are_non_negative_capped_and_the_same_for_the_same_seed(
    geval: tuple, verwacht: float, seed: int, scenarios: int
) -> None:
    pool, batch, ruimte = geval
    instelling = Instelling(verwacht=verwacht, scenarios=scenarios, seed=seed, trekking=20)
    args = (batch, np.ones(len(batch), dtype=np.int64), ruimte, pool, instelling, scenario_lp.prijzen)
    eerste = schatting(*args, straf=STRAF, plafond=plafond(STRAF, 12.0))
    tweede = schatting(*args, straf=STRAF, plafond=plafond(STRAF, 12.0))
    assert (eerste.prijzen >= 0).all() and (eerste.prijzen <= plafond(STRAF, 12.0)).all()
    assert np.array_equal(eerste.prijzen, tweede.prijzen)
    assert (eerste.bindend <= eerste.scenarios).all()


def test_nothing_expected_or_nothing_to_draw_from_means_no_prices() -> None:
    pool = Steekproef(np.array([[1.0, 2.0]]), np.array([2]))
    assert trek(pool, Instelling(verwacht=0.0)) == []
    assert trek(Steekproef(np.zeros((0, 2)), np.zeros(0, dtype=np.int64)), Instelling(verwacht=10.0)) == []
    leeg = schatting(
        np.array([[1.0, 2.0]]), np.array([1]), np.array([3.0, 3.0]), pool, Instelling(verwacht=0.0),
        scenario_lp.prijzen, straf=STRAF, plafond=50.0,
    )  # fmt: skip
    assert leeg.scenarios == 0 and not leeg.prijzen.any()


def test_a_household_tied_to_one_place_is_not_drawn() -> None:
    """A personal tie says nothing about where later arrivals are tied (it would fake scarcity)."""
    pool = Steekproef(np.array([[1.0, -np.inf], [1.0, 2.0]]), np.array([1, 3]))
    for scenario in trek(pool, Instelling(verwacht=10.0, scenarios=3)):
        assert len(scenario.score) == 1 and np.isfinite(scenario.score).all()
        assert scenario.personen.sum() == pytest.approx(30.0)  # 10 households of 3 persons


def test_scenarios_stand_for_the_expected_volume() -> None:
    pool = Steekproef(np.array([[1.0, 2.0], [2.0, 1.0]]), np.array([1, 3]))
    for scenario in trek(pool, Instelling(verwacht=1000.0, scenarios=2, trekking=50, seed=3)):
        assert len(scenario.score) <= 2
        assert 1000.0 <= scenario.personen.sum() <= 3000.0


def test_known_future_prices_the_room_it_needs() -> None:
    """The batch's household scores a little more at A; the future household a lot more, and has no
    alternative: with the true future as the only scenario, A is priced above the batch's gain."""
    batch = np.array([[6.0, 5.5]])
    toekomst = Scenario(np.array([[9.0, -np.inf]]), np.array([1.0]))
    uitkomst = schat(batch, np.array([1]), np.array([1.0, 1.0]), [toekomst], scenario_lp.prijzen,
                     straf=STRAF, plafond=50.0)  # fmt: skip
    prijzen = uitkomst.prijzen[0]
    assert prijzen[0] > 0.5  # above what the batch's household gains there: it goes to B
    assert prijzen[1] <= scenario_lp.VOORRANG + 1e-9  # B is just full: one more place is worth nothing
    assert uitkomst.later.tolist() == [[9.0, 9.0]] and uitkomst.aandeel_later() == 1.0  # its best place


def test_the_later_level_is_the_share_of_their_best_the_later_households_get() -> None:
    """Two later persons want A (best 4 and 6), A has one place: one gets A, the other B (score 1);
    the LP gives A to the one who loses more elsewhere."""
    batch = np.zeros((0, 2))
    later = Scenario(np.array([[4.0, 1.0], [6.0, 1.0]]), np.array([1.0, 1.0]))
    uitkomst = schat(batch, np.zeros(0, dtype=np.int64), np.array([1.0, 5.0]), [later], scenario_lp.prijzen,
                     straf=STRAF, plafond=50.0)  # fmt: skip
    assert uitkomst.later.tolist() == [[7.0, 10.0]] and uitkomst.aandeel_later() == pytest.approx(0.7)


def _matrix(rijen: list[list[float | None]]) -> np.ndarray:
    return np.array([[-np.inf if v is None else v for v in rij] for rij in rijen], dtype=np.float64)


@pytest.mark.parametrize(
    "pad", sorted((Path(__file__).parent / "data" / "prijzen").glob("*.json")), ids=lambda p: p.stem
)
def test_regression_case_batch_strictly_prefers_its_place_in_the_plan(pad: Path) -> None:
    """Cases kept as JSON (each names its defect): with the future known, every household of the
    batch must strictly prefer, at the prices, the place hindsight gives it (``plaats``), or a
    solver may break the tie against the plan."""
    case: dict[str, Any] = json.loads(pad.read_text(encoding="utf-8"))
    batch, later = _matrix(case["batch"]["score"]), _matrix(case["later"]["score"])
    toekomst = Scenario(later, np.array(case["later"]["personen"], dtype=np.float64))
    prijzen = schat(
        batch, np.array(case["batch"]["personen"]), np.array(case["ruimte"], dtype=np.float64),
        [toekomst], scenario_lp.prijzen, straf=case["straf"],
        plafond=plafond(case["straf"], case["hoogste_score"]),
    ).prijzen[0]  # fmt: skip
    waarde = batch - prijzen[None, :]
    for h, plaats in enumerate(case["plaats"]):
        anders = np.delete(waarde[h], plaats)
        assert waarde[h, plaats] > anders.max(initial=-case["straf"]) + 1e-6, (h, prijzen)
