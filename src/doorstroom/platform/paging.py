"""Which page of a listing, in which order: plain values shared by the services and delivery layers."""

from __future__ import annotations

from dataclasses import dataclass


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
