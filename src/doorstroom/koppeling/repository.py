"""Queries on stored koppeling runs and proposals (kept out of the service and the CLI)."""

from __future__ import annotations

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from doorstroom.koppeling.models import KoppelingRunRecord, KoppelingVoorstelRecord


def bewaar_run(session: Session, run: KoppelingRunRecord) -> int:
    """Store a run with its proposals; returns the new run id."""
    session.add(run)
    session.flush()
    return run.id


def runs(session: Session) -> list[tuple[KoppelingRunRecord, int, int]]:
    """Every run, newest first, with its number of proposals and of open proposals."""
    open_ = func.sum(case((KoppelingVoorstelRecord.beoordeling == "open", 1), else_=0))
    query = (
        select(KoppelingRunRecord, func.count(KoppelingVoorstelRecord.id), open_)
        .outerjoin(KoppelingVoorstelRecord)
        .group_by(KoppelingRunRecord.id)
        .order_by(KoppelingRunRecord.id.desc())
    )
    return [(run, int(aantal), int(open_aantal or 0)) for run, aantal, open_aantal in session.execute(query)]


def run(session: Session, run_id: int) -> KoppelingRunRecord | None:
    """One run, or None."""
    return session.get(KoppelingRunRecord, run_id)


def voorstel(session: Session, run_id: int, huishouden_id: str) -> KoppelingVoorstelRecord | None:
    """The proposal for one household in one run, or None."""
    query = select(KoppelingVoorstelRecord).where(
        KoppelingVoorstelRecord.run_id == run_id, KoppelingVoorstelRecord.huishouden_id == huishouden_id
    )
    return session.scalars(query).one_or_none()


def personen_per_gemeente(session: Session, run_id: int) -> dict[str, int]:
    """Persons per municipality under the run's current decisions (final code, else proposal)."""
    code = func.coalesce(
        KoppelingVoorstelRecord.definitieve_gemeentecode, KoppelingVoorstelRecord.gemeentecode
    )
    query = (
        select(code, func.sum(KoppelingVoorstelRecord.personen))
        .where(KoppelingVoorstelRecord.run_id == run_id, code.is_not(None))
        .group_by(code)
    )
    return {str(c): int(n) for c, n in session.execute(query)}
