"""The one rule for a register's history: which fields changed and how their values read."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum

from hypothesis import given
from hypothesis import strategies as st

from doorstroom.values import wijziging


class Status(Enum):
    plan = "plan"
    beschikbaar = "beschikbaar"


@dataclass(frozen=True)
class Regel:
    plaatsen: int
    status: Status
    tijdelijk: bool
    einde: date | None


VELDEN = ("plaatsen", "status", "tijdelijk", "einde")


def test_a_first_version_is_new_and_an_equal_one_no_change() -> None:
    regel = Regel(10, Status.plan, False, None)
    assert wijziging.beschrijf(None, regel, VELDEN) == "nieuw"
    assert wijziging.beschrijf(regel, regel, VELDEN) == "geen wijziging"


def test_every_changed_field_is_described_in_register_order_in_words() -> None:
    oud = Regel(10, Status.plan, False, None)
    nieuw = Regel(12, Status.beschikbaar, True, date(2027, 6, 30))
    assert wijziging.beschrijf(oud, nieuw, VELDEN) == (
        "plaatsen 10 → 12; status plan → beschikbaar; tijdelijk nee → ja; einde (leeg) → 2027-06-30"
    )


regels = st.builds(Regel, st.integers(0, 50), st.sampled_from(Status), st.booleans(), st.none() | st.dates())


@given(regels, regels)
def test_exactly_the_differing_fields_are_named(oud: Regel, nieuw: Regel) -> None:
    verschil = [veld for veld in VELDEN if getattr(oud, veld) != getattr(nieuw, veld)]
    assert wijziging.gewijzigde_velden(oud, nieuw, VELDEN) == verschil
    beschrijving = wijziging.beschrijf(oud, nieuw, VELDEN)
    assert [deel.split(" ")[0] for deel in beschrijving.split("; ")] == (verschil or ["geen"])
