"""Month arithmetic of the chain: a date some months on, month labels (``YYYY-MM``) and half years.

Deadlines (the housing term, retention), durable reception places and realisation per month all
count in calendar months; they share these rules so a month is counted the same everywhere.
"""

from __future__ import annotations

from datetime import date, timedelta

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


def maand_labels(start: str, maanden: int) -> list[str]:
    """Month labels ``YYYY-MM`` from ``start`` on."""
    year, month = (int(part) for part in start.split("-"))
    labels = []
    for offset in range(maanden):
        y, m = divmod(month - 1 + offset, 12)
        labels.append(f"{year + y:04d}-{m + 1:02d}")
    return labels


def maanden_tussen(eerder: str, later: str) -> int:
    """Whole months from ``eerder`` to ``later`` (both ``YYYY-MM``)."""
    return (int(later[:4]) - int(eerder[:4])) * 12 + int(later[5:]) - int(eerder[5:])


def halfjaar(maand: str) -> str:
    """The half year ``YYYY-1``/``YYYY-2`` of a month ``YYYY-MM``."""
    return f"{maand[:4]}-{1 if int(maand[5:]) <= 6 else 2}"


def maand_van(day: date) -> str:
    """The month label ``YYYY-MM`` of ``day``."""
    return f"{day.year:04d}-{day.month:02d}"


def laatste_dag(maand: str) -> date:
    """The last day of the month ``YYYY-MM``."""
    eerste = date(int(maand[:4]), int(maand[5:7]), 1)
    return add_months(eerste, 1).replace(day=1) - timedelta(days=1)


def dagen_in(maand: str) -> int:
    """The number of days of the month ``YYYY-MM``."""
    return laatste_dag(maand).day
