"""Queries on stored koppeling runs, proposals, decisions and aggregates (kept out of the service)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import delete, exists, func, select, update
from sqlalchemy.orm import Session, selectinload

from doorstroom.koppeling.models import (
    KoppelingBesluitRecord,
    KoppelingPeriodeBatchRecord,
    KoppelingRunGemeenteRecord,
    KoppelingRunRecord,
    KoppelingVoorstelRecord,
)
from doorstroom.platform.db import aantal, bladzijde
from doorstroom.platform.paging import Pagina


def bewaar_run(session: Session, run: KoppelingRunRecord) -> int:
    """Store a run with its proposals; returns the new run id."""
    session.add(run)
    session.flush()
    return run.id


def runs(session: Session, pagina: Pagina | None = None) -> list[tuple[KoppelingRunRecord, int, int]]:
    """Every run (or one page of them), newest first, with its number of proposals and of open
    (undecided) proposals. A run whose personal data was removed reports the counts it kept.
    """
    besloten = exists().where(KoppelingBesluitRecord.voorstel_id == KoppelingVoorstelRecord.id)
    van_run = KoppelingVoorstelRecord.run_id == KoppelingRunRecord.id
    bewaard = KoppelingRunGemeenteRecord.run_id == KoppelingRunRecord.id
    query = select(
        KoppelingRunRecord,
        select(func.count(KoppelingVoorstelRecord.id)).where(van_run).scalar_subquery(),
        select(func.count(KoppelingVoorstelRecord.id)).where(van_run, ~besloten).scalar_subquery(),
        select(func.sum(KoppelingRunGemeenteRecord.voorgesteld_huishoudens)).where(bewaard).scalar_subquery(),
        select(func.sum(KoppelingRunGemeenteRecord.open_huishoudens)).where(bewaard).scalar_subquery(),
    ).order_by(KoppelingRunRecord.id.desc())
    return [
        (run, int(aantal or 0), int(open_ or 0))
        if run.opgeschoond_op is None
        else (run, int(bewaard_aantal or 0), int(bewaard_open or 0))
        for run, aantal, open_, bewaard_aantal, bewaard_open in session.execute(bladzijde(query, pagina))
    ]


def aantal_runs(session: Session) -> int:
    """How many runs are stored (counted by the database)."""
    return aantal(session, select(KoppelingRunRecord.id))


def run(session: Session, run_id: int, *, voor_wijziging: bool = False) -> KoppelingRunRecord | None:
    """One run, or None; ``voor_wijziging`` locks it first, so decisions on one run take turns.

    PostgreSQL locks the row (``SELECT ... FOR UPDATE``). SQLite has no row locks: a no-op update
    takes the database's write lock at once, so a second writer waits (busy timeout) before it
    reads the run, instead of both reading and one failing when it tries to write.
    """
    query = select(KoppelingRunRecord).where(KoppelingRunRecord.id == run_id)
    if voor_wijziging and session.get_bind().dialect.name == "sqlite":
        session.execute(
            update(KoppelingRunRecord)
            .where(KoppelingRunRecord.id == run_id)
            .values(id=KoppelingRunRecord.id)
            .execution_options(synchronize_session=False)
        )
    elif voor_wijziging:
        query = query.with_for_update()
    return session.scalars(query).one_or_none()


def voorstellen(session: Session, run_id: int) -> list[KoppelingVoorstelRecord]:
    """Every proposal of a run with its decisions (oldest first), in stored order."""
    query = (
        select(KoppelingVoorstelRecord)
        .where(KoppelingVoorstelRecord.run_id == run_id)
        .options(selectinload(KoppelingVoorstelRecord.besluiten))
        .order_by(KoppelingVoorstelRecord.id)
    )
    return list(session.scalars(query))


def voeg_besluiten_toe(session: Session, besluiten: Sequence[KoppelingBesluitRecord]) -> None:
    """Append decisions (never update or delete one)."""
    session.add_all(besluiten)
    session.flush()


def tellingen(session: Session, run_id: int) -> list[KoppelingRunGemeenteRecord]:
    """The counts kept for a run whose personal data was removed."""
    query = (
        select(KoppelingRunGemeenteRecord)
        .where(KoppelingRunGemeenteRecord.run_id == run_id)
        .order_by(KoppelingRunGemeenteRecord.id)
    )
    return list(session.scalars(query))


def runs_voor(session: Session, grens: datetime) -> list[KoppelingRunRecord]:
    """Runs created before ``grens`` that still hold personal data, oldest first."""
    query = (
        select(KoppelingRunRecord)
        .where(KoppelingRunRecord.aangemaakt_op < grens, KoppelingRunRecord.opgeschoond_op.is_(None))
        .order_by(KoppelingRunRecord.id)
        .with_for_update()
    )
    return list(session.scalars(query))


def verwijder_voorstellen(session: Session, run_id: int) -> int:
    """Delete a run's proposals and their decisions; returns the number of proposals removed."""
    ids = select(KoppelingVoorstelRecord.id).where(KoppelingVoorstelRecord.run_id == run_id)
    geen_sync = {"synchronize_session": False}
    session.execute(
        delete(KoppelingBesluitRecord).where(KoppelingBesluitRecord.voorstel_id.in_(ids)),
        execution_options=geen_sync,
    )
    result = session.execute(
        delete(KoppelingVoorstelRecord).where(KoppelingVoorstelRecord.run_id == run_id),
        execution_options=geen_sync,
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


def bewaar_periodebatch(session: Session, batch: KoppelingPeriodeBatchRecord) -> None:
    """Store what makes a run a batch of a period (its prices, sample rows, fairness counts)."""
    session.add(batch)
    session.flush()


def periodebatches(
    session: Session, periode: str
) -> list[tuple[KoppelingPeriodeBatchRecord, KoppelingRunRecord]]:
    """Every batch of ``periode`` with its run, oldest first (the order they were placed in)."""
    query = (
        select(KoppelingPeriodeBatchRecord, KoppelingRunRecord)
        .join(KoppelingRunRecord, KoppelingRunRecord.id == KoppelingPeriodeBatchRecord.run_id)
        .where(KoppelingPeriodeBatchRecord.periode == periode)
        .order_by(KoppelingPeriodeBatchRecord.run_id)
    )
    return [(batch, run) for batch, run in session.execute(query)]


def besloten_personen(session: Session, run_ids: Sequence[int]) -> list[tuple[int, int, str, int]]:
    """Every decision on the proposals of ``run_ids``: (proposal id, decision id, municipality, persons).

    The caller keeps the newest decision per proposal (decisions are history; the newest holds).
    """
    if not run_ids:
        return []
    query = (
        select(KoppelingVoorstelRecord.id, KoppelingBesluitRecord.id, KoppelingBesluitRecord.gemeentecode,
               KoppelingVoorstelRecord.personen)
        .join(KoppelingBesluitRecord, KoppelingBesluitRecord.voorstel_id == KoppelingVoorstelRecord.id)
        .where(KoppelingVoorstelRecord.run_id.in_(run_ids))
        .order_by(KoppelingBesluitRecord.id)
    )  # fmt: skip
    return [(int(v), int(b), str(code), int(personen)) for v, b, code, personen in session.execute(query)]


def leeg_steekproef(session: Session, run_id: int) -> None:
    """Remove a batch's sample rows (with the run's personal data, after the retention term)."""
    session.execute(
        update(KoppelingPeriodeBatchRecord)
        .where(KoppelingPeriodeBatchRecord.run_id == run_id)
        .values(steekproef=[])
        .execution_options(synchronize_session=False)
    )


def voorstellen_van_huishouden(session: Session, huishouden_id: str) -> list[KoppelingVoorstelRecord]:
    """Every stored proposal about one household (COA reference), oldest run first, with decisions."""
    query = (
        select(KoppelingVoorstelRecord)
        .where(KoppelingVoorstelRecord.huishouden_id == huishouden_id)
        .options(selectinload(KoppelingVoorstelRecord.besluiten), selectinload(KoppelingVoorstelRecord.run))
        .order_by(KoppelingVoorstelRecord.run_id)
    )
    return list(session.scalars(query))
