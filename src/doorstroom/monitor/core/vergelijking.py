"""With whom a municipality is compared, and where it stands among them.

Peers are the municipalities of the same **size class** (CBS *gemeentegrootteklassen* by
inhabitants, :data:`GROOTTEKLASSEN`); besides them the **province** and the **country**. Each is an
area whose figures are sums over its municipalities — sums the disclosure control includes, so no
withheld municipality can be recovered from them. A group *without* the municipality is never
published: its difference with the group would reveal the municipality's own figure.

The **distribution** of an indicator over an area's municipalities uses only municipal figures that
are shown (ten or more persons, not withheld): their number, minimum, quartiles, median and maximum,
and how many lie below and above the municipality's own value.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass

GROOTTEKLASSEN: tuple[tuple[int, str], ...] = (
    (5_000, "minder dan 5.000 inwoners"),
    (10_000, "5.000 tot 10.000 inwoners"),
    (20_000, "10.000 tot 20.000 inwoners"),
    (50_000, "20.000 tot 50.000 inwoners"),
    (100_000, "50.000 tot 100.000 inwoners"),
    (150_000, "100.000 tot 150.000 inwoners"),
    (250_000, "150.000 tot 250.000 inwoners"),
)
"""Upper bounds (exclusive) and names of the CBS size classes; above the last: 250.000 of meer."""
GROOTSTE = "250.000 inwoners of meer"
LAND = "Nederland"


class Gebiedsoort:
    """The kinds of unit a figure is about."""

    gemeente = "gemeente"
    grootteklasse = "grootteklasse"
    provincie = "provincie"
    land = "land"


def grootteklasse(inwoners: int) -> str:
    """The CBS size class of a municipality of ``inwoners`` inhabitants."""
    return next((naam for tot, naam in GROOTTEKLASSEN if inwoners < tot), GROOTSTE)


@dataclass(frozen=True)
class Gebied:
    """A municipality with what places it among its peers."""

    code: str
    naam: str
    provincie: str
    inwoners: int

    @property
    def grootteklasse(self) -> str:
        """Its CBS size class."""
        return grootteklasse(self.inwoners)

    def eenheden(self) -> tuple[tuple[str, str], ...]:
        """The areas it belongs to: its size class, its province, the country."""
        return (
            (Gebiedsoort.grootteklasse, self.grootteklasse),
            (Gebiedsoort.provincie, self.provincie),
            (Gebiedsoort.land, LAND),
        )


@dataclass(frozen=True)
class Verdeling:
    """How an indicator is spread over the shown municipal figures of an area."""

    gemeenten: int
    minimum: float | None
    kwartiel1: float | None
    mediaan: float | None
    kwartiel3: float | None
    maximum: float | None
    lager: int | None = None
    hoger: int | None = None


def verdeling(waarden: Sequence[float], eigen: float | None = None) -> Verdeling:
    """The spread of ``waarden`` (the shown municipal figures) and where ``eigen`` stands in it."""
    lager = sum(1 for w in waarden if w < eigen) if eigen is not None else None
    hoger = sum(1 for w in waarden if w > eigen) if eigen is not None else None
    if not waarden:
        return Verdeling(0, None, None, None, None, None, lager, hoger)
    gesorteerd = sorted(waarden)
    if len(gesorteerd) == 1:
        enige = gesorteerd[0]
        return Verdeling(1, enige, enige, enige, enige, enige, lager, hoger)
    q1, q2, q3 = statistics.quantiles(gesorteerd, n=4, method="inclusive")
    return Verdeling(
        len(gesorteerd), gesorteerd[0], _rond(q1), _rond(q2), _rond(q3), gesorteerd[-1], lager, hoger
    )


def _rond(waarde: float) -> float:
    return round(waarde, 1)
