"""Move-ins per municipality and month, as the taakstelling counts them from the case file.

A person counts once, in the month of their first current ``huisvesting`` event (a correction moves
the count, a withdrawal removes it), for the municipality in that event. Files removed at the end of
their retention term leave their count behind in ``dossier_telling``, so realisation does not drop
when personal data is deleted. How these counts combine with imported monthly figures is the
taakstelling's rule (:mod:`doorstroom.taakstelling.core.realisatiebronnen`).

The quota supervision also counts the case file's linked households per TVS status
(:func:`tvs_per_gemeente`, the rule in :mod:`doorstroom.dossier.tvs`), as columns beside its own.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

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
