"""Which unit houses whom: the persons of one size class placed in that class's units, or counted short.

Within a class the units are filled in the order of :data:`~doorstroom.huisvesting.core.aanbod.VOORKEUR`
(a regular home first, intermediate places last), then by the date they became available and their
reference, each up to the persons it holds. Every person is placed in exactly one unit or counted
short; no unit holds more than its places. The placement is recomputed each month from the stock at
month end: it is a balance of places against persons, not a simulation of tenancies.
"""

from __future__ import annotations

from collections.abc import Sequence

from doorstroom.huisvesting.core.aanbod import VOORKEUR, Eenheid


def volgorde(eenheid: Eenheid) -> tuple[int, str, str]:
    """The fill order of a unit within its class."""
    return VOORKEUR.index(eenheid.soort), eenheid.beschikbaar.isoformat(), eenheid.kenmerk


def vul(personen: int, eenheden: Sequence[Eenheid]) -> tuple[dict[str, int], int]:
    """Persons per unit (by reference) and the persons left without a place."""
    rest, bezetting = max(personen, 0), {}
    for eenheid in sorted(eenheden, key=volgorde):
        geplaatst = min(eenheid.plaatsen, rest)
        bezetting[eenheid.kenmerk] = geplaatst
        rest -= geplaatst
    return bezetting, rest
