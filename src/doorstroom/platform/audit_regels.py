"""The audit trail's tables, the hash of a line, and chaining lines onto the head (one block).

:mod:`doorstroom.platform.audit` is the door (recording, checking, reading); this module holds what
both the in-transaction writer and the group commit (:mod:`doorstroom.platform.audit_schrijver`)
need, so the chain is extended by one function only: :func:`keten_aan`.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy import DateTime, Index, Integer, String, Text, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Mapped, Session, mapped_column

from doorstroom.platform.db import Base

GENESIS = "0" * 64
HASH_VERSION = 1
DEFAULT_DOEL = "niet opgegeven"
OBJECT_ID_MAX = 255
"""Longer record ids are not linked; :func:`doorstroom.platform.audit.over_object` then searches the text."""


class AuditRecord(Base):
    """One read or write of personal data, chained to the line before it."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    volgnummer: Mapped[int] = mapped_column(Integer, unique=True)
    moment: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    actor: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(20))
    object_type: Mapped[str] = mapped_column(String(50))
    object_ref: Mapped[str] = mapped_column(String(255))
    aantal: Mapped[int] = mapped_column(Integer)
    velden: Mapped[str] = mapped_column(Text, default="")
    objecten: Mapped[str] = mapped_column(Text, default="[]")
    doel: Mapped[str] = mapped_column(String(100), default=DEFAULT_DOEL)
    vorige_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class AuditObjectRecord(Base):
    """Which line names which record: the index of an AVG inspection (:func:`over_object`).

    Derived from ``audit_log.objecten`` when a line is written, in the same transaction, and
    append-only like the log; it is not part of a line's hash, so the chain check is unchanged.
    """

    __tablename__ = "audit_object"
    __table_args__ = (Index("ix_audit_object_object", "object_id", "volgnummer"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    volgnummer: Mapped[int] = mapped_column(Integer)
    object_id: Mapped[str] = mapped_column(String(255))


class AuditKetenRecord(Base):
    """The head of the chain: the last sequence number and hash (one row, id 1)."""

    __tablename__ = "audit_keten"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    volgnummer: Mapped[int] = mapped_column(Integer)
    hash: Mapped[str] = mapped_column(String(64))


def _head(session: Session) -> AuditKetenRecord:
    """The head row, locked; created (once, race-free) when an empty database has none yet."""
    query = select(AuditKetenRecord).where(AuditKetenRecord.id == 1).with_for_update()
    head = session.scalars(query).one_or_none()
    if head is None:
        insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
        session.execute(
            insert(AuditKetenRecord).values(id=1, volgnummer=0, hash=GENESIS).on_conflict_do_nothing()
        )
        head = session.scalars(query).one()
    return head


def utc_tekst(moment: datetime) -> str:
    """The moment as UTC text; SQLite returns stored moments without a zone (they are UTC)."""
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return aware.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def line_hash(line: AuditRecord) -> str:
    """The hash of one line over every field and the previous hash (format version 1)."""
    canonical = json.dumps(
        [
            HASH_VERSION,
            line.volgnummer,
            utc_tekst(line.moment),
            line.actor,
            line.action,
            line.object_type,
            line.object_ref,
            line.aantal,
            line.velden,
            line.objecten,
            line.doel,
            line.vorige_hash,
        ],
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def keten_aan(session: Session, lines: Sequence[AuditRecord]) -> None:
    """Chain ``lines`` (in order) onto the locked head, add them and their record links to ``session``.

    Called inside one write transaction: by :func:`doorstroom.platform.audit.record` for a writer's
    own line, and by the group commit for a block of readers' lines.
    """
    head = _head(session)
    links: list[AuditObjectRecord] = []
    for line in lines:
        line.volgnummer, line.vorige_hash = head.volgnummer + 1, head.hash
        line.hash = line_hash(line)
        head.volgnummer, head.hash = line.volgnummer, line.hash
        links.extend(
            AuditObjectRecord(volgnummer=line.volgnummer, object_id=object_id)
            for object_id in json.loads(line.objecten)
            if len(object_id) <= OBJECT_ID_MAX
        )
    session.add_all(lines)
    session.add_all(links)
