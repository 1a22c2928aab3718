"""Month arithmetic of the chain: a date some months on, and months (``YYYY-MM``) within a half year.

Deadlines (the housing term, retention), durable reception places and realisation per month all
count in calendar months; they share these rules so a month is counted the same everywhere.
"""

from __future__ import annotations

from datetime import date

from doorstroom.values.periode import Periode


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, clipped to the end of a shorter month."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    for candidate in (day.day, 30, 29, 28):
        try:
            return date(year, month + 1, candidate)
        except ValueError:
            continue
    raise AssertionError("unreachable: every month has 28 days")


def maand_in_periode(maand: str, periode: Periode) -> bool:
    """Whether ``YYYY-MM`` lies within ``periode``."""
    return maand in {f"{year}-{month:02d}" for year, month in periode.months()}
