"""Queries on fixed periods (with their versions), swaps, realisation and koppelingen."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, timedelta

from sqlalchemy import ColumnElement, and_, case, func, or_, select
from sqlalchemy.orm import Session

from doorstroom.taakstelling.core.domain import Koppelcijfers, Koppeling, vroegste_binnen_termijn
from doorstroom.taakstelling.core.ruil import Ruil
from doorstroom.taakstelling.huisvestingstermijn import huisvestingstermijn
from doorstroom.taakstelling.models import (
    KoppelingMeldingRecord,
    RealisatieRecord,
    RuilRecord,
    RuilRegelRecord,
    TaakstellingRecord,
    VaststellingRecord,
)
from doorstroom.values.periode import Periode


def versies(session: Session, periode: Periode | None = None) -> list[VaststellingRecord]:
    """Every version of ``periode`` (default: of every period), oldest first."""
    query = select(VaststellingRecord).order_by(VaststellingRecord.periode, VaststellingRecord.versie)
    if periode is not None:
        query = query.where(VaststellingRecord.periode == str(periode))
    return list(session.scalars(query))


def huidige(session: Session, periode: Periode) -> VaststellingRecord | None:
    """The current (highest) version of ``periode``; None when it was never fixed."""
    query = (
        select(VaststellingRecord)
        .where(VaststellingRecord.periode == str(periode))
        .order_by(VaststellingRecord.versie.desc())
        .limit(1)
    )
    return session.scalars(query).first()


def huidige_per_periode(session: Session) -> dict[Periode, VaststellingRecord]:
    """The current version of every fixed period."""
    result: dict[Periode, VaststellingRecord] = {}
    for record in versies(session):
        result[Periode.parse(record.periode)] = record
    return result


def regels(session: Session, vaststelling: VaststellingRecord) -> list[TaakstellingRecord]:
    """The quota rows of one version, ordered by municipality code."""
    query = select(TaakstellingRecord).where(TaakstellingRecord.vaststelling_id == vaststelling.id)
    return list(session.scalars(query.order_by(TaakstellingRecord.gemeentecode)))


def bewaar_versie(session: Session, record: VaststellingRecord, rows: Iterable[TaakstellingRecord]) -> None:
    """Add a new version with its rows; the unique (periode, versie) key catches a concurrent writer."""
    session.add(record)
    session.flush()
    for row in rows:
        row.vaststelling_id = record.id
        session.add(row)
    session.flush()


def ruilen(session: Session, periode: Periode | None = None) -> list[Ruil]:
    """Every recorded swap of ``periode`` (default: all), oldest first."""
    query = select(RuilRecord).order_by(RuilRecord.id)
    if periode is not None:
        query = query.where(RuilRecord.periode == str(periode))
    records = list(session.scalars(query))
    wijzigingen: dict[int, dict[str, int]] = {record.id: {} for record in records}
    if records:
        regels_query = select(RuilRegelRecord).where(RuilRegelRecord.ruil_id.in_(list(wijzigingen)))
        for regel in session.scalars(regels_query):
            wijzigingen[regel.ruil_id][regel.gemeentecode] = regel.wijziging
    return [Ruil(r.periode, r.kenmerk, wijzigingen[r.id], r.id, r.door, r.vastgelegd_op) for r in records]


def bewaar_ruil(session: Session, record: RuilRecord, wijzigingen: Mapping[str, int]) -> int:
    """Store a swap agreement with its rows; returns its id."""
    session.add(record)
    session.flush()
    session.add_all(
        RuilRegelRecord(ruil_id=record.id, gemeentecode=code, wijziging=wijziging)
        for code, wijziging in wijzigingen.items()
    )
    return record.id


def realisatie(session: Session, periode: Periode) -> dict[str, dict[str, int]]:
    """Persons housed per code and month within ``periode``, as reported in realisation imports."""
    months = [f"{year}-{month:02d}" for year, month in periode.months()]
    query = select(RealisatieRecord).where(RealisatieRecord.maand.in_(months))
    result: dict[str, dict[str, int]] = {}
    for record in session.scalars(query):
        result.setdefault(record.gemeentecode, {})[record.maand] = record.gehuisvest
    return result


def koppelingen_voor(session: Session, periode: Periode, peildatum: date) -> list[Koppeling]:
    """The koppelingen a statement of ``periode`` on ``peildatum`` needs, not every one stored.

    Those linked in the period up to ``peildatum`` (for *gekoppeld* and *binnen termijn*), and
    those linked earlier and still not housed on ``peildatum`` (candidates for *te laat*).
    """
    k, termijn = KoppelingMeldingRecord, huisvestingstermijn()
    open_op_peildatum = or_(k.huisvestingsdatum.is_(None), k.huisvestingsdatum > peildatum)
    query = select(k).where(
        or_(
            and_(k.koppeldatum >= periode.start, k.koppeldatum <= min(peildatum, periode.end)),
            and_(k.koppeldatum <= peildatum, open_op_peildatum),
        )
    )
    return [
        Koppeling(r.gemeentecode, r.huishouden_ref, r.personen, r.koppeldatum, r.huisvestingsdatum, termijn)
        for r in session.scalars(query.order_by(k.koppeldatum, k.id))
    ]


def _open_op(peildatum: date) -> ColumnElement[bool]:
    k = KoppelingMeldingRecord
    return or_(k.huisvestingsdatum.is_(None), k.huisvestingsdatum > peildatum)


def koppelcijfers(session: Session, periode: Periode, peildatum: date) -> dict[str, Koppelcijfers]:
    """Per municipality: the koppelingen of a statement summed by the database (indexed, no rows loaded).

    The same rule as :func:`doorstroom.taakstelling.core.domain.koppelcijfers` (a test compares
    both on random koppelingen): linked in the period up to ``peildatum``, of those still open
    within their housing term, and every open koppeling whose term has passed.
    """
    k, termijn = KoppelingMeldingRecord, huisvestingstermijn()
    drempel = vroegste_binnen_termijn(peildatum, termijn)
    binnen = case((and_(_open_op(peildatum), k.koppeldatum >= drempel), k.personen), else_=0)
    eigen = (
        select(k.gemeentecode, func.sum(k.personen), func.sum(binnen))
        .where(k.koppeldatum >= periode.start, k.koppeldatum <= min(peildatum, periode.end))
        .group_by(k.gemeentecode)
    )
    result = {
        str(code): Koppelcijfers(int(gekoppeld or 0), int(open_ or 0))
        for code, gekoppeld, open_ in session.execute(eigen)
    }
    for code, aantal in _te_laat_per_gemeente(session, peildatum, drempel):
        vorig = result.get(code, Koppelcijfers())
        result[code] = Koppelcijfers(vorig.gekoppeld, vorig.binnen_termijn, vorig.te_laat + aantal)
    return result


def _te_laat_per_gemeente(session: Session, peildatum: date, drempel: date) -> list[tuple[str, int]]:
    """Overdue koppelingen counted per municipality: never housed, or housed after ``peildatum``.

    Two range scans of the index on (huisvestingsdatum, koppeldatum) instead of one over every row.
    Grouped by the code as an expression (``code || ''``): grouped by the bare column, SQLite without
    statistics walked the index on the code and looked up every row (4 s at 200,000 koppelingen,
    ``bench/nationaal.py``) instead of the range scan (4 ms).
    """
    k = KoppelingMeldingRecord
    tot = min(drempel - timedelta(days=1), peildatum)
    code = k.gemeentecode.concat("")
    result: list[tuple[str, int]] = []
    for open_ in (k.huisvestingsdatum.is_(None), k.huisvestingsdatum > peildatum):
        query = select(code, func.count()).where(open_, k.koppeldatum <= tot).group_by(code)
        result.extend((str(code), int(aantal)) for code, aantal in session.execute(query))
    return result


def te_laat(session: Session, peildatum: date) -> list[Koppeling]:
    """The koppelingen overdue on ``peildatum`` (the list a supervision statement shows)."""
    k, termijn = KoppelingMeldingRecord, huisvestingstermijn()
    tot = min(vroegste_binnen_termijn(peildatum, termijn) - timedelta(days=1), peildatum)
    query = select(k).where(_open_op(peildatum), k.koppeldatum <= tot).order_by(k.koppeldatum, k.id)
    return [
        Koppeling(r.gemeentecode, r.huishouden_ref, r.personen, r.koppeldatum, r.huisvestingsdatum, termijn)
        for r in session.scalars(query)
    ]
