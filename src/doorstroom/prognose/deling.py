"""The chain's shared forecast: which stored forecast every user plans on, and since when by whom.

A stored forecast is its maker's: a planner's trial ("test minder instroom") must not become the
forecast every municipality sees on its chain page. A national planner (the permission
:attr:`~doorstroom.accounts.toegang.Handeling.prognose_delen`) marks one forecast as the shared one,
with a reason; each marking is a new line (``prognose_deling``) and audited, so the chain can tell
afterwards on which forecast it planned when. Without a marking a user sees the forecast the server
stored itself (the built-in default), else their own newest.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from doorstroom.accounts import toegang
from doorstroom.accounts.domain import Gebruiker
from doorstroom.accounts.toegang import Handeling
from doorstroom.platform import audit
from doorstroom.platform.clock import lokale_tijd
from doorstroom.platform.db import schrijf, transaction
from doorstroom.platform.errors import InputError, NotFound, Problem
from doorstroom.prognose.models import PrognoseDelingRecord, PrognoseRunRecord
from doorstroom.values.domains import TOELICHTING

VOORKEUR = ("gedeeld", "ingebouwd", "eigen")
"""Which stored forecast a page shows when the user chose none, in this order (newest of each)."""


@dataclass(frozen=True)
class Deling:
    """One marking: the forecast (None: the marking withdrawn), who, when (local time) and why."""

    prognose_id: int | None
    naam: str | None
    door: str
    op: str
    reden: str


def gedeelde_id(session: Session) -> int | None:
    """The forecast the newest marking names; None when none was ever marked or it was withdrawn."""
    query = select(PrognoseDelingRecord.prognose_id).order_by(PrognoseDelingRecord.id.desc()).limit(1)
    return session.scalar(query)


def voorgekozen(runs: list[dict[str, object]]) -> int | None:
    """The forecast to show by default among ``runs`` (newest first, flagged as :func:`runs` does):
    the shared one, else the newest the server stored itself, else the user's own newest."""
    for soort in VOORKEUR:
        gevonden = next((r for r in runs if r.get(soort)), None)
        if gevonden is not None:
            return int(str(gevonden["id"]))
    return None


def mag_delen(gebruiker: Gebruiker) -> bool:
    """Whether ``gebruiker`` plans nationally and so may mark the shared forecast."""
    return toegang.mag(gebruiker, Handeling.prognose_delen)


def delingen(engine: Engine, gebruiker: Gebruiker) -> list[Deling]:
    """Every marking, newest first: the current one and the history before it."""
    toegang.eis(gebruiker, Handeling.prognose_rekenen)
    with transaction(engine) as session:
        query = select(PrognoseDelingRecord, PrognoseRunRecord.naam).outerjoin(
            PrognoseRunRecord, PrognoseRunRecord.id == PrognoseDelingRecord.prognose_id
        )
        rijen = session.execute(query.order_by(PrognoseDelingRecord.id.desc())).all()
        return [_deling(record, naam) for record, naam in rijen]


def gedeelde(engine: Engine, gebruiker: Gebruiker) -> Deling | None:
    """The marking in force, if it names a forecast (None: the built-in default holds)."""
    huidige = next(iter(delingen(engine, gebruiker)), None)
    return huidige if huidige is not None and huidige.prognose_id is not None else None


def deel(engine: Engine, gebruiker: Gebruiker, prognose_id: int | None, reden: str) -> Deling:
    """Mark ``prognose_id`` as the shared forecast (None: withdraw the marking), with a reason."""
    toegang.eis(gebruiker, Handeling.prognose_delen)
    tekst = _reden(reden)

    def werk(session: Session) -> Deling:
        naam = _naam(session, prognose_id)
        record = PrognoseDelingRecord(
            prognose_id=prognose_id,
            gedeeld_op=datetime.now(UTC),
            gedeeld_door=gebruiker.actor[:100],
            reden=tekst,
        )
        session.add(record)
        session.flush()
        audit.record(session, "write", "prognose_deling", str(record.id), velden=("prognose_id", "reden"))
        return _deling(record, naam)

    return schrijf(engine, werk)


def _reden(reden: str) -> str:
    """Why the chain plans on this forecast: required, as any decision others must follow."""
    tekst = TOELICHTING.check(reden.strip(), field="reden")
    if not tekst:
        raise InputError(Problem("geef een reden voor de gedeelde prognose", field="reden"))
    return tekst


def _naam(session: Session, prognose_id: int | None) -> str | None:
    if prognose_id is None:
        return None
    record = session.get(PrognoseRunRecord, prognose_id)
    if record is None:
        raise NotFound(f"prognose {prognose_id} bestaat niet")
    return str(record.naam)


def _deling(record: Any, naam: str | None) -> Deling:
    return Deling(record.prognose_id, naam, record.gedeeld_door, lokale_tijd(record.gedeeld_op), record.reden)
