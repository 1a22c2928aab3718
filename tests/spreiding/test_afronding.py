"""Controlled rounding at two levels: exact sums, within one place, deterministic ties."""

from __future__ import annotations

import math
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from doorstroom.spreiding.core.afronding import twee_niveaus
from doorstroom.values.grootste_overschot import grootste_overschot


@st.composite
def hierarchie(draw: st.DrawFn) -> tuple[dict[str, Fraction], dict[str, str], int]:
    """Exact shares of a whole total over members in groups."""
    totaal = draw(st.integers(0, 10_000))
    gewichten = draw(st.lists(st.integers(0, 1000), min_size=1, max_size=30))
    if sum(gewichten) == 0:
        gewichten[0] = 1
    exact = {f"L{i:02d}": Fraction(totaal * w, sum(gewichten)) for i, w in enumerate(gewichten)}
    groep = {code: draw(st.sampled_from("ABCD")) for code in exact}
    return exact, groep, totaal


@given(hierarchie())
def test_both_levels_sum_exactly_and_stay_within_one(
    data: tuple[dict[str, Fraction], dict[str, str], int],
) -> None:
    exact, groep, totaal = data
    per_lid, per_groep = twee_niveaus(exact, groep, exact)
    assert sum(per_lid.values()) == totaal == sum(per_groep.values())
    for code, aantal in per_lid.items():
        assert math.floor(exact[code]) <= aantal <= math.ceil(exact[code])
    for naam, aantal in per_groep.items():
        leden = [code for code in exact if groep[code] == naam]
        assert sum(per_lid[code] for code in leden) == aantal
        assert abs(aantal - sum(exact[code] for code in leden)) < 1


def test_largest_remainders_get_the_places_left() -> None:
    exact = {"A": Fraction(27, 10), "B": Fraction(12, 10), "C": Fraction(11, 10)}
    assert grootste_overschot(exact, 5, exact) == {"A": 3, "B": 1, "C": 1}


def test_equal_remainders_go_to_the_larger_key_then_the_lower_code() -> None:
    exact = {"B": Fraction(1, 2), "A": Fraction(1, 2), "C": Fraction(1, 2)}
    assert grootste_overschot(exact, 1, {"A": Fraction(1), "B": Fraction(2), "C": Fraction(2)}) == {
        "A": 0,
        "B": 1,
        "C": 0,
    }


def test_unreachable_total_is_misuse() -> None:
    with pytest.raises(ValueError, match="not reachable"):
        grootste_overschot({"A": Fraction(1, 2)}, 2, {"A": Fraction(1)})


def test_shares_must_add_up_to_a_whole_total() -> None:
    with pytest.raises(ValueError, match="whole number"):
        twee_niveaus({"A": Fraction(1, 2)}, {"A": "X"}, {"A": Fraction(1)})


def test_separate_rounding_would_miss_by_more_than_one_but_controlled_rounding_does_not() -> None:
    """Province X: 10.9 exact, rounded up to 11; naive province-first rounding gives its members
    11 × share; controlled rounding keeps every member at the floor or ceiling of its own share."""
    exact = {"a": Fraction(495, 100), "b": Fraction(595, 100), "c": Fraction(1, 1), "d": Fraction(81, 10)}
    groep = {"a": "X", "b": "X", "c": "Y", "d": "Y"}
    per_lid, per_groep = twee_niveaus(exact, groep, exact)
    assert per_groep == {"X": 11, "Y": 9}
    assert per_lid == {"a": 5, "b": 6, "c": 1, "d": 8}
