"""The audit trail: who read or wrote personal data, when, and what.

AVG/GDPR art. 5(2) and 32 and the BIO (Baseline Informatiebeveiliging Overheid, control 12.4) ask
that processing of personal data can be accounted for. Every service function that reads or writes
records about people (koppelingen, households, case files) calls :func:`record` inside the same
transaction, so the trail is complete exactly when the work is: a rolled-back import leaves no
audit line, and a committed one always has one. Audit lines hold references and counts, never the
personal data itself.
"""

from __future__ import annotations

import getpass
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime

from sqlalchemy import DateTime, Integer, String, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from doorstroom.db import Base

_actor: ContextVar[str | None] = ContextVar("doorstroom_actor", default=None)


class AuditRecord(Base):
    """One read or write of personal data."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    moment: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    actor: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(20))
    object_type: Mapped[str] = mapped_column(String(50))
    object_ref: Mapped[str] = mapped_column(String(255))
    aantal: Mapped[int] = mapped_column(Integer)


def current_actor() -> str:
    """Who is acting: set by the delivery layer (API user), else the operating-system user."""
    return _actor.get() or f"os:{getpass.getuser()}"


@contextmanager
def acting_as(actor: str) -> Iterator[None]:
    """Attribute the audit lines written inside the block to ``actor``."""
    token = _actor.set(actor)
    try:
        yield
    finally:
        _actor.reset(token)


def record(session: Session, action: str, object_type: str, object_ref: str, aantal: int = 1) -> None:
    """Add an audit line to the caller's transaction (``action``: read, write, delete)."""
    if action not in ("read", "write", "delete"):
        raise ValueError(f"unknown audit action {action!r}")
    session.add(
        AuditRecord(
            moment=datetime.now(UTC),
            actor=current_actor(),
            action=action,
            object_type=object_type,
            object_ref=object_ref[:255],
            aantal=aantal,
        )
    )


def trail(session: Session, object_type: str | None = None) -> list[AuditRecord]:
    """The audit lines, oldest first, optionally of one object type."""
    query = select(AuditRecord).order_by(AuditRecord.id)
    if object_type is not None:
        query = query.where(AuditRecord.object_type == object_type)
    return list(session.scalars(query))
