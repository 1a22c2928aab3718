"""Persons per municipality and persons above the batch share: the one home of that rule.

A municipality's *bezetting* is the number of persons linked to it (the taakstelling counts
persons, Huisvestingswet 2014 art. 28). Its *overschrijding* is the part of the bezetting above the
run's batch share (``GemeenteCapaciteit.capaciteit``, a soft target that costs
``Beleid.overschrijding_boete`` per person); the hard ceiling is the maximum
(``GemeenteCapaciteit.bovengrens``). Solvers, the model, the checks and the explanations all call
these functions, on arrays (solvers) or on proposals (checks, explanations), so the rule cannot
drift between them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np
import numpy.typing as npt

from doorstroom.koppeling.domain import GemeenteCapaciteit, Huishouden, Instantie

IntArray = npt.NDArray[np.int64]


class Gekoppeld(Protocol):
    """Anything that links persons to a municipality code (a proposal, a stored decision)."""

    @property
    def gemeentecode(self) -> str: ...

    @property
    def personen(self) -> int: ...


def personen_per_gemeente(gemeente: IntArray, grootte: IntArray, aantal_gemeenten: int) -> IntArray:
    """Persons per municipality index; ``gemeente[h]`` is household h's municipality or -1."""
    gekoppeld = gemeente >= 0
    result: IntArray = np.bincount(
        gemeente[gekoppeld], weights=grootte[gekoppeld], minlength=aantal_gemeenten
    ).astype(np.int64)
    return result


def overschrijding(bezet: IntArray, aandeel: IntArray) -> IntArray:
    """Persons above the batch share per municipality (0 where within it)."""
    result: IntArray = np.maximum(bezet - aandeel, 0)
    return result


def personen_per_code(koppelingen: Iterable[Gekoppeld]) -> Counter[str]:
    """Persons per municipality code, from proposals or decisions."""
    personen: Counter[str] = Counter()
    for koppeling in koppelingen:
        personen[koppeling.gemeentecode] += koppeling.personen
    return personen


def overschrijding_per_code(
    gemeenten: Sequence[GemeenteCapaciteit], personen: Counter[str]
) -> dict[str, int]:
    """Persons above each municipality's batch share, only where there are any."""
    return {g.code: personen[g.code] - g.capaciteit for g in gemeenten if personen[g.code] > g.capaciteit}


def ruimte_per_code(
    gemeenten: Sequence[GemeenteCapaciteit], personen: Counter[str]
) -> dict[str, tuple[int, int]]:
    """Per municipality code: (persons left within the batch share, persons left up to the maximum)."""
    return {g.code: (g.capaciteit - personen[g.code], g.bovengrens - personen[g.code]) for g in gemeenten}


@dataclass(frozen=True)
class Bezetting:
    """What a plan puts in one municipality: persons and households per dwelling class."""

    personen: int = 0
    klassen: tuple[int, int, int, int] = (0, 0, 0, 0)

    def plus(self, huishouden: Huishouden) -> Bezetting:
        """This occupation with ``huishouden`` added."""
        klassen = list(self.klassen)
        klassen[huishouden.woningklasse] += 1
        return Bezetting(self.personen + huishouden.grootte, (klassen[0], klassen[1], klassen[2], klassen[3]))


def per_plan(instantie: Instantie, plan: Mapping[str, str]) -> dict[str, Bezetting]:
    """Occupation per municipality code of a plan (household id → municipality code)."""
    huishoudens = {h.id: h for h in instantie.huishoudens}
    result: dict[str, Bezetting] = {}
    for ident, code in plan.items():
        result[code] = result.get(code, Bezetting()).plus(huishoudens[ident])
    return result
