"""Which page of a listing, in which order, and the page a service returns: plain values.

A service that lists rows takes a :class:`Pagina` and returns a :class:`Deel`: the database skips and
limits the rows and counts the whole listing (:func:`doorstroom.platform.db.bladzijde`,
:func:`doorstroom.platform.db.aantal`), so no layer reads a full list to slice one page from it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Volgorde:
    """Sort keys as (column name, descending), already checked against the resource's allowlist."""

    sleutels: tuple[tuple[str, bool], ...] = ()


@dataclass(frozen=True)
class Pagina:
    """Which page of a listing (1-based) and how many rows per page."""

    nummer: int = 1
    grootte: int = 20

    @property
    def offset(self) -> int:
        """Rows to skip."""
        return (self.nummer - 1) * self.grootte

    def uit(self, rijen: Sequence[T]) -> list[T]:
        """This page's rows of a listing that is computed whole (deadlines from timelines, a
        forecast's rows): where the database cannot page, the page is cut here, in one place."""
        return list(rijen[self.offset : self.offset + self.grootte])


@dataclass(frozen=True)
class Deel(Generic[T]):
    """One page of a listing and the number of rows of the whole listing (counted by the database)."""

    rijen: list[T]
    totaal: int
