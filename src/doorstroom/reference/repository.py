"""Queries on the municipality list stored in the database."""

from __future__ import annotations

from datetime import date

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from doorstroom.reference.domain import Gemeente
from doorstroom.reference.models import GemeenteRecord


def gemeenten(session: Session) -> list[Gemeente]:
    """The stored municipality list, ordered by code (empty when none was stored yet)."""
    records = session.scalars(select(GemeenteRecord).order_by(GemeenteRecord.code))
    return [_to_domain(record) for record in records]


def vervang(session: Session, lijst: list[Gemeente], peildatum: date, bron: str) -> None:
    """Replace the stored list whole (inside the caller's transaction)."""
    session.execute(delete(GemeenteRecord))
    session.add_all(_to_record(gemeente, peildatum, bron) for gemeente in lijst)


def _to_domain(record: GemeenteRecord) -> Gemeente:
    return Gemeente(
        code=record.code,
        naam=record.naam,
        provincie=record.provincie,
        inwoners=record.inwoners,
        woningvoorraad=record.woningvoorraad,
        arbeidsmarktregio=record.arbeidsmarktregio,
        coropgebied=record.coropgebied,
        latitude=record.latitude,
        longitude=record.longitude,
    )


def _to_record(gemeente: Gemeente, peildatum: date, bron: str) -> GemeenteRecord:
    return GemeenteRecord(
        code=gemeente.code,
        naam=gemeente.naam,
        provincie=gemeente.provincie,
        inwoners=gemeente.inwoners,
        woningvoorraad=gemeente.woningvoorraad,
        arbeidsmarktregio=gemeente.arbeidsmarktregio,
        coropgebied=gemeente.coropgebied,
        latitude=gemeente.latitude,
        longitude=gemeente.longitude,
        peildatum=peildatum,
        bron=bron,
    )
