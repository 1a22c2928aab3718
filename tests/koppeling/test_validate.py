"""The checks catch broken results (so a solver bug can never be saved)."""

from __future__ import annotations

import dataclasses

from doorstroom.koppeling.domain import (
    Beleid,
    GemeenteCapaciteit,
    HardeBinding,
    Huishouden,
    Instantie,
    Volwassene,
)
from doorstroom.koppeling.result import KoppelingResult, SolveStatus, Toewijzing
from doorstroom.koppeling.validate import check_result
from tests.koppeling.strategies import locatie

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


def test_each_violation_is_named() -> None:
    fouten = check_result(
        _instantie(), Beleid(), _result(("SOLO", A.code, 1), ("GEZIN", A.code, 3), ("ZORG", A.code, 1))
    )
    tekst = "\n".join(fouten)
    assert f"capaciteit {A.code}" in tekst
    assert "werkcontract bindt aan" in tekst
    assert "zorg 'dialyse' ontbreekt" in tekst
    assert f"woningen {A.code}" in tekst


def test_missing_or_double_household_is_caught() -> None:
    dubbel = _result(("SOLO", A.code, 1), ("SOLO", B.code, 1))
    dubbel = dataclasses.replace(dubbel, unassigned=("GEZIN",))
    fouten = check_result(_instantie(), Beleid(), dubbel)
    assert "SOLO: 2 keer in het resultaat" in fouten
    assert "ZORG: ontbreekt in het resultaat" in fouten
