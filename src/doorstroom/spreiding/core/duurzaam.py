"""Which existing reception places count toward a municipality's number (durable places).

Under the Spreidingswet existing places count toward the number a municipality must provide when
they are durable. The published criterion (indicative distribution of 1 February 2024): locations of
more than 100 places that run longer than 5 years, existing or available within 12 months. The
registration centre at Ter Apel (about 2,000 places) thus counts for Westerwolde, whose own key gives
131 places.

A location's registered ``duurzaam`` flag is the decision that counts (the ministry may qualify
several small locations together as durable); when it is empty, the criterion below decides.
:func:`criterium` is reported beside the flag so that a flag that departs from it is visible.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from doorstroom.spreiding.core.domain import Locatie
from doorstroom.values.maand import add_months

MEER_DAN_PLAATSEN = 100
"""A durable location has *more than* 100 places."""

MEER_DAN_JAREN = 5
"""A durable location runs *longer than* 5 years (open-ended counts as longer)."""

BESCHIKBAAR_BINNEN_MAANDEN = 12
"""A planned location counts when it opens within 12 months of the reference date."""


def criterium(locatie: Locatie) -> bool:
    """Whether the location meets the published criterion: > 100 places and > 5 years."""
    if locatie.capaciteit <= MEER_DAN_PLAATSEN:
        return False
    return locatie.sluiting is None or locatie.sluiting > add_months(locatie.opening, 12 * MEER_DAN_JAREN)


def is_duurzaam(locatie: Locatie) -> bool:
    """The registered qualification, or the criterion when none was registered."""
    return criterium(locatie) if locatie.duurzaam is None else locatie.duurzaam


def telt_mee(locatie: Locatie, peildatum: date) -> bool:
    """Durable, and open on ``peildatum`` or opening within 12 months after it."""
    if not is_duurzaam(locatie):
        return False
    binnenkort = peildatum < locatie.opening <= add_months(peildatum, BESCHIKBAAR_BINNEN_MAANDEN)
    return locatie.open_op(peildatum) or binnenkort


@dataclass(frozen=True)
class Bestaand:
    """Durable places counted for one municipality: all places, and those for amv."""

    plaatsen: int = 0
    amv: int = 0


def bestaand_per_gemeente(locaties: Iterable[Locatie], peildatum: date) -> dict[str, Bestaand]:
    """Counted durable places per municipality code (municipalities without any are absent)."""
    result: dict[str, Bestaand] = {}
    for locatie in locaties:
        if telt_mee(locatie, peildatum):
            oud = result.get(locatie.gemeentecode, Bestaand())
            result[locatie.gemeentecode] = Bestaand(
                oud.plaatsen + locatie.capaciteit, oud.amv + locatie.amv_capaciteit
            )
    return result
