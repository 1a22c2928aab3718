"""Queries on the locations register (kept out of the service and the delivery layers)."""

from __future__ import annotations

from collections.abc import Collection, Iterable

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from doorstroom.spreiding.core.domain import Locatie, LocatieVersie, Registratie, Soort
from doorstroom.spreiding.models import LocatieVersieRecord


def huidige(session: Session, ids: Collection[str] | None = None) -> list[LocatieVersie]:
    """The latest version of every location (or of ``ids``), ordered by location id."""
    laatste = select(LocatieVersieRecord.locatie_id, func.max(LocatieVersieRecord.versie).label("versie"))
    if ids is not None:
        laatste = laatste.where(LocatieVersieRecord.locatie_id.in_(list(ids)))
    sub = laatste.group_by(LocatieVersieRecord.locatie_id).subquery()
    query = (
        select(LocatieVersieRecord)
        .join(
            sub,
            (LocatieVersieRecord.locatie_id == sub.c.locatie_id)
            & (LocatieVersieRecord.versie == sub.c.versie),
        )
        .order_by(LocatieVersieRecord.locatie_id)
    )
    return [_naar_domein(record) for record in session.scalars(query)]


def versies(session: Session, locatie_id: str | None = None) -> list[LocatieVersie]:
    """Every version (of one location when given), by location id and version."""
    query = select(LocatieVersieRecord).order_by(LocatieVersieRecord.locatie_id, LocatieVersieRecord.versie)
    if locatie_id is not None:
        query = query.where(LocatieVersieRecord.locatie_id == locatie_id)
    return [_naar_domein(record) for record in session.scalars(query)]


def bekende_ids(session: Session) -> list[str]:
    """Every registered location id (for suggestions when an id is not known)."""
    return list(session.scalars(select(LocatieVersieRecord.locatie_id).distinct()))


def voeg_toe(session: Session, nieuw: Iterable[LocatieVersie]) -> int:
    """Add versions (never update) in one bulk INSERT; the unique (id, version) pair rejects a
    concurrent duplicate."""
    rijen = [_naar_rij(versie) for versie in nieuw]
    if rijen:
        session.execute(insert(LocatieVersieRecord), rijen)
    return len(rijen)


def _naar_domein(record: LocatieVersieRecord) -> LocatieVersie:
    locatie = Locatie(
        id=record.locatie_id,
        naam=record.naam,
        soort=Soort(record.soort),
        gemeentecode=record.gemeentecode,
        capaciteit=record.capaciteit,
        opening=record.opening,
        bezetting=record.bezetting,
        vergunninghouders=record.vergunninghouders,
        amv_capaciteit=record.amv_capaciteit,
        sluiting=record.sluiting,
        duurzaam=record.duurzaam,
    )
    registratie = Registratie(record.geregistreerd_op, record.geregistreerd_door, record.reden, record.bron)
    return LocatieVersie(locatie, record.versie, registratie)


def _naar_rij(versie: LocatieVersie) -> dict[str, object]:
    locatie, registratie = versie.locatie, versie.registratie
    return dict(
        locatie_id=locatie.id,
        versie=versie.versie,
        naam=locatie.naam,
        soort=locatie.soort.value,
        gemeentecode=locatie.gemeentecode,
        capaciteit=locatie.capaciteit,
        bezetting=locatie.bezetting,
        vergunninghouders=locatie.vergunninghouders,
        amv_capaciteit=locatie.amv_capaciteit,
        opening=locatie.opening,
        sluiting=locatie.sluiting,
        duurzaam=locatie.duurzaam,
        geregistreerd_op=registratie.op,
        geregistreerd_door=registratie.door,
        reden=registratie.reden,
        bron=registratie.bron,
    )
