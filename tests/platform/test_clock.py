"""Days and moments in the configured time zone (Europe/Amsterdam), whatever the server's zone."""

from __future__ import annotations

from datetime import UTC, datetime, tzinfo

import pytest

from doorstroom.platform import clock


def test_stored_moments_are_shown_in_amsterdam_time() -> None:
    assert clock.lokale_tijd(datetime(2026, 11, 22, 1, 18, 51)) == "2026-11-22T02:18:51+01:00"
    assert clock.lokale_tijd(datetime(2026, 7, 1, 10, 0, tzinfo=UTC)) == "2026-07-01T12:00:00+02:00"


def test_today_is_the_dutch_date_not_the_servers(monkeypatch: pytest.MonkeyPatch) -> None:
    """At 23:30 UTC on 30 June it is already 1 July in Amsterdam: a new half year."""

    class Klok(datetime):
        @classmethod
        def now(cls, tz: tzinfo | None = None) -> Klok:
            moment = cls(2026, 6, 30, 23, 30, tzinfo=UTC)
            return moment.astimezone(tz) if tz else moment

    monkeypatch.setattr(clock, "datetime", Klok)
    assert clock.vandaag().isoformat() == "2026-07-01"
    assert clock.nu().utcoffset() is not None
