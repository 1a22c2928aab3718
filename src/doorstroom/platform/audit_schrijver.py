"""Group commit of the audit trail: readers' lines written together, one chained block per commit.

Every read of personal data is recorded before its answer leaves (AVG art. 5(2), 30; BIO 12.4),
durably and in the hash chain. Chaining one line per request in the request's own write
transaction made every read a writer: readers queued behind one another on the chain's head
(issue 22: the API saturated below 100 requests per second). Here a reading transaction queues its
lines (:func:`na_het_lezen`); when it has ended well, :meth:`Groepsschrijver.bewaar` hands them to
the process's writer for that database and waits. The first waiting request writes, in one write
transaction, the lines of every request that queued meanwhile — chained in arrival order, a block
of a request's lines kept together — and commits; then every request of the block is released.
A request therefore answers only after its lines are committed, and a failed block fails every
request in it (they answer with an error, never without their audit line).

Several processes (workers, replicas) each have their own writer; their blocks are serialised by
the lock on the chain's head (``FOR UPDATE``; SQLite ``BEGIN IMMEDIATE``), exactly as single lines
were, so the chain stays one sequence without gaps.
"""

from __future__ import annotations

import copy
import threading
import weakref
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from doorstroom.platform.audit_regels import AuditRecord, keten_aan
from doorstroom.platform.db import na_afloop, schrijf

_REGELS = "doorstroom_audit_regels"


@dataclass
class _Blok:
    """The lines of one request, waiting to be written."""

    regels: Sequence[AuditRecord]
    klaar: bool = False
    fout: BaseException | None = field(default=None)


class Groepsschrijver:
    """The one writer of queued audit lines for one database in this process (leader/follower)."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._wacht = threading.Condition(threading.Lock())
        self._wachtrij: list[_Blok] = []
        self._bezig = False

    def bewaar(self, regels: Sequence[AuditRecord]) -> None:
        """Write ``regels`` chained (with whatever else is queued) and return once committed."""
        blok = _Blok(regels)
        with self._wacht:
            self._wachtrij.append(blok)
            while not blok.klaar:
                if self._bezig:
                    self._wacht.wait()
                else:
                    self._schrijf_wachtrij()
        if blok.fout is not None:
            raise copy.copy(blok.fout)

    def _schrijf_wachtrij(self) -> None:
        """Called holding the lock: take the queue, write it without the lock, release its requests."""
        self._bezig = True
        partij, self._wachtrij = self._wachtrij, []
        self._wacht.release()
        fout: BaseException | None = None
        try:
            schrijf(self._engine, lambda session: _schrijf(session, partij))
        except BaseException as error:  # every request of the block must hear of it, then it propagates
            fout = error
        finally:
            self._wacht.acquire()
            self._bezig = False
            for blok in partij:
                blok.klaar, blok.fout = True, fout
            self._wacht.notify_all()


def _schrijf(session: Session, partij: Sequence[_Blok]) -> None:
    """Chain the block's lines; fresh copies each attempt, so a retried transaction starts clean."""
    paren = [(regel, _kopie(regel)) for blok in partij for regel in blok.regels]
    keten_aan(session, [kopie for _, kopie in paren])
    for regel, kopie in paren:  # the caller's line shows where it landed in the chain
        regel.volgnummer, regel.vorige_hash, regel.hash = kopie.volgnummer, kopie.vorige_hash, kopie.hash


def _kopie(regel: AuditRecord) -> AuditRecord:
    velden = (
        "moment",
        "actor",
        "action",
        "object_type",
        "object_ref",
        "aantal",
        "velden",
        "objecten",
        "doel",
    )
    return AuditRecord(**{veld: getattr(regel, veld) for veld in velden})


_schrijvers: weakref.WeakKeyDictionary[Engine, Groepsschrijver] = weakref.WeakKeyDictionary()
_schrijvers_slot = threading.Lock()


def schrijver(engine: Engine) -> Groepsschrijver:
    """The group writer of ``engine`` in this process (made once)."""
    with _schrijvers_slot:
        gevonden = _schrijvers.get(engine)
        if gevonden is None:
            gevonden = _schrijvers[engine] = Groepsschrijver(engine)
        return gevonden


def na_het_lezen(session: Session, regel: AuditRecord) -> bool:
    """Queue ``regel`` for the group commit after ``session``'s reading transaction; False when the
    session writes (the caller then chains the line in its own transaction)."""
    afloop = na_afloop(session)
    if afloop is None:
        return False
    wachtend: list[AuditRecord] | None = session.info.get(_REGELS)
    if wachtend is None:
        wachtend = session.info[_REGELS] = []
        engine = session.get_bind().engine
        regels = wachtend
        afloop.append(lambda: schrijver(engine).bewaar(regels))
    wachtend.append(regel)
    return True
