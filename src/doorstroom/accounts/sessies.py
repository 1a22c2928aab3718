"""Web sessions: log in with a password, recognise the session on every request, log out.

A session id is 256 random bits, given to the browser once (in a cookie) and stored only as its
SHA-256 digest, like a bearer token (:mod:`doorstroom.accounts.tokens`). A session ends at logout,
after ``DOORSTROOM_SESSION_IDLE_MINUTES`` without a request, ``DOORSTROOM_SESSION_MAX_HOURS`` after
login, or as soon as the account is blocked (BIO 9.4.2: secure log-on; 9.4.3: session limits).
Each session carries its own CSRF token (synchroniser token pattern, OWASP CSRF cheat sheet): a
form is accepted only with the token of the session that showed it.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from doorstroom.accounts import repository, tokens
from doorstroom.accounts.authenticatie import als_gebruiker, authenticeer_wachtwoord
from doorstroom.accounts.domain import Gebruiker
from doorstroom.accounts.models import SessieRecord
from doorstroom.platform import audit
from doorstroom.platform.db import DatabaseBezet, transaction
from doorstroom.platform.settings import get_settings

BIJWERK_INTERVAL = timedelta(seconds=60)
"""``laatst_gebruikt_op`` is written at most once a minute: a page view should not always write."""


@dataclass(frozen=True)
class Sessie:
    """A valid session: who, and the token its forms must carry."""

    gebruiker: Gebruiker
    csrf: str


def _utc(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def meld_aan(engine: Engine, gebruikersnaam: str, wachtwoord: str) -> tuple[str, Sessie] | None:
    """A new session for a matching name (as typed) and password (the session id, shown once); None
    otherwise, and PermissionDenied when the password is right but the account is blocked."""
    gebruiker = authenticeer_wachtwoord(engine, gebruikersnaam, wachtwoord)
    if gebruiker is None:
        return None
    with audit.acting_as(gebruiker.actor), transaction(engine, schrijven=True) as session:
        return open_sessie(session, gebruiker, "aanmelding")


def open_sessie(session: Session, gebruiker: Gebruiker, waarom: str) -> tuple[str, Sessie]:
    """A new session for an existing account, in the caller's transaction (audited as ``waarom``);
    the password login and the identity provider's login (:mod:`doorstroom.accounts.oidc_aanmelding`)
    both start their sessions here."""
    sessie_id, csrf, nu = secrets.token_urlsafe(32), secrets.token_urlsafe(32), datetime.now(UTC)
    maximum = timedelta(hours=get_settings().session_max_hours)
    record = repository.gebruiker(session, gebruiker.gebruikersnaam)
    assert record is not None  # authenticated a moment ago, or created in this transaction
    session.add(
        SessieRecord(
            gebruiker_id=record.id,
            digest=tokens.digest(sessie_id),
            csrf=csrf,
            aangemaakt_op=nu,
            laatst_gebruikt_op=nu,
            verloopt_op=nu + maximum,
        )
    )
    audit.record(session, "write", "gebruiker_sessie", f"{waarom} {gebruiker.gebruikersnaam}")
    return sessie_id, Sessie(gebruiker, csrf)


def lees(engine: Engine, sessie_id: str) -> Sessie | None:
    """The session behind a cookie value: None when unknown, ended, expired, idle or blocked."""
    if not 20 <= len(sessie_id) <= 100:
        return None
    nu, digest = datetime.now(UTC), tokens.digest(sessie_id)
    stil = timedelta(minutes=get_settings().session_idle_minutes)
    with transaction(engine) as session:
        found = repository.sessie(session, digest)
        if found is None or not _geldig(found[0], found[1].actief, nu, stil):
            return None
        record, gebruiker = found
        sessie, laatst = Sessie(als_gebruiker(gebruiker), record.csrf), _utc(record.laatst_gebruikt_op)
    if nu - laatst >= BIJWERK_INTERVAL:
        _bijwerken(engine, digest, nu)
    return sessie


def _bijwerken(engine: Engine, digest: str, nu: datetime) -> None:
    """Record that the session was used; skipped when the database is busy (the next request tries)."""
    try:
        with transaction(engine, schrijven=True) as session:
            repository.sessie_gebruikt(session, digest, nu)
    except DatabaseBezet:
        pass


def _geldig(record: SessieRecord, actief: bool, nu: datetime, stil: timedelta) -> bool:
    return (
        actief
        and record.beeindigd_op is None
        and _utc(record.verloopt_op) > nu
        and nu - _utc(record.laatst_gebruikt_op) < stil
    )


def meld_af(engine: Engine, sessie_id: str) -> None:
    """End a session now (logout); ending an unknown or ended session does nothing."""
    with transaction(engine, schrijven=True) as session:
        found = repository.sessie(session, tokens.digest(sessie_id))
        if found is None or found[0].beeindigd_op is not None:
            return
        record, gebruiker = found
        record.beeindigd_op = datetime.now(UTC)
        with audit.acting_as(als_gebruiker(gebruiker).actor):
            audit.record(session, "write", "gebruiker_sessie", f"afmelding {gebruiker.gebruikersnaam}")
