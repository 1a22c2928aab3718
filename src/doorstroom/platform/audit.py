"""The audit trail: who read or wrote personal data, when, which records and fields, and why.

AVG/GDPR art. 5(2), 30 and 32 and the BIO (Baseline Informatiebeveiliging Overheid, control 12.4)
ask that processing of personal data can be accounted for, and that the account itself cannot be
changed unnoticed. Every service function that reads or writes records about people (koppelingen,
households, case files) calls :func:`record` inside the same transaction, so the trail is complete
exactly when the work is: a rolled-back import leaves no audit line, and a committed one always has
one. Audit lines hold pseudonymous references, field *names* and counts, never personal data itself.

Tamper evidence: the log is append-only (database triggers refuse UPDATE and DELETE, see migration
0003) and hash-chained. Line *n* stores ``sha256(canonical(line n) + hash of line n-1)``; the head of
the chain (last sequence number and hash) is kept in ``audit_keten``. Changing, removing or inserting
a line breaks the chain at that line; cutting lines off the end disagrees with the head.
:func:`controleer` walks the chain and names the first line that does not fit.

Anchors: someone with database rights can cut the tail *and* set the head back, and the chain
still fits. :class:`Anker` records the head (last sequence number and hash, the count, the time and
the chain's identity: the hash of its first line) outside the database
(:mod:`doorstroom.platform.audit_anker`, ``doorstroom audit anker``); :func:`controleer` checks the
chain against every anchor: the line at an anchor's sequence number must have the anchored hash
(the lines before it are bound to it by the chain), and a log shorter than an anchor's count lost
its tail.

Concurrency: the head row is read ``FOR UPDATE`` (PostgreSQL row lock); SQLite write transactions
start with ``BEGIN IMMEDIATE`` (:mod:`doorstroom.platform.db`), so two writers never extend the chain from
the same head.
"""

from __future__ import annotations

import getpass
import hashlib
import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from sqlalchemy import DateTime, Integer, String, Text, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Mapped, Session, mapped_column

from doorstroom.platform.db import Base

ACTIONS = ("read", "write", "delete", "export")
GENESIS = "0" * 64
HASH_VERSION = 1
DEFAULT_DOEL = "niet opgegeven"

_actor: ContextVar[str | None] = ContextVar("doorstroom_actor", default=None)
_doel: ContextVar[str | None] = ContextVar("doorstroom_doel", default=None)


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


class AuditKetenRecord(Base):
    """The head of the chain: the last sequence number and hash (one row, id 1)."""

    __tablename__ = "audit_keten"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    volgnummer: Mapped[int] = mapped_column(Integer)
    hash: Mapped[str] = mapped_column(String(64))


def current_actor() -> str:
    """Who is acting: set by the delivery layer (API user), else the operating-system user."""
    return _actor.get() or f"os:{getpass.getuser()}"


def current_doel() -> str:
    """Why personal data is processed: set per request or command (AVG art. 5(1)(b))."""
    return _doel.get() or DEFAULT_DOEL


@contextmanager
def acting_as(actor: str) -> Iterator[None]:
    """Attribute the audit lines written inside the block to ``actor``."""
    token = _actor.set(actor)
    try:
        yield
    finally:
        _actor.reset(token)


@contextmanager
def met_doel(doel: str) -> Iterator[None]:
    """Record ``doel`` (the purpose) on the audit lines written inside the block."""
    token = _doel.set(doel)
    try:
        yield
    finally:
        _doel.reset(token)


def record(
    session: Session,
    action: str,
    object_type: str,
    object_ref: str,
    aantal: int = 1,
    *,
    velden: Iterable[str] = (),
    objecten: Iterable[str] = (),
    doel: str | None = None,
) -> AuditRecord:
    """Add a chained audit line to the caller's transaction (``action``: read, write, delete, export).

    ``velden`` names the fields read or written, ``objecten`` the pseudonymous ids of the records.
    """
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    head = _head(session)
    line = AuditRecord(
        volgnummer=head.volgnummer + 1,
        moment=datetime.now(UTC),
        actor=current_actor()[:100],
        action=action,
        object_type=object_type[:50],
        object_ref=object_ref[:255],
        aantal=aantal,
        velden=",".join(sorted(set(velden))),
        objecten=json.dumps(sorted(set(objecten))),
        doel=(doel or current_doel())[:100],
        vorige_hash=head.hash,
    )
    line.hash = line_hash(line)
    head.volgnummer, head.hash = line.volgnummer, line.hash
    session.add(line)
    return line


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


