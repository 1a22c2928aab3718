"""Dates as users write them in their files: ``2026-03-01``, ``1-3-2026``, ``1/3/2026`` or an Excel cell.

The one rule for reading a date from a user's table (:func:`datumveld`, on top of :func:`lees_datum`),
called by every import (koppelingen, realisation, housing supply, municipal mergers), so the
accepted notations and the words of a wrong date never differ between files. The ISO
form is tried first with :meth:`date.fromisoformat` (fast: a million-row import reads mostly ISO).
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Protocol

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


_VORM = re.compile(r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}|[0-9]{1,2}[-/][0-9]{1,2}[-/][0-9]{4}")
"""A text written as a date, whether or not that day exists (31-02-1990 has the form, not the day)."""


class Rij(Protocol):
    """A row of a user's table (:class:`doorstroom.files.tabular.Row`): a field's text, a located problem."""

    def text(self, field: str, *, required: bool = True) -> str:
        """The stripped text of ``field`` (empty only when not required)."""
        ...

    def problem(self, field: str | None, message: str) -> Exception:
        """An error located at this row and field."""
        ...


def datumveld(row: Rij, field: str, jaren: range, *, required: bool = True) -> date | None:
    """The date in ``field`` of ``row`` in one of ``jaren``; None for an empty optional field.

    Every import reads its dates here, so a wrong date is said the same way in every file, at its
    row and column, and a day that does not exist is told apart from a text that is no date.
    """
    tekst = row.text(field, required=required)
    if not tekst:
        return None
    gevonden = lees_datum(tekst)
    if gevonden is None:
        raise row.problem(field, _geen_datum(tekst))
    if gevonden.year not in jaren:
        raise row.problem(field, f"{tekst} ligt niet tussen {jaren.start} en {jaren.stop - 1}")
    return gevonden


def _geen_datum(tekst: str) -> str:
    if _VORM.fullmatch(tekst.split(" ")[0]):
        return f"'{tekst}' is geen bestaande datum (die dag bestaat niet)"
    return f"'{tekst}' is geen datum (schrijf 2026-03-01 of 1-3-2026)"
