"""Dates as users write them in their files: ``2026-03-01``, ``1-3-2026``, ``1/3/2026`` or an Excel cell.

The one rule for reading a date from a user's table, called by every import (koppelingen,
realisation, municipal mergers), so the accepted notations never differ between files. The ISO
form is tried first with :meth:`date.fromisoformat` (fast: a million-row import reads mostly ISO).
"""

from __future__ import annotations

from datetime import date, datetime

DATUMNOTATIES = ("%Y-%m-%d %H:%M:%S", "%d-%m-%Y", "%d/%m/%Y")
"""Further notations after ISO: an Excel date cell as text, and the Dutch day-month-year forms."""


def lees_datum(text: str) -> date | None:
    """The date ``text`` denotes, or None when it is not a date in an accepted notation."""
    if len(text) == 10 and text[4] == "-" and text[7] == "-" and text.isascii():
        try:
            return date.fromisoformat(text)
        except ValueError:
            return None
    if not text.isascii():
        return None
    for pattern in DATUMNOTATIES:
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None
