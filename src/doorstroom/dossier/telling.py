"""Move-ins per municipality and month, as the taakstelling counts them from the case file.

A person counts once, in the month of their first current ``huisvesting`` event (a correction moves
the count, a withdrawal removes it), for the municipality in that event. Files removed at the end of
their retention term leave their count behind in ``dossier_telling``, so realisation does not drop
when personal data is deleted. How these counts combine with imported monthly figures is the
taakstelling's rule (:mod:`doorstroom.taakstelling.core.realisatiebronnen`).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from doorstroom.dossier.models import GebeurtenisRecord, TellingRecord


def eerste_verhuizingen(session: Session) -> dict[str, tuple[date, str]]:
    """Per person: the date and municipality of the first current move-in."""
    vervanger = aliased(GebeurtenisRecord)
    query = (
        select(GebeurtenisRecord.persoon_id, GebeurtenisRecord.datum, GebeurtenisRecord.gegevens)
        .outerjoin(vervanger, vervanger.vervangt == GebeurtenisRecord.id)
        .where(
            GebeurtenisRecord.soort == "huisvesting",
            GebeurtenisRecord.ingetrokken.is_(False),
            vervanger.id.is_(None),
        )
        .order_by(GebeurtenisRecord.datum)
    )
    eerste: dict[str, tuple[date, str]] = {}
    for persoon_id, datum, gegevens in session.execute(query):
        eerste.setdefault(persoon_id, (datum, str(gegevens.get("gemeentecode", ""))))
    return eerste


def verhuisd_per_maand(session: Session, maanden: Iterable[str]) -> dict[str, dict[str, int]]:
    """Persons housed per municipality code and month ("2026-03") in ``maanden``, kept counts included."""
    wanted = set(maanden)
    result: dict[str, dict[str, int]] = {}
    for datum, code in eerste_verhuizingen(session).values():
        maand = f"{datum.year}-{datum.month:02d}"
        if maand in wanted and code:
            result.setdefault(code, {}).setdefault(maand, 0)
            result[code][maand] += 1
    kept = select(TellingRecord).where(
        TellingRecord.soort == "huisvesting", TellingRecord.maand.in_(sorted(wanted))
    )
    for record in session.scalars(kept):
        result.setdefault(record.gemeentecode, {}).setdefault(record.maand, 0)
        result[record.gemeentecode][record.maand] += record.aantal
    return result


def bewaar(session: Session, gemeentecode: str, maand: str, soort: str, aantal: int = 1) -> None:
    """Add to a kept count (retention removes the file, the count stays)."""
    query = select(TellingRecord).where(
        TellingRecord.gemeentecode == gemeentecode, TellingRecord.maand == maand, TellingRecord.soort == soort
    )
    record = session.scalars(query).one_or_none()
    if record is None:
        session.add(TellingRecord(gemeentecode=gemeentecode, maand=maand, soort=soort, aantal=aantal))
        session.flush()
    else:
        record.aantal += aantal
