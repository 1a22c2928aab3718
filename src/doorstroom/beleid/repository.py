"""Queries of the beleid context: the stored versions of regimes."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from doorstroom.beleid.models import RegimeVersieRecord


def laatste_versies(session: Session) -> list[RegimeVersieRecord]:
    """The newest stored version of every regime."""
    nieuwste = (
        select(RegimeVersieRecord.regime_id, func.max(RegimeVersieRecord.versie).label("versie"))
        .group_by(RegimeVersieRecord.regime_id)
        .subquery()
    )
    query = select(RegimeVersieRecord).join(
        nieuwste,
        (RegimeVersieRecord.regime_id == nieuwste.c.regime_id)
        & (RegimeVersieRecord.versie == nieuwste.c.versie),
    )
    return list(session.scalars(query.order_by(RegimeVersieRecord.regime_id)))


def versies(session: Session, regime_id: str) -> list[RegimeVersieRecord]:
    """Every stored version of one regime, oldest first."""
    query = select(RegimeVersieRecord).where(RegimeVersieRecord.regime_id == regime_id)
    return list(session.scalars(query.order_by(RegimeVersieRecord.versie)))


def hoogste_versie(session: Session, regime_id: str) -> int:
    """The highest stored version number of a regime (0: none stored, only the shipped file if any)."""
    query = select(func.max(RegimeVersieRecord.versie)).where(RegimeVersieRecord.regime_id == regime_id)
    return int(session.scalar(query) or 0)


def voeg_versie_toe(session: Session, record: RegimeVersieRecord) -> None:
    """Store a new version (a concurrent writer of the same version makes the flush fail)."""
    session.add(record)
    session.flush()
