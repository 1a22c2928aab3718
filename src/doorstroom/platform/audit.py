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
the same head. Reads do not write: their lines are queued and written together by the group commit
(:mod:`doorstroom.platform.audit_schrijver`) before the reading call returns.

An AVG inspection finds a person's lines through ``audit_object`` (line → record links written with
each line, append-only, outside the hash), not by searching every line's text (:func:`over_object`).
"""

from __future__ import annotations

import getpass
import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from doorstroom.platform import audit_schrijver
from doorstroom.platform.audit_regels import (
    DEFAULT_DOEL,
    GENESIS,
    HASH_VERSION,
    OBJECT_ID_MAX,
    AuditKetenRecord,
    AuditObjectRecord,
    AuditRecord,
    keten_aan,
    line_hash,
    utc_tekst,
)

__all__ = [
    "ACTIONS",
    "DEFAULT_DOEL",
    "GENESIS",
    "HASH_VERSION",
    "Anker",
    "AuditKetenRecord",
    "AuditObjectRecord",
    "AuditRecord",
    "Controle",
    "acting_as",
    "as_dict",
    "controleer",
    "current_actor",
    "current_doel",
    "kop_anker",
    "line_hash",
    "met_doel",
    "noemt",
    "objecten_van",
    "over_object",
    "record",
    "trail",
]

ACTIONS = ("read", "write", "delete", "export")

_actor: ContextVar[str | None] = ContextVar("doorstroom_actor", default=None)
_doel: ContextVar[str | None] = ContextVar("doorstroom_doel", default=None)


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
    """Record a chained audit line of the caller's work (``action``: read, write, delete, export).

    ``velden`` names the fields read or written, ``objecten`` the pseudonymous ids of the records.
    In a write transaction the line is chained in it (all or nothing with the write). In a reading
    transaction (:func:`doorstroom.platform.db.transaction` without ``schrijven``) the line is queued
    and written, chained, by the group commit once the read has ended well and before the call
    returns (:mod:`doorstroom.platform.audit_schrijver`): readers share one write per block instead
    of queueing behind one writer each.
    """
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    line = AuditRecord(
        volgnummer=0,
        moment=datetime.now(UTC),
        actor=current_actor()[:100],
        action=action,
        object_type=object_type[:50],
        object_ref=object_ref[:255],
        aantal=aantal,
        velden=",".join(sorted(set(velden))),
        objecten=json.dumps(sorted({str(o) for o in objecten})),
        doel=(doel or current_doel())[:100],
        vorige_hash="",
        hash="",
    )
    if not audit_schrijver.na_het_lezen(session, line):
        keten_aan(session, [line])
    return line


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
        controle.regels, controle.kop_hash, controle.regels, utc_tekst(moment), controle.eerste_hash, database
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
    """Every line that names ``object_id`` among its records (for an AVG inspection request).

    Found through the index of record links (``audit_object``), not by reading the whole log.
    """
    query = select(AuditRecord).where(noemt(object_id)).order_by(AuditRecord.volgnummer)
    return list(session.scalars(query))


def noemt(object_id: str) -> ColumnElement[bool]:
    """The condition "this line names ``object_id``" for a query on ``AuditRecord`` (indexed)."""
    if len(object_id) > OBJECT_ID_MAX:  # never linked: search the text (such ids are not issued)
        return AuditRecord.objecten.like(f"%{json.dumps(object_id)}%")
    gelinkt = select(AuditObjectRecord.volgnummer).where(AuditObjectRecord.object_id == object_id)
    return AuditRecord.volgnummer.in_(gelinkt)


def as_dict(line: AuditRecord) -> dict[str, object]:
    """An audit line for output (API, CLI, AVG export); holds no personal data."""
    return {
        "id": line.id,
        "volgnummer": line.volgnummer,
        "moment": utc_tekst(line.moment),
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
