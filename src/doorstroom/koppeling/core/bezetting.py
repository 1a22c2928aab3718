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

from doorstroom.koppeling.core.domain import GemeenteCapaciteit, Huishouden, Instantie

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


def rest_na(
    gemeente: IntArray,
    grootte: IntArray,
    klasse: IntArray,
    aandeel: IntArray,
    maximum: IntArray,
    woningen: IntArray,
) -> tuple[IntArray, IntArray, IntArray]:
    """Batch share, maximum and dwellings (per class) per municipality left after a plan.

    ``gemeente[h]`` is household h's municipality index or -1; ``woningen[g, k]`` counts dwellings
    of class k. The share left is floored at 0: overflow already used is a sunk penalty, so in the
    residual problem every further person above the share costs the penalty, as in the whole
    problem. The dwellings left keep the residual Hall rows exact: only the sums
    ``Σ_{j≥k} woningen[g, j]`` matter, and each loses the linked households of class ≥ k (a class
    may go negative: a small household then took a larger dwelling).
    """
    bezet = personen_per_gemeente(gemeente, grootte, len(aandeel))
    gekoppeld = gemeente >= 0
    gebruikt = np.zeros_like(woningen)
    np.add.at(gebruikt, (gemeente[gekoppeld], klasse[gekoppeld]), 1)
    vanaf = np.cumsum((woningen - gebruikt)[:, ::-1], axis=1)[:, ::-1]
    per_klasse: IntArray = vanaf - np.concatenate(
        [vanaf[:, 1:], np.zeros((len(vanaf), 1), dtype=np.int64)], axis=1
    )
    return np.maximum(aandeel - bezet, 0), maximum - bezet, per_klasse


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
