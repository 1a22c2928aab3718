"""The distribution: exact at both levels, fair to one place, amv inside, correction's direction."""

from __future__ import annotations

import math
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from doorstroom.reference.core.domain import Gemeente
from doorstroom.reference.io import embedded_gemeenten
from doorstroom.spreiding.core.correctie import Correctie, Correctiesoort, gemiddelde_factor
from doorstroom.spreiding.core.verdeling import Verdeling, verdeel
from tests.spreiding.strategies import correcties, gemeentelijsten, totaal_en_amv


def _sommen_kloppen(verdeling: Verdeling) -> None:
    assert sum(a.opgave for a in verdeling.gemeenten) == verdeling.totaal
    assert sum(p.opgave for p in verdeling.provincies) == verdeling.totaal
    assert sum(a.amv for a in verdeling.gemeenten) == verdeling.amv
    assert sum(p.amv for p in verdeling.provincies) == verdeling.amv
    for p in verdeling.provincies:
        leden = [a for a in verdeling.gemeenten if a.gemeente.provincie == p.provincie]
        assert sum(a.opgave for a in leden) == p.opgave
        assert sum(a.amv for a in leden) == p.amv


@given(totalen=totaal_en_amv(), lijst=gemeentelijsten())
def test_exact_sums_at_both_levels(totalen: tuple[int, int], lijst: list[Gemeente]) -> None:
    _sommen_kloppen(verdeel(*totalen, lijst))


@given(totalen=totaal_en_amv(), lijst=gemeentelijsten())
def test_without_correction_each_share_within_one_place_of_population_share(
    totalen: tuple[int, int], lijst: list[Gemeente]
) -> None:
    totaal, _ = totalen
    verdeling = verdeel(*totalen, lijst)
    inwoners = sum(g.inwoners for g in lijst)
    for a in verdeling.gemeenten:
        bevolkingsaandeel = Fraction(totaal * a.gemeente.inwoners, inwoners)
        assert abs(a.opgave - bevolkingsaandeel) < 1
    for p in verdeling.provincies:
        assert abs(p.opgave - Fraction(totaal * p.inwoners, inwoners)) < 1
    assert not verdeling.correctie_toegepast


@given(totalen=totaal_en_amv(), lijst=gemeentelijsten())
def test_amv_is_part_of_each_number(totalen: tuple[int, int], lijst: list[Gemeente]) -> None:
    verdeling = verdeel(*totalen, lijst)
    for a in verdeling.gemeenten:
        assert 0 <= a.amv <= a.opgave
        if verdeling.totaal:
            assert abs(a.amv - Fraction(verdeling.amv * a.opgave, verdeling.totaal)) < 1


@given(data=st.data(), totalen=totaal_en_amv(), lijst=gemeentelijsten(min_size=2))
def test_with_correction_sums_stay_exact_and_direction_holds(
    data: st.DataObject, totalen: tuple[int, int], lijst: list[Gemeente]
) -> None:
    correctie = data.draw(correcties(lijst))
    zonder, met = verdeel(*totalen, lijst), verdeel(*totalen, lijst, correctie)
    _sommen_kloppen(met)
    assert met.correctie_toegepast
    inwoners = {g.code: g.inwoners for g in lijst}
    gemiddeld = gemiddelde_factor(inwoners, {a.gemeente.code: a.sleutel for a in met.gemeenten})
    oud = {a.gemeente.code: a for a in zonder.gemeenten}
    for a in met.gemeenten:
        vorig = oud[a.gemeente.code]
        assert abs(a.opgave - a.exact) < 1
        if a.gemeente.inwoners and met.totaal and a.factor != gemiddeld:
            assert (a.exact > vorig.exact) == (a.factor > gemiddeld)
        if a.exact - vorig.exact >= 2:
            assert a.opgave > vorig.opgave
        if vorig.exact - a.exact >= 2:
            assert a.opgave < vorig.opgave


@given(totalen=totaal_en_amv(), lijst=gemeentelijsten(min_size=2))
def test_within_a_province_a_larger_key_never_gets_fewer_places(
    totalen: tuple[int, int], lijst: list[Gemeente]
) -> None:
    verdeling = verdeel(*totalen, lijst)
    for a in verdeling.gemeenten:
        for b in verdeling.gemeenten:
            if a.gemeente.provincie == b.gemeente.provincie and a.sleutel > b.sleutel:
                assert a.opgave >= b.opgave


def test_national_estimate_of_2024_gives_twelve_provinces_summing_to_96000() -> None:
    verdeling = verdeel(96_000, 8_140, list(embedded_gemeenten()))
    assert len(verdeling.provincies) == 12
    _sommen_kloppen(verdeling)
    per_naam = {a.gemeente.naam: a for a in verdeling.gemeenten}
    assert per_naam["Bloemendaal"].opgave == 127  # published: 128 on population alone (1-1-2023 figures)
    assert per_naam["Schiermonnikoog"].opgave == 5


def test_factor_form_reaches_the_size_of_the_published_examples() -> None:
    """Scores of about -0.30 (Heerlen) and +0.35 (Bloemendaal) give the published 326 and 172 to within
    three places; the official scores were not available, so this checks the term's scale, not the data."""
    lijst = list(embedded_gemeenten())
    factoren = {g.code: Fraction(1) for g in lijst}
    heerlen = next(g for g in lijst if g.naam == "Heerlen")
    bloemendaal = next(g for g in lijst if g.naam == "Bloemendaal")
    factoren[heerlen.code], factoren[bloemendaal.code] = Fraction(70, 100), Fraction(135, 100)
    met = verdeel(96_000, 8_140, lijst, Correctie(factoren, Correctiesoort.factor, "voorbeeld"))
    per_code = {a.gemeente.code: a.opgave for a in met.gemeenten}
    assert abs(per_code[heerlen.code] - 326) <= 3
    assert abs(per_code[bloemendaal.code] - 172) <= 3


def test_misuse_is_refused() -> None:
    lijst = [Gemeente("GM0001", "A", "Utrecht", 10)]
    with pytest.raises(ValueError):
        verdeel(10, 11, lijst)
    with pytest.raises(ValueError):
        verdeel(10, 0, [Gemeente("GM0001", "A", "Utrecht", 0)])
    with pytest.raises(ValueError):
        verdeel(10, 0, [*lijst, *lijst])


def test_zero_total_gives_zero_everywhere() -> None:
    verdeling = verdeel(0, 0, [Gemeente("GM0001", "A", "Utrecht", 10), Gemeente("GM0002", "B", "Zeeland", 5)])
    assert [a.opgave for a in verdeling.gemeenten] == [0, 0]
    assert math.isclose(sum(float(p.exact) for p in verdeling.provincies), 0)
