"""The checks catch broken results (so a solver bug can never be saved)."""

from __future__ import annotations

import dataclasses

from hypothesis import given
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
from doorstroom.koppeling.core.harde_criteria import toegestaan
from doorstroom.koppeling.core.result import KoppelingResult, SolveStatus, Toewijzing
from doorstroom.koppeling.core.validate import check_result, controleer_plan, plan_van, ruimte_voor
from doorstroom.koppeling.solver.registry import solver
from tests.koppeling.strategies import instanties, locatie

A, B = locatie(0), locatie(1)


def _instantie() -> Instantie:
    gemeenten = (
        GemeenteCapaciteit(A.code, "A", 3, A.regio, woningen=(1, 0, 0, 0)),
        GemeenteCapaciteit(B.code, "B", 9, B.regio, zorg=frozenset({"dialyse"})),
    )
    huishoudens = (
        Huishouden("SOLO", (Volwassene(),), 0, A.code),
        Huishouden("GEZIN", (Volwassene(), Volwassene()), 1, A.code, B.code, HardeBinding.werkcontract),
        Huishouden("ZORG", (Volwassene(),), 0, A.code, zorg="dialyse"),
    )
    return Instantie(huishoudens, gemeenten, {A.code: A, B.code: B})


def _result(*paren: tuple[str, str, int]) -> KoppelingResult:
    toewijzingen = tuple(Toewijzing(h, g, n, 1.0, {}) for h, g, n in paren)
    gekoppeld = {h for h, _, _ in paren}
    rest = tuple(h.id for h in _instantie().huishoudens if h.id not in gekoppeld)
    return KoppelingResult("test", SolveStatus.optimal, 0.0, 0.0, 0.0, toewijzingen, rest)


def test_a_valid_result_passes() -> None:
    assert (
        check_result(
            _instantie(), Beleid(), _result(("SOLO", A.code, 1), ("GEZIN", B.code, 3), ("ZORG", B.code, 1))
        )
        == []
    )


def test_each_violation_is_named_without_a_household_reference() -> None:
    fouten = check_result(
        _instantie(), Beleid(), _result(("SOLO", A.code, 1), ("GEZIN", A.code, 3), ("ZORG", A.code, 1))
    )
    tekst = "\n".join(fouten)
    assert f"{A.code} A: 5 personen gekoppeld, maximum 3" in tekst
    assert f"harde binding (werkcontract) aan {B.code} B, niet {A.code} A" in tekst
    assert f"de vereiste zorg (dialyse) ontbreekt in {A.code} A" in tekst
    assert f"{A.code} A: 3 huishoudens voor woningklasse ≥ 1, 1 woningen" in tekst
    assert not any(ident in tekst for ident in ("SOLO", "GEZIN", "ZORG"))


def test_missing_or_double_household_is_caught_and_counted() -> None:
    dubbel = _result(("SOLO", A.code, 1), ("SOLO", B.code, 1))
    dubbel = dataclasses.replace(dubbel, unassigned=("GEZIN",))
    fouten = check_result(_instantie(), Beleid(), dubbel)
    assert "1 huishoudens staan meer dan eens in het resultaat" in fouten
    assert "1 huishoudens ontbreken in het resultaat" in fouten
    assert not any("SOLO" in f or "ZORG" in f for f in fouten)


def test_the_hard_region_rule_is_checked_only_when_it_is_the_policy() -> None:
    instantie = dataclasses.replace(_instantie(), huishoudens=_instantie().huishoudens[:1])
    naar_b = {"SOLO": B.code}  # A and B lie in different regions (strategies.locatie)
    assert controleer_plan(instantie, Beleid(), naar_b) == []
    assert controleer_plan(instantie, Beleid(regio_binding=RegioBinding.uit), naar_b) == []
    [fout] = controleer_plan(instantie, Beleid(regio_binding=RegioBinding.hard), naar_b)
    assert fout.regel == "regiobinding" and fout.huishouden_id == "SOLO" and "SOLO" not in fout.melding


@given(st.data())
def test_a_solver_plan_and_the_validator_agree(data: st.DataObject) -> None:
    """Whatever the solver links passes the validator; every pair the mask allows passes it alone."""
    instantie = data.draw(instanties(3, 4))
    beleid = Beleid(regio_binding=data.draw(st.sampled_from(list(RegioBinding))))
    result = solver("greedy").los_op(instantie, beleid)
    assert check_result(instantie, beleid, result) == []
    mask = toegestaan(instantie, instantie.huishoudens, beleid)
    for row, h in enumerate(instantie.huishoudens):
        for col, g in enumerate(instantie.gemeenten):
            alleen = controleer_plan(instantie, beleid, {h.id: g.code})
            assert (alleen == []) == bool(mask[row, col]), (h, g, alleen)


@given(st.data())
def test_where_a_household_may_go_is_exactly_where_the_validator_lets_it(data: st.DataObject) -> None:
    instantie = data.draw(instanties(3, 4))
    beleid = Beleid(regio_binding=data.draw(st.sampled_from(list(RegioBinding))))
    plan = plan_van(solver("greedy").los_op(instantie, beleid))
    huishouden = data.draw(st.sampled_from(instantie.huishoudens))
    rest = {ident: code for ident, code in plan.items() if ident != huishouden.id}
    ruimte = {g.code for g in ruimte_voor(instantie, beleid, plan, huishouden)}
    for g in instantie.gemeenten:
        assert (g.code in ruimte) == (
            controleer_plan(instantie, beleid, rest | {huishouden.id: g.code}) == []
        )
