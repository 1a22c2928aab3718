"""Disclosure control: no count of 1 to 9 shown, and no withheld cell derivable from what is shown.

Random tables with margins (rows and columns summed, rows grouped twice, as municipalities are in a
province and in a size class) go through :func:`afschermen`; the published table is then read by an
independent attacker (:mod:`tests.values.aanvaller`, integer programming) that must pin no cell.
"""

from __future__ import annotations

from collections.abc import Hashable

from hypothesis import given, settings
from hypothesis import strategies as st

from doorstroom.values import afscherming
from doorstroom.values.afscherming import Afscherming, Som, afschermen, herleidbaar
from tests.values.aanvaller import herleid

Cel = tuple[str, str]

waarden = st.one_of(st.just(0), st.integers(1, 9), st.integers(10, 60))


@st.composite
def tabellen(draw: st.DrawFn) -> tuple[dict[Cel, int], list[Som[Cel]]]:
    """Rows × columns with row, column and grand totals, and two groupings of the rows."""
    rijen = [f"r{i}" for i in range(draw(st.integers(2, 5)))]
    kolommen = [f"k{j}" for j in range(draw(st.integers(2, 4)))]
    aantallen = {(r, k): draw(waarden) for r in rijen for k in kolommen}
    groepering = {
        "a": {r: draw(st.sampled_from(["a1", "a2"])) for r in rijen},
        "b": {r: draw(st.sampled_from(["b1", "b2", "b3"])) for r in rijen},
    }
    sommen: list[Som[Cel]] = []
    for r in rijen:
        aantallen[(r, "T")] = sum(aantallen[(r, k)] for k in kolommen)
        sommen.append(Som((r, "T"), tuple((r, k) for k in kolommen)))
    for k in [*kolommen, "T"]:
        aantallen[("N", k)] = sum(aantallen[(r, k)] for r in rijen)
        sommen.append(Som(("N", k), tuple((r, k) for r in rijen)))
        for soort, indeling in groepering.items():
            for groep in sorted(set(indeling.values())):
                leden = tuple((r, k) for r in rijen if indeling[r] == groep)
                aantallen[(f"{soort}:{groep}", k)] = sum(aantallen[c] for c in leden)
                sommen.append(Som((f"{soort}:{groep}", k), leden))
    for groep in {"N", *(f"{s}:{g}" for s, i in groepering.items() for g in i.values())}:
        sommen.append(Som((groep, "T"), tuple((groep, k) for k in kolommen)))
    return aantallen, sommen


def _gepubliceerd(aantallen: dict[Cel, int], verborgen: dict[Cel, Afscherming]) -> dict[Hashable, int | str]:
    return {cel: (verborgen[cel].value if cel in verborgen else n) for cel, n in aantallen.items()}


@settings(max_examples=40, deadline=None)
@given(tabellen())
def test_no_small_count_is_shown_and_no_withheld_cell_can_be_derived(
    tabel: tuple[dict[Cel, int], list[Som[Cel]]],
) -> None:
    aantallen, sommen = tabel
    verborgen = afschermen(aantallen, sommen)
    for cel, n in aantallen.items():
        assert cel not in verborgen or n > 0, "zero is shown"
        if afscherming.primair(n):
            assert verborgen[cel] is Afscherming.primair
        if verborgen.get(cel) is Afscherming.secundair:
            assert n >= afscherming.MINIMUM
    gepubliceerd = _gepubliceerd(aantallen, verborgen)
    assert herleid(gepubliceerd, [(s.totaal, s.delen) for s in sommen]) == {}
    assert herleidbaar(aantallen, sommen, verborgen) == set()


def test_a_row_with_one_small_cell_hides_the_next_smallest_and_its_column_partner() -> None:
    """By hand: 3 | 12 | 40 in a row with its total shown would give the 3 away by difference."""
    aantallen = {"a": 3, "b": 12, "c": 40, "rij": 55}
    verborgen = afschermen(aantallen, [Som("rij", ("a", "b", "c"))])
    assert verborgen == {"a": Afscherming.primair, "b": Afscherming.secundair}


def test_two_ones_that_add_up_to_a_shown_two_are_both_known_so_a_third_cell_is_withheld() -> None:
    """1 + 1 = 2 pins both cells (each holds at least one person): the bounds count, not only sums."""
    aantallen = {"a": 1, "b": 1, "c": 30, "rij": 32}
    verborgen = afschermen(aantallen, [Som("rij", ("a", "b", "c"))])
    assert set(verborgen) == {"a", "b", "c"}
    assert herleid(_gepubliceerd(aantallen, verborgen), [("rij", ("a", "b", "c"))]) == {}


def test_zero_is_shown_and_a_table_without_small_counts_is_untouched() -> None:
    aantallen = {"a": 0, "b": 12, "c": 40, "rij": 52}
    assert afschermen(aantallen, [Som("rij", ("a", "b", "c"))]) == {}


def test_an_inconsistent_table_is_refused() -> None:
    try:
        afschermen({"a": 3, "rij": 4}, [Som("rij", ("a",))])
    except ValueError as fout:
        assert "niet consistent" in str(fout)
    else:
        raise AssertionError("een tabel die niet optelt hoort geweigerd te worden")
