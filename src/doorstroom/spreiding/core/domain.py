"""Reception locations and capacity estimates as plain values.

A location is registered in versions: every change (capacity, occupancy, a new closing date) is a
new version with who, when and why, so the register can always say what was known and what was open
on a given day. Dates are whole days in Europe/Amsterdam; the closing date is the *last* day the
location is open, so a location with ``sluiting == opening`` is open for one day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum


class Soort(StrEnum):
    """Kind of reception location, as COA and the Wegwijzer asielopvang distinguish them."""

    azc = "azc"
    noodopvang = "noodopvang"
    crisisnoodopvang = "crisisnoodopvang"
    amv = "amv"
    overig = "overig"


@dataclass(frozen=True)
class Locatie:
    """One reception location's facts as registered (the values of one version).

    ``duurzaam`` is the registered qualification; ``None`` means: judge it by the published
    criterion (see :mod:`doorstroom.spreiding.core.duurzaam`).
    """

    id: str
    naam: str
    soort: Soort
    gemeentecode: str
    capaciteit: int
    opening: date
    bezetting: int = 0
    vergunninghouders: int = 0
    amv_capaciteit: int = 0
    sluiting: date | None = None
    duurzaam: bool | None = None

    def open_op(self, dag: date) -> bool:
        """Whether the location receives people on ``dag`` (opening and closing day included)."""
        return self.opening <= dag and (self.sluiting is None or dag <= self.sluiting)


@dataclass(frozen=True)
class Registratie:
    """Who registered a version, when, why, and from which source (file name or 'handmatig')."""

    op: datetime
    door: str
    reden: str
    bron: str


@dataclass(frozen=True)
class LocatieVersie:
    """A numbered version of a location with its registration; version 1 is the first entry."""

    locatie: Locatie
    versie: int
    registratie: Registratie


@dataclass(frozen=True)
class Raming:
    """A published capacity estimate: a national number of places with the date it was set.

    Estimates are revised (96,000 on 1 February 2024; 88,000 in February 2026), so every
    calculation names the estimate it used. ``amv`` is None where no amv number was published.
    """

    datum: date
    totaal: int
    amv: int | None
    bron: str
    toelichting: str = ""
