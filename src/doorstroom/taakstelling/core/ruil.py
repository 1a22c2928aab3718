"""Swaps under Huisvestingswet 2014 art. 29(2): municipalities jointly change their taakstellingen.

Two or more municipalities may agree to move persons between their numbers (regional agreements),
provided the sum stays the same. An agreement is recorded as a whole, with its reference (the
agreement's date or number), and is refused unless its changes sum to zero and every municipality
exists in the period's division. Agreements are history: each is kept with who recorded it and
when; undoing one is a new, opposite agreement.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from doorstroom.reference.core.lookup import label


@dataclass(frozen=True)
class Ruil:
    """One recorded agreement for one period: persons moved per municipality (signed)."""

    periode: str
    kenmerk: str
    wijzigingen: Mapping[str, int]
    id: int | None = None
    door: str = ""
    vastgelegd_op: datetime | None = None


def problemen(
    wijzigingen: Sequence[tuple[int, str, int]], codes: Mapping[str, str]
) -> list[tuple[int | None, str]]:
    """Why a swap (rows of (row, code, change)) cannot be recorded; ``codes`` maps code to name.

    Returns (row or None, Dutch message) pairs; empty when the swap is sound.
    """
    found: list[tuple[int | None, str]] = [
        (regel, f"{code} bestaat niet in de gemeentelijst van deze periode")
        for regel, code, _ in wijzigingen
        if code not in codes
    ]
    som = sum(wijziging for _, _, wijziging in wijzigingen)
    if som != 0:
        found.append((None, f"de wijzigingen tellen op tot {som:+d}; bij een ruil (art. 29 lid 2) is dat 0"))
    if len({code for _, code, wijziging in wijzigingen if wijziging != 0}) < 2:
        found.append((None, "een ruil wijzigt de taakstelling van ten minste twee gemeenten"))
    return found


def per_gemeente(ruilen: Iterable[Ruil]) -> dict[str, int]:
    """The net change per municipality over every agreement of a period."""
    som: dict[str, int] = {}
    for ruil in ruilen:
        for code, wijziging in ruil.wijzigingen.items():
            som[code] = som.get(code, 0) + wijziging
    return som


def onder_nul(
    taakstelling: Mapping[str, int], ruil: Mapping[str, int], namen: Mapping[str, str]
) -> list[str]:
    """Municipalities whose number would fall below zero after the swaps (Dutch messages)."""
    return [
        f"{label(code, dict(namen))}: taakstelling {taakstelling.get(code, 0)} met ruil {wijziging:+d} "
        "wordt negatief"
        for code, wijziging in sorted(ruil.items())
        if taakstelling.get(code, 0) + wijziging < 0
    ]
