"""The split of a national total: exact sums, fairness bounds, monotonicity, documented ties."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given

from doorstroom.taakstelling.core.verdeling import Afrondingsregel, verdeel
from tests.taakstelling.strategies import sleutels, totalen


@given(totaal=totalen, sleutel=sleutels())
def test_hamilton_sums_exactly(totaal: int, sleutel: dict[str, int]) -> None:
    assert sum(verdeel(totaal, sleutel).aantallen.values()) == totaal


@given(totaal=totalen, sleutel=sleutels())
def test_every_share_within_one_of_exact(totaal: int, sleutel: dict[str, int]) -> None:
    verdeling = verdeel(totaal, sleutel)
    for code, aantal in verdeling.aantallen.items():
        assert abs(aantal - verdeling.exact[code]) < 1


@given(totaal=totalen, sleutel=sleutels(min_size=2))
def test_more_inhabitants_never_fewer_persons(totaal: int, sleutel: dict[str, int]) -> None:
    aantallen = verdeel(totaal, sleutel).aantallen
    for a in sleutel:
        for b in sleutel:
            if sleutel[a] > sleutel[b]:
                assert aantallen[a] >= aantallen[b]


@given(totaal=totalen, sleutel=sleutels())
def test_plain_rounding_is_nearest_and_reports_difference(totaal: int, sleutel: dict[str, int]) -> None:
    verdeling = verdeel(totaal, sleutel, Afrondingsregel.afronden)
    for code, aantal in verdeling.aantallen.items():
        assert abs(aantal - verdeling.exact[code]) <= Fraction(1, 2)
    assert verdeling.afrondingsverschil == sum(verdeling.aantallen.values()) - totaal


@given(totaal=totalen, sleutel=sleutels())
def test_statutory_rule_is_the_ceiling_of_each_exact_share(totaal: int, sleutel: dict[str, int]) -> None:
    """Art. 29(1): national number × inhabitants / inhabitants of the Netherlands, rounded up."""
    verdeling = verdeel(totaal, sleutel, Afrondingsregel.wet)
    som = sum(sleutel.values())
    for code, aantal in verdeling.aantallen.items():
        exact = Fraction(totaal * sleutel[code], som)
        assert verdeling.exact[code] == exact
        assert aantal - 1 < exact <= aantal
    assert 0 <= verdeling.afrondingsverschil < len(sleutel)


@given(totaal=totalen, sleutel=sleutels())
def test_a_larger_national_denominator_shrinks_every_statutory_share(
    totaal: int, sleutel: dict[str, int]
) -> None:
    """GS may set a merged municipality's inhabitants (art. 30); the denominator stays the CBS total."""
    noemer = sum(sleutel.values()) * 2
    verdeling = verdeel(totaal, sleutel, Afrondingsregel.wet, noemer)
    assert all(verdeling.exact[code] == Fraction(totaal * sleutel[code], noemer) for code in sleutel)
    hamilton = verdeel(totaal, sleutel, Afrondingsregel.hamilton, noemer)
    assert hamilton.som == totaal


def test_statutory_rounding_by_hand() -> None:
    # 10 persons over 1/1/1: exact 3⅓ each → 4 each under the law, 3 each when rounded.
    assert verdeel(10, {"GM0001": 1, "GM0002": 1, "GM0003": 1}, Afrondingsregel.wet).aantallen == {
        "GM0001": 4,
        "GM0002": 4,
        "GM0003": 4,
    }
    assert verdeel(10, {"GM0001": 1, "GM0002": 1, "GM0003": 1}, Afrondingsregel.afronden).som == 9


def test_hand_computed_case() -> None:
    # 10 persons over 50/30/20: exact 5, 3, 2 — no rounding needed.
    assert verdeel(10, {"GM0001": 50, "GM0002": 30, "GM0003": 20}).aantallen == {
        "GM0001": 5,
        "GM0002": 3,
        "GM0003": 2,
    }


def test_largest_remainder_gets_the_rest() -> None:
    # 7 persons over 6/3/1 (sum 10): exact 4.2, 2.1, 0.7 -> floors 4, 2, 0, one left for the 0.7.
    assert verdeel(7, {"GM0001": 6, "GM0002": 3, "GM0003": 1}).aantallen == {
        "GM0001": 4,
        "GM0002": 2,
        "GM0003": 1,
    }


def test_tie_in_remainder_goes_to_larger_key_then_lower_code() -> None:
    # 1 person over 1/1/1: every remainder is 1/3; equal keys, so the lowest code wins.
    assert verdeel(1, {"GM0300": 1, "GM0200": 1, "GM0100": 1}).aantallen == {
        "GM0300": 0,
        "GM0200": 0,
        "GM0100": 1,
    }
    # 3 over 2/2/1/1 (sum 6): exact 1, 1, .5, .5 -> tie at .5 between equal keys: lower code.
    assert verdeel(3, {"GM0004": 2, "GM0003": 2, "GM0002": 1, "GM0001": 1}).aantallen == {
        "GM0004": 1,
        "GM0003": 1,
        "GM0002": 0,
        "GM0001": 1,
    }


def test_plain_rounding_can_miss_the_total() -> None:
    # 1 person over three equal municipalities: every exact share 1/3 rounds to 0.
    verdeling = verdeel(1, {"GM0001": 1, "GM0002": 1, "GM0003": 1}, Afrondingsregel.afronden)
    assert verdeling.aantallen == {"GM0001": 0, "GM0002": 0, "GM0003": 0}
    assert verdeling.afrondingsverschil == -1


def test_half_rounds_up() -> None:
    verdeling = verdeel(1, {"GM0001": 1, "GM0002": 1}, Afrondingsregel.afronden)
    assert verdeling.aantallen == {"GM0001": 1, "GM0002": 1}


@pytest.mark.parametrize(
    ("totaal", "sleutel"),
    [(-1, {"GM0001": 1}), (5, {}), (5, {"GM0001": 0}), (5, {"GM0001": -3, "GM0002": 5})],
)
def test_misuse_is_a_value_error(totaal: int, sleutel: dict[str, int]) -> None:
    with pytest.raises(ValueError):
        verdeel(totaal, sleutel)
