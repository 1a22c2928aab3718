"""Queries on users and tokens."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from doorstroom.accounts.models import GebruikerRecord, SessieRecord, TokenRecord


def gebruiker(session: Session, gebruikersnaam: str) -> GebruikerRecord | None:
    """The account with this name, or None."""
    query = select(GebruikerRecord).where(GebruikerRecord.gebruikersnaam == gebruikersnaam)
    return session.scalars(query).one_or_none()


def gebruikers(session: Session) -> list[GebruikerRecord]:
    """Every account, by name."""
    return list(session.scalars(select(GebruikerRecord).order_by(GebruikerRecord.gebruikersnaam)))


def via_oidc(session: Session, issuer: str, subject: str) -> GebruikerRecord | None:
    """The active account linked to an identity provider's subject, or None."""
    query = select(GebruikerRecord).where(
        GebruikerRecord.oidc_issuer == issuer,
        GebruikerRecord.oidc_subject == subject,
        GebruikerRecord.actief.is_(True),
    )
    return session.scalars(query).one_or_none()


def geldig_token(session: Session, digest: str, nu: datetime) -> GebruikerRecord | None:
    """The active user of a token that is neither expired nor revoked, or None."""
    query = (
        select(GebruikerRecord)
        .join(TokenRecord, TokenRecord.gebruiker_id == GebruikerRecord.id)
        .where(
            TokenRecord.digest == digest,
            TokenRecord.ingetrokken_op.is_(None),
            TokenRecord.verloopt_op > nu,
            GebruikerRecord.actief.is_(True),
        )
    )
    return session.scalars(query).one_or_none()


def tokens(session: Session, gebruiker_id: int | None = None) -> list[tuple[TokenRecord, str]]:
    """Tokens with their user's name, newest first; all users when ``gebruiker_id`` is None."""
    query = select(TokenRecord, GebruikerRecord.gebruikersnaam).join(
        GebruikerRecord, TokenRecord.gebruiker_id == GebruikerRecord.id
    )
    if gebruiker_id is not None:
        query = query.where(TokenRecord.gebruiker_id == gebruiker_id)
    return [(t, naam) for t, naam in session.execute(query.order_by(TokenRecord.id.desc()))]


def sessie(session: Session, digest: str) -> tuple[SessieRecord, GebruikerRecord] | None:
    """A web session by the digest of its id, with its account; None when unknown."""
    query = (
        select(SessieRecord, GebruikerRecord)
        .join(GebruikerRecord, SessieRecord.gebruiker_id == GebruikerRecord.id)
        .where(SessieRecord.digest == digest)
    )
    row = session.execute(query).one_or_none()
    return None if row is None else (row[0], row[1])


def sessie_gebruikt(session: Session, digest: str, nu: datetime) -> None:
    """Record that a session was used at ``nu``."""
    session.execute(update(SessieRecord).where(SessieRecord.digest == digest).values(laatst_gebruikt_op=nu))


def oidc_account(session: Session, issuer: str, subject: str) -> GebruikerRecord | None:
    """The account linked to a provider's subject, active or blocked (a blocked one refuses login)."""
    query = select(GebruikerRecord).where(
        GebruikerRecord.oidc_issuer == issuer, GebruikerRecord.oidc_subject == subject
    )
    return session.scalars(query).one_or_none()


def beeindig_sessies(session: Session, gebruiker_id: int, nu: datetime) -> None:
    """End every open session of an account at ``nu``."""
    session.execute(
        update(SessieRecord)
        .where(SessieRecord.gebruiker_id == gebruiker_id, SessieRecord.beeindigd_op.is_(None))
        .values(beeindigd_op=nu)
    )