def _utc_text(moment: datetime) -> str:
    """The moment as UTC text; SQLite returns stored moments without a zone (they are UTC)."""
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return aware.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def line_hash(line: AuditRecord) -> str:
    """The hash of one line over every field and the previous hash (format version 1)."""
    canonical = json.dumps(
        [
            HASH_VERSION,
            line.volgnummer,
            _utc_text(line.moment),
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


@dataclass(frozen=True)
class Anker:
    """The head of the chain at a moment, kept outside the database (see the module docstring).

    ``keten`` identifies the chain (the hash of its first line): an anchor of another database's
    chain, or of a chain rewritten from its first line, does not fit. ``plaats`` says where the
    anchor was read (file and row, or URL and position), to name it in a finding; it is not stored.
    """

    volgnummer: int
    hash: str
    aantal: int
    moment: str
    keten: str
    database: str = ""
    plaats: str = ""

    def als_json(self) -> dict[str, object]:
        """The stored form (format version 1), without ``plaats``."""
        return {
            "versie": 1,
            "keten": self.keten,
            "volgnummer": self.volgnummer,
            "aantal": self.aantal,
            "hash": self.hash,
            "moment": self.moment,
            "database": self.database,
        }


@dataclass(frozen=True)
class Controle:
    """Outcome of walking the chain: intact, or the first line (by id) that does not fit.

    ``eerste_hash`` is the chain's identity (the hash of line 1; empty for an empty log); ``ankers``
    counts the anchors the chain was checked against; ``anker`` names the one that did not fit.
    """

    regels: int
    kop_hash: str
    fout_id: int | None = None
    fout_volgnummer: int | None = None
    reden: str | None = None
    eerste_hash: str = ""
    ankers: int = 0
    anker: str | None = None

    @property
    def intact(self) -> bool:
        """True when every line, the head and every anchor agree."""
        return self.reden is None


def controleer(session: Session, ankers: Sequence[Anker] = ()) -> Controle:
    """Recompute the chain from the first line; report the first line that was changed or moved, then
    the first anchor the chain does not fit (a changed anchored line, a cut tail, another chain)."""
    expected_number, previous, count, eerste = 1, GENESIS, 0, ""
    per_volgnummer: dict[int, list[Anker]] = {}
    for gegeven in ankers:
        per_volgnummer.setdefault(gegeven.volgnummer, []).append(gegeven)
    for line in session.scalars(select(AuditRecord).order_by(AuditRecord.volgnummer)).yield_per(1000):
        reden = _afwijking(line, expected_number, previous)
        if reden:
            return Controle(count, previous, line.id, line.volgnummer, reden, eerste)
        expected_number, previous, count = expected_number + 1, line.hash, count + 1
        eerste = eerste or line.hash
        anker = next((a for a in per_volgnummer.get(line.volgnummer, []) if a.hash != line.hash), None)
        if anker is not None:
            reden = f"past niet bij {_naam(anker)}: de regel is gewijzigd of de keten herschreven"
            return Controle(
                count, previous, line.id, line.volgnummer, reden, eerste, len(ankers), anker.plaats
            )
    head = session.get(AuditKetenRecord, 1)
    head_number, head_hash = (head.volgnummer, head.hash) if head else (0, GENESIS)
    if (head_number, head_hash) != (count, previous):
        reden = f"de kop van de keten noemt regel {head_number}, de log eindigt bij regel {count}"
        return Controle(count, previous, None, count, reden, eerste)
    return _tegen_ankers(Controle(count, previous, eerste_hash=eerste, ankers=len(ankers)), ankers)


def _tegen_ankers(controle: Controle, ankers: Sequence[Anker]) -> Controle:
    """The walked chain against the anchors: another chain's anchor, or fewer lines than anchored."""
    for anker in sorted(ankers, key=lambda a: a.volgnummer):
        if anker.aantal and anker.keten != controle.eerste_hash:
            reden = (
                f"{_naam(anker)} hoort bij een andere keten (regel 1 verschilt): herschreven of verwisseld"
            )
        elif max(anker.aantal, anker.volgnummer) > controle.regels:
            reden = f"de log eindigt bij regel {controle.regels}, maar {_naam(anker)} telde er {anker.aantal}"
            reden += " (staart afgesneden?)"
        else:
            continue
        return replace(controle, fout_volgnummer=controle.regels, reden=reden, anker=anker.plaats)
    return controle


def _naam(anker: Anker) -> str:
    return (
        f"het anker van {anker.moment} ({anker.plaats})" if anker.plaats else f"het anker van {anker.moment}"
    )


def kop_anker(controle: Controle, moment: datetime, database: str) -> Anker:
    """The anchor of an intact, walked chain: its last line, count and identity at ``moment``."""
    if not controle.intact:
        raise ValueError("only an intact chain is anchored")
    return Anker(
        controle.regels, controle.kop_hash, controle.regels, _utc_text(moment), controle.eerste_hash, database
    )


def _afwijking(line: AuditRecord, expected_number: int, previous: str) -> str | None:
    if line.volgnummer != expected_number:
        return f"volgnummer {line.volgnummer} waar {expected_number} werd verwacht (regel verwijderd?)"
    if line.vorige_hash != previous:
        return "verwijst niet naar de hash van de regel ervoor (regel ingevoegd of verwijderd?)"
    if line.hash != line_hash(line):
        return "inhoud past niet bij de opgeslagen hash (regel gewijzigd)"
    return None


def trail(session: Session, object_type: str | None = None) -> list[AuditRecord]:
    """The audit lines, oldest first, optionally of one object type."""
    query = select(AuditRecord).order_by(AuditRecord.volgnummer)
    if object_type is not None:
        query = query.where(AuditRecord.object_type == object_type)
    return list(session.scalars(query))


def over_object(session: Session, object_id: str) -> list[AuditRecord]:
    """Every line that names ``object_id`` among its records (for an AVG inspection request)."""
    pattern = f"%{json.dumps(object_id)}%"
    query = select(AuditRecord).where(AuditRecord.objecten.like(pattern)).order_by(AuditRecord.volgnummer)
    return list(session.scalars(query))


def as_dict(line: AuditRecord) -> dict[str, object]:
    """An audit line for output (API, CLI, AVG export); holds no personal data."""
    return {
        "id": line.id,
        "volgnummer": line.volgnummer,
        "moment": _utc_text(line.moment),
        "actor": line.actor,
        "actie": line.action,
        "objecttype": line.object_type,
        "objectref": line.object_ref,
        "aantal": line.aantal,
        "velden": [v for v in line.velden.split(",") if v],
        "objecten": _objecten(line.objecten),
        "doel": line.doel,
        "hash": line.hash,
    }


def objecten_van(line: AuditRecord) -> Sequence[str]:
    """The record ids an audit line names."""
    return _objecten(line.objecten)


def _objecten(text: str) -> Sequence[str]:
    try:
        value = json.loads(text)
    except ValueError:
        return []
    return [str(item) for item in value] if isinstance(value, list) else []
