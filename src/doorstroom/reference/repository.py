"""Queries on the municipality list, population vintages and mergers stored in the database."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from doorstroom.platform.db import aantal, bladzijde
from doorstroom.platform.paging import Deel, Pagina
from doorstroom.reference.core.domain import Bevolking, Gemeente
from doorstroom.reference.core.samenvoeging import Samenvoeging
from doorstroom.reference.models import (
    BevolkingRecord,
    GemeenteRecord,
    SamenvoegingOnderdeelRecord,
    SamenvoegingRecord,
)


def gemeenten(session: Session) -> list[Gemeente]:
    """The stored municipality list, ordered by code (empty when none was stored yet)."""
    records = session.scalars(select(GemeenteRecord).order_by(GemeenteRecord.code))
    return [_to_domain(record) for record in records]


def heeft_gemeenten(session: Session) -> bool:
    """Whether a municipality list was stored (else the embedded list is in use)."""
    return session.scalar(select(GemeenteRecord.code).limit(1)) is not None


def gemeentepagina(session: Session, pagina: Pagina, provincie: str | None = None) -> Deel[Gemeente]:
    """One page of the stored list (of one province), ordered by code, and how many it holds."""
    query = select(GemeenteRecord).order_by(GemeenteRecord.code)
    if provincie is not None:
        query = query.where(GemeenteRecord.provincie == provincie)
    records = session.scalars(bladzijde(query, pagina))
    return Deel([_to_domain(record) for record in records], aantal(session, query))


def vervang(session: Session, lijst: list[Gemeente], peildatum: date, bron: str) -> None:
    """Replace the stored list whole (inside the caller's transaction)."""
    session.execute(delete(GemeenteRecord))
    session.add_all(_to_record(gemeente, peildatum, bron) for gemeente in lijst)


def vervang_bevolking(session: Session, bevolking: Bevolking) -> None:
    """Store a vintage, replacing an earlier load of the same year."""
    session.execute(delete(BevolkingRecord).where(BevolkingRecord.peiljaar == bevolking.peiljaar))
    session.add_all(
        BevolkingRecord(
            peiljaar=bevolking.peiljaar,
            gemeentecode=g.code,
            gemeentenaam=g.naam,
            provincie=g.provincie,
            inwoners=g.inwoners,
            woningvoorraad=g.woningvoorraad,
            arbeidsmarktregio=g.arbeidsmarktregio,
            coropgebied=g.coropgebied,
            bron=bevolking.bron,
        )
        for g in bevolking.gemeenten
    )


def jaargangen(session: Session) -> dict[int, Bevolking]:
    """Every stored vintage by year."""
    per_jaar: dict[int, list[BevolkingRecord]] = {}
    for record in session.scalars(select(BevolkingRecord).order_by(BevolkingRecord.gemeentecode)):
        per_jaar.setdefault(record.peiljaar, []).append(record)
    return {
        jaar: Bevolking(jaar, tuple(_bevolking_gemeente(r) for r in records), records[0].bron)
        for jaar, records in per_jaar.items()
    }


def _bevolking_gemeente(record: BevolkingRecord) -> Gemeente:
    return Gemeente(
        code=record.gemeentecode,
        naam=record.gemeentenaam,
        provincie=record.provincie,
        inwoners=record.inwoners,
        woningvoorraad=record.woningvoorraad,
        arbeidsmarktregio=record.arbeidsmarktregio,
        coropgebied=record.coropgebied,
    )


def bewaar_samenvoegingen(
    session: Session, lijst: Sequence[Samenvoeging], door: str, moment: datetime
) -> None:
    """Record mergers; earlier records of the same date and code stay as history."""
    for samenvoeging in lijst:
        record = SamenvoegingRecord(
            ingangsdatum=samenvoeging.ingangsdatum,
            gemeentecode=samenvoeging.code,
            gemeentenaam=samenvoeging.naam,
            provincie=samenvoeging.provincie,
            inwoners=samenvoeging.inwoners,
            bron=samenvoeging.bron,
            door=door,
            vastgelegd_op=moment,
        )
        session.add(record)
        session.flush()
        session.add_all(
            SamenvoegingOnderdeelRecord(samenvoeging_id=record.id, gemeentecode=code)
            for code in samenvoeging.onderdelen
        )


def samenvoegingen(session: Session) -> list[Samenvoeging]:
    """Every recorded merger, oldest record first (a later one for the same key supersedes)."""
    onderdelen: dict[int, list[str]] = {}
    for deel in session.scalars(select(SamenvoegingOnderdeelRecord).order_by(SamenvoegingOnderdeelRecord.id)):
        onderdelen.setdefault(deel.samenvoeging_id, []).append(deel.gemeentecode)
    return [
        Samenvoeging(
            ingangsdatum=r.ingangsdatum,
            code=r.gemeentecode,
            naam=r.gemeentenaam,
            onderdelen=tuple(onderdelen.get(r.id, ())),
            provincie=r.provincie,
            inwoners=r.inwoners,
            bron=f"{r.bron} (vastgelegd door {r.door} op {r.vastgelegd_op:%Y-%m-%d})",
        )
        for r in session.scalars(select(SamenvoegingRecord).order_by(SamenvoegingRecord.id))
    ]


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
