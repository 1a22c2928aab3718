"""Need: how many persons, in which size class, still have to be housed, month by month.

The need is a function of plain inputs (:class:`Behoefteinvoer`), whatever regime they come from:

* a monthly *stream* of persons to house (with a low–middle–high band): under the taakstelling the
  remaining quota on schedule and the forecast after the period (:mod:`~doorstroom.huisvesting.core.stroom`);
  a regime without quota gives its own stream;
* the households already linked to the municipality and waiting (the case file's actual sizes): they
  are the first of the persons in the stream and are due now, in the first month;
* how the other persons divide over size classes (:class:`Verdeling`): the linked households' mix,
  else the municipality's households in the case file, else an embedded judgement.

Whole persons throughout: a month's persons are split over the classes by the largest-remainder
method (:mod:`doorstroom.values.grootste_overschot`), so the classes add up to the month exactly.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction

from doorstroom.values.grootste_overschot import grootste_overschot
from doorstroom.values.woningklasse import WONINGKLASSEN, klasse


class Scenario(StrEnum):
    """Which edge of the forecast's band a plan follows: P10, P50 or P90."""

    laag = "laag"
    midden = "midden"
    hoog = "hoog"


@dataclass(frozen=True)
class Band:
    """Persons in one month: low (P10), middle (P50) and high (P90); equal when the figure is fixed."""

    laag: int
    midden: int
    hoog: int

    @classmethod
    def vast(cls, aantal: int) -> Band:
        """A figure without uncertainty (a quota on schedule)."""
        return cls(aantal, aantal, aantal)

    def kies(self, scenario: Scenario) -> int:
        """The persons of ``scenario``."""
        return int(getattr(self, scenario.value))


@dataclass(frozen=True)
class Verdeling:
    """How persons not yet linked divide over size classes: the share of persons per class and the
    average household size within each class (for a count of households), with what it rests on."""

    aandelen: Mapping[str, Fraction]
    gemiddeld: Mapping[str, Fraction]
    bron: str

    def __post_init__(self) -> None:
        if sum(self.aandelen.values()) != 1 or set(self.aandelen) != set(WONINGKLASSEN):
            raise ValueError("de aandelen per klasse tellen niet op tot 1")


@dataclass(frozen=True)
class Behoefteinvoer:
    """Everything the need rests on, as plain values (the seam for any regime)."""

    maanden: tuple[str, ...]
    stroom: Mapping[str, Band]
    bronnen: Mapping[str, str]
    gekoppeld: Mapping[int, int]
    verdeling: Verdeling


@dataclass(frozen=True)
class Maandbehoefte:
    """The persons and households that start needing a place in one month, per size class."""

    maand: str
    personen: dict[str, int]
    huishoudens: dict[str, int]
    bron: str

    @property
    def totaal(self) -> int:
        """Persons over every class."""
        return sum(self.personen.values())


def verdeling_uit(groottes: Mapping[int, int], bron: str) -> Verdeling | None:
    """The class mix of households counted by size (size → households); None when there are none."""
    personen, huishoudens = per_klasse(groottes)
    totaal = sum(personen.values())
    if totaal == 0:
        return None
    aandelen = {k: Fraction(n, totaal) for k, n in personen.items()}
    gemiddeld = {k: Fraction(personen[k], huishoudens[k]) if huishoudens[k] else _midden(k) for k in personen}
    return Verdeling(aandelen, gemiddeld, bron)


def _midden(label: str) -> Fraction:
    """A class's household size when nobody in it was counted: its lower bound (5 for '5+')."""
    return Fraction(int(label.split("-")[0].rstrip("+")))


def over_klassen(personen: int, verdeling: Verdeling) -> dict[str, int]:
    """``personen`` split over the classes by their shares, in whole persons that add up exactly."""
    exact = {k: verdeling.aandelen[k] * personen for k in WONINGKLASSEN}
    return grootste_overschot(exact, personen, verdeling.aandelen)


def zonder_voorsprong(stroom: Sequence[int], vooraf: int) -> list[int]:
    """The stream with ``vooraf`` persons taken from its front (they are counted already)."""
    rest, uit = vooraf, []
    for aantal in stroom:
        genomen = min(aantal, rest)
        rest -= genomen
        uit.append(aantal - genomen)
    return uit


def behoefte(invoer: Behoefteinvoer, scenario: Scenario = Scenario.midden) -> list[Maandbehoefte]:
    """New need per month and class: the linked households now, the rest of the stream by the mix."""
    gekoppeld = per_klasse(invoer.gekoppeld)
    vooraf = sum(gekoppeld[0].values())
    stroom = [invoer.stroom[m].kies(scenario) if m in invoer.stroom else 0 for m in invoer.maanden]
    rest = zonder_voorsprong(stroom, vooraf)
    maanden = []
    for index, (maand, aantal) in enumerate(zip(invoer.maanden, rest, strict=True)):
        personen = over_klassen(aantal, invoer.verdeling)
        huishoudens = {k: _huishoudens(personen[k], invoer.verdeling.gemiddeld[k]) for k in WONINGKLASSEN}
        if index == 0:
            personen = {k: personen[k] + gekoppeld[0][k] for k in WONINGKLASSEN}
            huishoudens = {k: huishoudens[k] + gekoppeld[1][k] for k in WONINGKLASSEN}
        maanden.append(Maandbehoefte(maand, personen, huishoudens, invoer.bronnen.get(maand, "")))
    return maanden


def per_klasse(groottes: Mapping[int, int]) -> tuple[dict[str, int], dict[str, int]]:
    """Persons and households per class of households counted by size (size → households)."""
    personen = {k: 0 for k in WONINGKLASSEN}
    huishoudens = {k: 0 for k in WONINGKLASSEN}
    for grootte, aantal in groottes.items():
        personen[klasse(grootte)] += grootte * aantal
        huishoudens[klasse(grootte)] += aantal
    return personen, huishoudens


def _huishoudens(personen: int, gemiddeld: Fraction) -> int:
    """Households that ``personen`` persons form at the class's average size (rounded up)."""
    return math.ceil(personen / gemiddeld) if personen else 0
