"""Queries on stored periods, quotas, realisation and koppelingen."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import delete, select, tuple_
from sqlalchemy.orm import Session

from doorstroom.reference.periode import Periode
from doorstroom.taakstelling.domain import Koppeling
from doorstroom.taakstelling.models import (
    KoppelingMeldingRecord,
    PeriodeRecord,
    RealisatieRecord,
    TaakstellingRecord,
)


def periode(session: Session, periode: Periode) -> PeriodeRecord | None:
    """The stored period, if it was set."""
    return session.get(PeriodeRecord, str(periode))


def taakstellingen(session: Session, periode: Periode) -> list[TaakstellingRecord]:
    """The stored quotas of ``periode`` ordered by municipality code."""
    query = select(TaakstellingRecord).where(TaakstellingRecord.periode == str(periode))
    return list(session.scalars(query.order_by(TaakstellingRecord.gemeentecode)))


def vervang_periode(session: Session, record: PeriodeRecord, rows: Iterable[TaakstellingRecord]) -> None:
    """Store a period's quotas, replacing any earlier version of that period."""
    session.execute(delete(TaakstellingRecord).where(TaakstellingRecord.periode == record.periode))
    session.execute(delete(PeriodeRecord).where(PeriodeRecord.periode == record.periode))
    session.flush()
    session.add(record)
    session.flush()
    session.add_all(rows)


def realisatie(session: Session, periode: Periode) -> dict[str, dict[str, int]]:
    """Persons housed per code and month within ``periode``."""
    months = [f"{year}-{month:02d}" for year, month in periode.months()]
    query = select(RealisatieRecord).where(RealisatieRecord.maand.in_(months))
    result: dict[str, dict[str, int]] = {}
    for record in session.scalars(query):
        result.setdefault(record.gemeentecode, {})[record.maand] = record.gehuisvest
    return result


def bewaar_realisatie(session: Session, rows: dict[str, dict[str, int]], bron: str, moment: datetime) -> int:
    """Store monthly realisation, replacing earlier figures for the same code and month."""
    keys = [(code, month) for code, months in rows.items() for month in months]
    if keys:
        session.execute(
            delete(RealisatieRecord).where(
                tuple_(RealisatieRecord.gemeentecode, RealisatieRecord.maand).in_(keys)
            )
        )
    session.add_all(
        RealisatieRecord(gemeentecode=code, maand=month, gehuisvest=aantal, bron=bron, geimporteerd_op=moment)
        for code, months in rows.items()
        for month, aantal in months.items()
    )
    return len(keys)


def koppelingen(session: Session) -> list[Koppeling]:
    """All stored koppelingen (pseudonymous), oldest first."""
    query = select(KoppelingMeldingRecord).order_by(
        KoppelingMeldingRecord.koppeldatum, KoppelingMeldingRecord.id
    )
    return [
        Koppeling(r.gemeentecode, r.huishouden_ref, r.personen, r.koppeldatum, r.huisvestingsdatum)
        for r in session.scalars(query)
    ]


def bewaar_koppelingen(session: Session, rows: list[Koppeling], bron: str) -> int:
    """Store koppelingen, updating a known (reference, date) pair, e.g. with its housing date."""
    keys = [(k.huishouden_ref, k.koppeldatum) for k in rows]
    if keys:
        session.execute(
            delete(KoppelingMeldingRecord).where(
                tuple_(KoppelingMeldingRecord.huishouden_ref, KoppelingMeldingRecord.koppeldatum).in_(keys)
            )
        )
    session.add_all(
        KoppelingMeldingRecord(
            gemeentecode=k.gemeentecode,
            huishouden_ref=k.huishouden_ref,
            personen=k.personen,
            koppeldatum=k.koppeldatum,
            huisvestingsdatum=k.huisvestingsdatum,
            bron=bron,
        )
        for k in rows
    )
    return len(rows)
