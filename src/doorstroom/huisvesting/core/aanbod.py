"""A municipality's housing supply as plain values: units by type, size, dates, status and source.

The *Wegwijzer asielopvang en huisvesting* names the routes a municipality has besides regular
social rent: flexwoningen, transformation of offices, non-self-contained rooms, doorstroomlocaties
(regulation BWBR0050928: an own lockable bedroom per household, a stay of at most a year),
intermediate facilities (*tussenvoorzieningen*) and hosting by residents. One line of the register is
a group of alike units (``eenheden`` homes or rooms of ``personen`` persons each); its size class
is the class of one unit (:mod:`doorstroom.values.woningklasse`): a home for four serves a
household of three or four.

Dates are whole days; a unit counts in a month when it is available on the last day of that month
(the stock at month end), so a temporary unit whose end date falls within a month no longer counts
in that month: its residents need another place by then.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from doorstroom.values.woningklasse import klasse

PERSONEN_PER_SLAAPKAMER = 2
"""How many persons a bedroom holds when a line gives bedrooms instead of persons: a couple, or two
children sharing (a judgement, not a legal norm; give persons where they are known)."""


class Soort(StrEnum):
    """Kind of unit, as the Wegwijzer asielopvang en huisvesting distinguishes the routes."""

    sociale_huur = "sociale huur"
    flexwoning = "flexwoning"
    transformatie = "transformatie"
    onzelfstandig = "onzelfstandige kamer"
    doorstroomlocatie = "doorstroomlocatie"
    tussenvoorziening = "tussenvoorziening"
    hosting = "hosting"

    @property
    def tijdelijk_mogelijk(self) -> bool:
        """Whether a unit of this kind may have an end date (a regular social-rent home has none)."""
        return self is not Soort.sociale_huur


VOORKEUR = tuple(Soort)
"""The order in which units are filled within a size class: a regular home first, then the other
self-contained routes, and intermediate places last (they are meant to bridge to a home)."""


class Status(StrEnum):
    """How far a unit is: planned, in preparation, available; withdrawn units stay in the history."""

    plan = "plan"
    voorbereiding = "in voorbereiding"
    beschikbaar = "beschikbaar"
    vervallen = "vervallen"


class Meetellen(StrEnum):
    """Which units a plan counts: only available ones, also those in preparation, or every one."""

    beschikbaar = "beschikbaar"
    voorbereiding = "voorbereiding"
    alles = "alles"

    def telt(self, status: Status) -> bool:
        """Whether a unit of ``status`` counts under this choice (withdrawn units never do)."""
        toegestaan = {
            Meetellen.beschikbaar: {Status.beschikbaar},
            Meetellen.voorbereiding: {Status.beschikbaar, Status.voorbereiding},
            Meetellen.alles: {Status.beschikbaar, Status.voorbereiding, Status.plan},
        }
        return status in toegestaan[self]


@dataclass(frozen=True)
class Eenheid:
    """One line of the supply register (the values of one version).

    ``kenmerk`` is the municipality's own reference, unique within the municipality. Costs are the
    municipality's own figures for the whole line: once when it becomes available, and per month
    while it counts.
    """

    gemeentecode: str
    kenmerk: str
    naam: str
    soort: Soort
    eenheden: int
    personen: int
    beschikbaar: date
    status: Status
    bron: str
    einde: date | None = None
    kosten_eenmalig: float | None = None
    kosten_per_maand: float | None = None

    @property
    def plaatsen(self) -> int:
        """Persons the whole line can hold."""
        return self.eenheden * self.personen

    @property
    def klasse(self) -> str:
        """The size class of one unit of this line."""
        return klasse(self.personen)

    def telt_op(self, laatste_dag: date) -> bool:
        """Whether the line is available on ``laatste_dag`` (the last day of a month)."""
        return self.beschikbaar <= laatste_dag and (self.einde is None or self.einde >= laatste_dag)


@dataclass(frozen=True)
class Registratie:
    """Who registered a version, when, why, and from which source (a file name or 'web')."""

    op: datetime
    door: str
    reden: str
    bron: str


@dataclass(frozen=True)
class EenheidVersie:
    """A numbered version of a line with its registration; version 1 is the first entry."""

    eenheid: Eenheid
    versie: int
    registratie: Registratie
