"""A province's plan against its number; who provides more and who less; the history's wording."""

from __future__ import annotations

from datetime import date

from doorstroom.reference.core.domain import Gemeente
from doorstroom.spreiding.core.domain import Locatie, Soort
from doorstroom.spreiding.core.historie import beschrijf
from doorstroom.spreiding.core.plan import Plan, Planregel, Positie, aanbod_per_gemeente, controleer, positie
from doorstroom.spreiding.core.verdeling import verdeel

LIJST = [
    Gemeente("GM0001", "Aa", "Utrecht", 600),
    Gemeente("GM0002", "Bb", "Utrecht", 400),
    Gemeente("GM0003", "Cc", "Zeeland", 1000),
]


def _plan(*regels: tuple[str, int, int | None]) -> Plan:
    return Plan({code: Planregel(code, n, amv, i + 2) for i, (code, n, amv) in enumerate(regels)}, "plan.csv")


def test_a_plan_that_adds_up_passes_and_covers_only_its_province() -> None:
    verdeling = verdeel(200, 20, LIJST)
    plan = _plan(("GM0001", 100, None), ("GM0002", 0, None))
    assert controleer(plan, verdeling) == []
    assert aanbod_per_gemeente(plan, verdeling) == {"GM0001": 100, "GM0002": 0}


def test_a_plan_that_does_not_add_up_names_province_sum_number_and_difference() -> None:
    verdeling = verdeel(200, 20, LIJST)
    problemen = controleer(_plan(("GM0001", 90, 3)), verdeling)
    assert [p.field for p in problemen] == ["plaatsen", "amv"]
    assert problemen[0].file == "plan.csv"
    assert "Utrecht" in problemen[0].message and "90" in problemen[0].message
    assert "100" in problemen[0].message and "10 te weinig" in problemen[0].message
    assert "3 amv" in problemen[1].message and "7 te weinig" in problemen[1].message


def test_position_against_the_share() -> None:
    assert positie(11, 10) is Positie.meer
    assert positie(9, 10) is Positie.minder
    assert positie(10, 10) is Positie.gelijk


def test_history_describes_each_changed_field() -> None:
    oud = Locatie("L1", "Azc", Soort.azc, "GM0001", 300, date(2024, 1, 1), bezetting=280)
    nieuw = Locatie(
        "L1", "Azc", Soort.azc, "GM0001", 350, date(2024, 1, 1), bezetting=280, sluiting=date(2030, 1, 1)
    )
    assert beschrijf(None, nieuw) == "nieuw"
    assert beschrijf(oud, nieuw) == "capaciteit 300 → 350; sluiting (leeg) → 2030-01-01"
    assert beschrijf(oud, oud) == "geen wijziging"
