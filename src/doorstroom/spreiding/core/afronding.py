"""Whole places at two levels at once: every municipality and every province exact to the totals.

The Spreidingswet distributes a national number over provinces and, within each province, over its
municipalities. Rounding each level on its own (first the provinces, then each province's number over
its municipalities) can put a municipality almost two places away from its exact share; rounding
municipalities nationally and summing them can put a province several places off. This module uses
*controlled rounding* of the one-level hierarchy instead:

1. Each province's exact share ``E_p`` (the sum of its municipalities' exact shares) is rounded by
   the largest-remainder method (:mod:`doorstroom.values.grootste_overschot`) so that the provinces sum to
   the national total.
2. Within each province, every municipality gets the floor of its *national* exact share ``e_g``;
   the province's remaining places go, one each, to its largest remainders.

Because the province's whole number lies between ``floor(E_p)`` and ``ceil(E_p)``, step 2 always has
room: every municipality ends at ``floor(e_g)`` or ``ceil(e_g)`` (within one place of its exact
share), every province within one place of its exact share, and both levels sum exactly. Ties in the
remainder go to the larger priority value (key), then the lower code, so results are deterministic.
All arithmetic is exact (:class:`fractions.Fraction`).
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction

from doorstroom.values.grootste_overschot import grootste_overschot


def twee_niveaus(
    exact: Mapping[str, Fraction], groep_van: Mapping[str, str], voorrang: Mapping[str, Fraction]
) -> tuple[dict[str, int], dict[str, int]]:
    """Round exact shares (summing to a whole total) per member and per group; both sum exactly.

    Returns ``(per_lid, per_groep)``.
    """
    totaal = sum(exact.values(), Fraction(0))
    if totaal.denominator != 1:
        raise ValueError("the exact shares must add up to a whole number")
    leden: dict[str, dict[str, Fraction]] = {}
    for code, waarde in exact.items():
        leden.setdefault(groep_van[code], {})[code] = waarde
    groep_exact = {groep: sum(waarden.values(), Fraction(0)) for groep, waarden in leden.items()}
    per_groep = grootste_overschot(groep_exact, int(totaal), groep_exact)
    per_lid: dict[str, int] = {}
    for groep, waarden in leden.items():
        per_lid.update(grootste_overschot(waarden, per_groep[groep], voorrang))
    return per_lid, per_groep
