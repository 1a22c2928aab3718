"""Half-year periods (``2026-1`` = January–June 2026, ``2026-2`` = July–December 2026).

The taakstelling is set per half year (Huisvestingswet 2014, art. 28-29), and supervision looks at
1 January and 1 July, so the half year is the unit of planning throughout Doorstroom.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from doorstroom.platform.errors import InputError, Problem

_PATTERN = re.compile(r"^\s*(\d{4})-([12])\s*$")
PERIODE_PATROON = r"^20[0-9]{2}-[12]$"
"""A half-year period (``2026-2``) as a pattern for parameters (API, web) and JSON schemas."""


@dataclass(frozen=True, order=True)
class Periode:
    """One half year."""

    year: int
    half: int

    @classmethod
    def parse(cls, text: str, *, field: str = "periode") -> Periode:
        """Parse ``YYYY-1`` or ``YYYY-2``; anything else is an InputError naming ``field``."""
        match = _PATTERN.match(text)
        if not match or not 2000 <= int(match.group(1)) <= 2100:
            raise InputError(
                Problem(f"'{text}' is geen periode; schrijf bijvoorbeeld 2026-1 of 2026-2", field=field)
            )
        return cls(int(match.group(1)), int(match.group(2)))

    def __str__(self) -> str:
        return f"{self.year}-{self.half}"

    @property
    def first_month(self) -> int:
        """Calendar month (1-12) in which the period starts."""
        return 1 if self.half == 1 else 7

    @property
    def start(self) -> date:
        """First day of the period."""
        return date(self.year, self.first_month, 1)

    @property
    def end(self) -> date:
        """Last day of the period."""
        return date(self.year, 6, 30) if self.half == 1 else date(self.year, 12, 31)

    @property
    def supervision_date(self) -> date:
        """The supervision moment that closes this period: 1 July or 1 January."""
        return date(self.year, 7, 1) if self.half == 1 else date(self.year + 1, 1, 1)

    def months(self) -> list[tuple[int, int]]:
        """(year, month) of the six months of the period."""
        return [(self.year, self.first_month + offset) for offset in range(6)]

    def contains(self, day: date) -> bool:
        """Whether ``day`` falls in the period."""
        return self.start <= day <= self.end

    def elapsed_months(self, on: date) -> int:
        """Whole months of the period completed before ``on`` (0 at the start, 6 at the end)."""
        if on <= self.start:
            return 0
        if on > self.end:
            return 6
        return (on.year - self.year) * 12 + on.month - self.first_month

    def previous(self) -> Periode:
        """The half year before this one."""
        return Periode(self.year, 1) if self.half == 2 else Periode(self.year - 1, 2)

    def next(self) -> Periode:
        """The half year after this one."""
        return Periode(self.year, 2) if self.half == 1 else Periode(self.year + 1, 1)

    @classmethod
    def containing(cls, day: date) -> Periode:
        """The half year in which ``day`` falls."""
        return cls(day.year, 1 if day.month <= 6 else 2)
