"""Move-ins per municipality and month, as the taakstelling counts them from the case file.

A person counts once, in the month of their first current ``huisvesting`` event (a correction moves
the count, a withdrawal removes it), for the municipality in that event. That move-in is kept on
the person (``verhuisd_op``, ``verhuisd_naar``, ``verhuisd_maand``) by every write that changes the
timeline (:func:`doorstroom.dossier.vastleggen.herbereken`), so counting a period is one indexed
``GROUP BY``, never a read of every event (issue 22). Files removed at the end of their retention
term leave their count behind in ``dossier_telling``, so realisation does not drop when personal
data is deleted. How these counts combine with imported monthly figures is the taakstelling's rule
(:mod:`doorstroom.taakstelling.core.realisatiebronnen`).

The quota supervision also counts the case file's linked households per TVS status
(:func:`tvs_per_gemeente`, the rule in :mod:`doorstroom.dossier.tvs`), as columns beside its own.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from doorstroom.dossier import weergave
from doorstroom.dossier.models import GebeurtenisRecord, PersoonRecord, TellingRecord
from doorstroom.dossier.tijdlijn import Gebeurtenis, actueel
from doorstroom.dossier.tvs import Tvs, Tvsstatus, tvs
from doorstroom.values.periode import Periode

TVS_SOORTEN = (
    "koppeling",
    "woningaanbod",
    "woningaanbod_geaccepteerd",
    "woningaanbod_geweigerd",
    "huisvesting",
)
TVS_KOLOMMEN = {status: f"tvs_{status.name}" for status in Tvsstatus}
"""The supervision's columns: households per TVS status (``tvs_op_schema``, ``tvs_te_laat``, ...)."""


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


def tvs_per_gemeente(session: Session, periode: Periode, peildatum: date) -> dict[str, dict[str, int]]:
    """Linked households per municipality and TVS column: those linked in ``periode`` up to ``peildatum``
    and those linked earlier and not housed on it (as the supervision counts its koppelingen)."""
    regels = weergave.regels()
    uit: dict[str, dict[str, int]] = {}
    for tijdlijn in _per_huishouden(session).values():
        gevonden = tvs(tijdlijn, regels, peildatum)
        if gevonden is None or not _telt(gevonden, periode, peildatum):
            continue
        kolommen = uit.setdefault(gevonden.gemeentecode, dict.fromkeys(TVS_KOLOMMEN.values(), 0))
        kolommen[TVS_KOLOMMEN[gevonden.status]] += 1
    return uit


def _telt(gevonden: Tvs, periode: Periode, peildatum: date) -> bool:
    if gevonden.koppeldatum > peildatum:
        return False
    open_op = gevonden.huisvesting is None or gevonden.huisvesting > peildatum
    return periode.contains(gevonden.koppeldatum) or open_op


def _per_huishouden(session: Session) -> dict[str, list[Gebeurtenis]]:
    """One current timeline per household (its members share the koppeling), or per person alone."""
    query = (
        select(GebeurtenisRecord, PersoonRecord.huishouden_id)
        .join(PersoonRecord, PersoonRecord.id == GebeurtenisRecord.persoon_id)
        .where(GebeurtenisRecord.soort.in_(TVS_SOORTEN))
    )
    per_persoon: dict[str, list[Gebeurtenis]] = {}
    eenheid: dict[str, str] = {}
    for record, huishouden_id in session.execute(query):
        per_persoon.setdefault(record.persoon_id, []).append(weergave.als_waarde(record))
        eenheid[record.persoon_id] = huishouden_id or record.persoon_id
    uit: dict[str, list[Gebeurtenis]] = {}
    for persoon_id, events in sorted(per_persoon.items()):
        uit.setdefault(eenheid[persoon_id], actueel(events))
    return uit
