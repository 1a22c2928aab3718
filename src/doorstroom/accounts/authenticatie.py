"""Who is asking: a bearer token, a password, or an identity provider's token becomes a user.

No access is decided here (that is :mod:`doorstroom.accounts.toegang`); these functions only say
who someone is, and return None — never a reason — for anything that does not prove it, so an
answer tells an attacker nothing about which names or tokens exist. Only a proof (a right password)
earns a reason: a blocked account says so.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Engine

from doorstroom.accounts import idp, oidc, repository, tokens, wachtwoord
from doorstroom.accounts.domain import Gebruiker, Rol, normaliseer_gebruikersnaam
from doorstroom.accounts.models import GebruikerRecord
from doorstroom.platform.db import transaction
from doorstroom.platform.errors import PermissionDenied
from doorstroom.platform.settings import get_settings


def als_gebruiker(record: GebruikerRecord) -> Gebruiker:
    """The domain value of a stored account."""
    return Gebruiker(record.gebruikersnaam, Rol(record.rol), record.gemeentecode, record.provincie)


def authenticeer_token(engine: Engine, token: str) -> Gebruiker | None:
    """The user of a valid bearer token; None for unknown, expired or revoked tokens."""
    if not tokens.lijkt_op_token(token):
        return None
    with transaction(engine) as session:
        record = repository.geldig_token(session, tokens.digest(token), datetime.now(UTC))
        return als_gebruiker(record) if record else None


def authenticeer_wachtwoord(engine: Engine, gebruikersnaam: str, tekst: str) -> Gebruiker | None:
    """The user when name (as typed) and password match an active account (for the web login).

    A right password for a blocked account is PermissionDenied (:func:`idp.weiger_geblokkeerd`): the
    owner is told to ask the beheerder instead of retyping a password that is right. A wrong
    password stays None, so only someone who knows the password learns the account is blocked.
    """
    with transaction(engine, schrijven=True) as session:
        record = repository.gebruiker(session, normaliseer_gebruikersnaam(gebruikersnaam))
        opgeslagen = record.wachtwoord_hash if record else None
        if not wachtwoord.klopt(opgeslagen, tekst) or record is None:
            return None
        idp.weiger_geblokkeerd(record)
        if wachtwoord.moet_opnieuw(record.wachtwoord_hash or ""):
            record.wachtwoord_hash = wachtwoord.hash_wachtwoord(tekst)
        return als_gebruiker(record)


def authenticeer(engine: Engine, bearer: str) -> Gebruiker | None:
    """The user behind a bearer credential: a Doorstroom token or, when configured, an OIDC JWT
    (linked account or role claims: :mod:`doorstroom.accounts.idp`)."""
    if tokens.lijkt_op_token(bearer):
        return authenticeer_token(engine, bearer)
    claims = oidc.geldige_claims(bearer)
    if claims is None:
        return None
    try:
        return idp.gebruiker(engine, claims, get_settings())
    except PermissionDenied:
        return None
