"""Every installed backend agrees on the optimum; constraints hold; infeasibility is explained."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from doorstroom.koppeling.core.domain import (
    Beleid,
    GemeenteCapaciteit,
    HardeBinding,
    Huishouden,
    Instantie,
    RegioBinding,
    Volwassene,
)
from doorstroom.koppeling.core.result import SolveStatus
from doorstroom.koppeling.core.validate import check_result
from doorstroom.koppeling.solver.registry import installed_solvers, solver
from tests.koppeling.bruteforce import optimum
from tests.koppeling.strategies import instanties, locatie

BACKENDS = [pytest.param(naam, id=naam) for naam in ("highs", "ortools")]


def _backend(naam: str) -> str:
    if naam not in installed_solvers():
        pytest.skip(f"{naam} not installed")
    return naam


@pytest.mark.parametrize("naam", BACKENDS)
@pytest.mark.parametrize("seed", [3, 11, 29])
def test_backends_agree_on_the_optimum(naam: str, seed: int) -> None:
    instantie = _vast(seed)
    exact = Beleid(gap_doel=0.0)
    result = solver(_backend(naam)).los_op(instantie, exact, 60)
    assert result.objective == pytest.approx(optimum(instantie, exact), abs=1e-6)
    assert check_result(instantie, exact, result) == []


def _vast(seed: int) -> Instantie:
    """A fixed, reproducible small instance (Hypothesis' ``find`` is not used: it is slow)."""
    import random

    rng = random.Random(seed)
    gemeenten = tuple(
        GemeenteCapaciteit(
            loc.code, loc.code, rng.randint(2, 7), loc.regio, loc.regio,
            woningen=(rng.randint(0, 2), rng.randint(0, 2), rng.randint(0, 2), 1),
            zorg=frozenset({"dialyse"}) if i == 0 else frozenset(),
            onderwijs=frozenset({"mbo"}) if i % 2 else frozenset({"nieuwkomersonderwijs"}),
            latitude=loc.latitude, longitude=loc.longitude,
        )
        for i, loc in enumerate(locatie(i) for i in range(3))
    )  # fmt: skip
    huishoudens = tuple(
        Huishouden(
            f"H{i}", (Volwassene(),) * rng.randint(1, 2), rng.randint(0, 3), locatie(rng.randint(0, 2)).code
        )
        for i in range(6)
    )
    return Instantie(huishoudens, gemeenten, {loc.code: loc for loc in map(locatie, range(4))})


@settings(max_examples=60)
@given(instanties(max_huishoudens=8, max_gemeenten=4), st.sampled_from(list(RegioBinding)))
def test_capacity_and_hard_criteria_never_violated(instantie: Instantie, binding: RegioBinding) -> None:
    beleid = Beleid(regio_binding=binding)
    for naam in ("highs", "greedy"):
        result = solver(naam).los_op(instantie, beleid, 30)
        assert check_result(instantie, beleid, result) == []
        onvolledig = result.status in (SolveStatus.partial, SolveStatus.infeasible)
        assert onvolledig == bool(result.unassigned)
        assert (result.status is SolveStatus.infeasible) == (
            bool(result.unassigned) and not result.assignments
        )


def _eenvoudig(capaciteit: int, zorg: frozenset[str] = frozenset()) -> Instantie:
    gemeenten = tuple(
        GemeenteCapaciteit(loc.code, loc.code, capaciteit, loc.regio, zorg=zorg, latitude=loc.latitude)
        for loc in (locatie(0), locatie(1))
    )
    huishoudens = tuple(Huishouden(f"H{i}", (Volwassene(),), 1, locatie(0).code) for i in range(4))
    return Instantie(huishoudens, gemeenten, {loc.code: loc for loc in map(locatie, range(4))})


@pytest.mark.parametrize("naam", ["highs", "greedy"])
def test_capacity_below_demand_is_reported_with_relaxed_plan(naam: str) -> None:
    instantie = _eenvoudig(capaciteit=3)
    result = solver(naam).los_op(instantie, Beleid(), 30)
    assert result.status is SolveStatus.partial
    assert {c.beperking for c in result.conflicts} == {"capaciteit totaal"}
    assert "6 plaatsen voor 8 personen" in result.conflicts[0].toelichting
    assert len(result.assignments) == 2 and len(result.unassigned) == 2
    assert check_result(instantie, Beleid(), result) == []


def test_missing_care_is_named_and_others_are_still_linked() -> None:
    instantie = _eenvoudig(capaciteit=10)
    zorgvrager = Huishouden("ZORG", (Volwassene(),), 0, locatie(0).code, zorg="dialyse")
    instantie = Instantie((*instantie.huishoudens, zorgvrager), instantie.gemeenten, instantie.locaties)
    result = solver("highs").los_op(instantie, Beleid(), 30)
    assert result.unassigned == ("ZORG",)
    conflict = next(c for c in result.conflicts if "ZORG" in c.huishoudens)
    assert "zorg 'dialyse'" in conflict.beperking
    assert len(result.assignments) == 4


def test_hard_tie_to_a_full_municipality_is_named() -> None:
    instantie = _eenvoudig(capaciteit=4)
    gebonden = tuple(
        Huishouden(
            f"F{i}",
            (Volwassene(), Volwassene()),
            1,
            locatie(0).code,
            locatie(1).code,
            HardeBinding.gezinshereniging,
        )
        for i in range(2)
    )
    instantie = Instantie(gebonden, instantie.gemeenten, instantie.locaties)
    result = solver("highs").los_op(instantie, Beleid(), 30)
    assert len(result.unassigned) == 1
    assert any(c.beperking == f"harde binding aan {locatie(1).code}" for c in result.conflicts)


def test_hard_region_rule_keeps_households_in_their_region() -> None:
    instantie = _eenvoudig(capaciteit=10)
    result = solver("highs").los_op(instantie, Beleid(regio_binding=RegioBinding.hard), 30)
    assert {t.gemeentecode for t in result.assignments} == {locatie(0).code}
