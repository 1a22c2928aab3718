"""Evenwicht (issue 14, item 5): the scale search on its own, and the balanced priced batch over
every installed solver."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from doorstroom.koppeling.core import evenwicht
from doorstroom.koppeling.core.domain import Beleid
from doorstroom.koppeling.core.evenwicht import SCHAAL_MAX, STAPPEN, Plan, weeg_af
from doorstroom.koppeling.core.validate import check_result
from doorstroom.koppeling.solver import geprijsd as dynamisch
from doorstroom.koppeling.solver.prijsschatting import Instelling
from doorstroom.koppeling.solver.registry import installed_solvers
from tests.koppeling.strategies import instanties
from tests.koppeling.test_dynamisch import assert_unlinked_only_without_room, zonder_woningen

SOLVERS = installed_solvers()


class Lijn:
    """A batch whose score per person falls linearly with the scale, and whose value is best unscaled."""

    def __init__(self, begin: float, helling: float) -> None:
        self.begin, self.helling = begin, helling
        self.schalen: list[float] = []

    def __call__(self, schaal: float) -> Plan[float]:
        self.schalen.append(schaal)
        return Plan(schaal, self.begin - self.helling * schaal, 100.0 - (schaal - 1.0) ** 2)


def test_without_a_level_or_inside_the_margin_the_prices_stand_at_no_cost() -> None:
    for doel in (None, 7.0, 7.1):
        lijn = Lijn(8.0, 1.0)
        plan, afweging = weeg_af(lijn, doel, 0.02)
        assert (plan.result, afweging.schaal, afweging.kosten, afweging.solves) == (1.0, 1.0, 0.0, 1)
        assert lijn.schalen == [1.0]


def test_a_batch_doing_better_than_the_level_gets_higher_prices_just_enough() -> None:
    lijn = Lijn(8.0, 1.0)
    plan, afweging = weeg_af(lijn, 6.0, 0.05)  # band 5.7 .. 6.3: needs scale ≥ 1.7
    assert afweging.binnen and 1.7 <= afweging.schaal <= 1.85
    assert plan.aandeel <= 6.3 and afweging.zonder == 7.0
    assert afweging.kosten == pytest.approx((afweging.schaal - 1) ** 2) and afweging.kosten > 0
    assert lijn.schalen[:5] == [1.0, 1.0625, 1.125, 1.25, 1.5]  # small steps first, doubling
    assert len(lijn.schalen) == afweging.solves <= STAPPEN


def test_a_batch_doing_worse_gets_lower_prices_down_to_none() -> None:
    plan, afweging = weeg_af(Lijn(8.0, 1.0), 7.5, 0.01)  # band 7.425 .. 7.575: scale ≤ 0.575
    assert afweging.binnen and 0.5 <= afweging.schaal <= 0.575
    plan, afweging = weeg_af(Lijn(8.0, 1.0), 9.0, 0.01)  # out of reach: the myopic batch is nearest
    assert not afweging.binnen and afweging.schaal == 0.0 and plan.aandeel == 8.0


def test_a_scale_that_does_not_help_is_not_used() -> None:
    """Scaling makes this batch fare even better (its households are easy to place anyway): the
    unscaled prices stand, at no cost."""
    plan, afweging = weeg_af(lambda schaal: Plan(schaal, 0.95 + 0.01 * schaal, 10.0 - schaal), 0.8, 0.02)
    assert (plan.result, afweging.schaal, afweging.kosten, afweging.binnen) == (1.0, 1.0, 0.0, False)
    assert afweging.solves == STAPPEN
    assert "buiten (geen schaal bracht de batch dichterbij)" in evenwicht.toelichting(afweging)


def _afstand(aandeel: float, onder: float, boven: float) -> float:
    return max(onder - aandeel, aandeel - boven, 0.0)


@settings(max_examples=200, deadline=None)
@given(
    st.floats(0, 20), st.floats(0.01, 5), st.floats(0.1, 20), st.floats(0, 0.5), st.integers(2, 16)
)  # fmt: skip
def test_the_scale_found_is_never_further_from_the_band_and_inside_it_when_reachable(
    begin: float, helling: float, doel: float, marge: float, stappen: int
) -> None:
    lijn = Lijn(begin, helling)
    plan, afweging = weeg_af(lijn, doel, marge, stappen)
    onder, boven = doel * (1 - marge), doel * (1 + marge)
    assert afweging.binnen == (onder <= plan.aandeel <= boven)
    assert _afstand(plan.aandeel, onder, boven) <= _afstand(begin - helling, onder, boven)
    assert 0.0 <= afweging.schaal <= SCHAAL_MAX and afweging.solves == len(lijn.schalen) <= stappen
    # The scales that reach the band; with solves to spare for bisection (8 to reach either
    # extreme, then halving a step of at most 1) a band 0.05 wide in scale is always found.
    laag, hoog = max((begin - boven) / helling, 0.0), min((begin - onder) / helling, SCHAAL_MAX)
    if stappen >= 14 and hoog - laag >= 0.05:
        assert afweging.binnen


@pytest.mark.parametrize("naam", SOLVERS)
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_a_balanced_batch_keeps_every_hard_rule_and_costs_no_more_than_it_says(
    naam: str, data: st.DataObject
) -> None:
    """The unscaled batch maximises its value at the prices, so every other scale can only cost:
    the reported cost is ≥ 0, and 0 when the prices stand. Hard rules hold at every scale."""
    instantie = zonder_woningen(data.draw(instanties(max_huishoudens=6, max_gemeenten=3)))
    beleid = Beleid()
    pool = dynamisch.scores(instantie, instantie.huishoudens, beleid)
    run = dynamisch.geprijsd(
        instantie, beleid, [pool], Instelling(data.draw(st.floats(1, 40)), 2, 7),
        solver_naam=naam, tijdslimiet=10, evenwicht_marge=data.draw(st.floats(0, 0.2)),
    )  # fmt: skip
    assert run.afweging is not None and run.afweging.doel == run.schatting.aandeel_later
    assert 0.0 <= run.afweging.aandeel <= 1.0 + 1e-9  # a share of each household's best
    assert check_result(run.instantie, beleid, run.result) == []
    assert run.afweging.kosten >= -1e-6
    if run.afweging.schaal == 1.0:
        assert run.afweging.kosten == 0.0
    assert_unlinked_only_without_room(run, beleid)  # scaled prices stay below the ceiling


def test_the_line_says_what_balancing_did_and_what_it_cost() -> None:
    _, laatste = weeg_af(Lijn(0.9, 0.1), None, 0.02)
    assert "niets meer verwacht" in evenwicht.toelichting(laatste)
    _, gelijk = weeg_af(Lijn(0.9, 0.1), 0.8, 0.02)
    assert "prijzen ongewijzigd" in evenwicht.toelichting(gelijk)
    _, hoger = weeg_af(Lijn(0.9, 0.1), 0.7, 0.05)
    tekst = evenwicht.toelichting(hoger)
    assert "zonder evenwicht 80.0 %" in tekst and f"×{hoger.schaal:.3f}" in tekst and "kosten" in tekst
    assert replace(hoger, schaal=1.0).as_dict()["schaal"] == 1.0
