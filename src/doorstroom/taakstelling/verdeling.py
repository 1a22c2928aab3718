"""Split a national half-year total over municipalities in whole persons.

Huisvestingswet 2014, art. 28 lid 2: the national number is distributed in proportion to the
number of inhabitants of each municipality on a reference date. Because persons are whole, the
exact shares must be rounded. Two rules are offered:

``hamilton`` (default, largest remainder)
    Every municipality first gets the whole part of its exact share; the persons still to divide go,
    one each, to the largest remainders. The result always sums exactly to the national total and
    every share is within one person of its exact value. Ties in the remainder are broken by the
    larger key (population), then by the lower CBS code, so the outcome is deterministic and a
    municipality with more inhabitants never receives fewer persons.

``afronden`` (plain rounding, half up)
    Every exact share is rounded to the nearest whole person, as some published circulars do.
    The sum may then differ from the national total by a few persons; the difference is reported,
    never hidden.

All arithmetic is exact (integers and fractions): no floating-point rounding decides who gets a
person.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction


class Afrondingsregel(StrEnum):
    """How exact proportional shares become whole persons."""

    hamilton = "hamilton"
    afronden = "afronden"


@dataclass(frozen=True)
class Verdeling:
    """The outcome of a split: whole persons per code plus each exact share."""

    aantallen: dict[str, int]
    exact: dict[str, Fraction]
    regel: Afrondingsregel

    @property
    def afrondingsverschil(self) -> int:
        """Sum of the whole shares minus the total (always 0 under hamilton)."""
        return sum(self.aantallen.values()) - int(sum(self.exact.values()))


def verdeel(
    totaal: int,
    sleutel: Mapping[str, int | Fraction],
    regel: Afrondingsregel = Afrondingsregel.hamilton,
) -> Verdeling:
    """Split ``totaal`` persons over the codes of ``sleutel`` in proportion to its values."""
    _check_arguments(totaal, sleutel)
    som = sum(Fraction(value) for value in sleutel.values())
    exact = {code: Fraction(totaal) * Fraction(value) / som for code, value in sleutel.items()}
    if regel is Afrondingsregel.afronden:
        aantallen = {code: _round_half_up(share) for code, share in exact.items()}
    else:
        aantallen = _largest_remainder(totaal, exact, sleutel)
    return Verdeling(aantallen=aantallen, exact=exact, regel=regel)


def _check_arguments(totaal: int, sleutel: Mapping[str, int | Fraction]) -> None:
    if isinstance(totaal, bool) or not isinstance(totaal, int) or totaal < 0:
        raise ValueError(f"totaal must be a non-negative whole number, got {totaal!r}")
    if not sleutel:
        raise ValueError("the distribution key is empty")
    if any(value < 0 for value in sleutel.values()):
        raise ValueError("the distribution key has a negative value")
    if sum(sleutel.values()) == 0:
        raise ValueError("the distribution key sums to zero")


def _round_half_up(share: Fraction) -> int:
    return int(share + Fraction(1, 2)) if share >= 0 else -int(-share + Fraction(1, 2))


def _largest_remainder(
    totaal: int, exact: Mapping[str, Fraction], sleutel: Mapping[str, int | Fraction]
) -> dict[str, int]:
    aantallen = {code: int(share) for code, share in exact.items()}
    rest = totaal - sum(aantallen.values())
    order = sorted(exact, key=lambda code: (-(exact[code] - aantallen[code]), -sleutel[code], code))
    for code in order[:rest]:
        aantallen[code] += 1
    return aantallen
