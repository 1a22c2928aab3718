"""What of the case file a plan may use, for whom: statistical disclosure control at the input.

The case file gives the linked households' actual sizes and the municipality's household mix. For
someone who may see those persons (the municipality itself, the operator) the plan uses them as
they are. For anyone else — a province, COA, the national level — a plan may show no figure resting
on fewer than ten persons of the case file (:data:`doorstroom.values.afscherming.MINIMUM`; AVG art.
5(1)(c)), so the plan is computed from inputs that each rest on at least ten: linked households
count (in the first month) only in a size class with ten linked persons or more, and the mix comes
from the linked households, else all the municipality's households, only from ten persons up, else
the embedded judgement. Every figure such a plan shows then rests on at least ten persons or on none.
"""

from __future__ import annotations

from collections.abc import Mapping

from doorstroom.huisvesting.core.behoefte import Verdeling, per_klasse, verdeling_uit
from doorstroom.values.afscherming import MINIMUM
from doorstroom.values.woningklasse import klasse

GEKOPPELD = "gekoppelde huishoudens in het dossier"
ALLE = "alle huishoudens van de gemeente in het dossier"


def personen(groottes: Mapping[int, int]) -> int:
    """Persons in households counted by size (size → households)."""
    return sum(grootte * aantal for grootte, aantal in groottes.items())


def gekoppeld(groottes: Mapping[int, int], exact: bool) -> dict[int, int]:
    """The linked households a plan counts: all of them, or only classes with ten persons or more."""
    if exact:
        return dict(groottes)
    per, _ = per_klasse(groottes)
    return {g: n for g, n in groottes.items() if per[klasse(g)] >= MINIMUM}


def verdeling(
    gekoppelde: Mapping[int, int], alle: Mapping[int, int], exact: bool, standaard: Verdeling
) -> Verdeling:
    """The class mix: of the linked households, else of all households, else ``standaard``."""
    drempel = 1 if exact else MINIMUM
    for groottes, bron in ((gekoppelde, GEKOPPELD), (alle, ALLE)):
        if personen(groottes) >= drempel:
            gevonden = verdeling_uit(groottes, bron)
            if gevonden is not None:
                return gevonden
    return standaard
