"""Today, now, and stored moments shown as local time, in the configured time zone.

Dutch law counts days in Dutch time: a taakstelling period, a koppeling's three-month housing term
and an inburgering deadline start and end on dates in Europe/Amsterdam (``DOORSTROOM_TIMEZONE``).
The server's own zone (often UTC) never decides which day it is. Moments are stored in UTC and shown
in the configured zone.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from doorstroom.platform.settings import get_settings


def zone() -> ZoneInfo:
    """The configured time zone (Europe/Amsterdam by default)."""
    return ZoneInfo(get_settings().timezone)


def nu() -> datetime:
    """Now, aware, in the configured time zone."""
    return datetime.now(zone())


def vandaag() -> date:
    """Today's date in the configured time zone."""
    return nu().date()


def lokale_tijd(moment: datetime) -> str:
    """A stored moment as local ISO time; a naive moment (SQLite returns those) is taken as UTC."""
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return aware.astimezone(zone()).isoformat(timespec="seconds")
