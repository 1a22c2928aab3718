"""The fairness report's groups and counts (issue 14, item 5): by size, single parents and care
needs, per batch and per run, with the share of each household's best."""

from __future__ import annotations

import pytest

from doorstroom.koppeling.core import eerlijkheid
from doorstroom.koppeling.core.domain import Huishouden, Instantie, Volwassene
from doorstroom.koppeling.core.result import KoppelingResult, SolveStatus, Toewijzing

ALLEEN = Huishouden("H1", (Volwassene(),), 0, "GM0001")
EENOUDER = Huishouden("H2", (Volwassene(),), 2, "GM0001", zorg="dialyse")
GEZIN = Huishouden("H3", (Volwassene(), Volwassene()), 3, "GM0001")


def test_groups_by_size_and_overlapping_single_parents_and_care_needs() -> None:
    assert list(eerlijkheid.groepen(ALLEEN)) == ["alleenstaand"]
    assert list(eerlijkheid.groepen(EENOUDER)) == ["gezin 2-4", "eenoudergezin", "met zorgbehoefte"]
    assert list(eerlijkheid.groepen(GEZIN)) == ["gezin 5+"]


def test_counts_per_group_and_the_share_of_the_best_over_households_with_a_choice() -> None:
    result = KoppelingResult(
        "highs", SolveStatus.optimal, 0.0, 0.0, 0.0,
        (Toewijzing("H1", "GM0001", 1, 4.0, {}), Toewijzing("H2", "GM0002", 3, 6.0, {})), ("H3",),
    )  # fmt: skip
    instantie = Instantie((ALLEEN, EENOUDER, GEZIN), (), {})
    # H1 had a choice (best 8); H2 was tied to its one place (not counted in the share).
    tellingen = eerlijkheid.per_soort(instantie, result, {"H1": 8.0, "H3": 9.0})
    rijen = {r["soort"]: r for r in eerlijkheid.overzicht([(1, tellingen)])}
    assert rijen["alle"]["huishoudens"] == 3 and rijen["alle"]["gekoppeld"] == 2
    assert rijen["alle"]["score_per_persoon"] == pytest.approx((4 + 18) / 4)
    assert rijen["alle"]["aandeel_van_beste"] == pytest.approx(0.5)  # H1 only: 4 of 8
    assert rijen["eenoudergezin"]["gekoppeld"] == 1 and rijen["eenoudergezin"]["aandeel_van_beste"] is None
    assert rijen["gezin 5+"]["gekoppeld"] == 0 and rijen["gezin 5+"]["score_per_persoon"] is None


def test_a_batch_stored_before_the_share_was_counted_reads_as_empty() -> None:
    oud = [{"soort": "alle", "huishoudens": 2, "gekoppeld": 1, "personen": 1, "waarde": 3.0}]
    assert eerlijkheid.overzicht([(1, oud)])[0]["aandeel_van_beste"] is None
