"""Durable places: the published criterion, the registered flag, and counting on a reference date."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from doorstroom.spreiding.core.domain import Locatie, Soort
from doorstroom.spreiding.core.duurzaam import bestaand_per_gemeente, criterium, is_duurzaam, telt_mee
from doorstroom.spreiding.core.opvang import opvang_per_regio
from tests.spreiding.strategies import locaties

PEILDATUM = date(2026, 1, 1)


def _locatie(**wijziging: object) -> Locatie:
    basis: dict[str, object] = {
        "id": "L1",
        "naam": "Azc",
        "soort": Soort.azc,
        "gemeentecode": "GM0001",
        "capaciteit": 400,
        "opening": date(2024, 1, 1),
    }
    return Locatie(**{**basis, **wijziging})  # type: ignore[arg-type]


def test_criterion_needs_more_than_100_places_and_more_than_five_years() -> None:
    assert criterium(_locatie())
    assert not criterium(_locatie(capaciteit=100))
    assert criterium(_locatie(capaciteit=101))
    assert not criterium(_locatie(sluiting=date(2029, 1, 1)))
    assert criterium(_locatie(sluiting=date(2029, 1, 2)))


def test_registered_flag_overrides_the_criterion() -> None:
    assert not is_duurzaam(_locatie(duurzaam=False))
    assert is_duurzaam(_locatie(capaciteit=40, duurzaam=True))


def test_counts_when_open_or_opening_within_twelve_months() -> None:
    assert telt_mee(_locatie(), PEILDATUM)
    assert telt_mee(_locatie(opening=date(2027, 1, 1)), PEILDATUM)
    assert not telt_mee(_locatie(opening=date(2027, 1, 2)), PEILDATUM)
    assert not telt_mee(_locatie(opening=date(2020, 1, 1), sluiting=date(2025, 12, 31)), PEILDATUM)
    assert not telt_mee(_locatie(capaciteit=50), PEILDATUM)


def test_ter_apel_counts_for_westerwolde() -> None:
    ter_apel = _locatie(id="TA", naam="Aanmeldcentrum Ter Apel", gemeentecode="GM1950", capaciteit=2000,
                        opening=date(2000, 1, 1), amv_capaciteit=300)  # fmt: skip
    klein = _locatie(id="K", gemeentecode="GM1950", capaciteit=60)
    assert bestaand_per_gemeente([ter_apel, klein], PEILDATUM)["GM1950"].plaatsen == 2000
    assert bestaand_per_gemeente([ter_apel, klein], PEILDATUM)["GM1950"].amv == 300


def test_closing_day_is_the_last_open_day() -> None:
    locatie = _locatie(sluiting=date(2026, 6, 30))
    assert locatie.open_op(date(2026, 6, 30))
    assert not locatie.open_op(date(2026, 7, 1))
    assert not locatie.open_op(date(2023, 12, 31))


@given(data=st.data())
def test_reception_per_region_adds_up_over_open_locations(data: st.DataObject) -> None:
    codes = ["GM0001", "GM0002", "GM0003"]
    lijst = data.draw(locaties(codes))
    dag = data.draw(st.dates(date(2019, 1, 1), date(2032, 1, 1)))
    per_regio = opvang_per_regio(lijst, {"GM0001": "Noord", "GM0002": "Noord", "GM0003": "Zuid"}, dag)
    open_ = [loc for loc in lijst if loc.open_op(dag)]
    assert set(per_regio) == {"Noord", "Zuid"}
    assert sum(o.plaatsen for o in per_regio.values()) == sum(loc.capaciteit for loc in open_)
    assert sum(o.vergunninghouders for o in per_regio.values()) == sum(loc.vergunninghouders for loc in open_)
    assert sum(o.locaties for o in per_regio.values()) == len(open_)
    for opvang in per_regio.values():
        assert opvang.vergunninghouders <= opvang.bezetting
        assert opvang.duurzame_plaatsen <= opvang.plaatsen
