"""Move-ins per municipality and month, as the taakstelling counts them from the case file.

A person counts once, in the month of their first current ``huisvesting`` event (a correction moves
the count, a withdrawal removes it), for the municipality in that event. That move-in is kept on
the person (``verhuisd_op``, ``verhuisd_naar``, ``verhuisd_maand``) by every write that changes the
timeline (:func:`doorstroom.dossier.vastleggen.herbereken`), so counting a period is one indexed
``GROUP BY``, never a read of every event (issue 22). Files removed at the end of their retention
term leave their count behind in ``dossier_telling``, so realisation does not drop when personal
data is deleted. How these counts combine with imported monthly figures is the taakstelling's rule
(:mod:`doorstroom.taakstelling.core.realisatiebronnen`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from doorstroom.dossier.models import PersoonRecord, TellingRecord
from doorstroom.dossier.tijdlijn import Gebeurtenis


def eerste_verhuizing(tijdlijn: Sequence[Gebeurtenis]) -> tuple[date, str] | None:
    """The date and municipality of the first move-in on a current timeline (None: never housed)."""
    eerste = next((g for g in tijdlijn if g.soort == "huisvesting"), None)
    return None if eerste is None else (eerste.datum, str(eerste.gegevens.get("gemeentecode", "")))


def houd_bij(persoon: PersoonRecord, tijdlijn: Sequence[Gebeurtenis]) -> None:
    """Keep the person's first move-in in step with the current timeline ``tijdlijn``."""
    eerste = eerste_verhuizing(tijdlijn)
    persoon.verhuisd_op = eerste[0] if eerste else None
    persoon.verhuisd_naar = (eerste[1] or None) if eerste else None
    persoon.verhuisd_maand = f"{eerste[0]:%Y-%m}" if eerste else None


def verhuisd_per_maand(session: Session, maanden: Iterable[str]) -> dict[str, dict[str, int]]:
    """Persons housed per municipality code and month ("2026-03") in ``maanden``, kept counts included."""
    wanted = sorted(set(maanden))
    p = PersoonRecord
    query = (
        select(p.verhuisd_naar, p.verhuisd_maand, func.count())
        .where(p.verhuisd_maand.in_(wanted), p.verhuisd_naar.is_not(None))
        .group_by(p.verhuisd_maand, p.verhuisd_naar)
    )
    result: dict[str, dict[str, int]] = {}
    for code, maand, aantal in session.execute(query):
        result.setdefault(str(code), {})[str(maand)] = int(aantal)
    kept = select(TellingRecord).where(TellingRecord.soort == "huisvesting", TellingRecord.maand.in_(wanted))
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
