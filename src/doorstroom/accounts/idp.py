"""Accounts of an identity provider's users: the linked account, or role and scope from the claims.

Order of the rule (:mod:`doorstroom.accounts.claims` maps the claims):

1. an account linked to ``(iss, sub)`` that is blocked: refused, whatever the claims say;
2. a role claim: it decides role and scope (the municipality must be a current CBS code);
3. no role claim: the linked account decides; without one, refused.

The API asks :func:`gebruiker` on every request (reads only). The browser login calls
:func:`vastleggen`, which also keeps an account per provider user, created or brought in line with
the claims at each login, because a web session belongs to an account (``wiesessie``).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from doorstroom.accounts import claims as claimregel
from doorstroom.accounts import repository
from doorstroom.accounts.domain import Gebruiker, Rol
from doorstroom.accounts.models import GebruikerRecord
from doorstroom.platform import audit
from doorstroom.platform.db import transaction
from doorstroom.platform.errors import InputError, PermissionDenied
from doorstroom.platform.settings import Settings
from doorstroom.reference.core.lookup import find_gemeente
from doorstroom.reference.service import gemeenten_in_gebruik

GEBLOKKEERD = "Uw account in Doorstroom is geblokkeerd; neem contact op met de beheerder."
ONBEKEND = (
    "De identity provider geeft u geen Doorstroom-rol en er is geen account aan u gekoppeld; "
    "vraag de beheerder om toegang."
)


def namen(settings: Settings) -> claimregel.Claimnamen:
    """The configured claim names."""
    return claimregel.Claimnamen(
        settings.oidc_role_claim, settings.oidc_municipality_claim, settings.oidc_province_claim
    )


def toekenning(
    engine: Engine, claims: Mapping[str, object], settings: Settings
) -> claimregel.Toekenning | None:
    """The claims' role and scope, the municipality checked against the list in use."""
    gevonden = claimregel.toekenning(claims, namen(settings))
    if gevonden is not None and gevonden.gemeentecode is not None:
        try:
            find_gemeente(gevonden.gemeentecode, gemeenten_in_gebruik(engine))
        except InputError:
            raise PermissionDenied(
                "De gemeente die de identity provider noemt is geen huidige gemeente; "
                "vraag de beheerder van de identity provider dit te herstellen."
            ) from None
    return gevonden


def weiger_geblokkeerd(record: GebruikerRecord | None) -> None:
    """PermissionDenied with :data:`GEBLOKKEERD` for a blocked account.

    The one rule for every login that has proved who someone is (the provider's claims here, a right
    password in :mod:`doorstroom.accounts.authenticatie`): that person may learn the account is
    blocked and whom to ask; nobody else learns that the account exists.
    """
    if record is not None and not record.actief:
        raise PermissionDenied(GEBLOKKEERD)


def gebruiker(engine: Engine, claims: Mapping[str, object], settings: Settings) -> Gebruiker:
    """The user behind verified claims (reads only); PermissionDenied with the reason otherwise."""
    gevonden = toekenning(engine, claims, settings)
    issuer, subject = str(claims["iss"]), str(claims["sub"])
    with transaction(engine) as session:
        record = repository.oidc_account(session, issuer, subject)
        weiger_geblokkeerd(record)
        if gevonden is None:
            if record is None:
                raise PermissionDenied(ONBEKEND)
            return _als_gebruiker(record)
    return Gebruiker(
        record.gebruikersnaam if record else claimregel.gebruikersnaam(issuer, subject),
        gevonden.rol,
        gevonden.gemeentecode,
        gevonden.provincie,
    )


def vastleggen(session: Session, wie: Gebruiker, issuer: str, subject: str) -> None:
    """Create the provider user's account, or bring its role and scope in line (audited)."""
    record = repository.oidc_account(session, issuer, subject)
    if record is None:
        record = GebruikerRecord(
            gebruikersnaam=wie.gebruikersnaam,
            oidc_issuer=issuer,
            oidc_subject=subject,
            actief=True,
            aangemaakt_op=datetime.now(UTC),
        )
        session.add(record)
    elif (record.rol, record.gemeentecode, record.provincie) == (
        wie.rol.value,
        wie.gemeentecode,
        wie.provincie,
    ):
        return
    record.rol, record.gemeentecode, record.provincie = (
        wie.rol.value,
        wie.gemeentecode,
        wie.provincie,
    )
    audit.record(session, "write", "gebruiker", wie.gebruikersnaam, velden=["rol", "bereik"])


def _als_gebruiker(record: GebruikerRecord) -> Gebruiker:
    return Gebruiker(record.gebruikersnaam, Rol(record.rol), record.gemeentecode, record.provincie)
