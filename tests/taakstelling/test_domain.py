"""Carry-over, realisation, schedule status, blame (buiten schuld) and overdue koppelingen."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from doorstroom.reference.core.domain import Gemeente
from doorstroom.taakstelling.core.correctie import corrigeer
from doorstroom.taakstelling.core.domain import (
    Koppeling,
    Schema,
    Taakstelling,
    bereken,
    realiseer,
    schema_status,
)
from doorstroom.taakstelling.core.verdeling import Afrondingsregel
from doorstroom.values.maand import add_months
from doorstroom.values.periode import Periode
from tests.taakstelling.strategies import gemeenten_met_sleutel, totalen

P = Periode(2026, 1)
UTRECHT = Gemeente("GM0344", "Utrecht", "Utrecht", 374_238)


def taak(quota: int, achterstand: int = 0) -> Taakstelling:
    gecorrigeerd, voorsprong = corrigeer(quota, achterstand)
    return Taakstelling(
        UTRECHT, UTRECHT.inwoners, Fraction(quota), quota, achterstand, gecorrigeerd, voorsprong
    )


@given(st.integers(0, 10_000), st.integers(-20_000, 20_000))
def test_carry_over_arithmetic(quota: int, achterstand: int) -> None:
    gecorrigeerd, voorsprong = corrigeer(quota, achterstand)
    assert gecorrigeerd - voorsprong == quota + achterstand
    assert gecorrigeerd >= 0 and voorsprong >= 0 and min(gecorrigeerd, voorsprong) == 0


@given(totaal=totalen, data=gemeenten_met_sleutel())
def test_bereken_applies_carry_over_per_municipality(totaal: int, data: tuple) -> None:  # type: ignore[type-arg]
    gemeenten, sleutel, vorige = data
    taken = bereken(totaal, gemeenten, sleutel, vorige, Afrondingsregel.hamilton)
    assert sum(t.taakstelling for t in taken) == totaal
    for t in taken:
        assert (
            t.gecorrigeerde_taakstelling - t.resterende_voorsprong == t.taakstelling + vorige[t.gemeente.code]
        )


def test_arrears_added_and_advance_subtracted() -> None:
    assert corrigeer(100, 12) == (112, 0)
    assert corrigeer(100, -30) == (70, 0)
    assert corrigeer(10, -30) == (0, 20)


def test_a_swap_changes_the_corrected_number_before_carry_over() -> None:
    assert corrigeer(100, 12, ruil=-20) == (92, 0)
    assert corrigeer(10, -5, ruil=-8) == (0, 3)


def test_schedule_status_thresholds() -> None:
    assert schema_status(50, Fraction(50)) is Schema.op_schema
    assert schema_status(38, Fraction(50)) is Schema.licht_achter  # 76 % of expected
    assert schema_status(37, Fraction(50)) is Schema.ver_achter  # 74 %
    assert schema_status(0, Fraction(0)) is Schema.op_schema


def test_realisation_counts_months_of_the_period_up_to_the_reference_date() -> None:
    gehuisvest = {"2025-12": 40, "2026-01": 10, "2026-02": 12, "2026-03": 7, "2026-04": 99}
    r = realiseer(taak(120), P, date(2026, 3, 15), gehuisvest, [])
    assert r.gerealiseerd == 29  # January to March; December is the previous period, April is later
    assert r.verwacht == Fraction(120 * 2, 6)  # two whole months elapsed
    assert r.status is Schema.ver_achter  # 29 < 0.75 * 40 = 30
    assert (r.resterend, r.percentage, r.achterstand_nu) == (91, 24.2, 91)


def test_full_realisation_leaves_no_arrears_and_surplus_becomes_advance() -> None:
    r = realiseer(taak(60), P, P.supervision_date, {"2026-06": 70}, [])
    assert r.status is Schema.op_schema
    assert (r.resterend, r.achterstand_nu, r.verwijtbaar, r.buiten_schuld) == (0, -10, 0, False)


def test_arrears_are_excusable_when_coa_linked_too_few() -> None:
    koppelingen = [Koppeling("GM0344", "H1", 4, date(2026, 1, 10), date(2026, 2, 1))]
    r = realiseer(taak(10), P, P.supervision_date, {"2026-02": 4}, koppelingen)
    assert (r.gekoppeld, r.achterstand_nu, r.verschoonbaar, r.verwijtbaar) == (4, 6, 6, 0)
    assert r.buiten_schuld


def test_arrears_are_attributable_when_linked_households_were_not_housed() -> None:
    koppelingen = [
        Koppeling("GM0344", "H1", 5, date(2026, 1, 10)),
        Koppeling("GM0344", "H2", 5, date(2026, 1, 20), date(2026, 3, 1)),
    ]
    r = realiseer(taak(10), P, P.supervision_date, {"2026-03": 5}, koppelingen)
    assert (r.gekoppeld, r.achterstand_nu, r.verschoonbaar, r.verwijtbaar) == (10, 5, 0, 5)
    assert r.te_laat == 1 and not r.buiten_schuld


def test_household_within_three_months_is_not_held_against_the_municipality() -> None:
    koppelingen = [Koppeling("GM0344", "H1", 3, date(2026, 6, 1))]
    r = realiseer(taak(3), P, P.supervision_date, {}, koppelingen)
    assert (r.binnen_termijn, r.verschoonbaar, r.verwijtbaar, r.te_laat) == (3, 3, 0, 0)


def test_overdue_koppeling() -> None:
    k = Koppeling("GM0344", "H1", 2, date(2026, 1, 31))
    assert k.uiterste_datum() == date(2026, 4, 30)
    assert not k.te_laat(date(2026, 4, 30))
    assert k.te_laat(date(2026, 5, 1))
    housed = Koppeling("GM0344", "H2", 2, date(2026, 1, 31), date(2026, 4, 1))
    assert not housed.te_laat(date(2026, 7, 1))


def test_add_months_clips_to_month_end() -> None:
    assert add_months(date(2026, 11, 30), 3) == date(2027, 2, 28)
    assert add_months(date(2027, 11, 30), 3) == date(2028, 2, 29)
    assert add_months(date(2026, 3, 15), 3) == date(2026, 6, 15)
