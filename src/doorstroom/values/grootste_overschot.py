"""The largest-remainder method (Hamilton): whole numbers that sum exactly to a total.

Both the taakstelling (persons per municipality, Huisvestingswet 2014 art. 29) and the spreiding
(reception places per province and municipality, Spreidingswet) must turn exact proportional shares
into whole numbers that add up to the national number. Each gets the whole part of its share; the
units still to divide go, one each, to the largest remainders. Ties in the remainder go to the
larger priority (the key: a municipality with more inhabitants never receives fewer), then to the
lower code, so the outcome is deterministic. Exact arithmetic (:class:`fractions.Fraction`): no
floating-point rounding decides who gets a person or a place.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from fractions import Fraction


def grootste_overschot(
    exact: Mapping[str, Fraction], totaal: int, voorrang: Mapping[str, int | Fraction]
) -> dict[str, int]:
    """Whole numbers summing to ``totaal``, each the floor or the ceiling of its exact value.

    ``totaal`` must lie between the sum of the floors and that sum plus the number of values that are
    not whole already (misuse otherwise: a ``ValueError``).
    """
    heel = {code: math.floor(waarde) for code, waarde in exact.items()}
    rest = totaal - sum(heel.values())
    kandidaten = [code for code, waarde in exact.items() if waarde != heel[code]]
    if not 0 <= rest <= len(kandidaten):
        raise ValueError(f"totaal {totaal} is not reachable by rounding the exact values")
    kandidaten.sort(key=lambda code: (-(exact[code] - heel[code]), -voorrang[code], code))
    for code in kandidaten[:rest]:
        heel[code] += 1
    return heel
