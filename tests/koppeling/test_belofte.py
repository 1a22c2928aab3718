"""The optimiser's promises (issue 7, item 4): never below greedy, a proven bound, honest status
words, prices in and out, and nothing on standard output."""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import given, settings

from doorstroom.koppeling.core.domain import Beleid, GemeenteCapaciteit, Huishouden, Instantie, Volwassene
from doorstroom.koppeling.core.result import SolveStatus
from doorstroom.koppeling.core.validate import check_result
from doorstroom.koppeling.solver.registry import solver
from tests.koppeling.bruteforce import optimum
from tests.koppeling.strategies import instanties, locatie

BELEID = Beleid()


@settings(max_examples=50)
@given(instanties(max_huishoudens=8, max_gemeenten=4, zacht=True))
def test_never_below_greedy_and_the_bound_is_proven(instantie: Instantie) -> None:
    result = solver("highs").los_op(instantie, BELEID, 30)
    assert result.objective >= solver("greedy").los_op(instantie, BELEID).objective - 1e-9
    assert result.bound >= optimum(instantie, BELEID) - 1e-6
    assert check_result(instantie, BELEID, result) == []


@settings(max_examples=20, deadline=None)
@given(instanties(max_huishoudens=8, max_gemeenten=4))
def test_a_tiny_time_limit_still_gives_a_valid_plan_no_worse_than_greedy(instantie: Instantie) -> None:
    result = solver("highs").los_op(instantie, BELEID, 0.001)
    assert check_result(instantie, BELEID, result) == []
    assert result.objective >= solver("greedy").los_op(instantie, BELEID).objective - 1e-9
    assert result.bound >= result.objective - 1e-6


def _twee(capaciteit: int, aantal: int = 4) -> Instantie:
    gemeenten = tuple(
        GemeenteCapaciteit(
            loc.code, loc.code, capaciteit, loc.regio, latitude=loc.latitude, longitude=loc.longitude
        )
        for loc in (locatie(0), locatie(1))
    )
    huishoudens = tuple(Huishouden(f"H{i}", (Volwassene(),), 0, locatie(0).code) for i in range(aantal))
    return Instantie(
        huishoudens, gemeenten, {loc.code: locatie(i) for i, loc in enumerate(map(locatie, range(4)))}
    )


@pytest.mark.parametrize(
    ("capaciteit", "status"),
    [(2, SolveStatus.optimal), (1, SolveStatus.partial), (0, SolveStatus.infeasible)],
)
def test_status_words_tell_who_is_linked(capaciteit: int, status: SolveStatus) -> None:
    result = solver("highs").los_op(_twee(capaciteit), BELEID, 30)
    assert result.status is status
    if status is not SolveStatus.optimal:
        assert {h for c in result.conflicts for h in c.huishoudens} >= set(result.unassigned)


def test_feasible_means_everyone_linked_but_the_gap_not_proven() -> None:
    result = solver("greedy").los_op(_twee(2), BELEID)
    assert result.status is SolveStatus.feasible and not result.unassigned


def test_given_prices_steer_households_and_proven_prices_are_reported() -> None:
    instantie = _twee(4)
    gewoon = solver("highs").los_op(instantie, BELEID, 30)
    duur = locatie(0).code
    geprijsd = solver("highs").los_op(instantie, BELEID, 30, prijzen={duur: 50.0})
    assert {t.gemeentecode for t in gewoon.assignments} == {duur}
    assert {t.gemeentecode for t in geprijsd.assignments} == {locatie(1).code}
    assert all(prijs >= 0 for prijs in geprijsd.prijzen.values())
    assert set(geprijsd.prijzen) == {g.code for g in instantie.gemeenten}


def test_scarce_room_gets_a_price() -> None:
    result = solver("highs").los_op(_twee(2, aantal=4), BELEID, 30)
    assert result.status is SolveStatus.optimal
    assert max(result.prijzen.values()) > 0  # both municipalities are full: their room is worth something


@pytest.mark.parametrize("prijzen", [{"GM9999": 1.0}, {"GM0001": -1.0}, {"GM0001": float("nan")}])
def test_invalid_prices_are_misuse(prijzen: dict[str, float]) -> None:
    with pytest.raises(ValueError):
        solver("highs").los_op(_twee(2), BELEID, 30, prijzen=prijzen)


@pytest.mark.parametrize("naam", ["highs", "ortools"])
def test_backends_write_nothing_to_standard_output(naam: str) -> None:
    """HiGHS's banner is kept silent at the source, in process and in the backends' children."""
    code = (
        "from doorstroom.koppeling.core.domain import Beleid\n"
        "from doorstroom.koppeling.solver.registry import solver\n"
        "from tests.koppeling.test_belofte import _twee\n"
        f"solver({naam!r}).los_op(_twee(1, aantal=6), Beleid(), 30)\n"
    )
    uit = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert uit.stdout == ""
