"""Split a national half-year total over municipalities in whole persons.

Huisvestingswet 2014, art. 29(1): a municipality's number is the national number times its
inhabitants divided by the inhabitants of the Netherlands. Persons are whole, so the exact share
must be made whole; three rules are offered (``docs/taakstelling.md`` says which one is the default
and why):

``wet`` (art. 29(1) to the letter)
    Every exact share rounded *up* to a whole number, as the law text says. The sum is at least the
    national number, and exceeds it by up to one person per municipality; the difference is
    reported, never hidden.

``afronden`` (plain rounding, half up)
    Every exact share rounded to the nearest whole person. The sum may differ from the national
    number by a few persons either way; the difference is reported.

``hamilton`` (largest remainder)
    Every municipality first gets the whole part of its exact share; the persons still to divide go,
    one each, to the largest remainders. The result always sums exactly to the national total and
    every share is within one person of its exact value. Ties in the remainder are broken by the
    larger key (population), then by the lower CBS code, so the outcome is deterministic and a
    municipality with more inhabitants never receives fewer persons.

The denominator of ``wet`` and ``afronden`` is the number of inhabitants of the Netherlands
(``noemer``); it differs from the sum of the key only when Gedeputeerde Staten set the population
of a merged municipality (art. 30). ``hamilton`` divides the total exactly, so it always divides
by the sum of the key. All arithmetic is exact (integers and fractions): no floating-point rounding
decides who gets a person.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction

from doorstroom.values.grootste_overschot import grootste_overschot


class Afrondingsregel(StrEnum):
    """How exact proportional shares become whole persons."""

    wet = "wet"
    afronden = "afronden"
    hamilton = "hamilton"


@dataclass(frozen=True)
class Verdeling:
    """The outcome of a split: whole persons per code plus each exact share."""

    totaal: int
    aantallen: dict[str, int]
    exact: dict[str, Fraction]
    regel: Afrondingsregel

    @property
    def som(self) -> int:
        """The sum of the municipal numbers."""
        return sum(self.aantallen.values())

    @property
    def afrondingsverschil(self) -> int:
        """Sum of the municipal numbers minus the national number (always 0 under hamilton)."""
        return self.som - self.totaal


def verdeel(
    totaal: int,
    sleutel: Mapping[str, int | Fraction],
    regel: Afrondingsregel = Afrondingsregel.hamilton,
    noemer: int | Fraction | None = None,
) -> Verdeling:
    """Split ``totaal`` persons over the codes of ``sleutel`` in proportion to its values.

    ``noemer``: the inhabitants of the Netherlands for ``wet`` and ``afronden`` (default: the sum
    of ``sleutel``); it must be at least as large as the largest value of the key.
    """
    _check_arguments(totaal, sleutel, noemer)
    som = sum(Fraction(value) for value in sleutel.values())
    deler = som if regel is Afrondingsregel.hamilton or noemer is None else Fraction(noemer)
    exact = {code: Fraction(totaal) * Fraction(value) / deler for code, value in sleutel.items()}
    if regel is Afrondingsregel.wet:
        aantallen = {code: math.ceil(share) for code, share in exact.items()}
    elif regel is Afrondingsregel.afronden:
        aantallen = {code: _round_half_up(share) for code, share in exact.items()}
    else:
        aantallen = grootste_overschot(exact, totaal, sleutel)
    return Verdeling(totaal=totaal, aantallen=aantallen, exact=exact, regel=regel)


def _check_arguments(
    totaal: int, sleutel: Mapping[str, int | Fraction], noemer: int | Fraction | None
) -> None:
    if isinstance(totaal, bool) or not isinstance(totaal, int) or totaal < 0:
        raise ValueError(f"totaal must be a non-negative whole number, got {totaal!r}")
    if not sleutel:
        raise ValueError("the distribution key is empty")
    if any(value < 0 for value in sleutel.values()):
        raise ValueError("the distribution key has a negative value")
    if sum(sleutel.values()) == 0:
        raise ValueError("the distribution key sums to zero")
    if noemer is not None and noemer < max(sleutel.values()):
        raise ValueError("the denominator is smaller than a value of the key")


def _round_half_up(share: Fraction) -> int:
    return int(share + Fraction(1, 2)) if share >= 0 else -int(-share + Fraction(1, 2))
