"""Art. 29(1) and 30: the statutory reference date, the division of the period, swaps and mergers."""

from __future__ import annotations

import math
from datetime import date
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from doorstroom.platform.errors import InputError
from doorstroom.reference.core.samenvoeging import Samenvoeging
from doorstroom.reference.service import indelingen
from doorstroom.taakstelling.core.domain import bereken
from doorstroom.taakstelling.core.grondslag import inwoners, wettelijk_peiljaar
from doorstroom.taakstelling.core.overdracht import naar_opvolgers
from doorstroom.taakstelling.core.ruil import Ruil, per_gemeente, problemen
from doorstroom.taakstelling.core.verdeling import Afrondingsregel, verdeel
from doorstroom.values.periode import Periode
from tests.taakstelling.strategies import gemeenten_met_sleutel, ruilen, saldi_en_opvolgers, totalen

WIJDEMEREN = Samenvoeging(date(2027, 1, 1), "GM0402", "Hilversum", ("GM0402", "GM1696"), inwoners=119_500)


@pytest.mark.parametrize(
    ("periode", "jaar"), [("2026-1", 2025), ("2026-2", 2025), ("2024-1", 2023), ("2024-2", 2023)]
)
def test_statutory_vintage_is_1_january_of_the_year_before(periode: str, jaar: int) -> None:
    assert wettelijk_peiljaar(Periode.parse(periode)) == jaar
    grondslag = inwoners(Periode.parse(periode), indelingen(None))
    assert grondslag.peildatum == date(jaar, 1, 1) and grondslag.wettelijk


def test_2025_2_uses_the_population_of_1_january_2024() -> None:
    grondslag = inwoners(Periode(2025, 2), indelingen(None))
    assert grondslag.noemer == 17_942_942 and len(grondslag.gemeenten) == 342
    assert grondslag.sleutel["GM0344"] == 374_238


@pytest.mark.parametrize(("periode", "ontbrekend"), [("2022-1", 2021), ("2028-2", 2027)])
def test_a_missing_vintage_is_an_error_naming_the_year_and_how_to_load_it(
    periode: str, ontbrekend: int
) -> None:
    with pytest.raises(InputError) as info:
        inwoners(Periode.parse(periode), indelingen(None))
    message = str(info.value)
    assert f"1 januari {ontbrekend} ontbreekt" in message
    assert f"CBS-gemeentelijst met peildatum {ontbrekend}-01-01 (gemeenten importeren)" in message
    assert "eigen sleutel: een bestand met gemeentecode en waarde" in message and "--" not in message


def test_another_vintage_may_be_chosen_and_is_said_not_to_be_statutory() -> None:
    grondslag = inwoners(Periode(2022, 1), indelingen(None), peiljaar=2022)
    assert len(grondslag.gemeenten) == 345 and not grondslag.wettelijk
    assert any("niet de wettelijke grondslag" in line for line in grondslag.meldingen())


def test_voorne_aan_zee_in_2023_rests_on_its_components_on_1_january_2022() -> None:
    grondslag = inwoners(Periode(2023, 1), indelingen(None))
    assert len(grondslag.gemeenten) == 342 and grondslag.noemer == 17_590_672
    assert grondslag.sleutel["GM1992"] == 17_704 + 40_574 + 14_960
    assert any("GM1992 Voorne aan Zee: inwoners: som van Brielle" in line for line in grondslag.meldingen())


def test_2027_with_the_merger_uses_gs_number_and_the_cbs_national_total() -> None:
    grondslag = inwoners(Periode(2027, 1), indelingen(None).met([(2, WIJDEMEREN)]))
    assert len(grondslag.gemeenten) == 341 and grondslag.sleutel["GM0402"] == 119_500
    assert grondslag.noemer == 18_130_208
    lijst = list(grondslag.gemeenten)
    berekend = bereken(10_000, lijst, grondslag.sleutel, regel=Afrondingsregel.wet, noemer=grondslag.noemer)
    taken = {t.gemeente.code: t for t in berekend}
    assert taken["GM0402"].taakstelling == math.ceil(Fraction(10_000 * 119_500, 18_130_208))


@given(totaal=totalen, data=gemeenten_met_sleutel(), keuze=st.data())
def test_a_swap_keeps_the_sum(totaal: int, data: tuple, keuze: st.DataObject) -> None:  # type: ignore[type-arg]
    gemeenten, sleutel, _ = data
    if len(gemeenten) < 2:
        return
    ruil = keuze.draw(ruilen([g.code for g in gemeenten]))
    taken = bereken(totaal, gemeenten, sleutel, regel=Afrondingsregel.hamilton, ruil=ruil)
    assert sum(t.taakstelling + t.ruil for t in taken) == totaal
    assert sum(t.gecorrigeerde_taakstelling - t.resterende_voorsprong for t in taken) == totaal
    assert sum(per_gemeente([Ruil("2026-1", "x", ruil)]).values()) == 0


@given(saldi_en_opvolgers())
def test_a_merger_keeps_the_sum_of_arrears(data: tuple[dict[str, int], dict[str, str]]) -> None:
    saldo, opvolgers = data
    achterstand, overgenomen = naar_opvolgers(saldo, opvolgers)
    assert sum(achterstand.values()) == sum(saldo.values())
    assert set(achterstand) == {opvolgers[code] for code in saldo}
    for code, deel in overgenomen.items():
        assert deel == sum(v for c, v in saldo.items() if opvolgers[c] == code and c != code)


def test_a_swap_that_does_not_sum_to_zero_or_names_unknown_codes_is_refused() -> None:
    gevonden = problemen([(2, "GM0344", 5), (3, "GM9999", -3)], {"GM0344": "Utrecht"})
    assert (3, "GM9999 bestaat niet in de gemeentelijst van deze periode") in gevonden
    assert any(row is None and "+2" in message for row, message in gevonden)
    assert problemen([(2, "GM0344", 0), (3, "GM0363", 0)], {"GM0344": "", "GM0363": ""}) == [
        (None, "een ruil wijzigt de taakstelling van ten minste twee gemeenten")
    ]


def test_statutory_rule_on_real_data_rounds_every_share_up() -> None:
    grondslag = inwoners(Periode(2025, 2), indelingen(None))
    verdeling = verdeel(13_000, grondslag.sleutel, Afrondingsregel.wet, grondslag.noemer)
    assert all(aantal == math.ceil(verdeling.exact[code]) for code, aantal in verdeling.aantallen.items())
    assert verdeling.som == 13_164
