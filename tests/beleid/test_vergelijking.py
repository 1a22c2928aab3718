"""Side by side (issue 24 item 3) and the prognose as the first consumer of the regimes: the chain
rules of a forecast are read from the rule set chosen, never assumed."""

from __future__ import annotations

from datetime import date

import pytest

from doorstroom.accounts.domain import Gebruiker, Rol
from doorstroom.beleid import service as beleid
from doorstroom.beleid.prognoseregels import beginmaand, ketenregels
from doorstroom.platform.errors import Conflict, PermissionDenied
from doorstroom.prognose import service as prognose

OPERATOR = Gebruiker.systeem("test")
START = "2026-01"


def _vergelijk(b: list[str], maanden: int = 12, a: list[str] | None = None) -> beleid.Vergelijking:
    return beleid.vergelijk(None, OPERATOR, a or [], b, START, maanden)


def test_the_two_status_system_gives_fewer_nareizigers_and_names_the_bill_as_not_law() -> None:
    uitkomst = _vergelijk(["tweestatusstelsel"])
    assert all(r["nareizigers_b"] < r["nareizigers_a"] for r in uitkomst.rijen)
    assert all(r["nareizigers_verschil"] == r["nareizigers_b"] - r["nareizigers_a"] for r in uitkomst.rijen)
    assert uitkomst.rijen[0]["regimes_a"] == "wet-2024"
    assert "tweestatusstelsel" in uitkomst.rijen[0]["regimes_b"]
    assert "GEEN GELDEND RECHT" in uitkomst.rijen[0]["regimes_b"]
    bronnen = {(r["kant"], r["regime"]): r for r in uitkomst.bronnen}
    assert "36703" in bronnen[("b", "tweestatusstelsel")]["bronnen"]
    assert bronnen[("a", "wet-2024")]["geldend_recht"] == "ja"


def test_the_law_in_force_beside_itself_differs_nowhere() -> None:
    uitkomst = _vergelijk(["wet-2024"])
    assert all(v == 0 for r in uitkomst.rijen for k, v in r.items() if k.endswith("_verschil"))


def test_a_nareis_stop_of_six_months_stops_nareis_then_and_only_then() -> None:
    rijen = _vergelijk(["nareisstop"]).rijen
    assert [r["nareizigers_b"] for r in rijen[:6]] == [0.0] * 6
    assert all(r["nareizigers_b"] == r["nareizigers_a"] for r in rijen[6:])


def test_without_housing_priority_fewer_are_housed() -> None:
    rijen = _vergelijk(["voorrang-afbouw"]).rijen
    assert sum(r["gehuisvest_b"] for r in rijen) < sum(r["gehuisvest_a"] for r in rijen)


def test_a_three_year_permit_ends_within_a_four_year_horizon_and_a_five_year_one_does_not() -> None:
    rijen = _vergelijk(["tweestatusstelsel"], maanden=48).rijen
    assert all(r["vergunningen_aflopend_a"] == 0 for r in rijen)
    assert all(r["vergunningen_aflopend_b"] == 0 for r in rijen[:36])
    assert all(r["vergunningen_aflopend_b"] > 0 for r in rijen[36:])


def test_the_chain_rules_are_read_from_the_rule_set() -> None:
    huidig = ketenregels(beleid.combinatie(None, OPERATOR, []), START)
    twee = ketenregels(beleid.combinatie(None, OPERATOR, ["tweestatusstelsel"]), START)
    assert (huidig.nareis, huidig.vergunningsduur_maanden) == (prognose.Nareisregels(), 60)
    assert (twee.vergunningsduur_maanden, twee.nareis.wachttijd_subsidiair) == (36, 24)
    assert twee.nareis.kerngezin == 0.85 and twee.nareis.voorwaarden_subsidiair == 0.25
    assert twee.naam == "wet-2024 + tweestatusstelsel"


def test_a_rule_starts_in_the_month_its_regime_begins() -> None:
    pact = beleid.regime(None, OPERATOR, "eu-migratiepact").regime
    assert pact.begin == date(2026, 6, 12)
    assert beginmaand(pact, START) == 6
    assert beginmaand(pact, "2027-01") == 1
    assert beginmaand(beleid.regime(None, OPERATOR, "nareisstop").regime, START) == 1


def test_regimes_that_exclude_each_other_are_refused_and_a_beheerder_may_not_compare() -> None:
    with pytest.raises(Conflict, match="uit"):
        _vergelijk(["voorrang-gemeentelijk", "voorrang-afbouw"])
    with pytest.raises(PermissionDenied):
        beleid.vergelijk(None, Gebruiker("b", Rol.beheerder), [], ["nareisstop"], START, 6)
