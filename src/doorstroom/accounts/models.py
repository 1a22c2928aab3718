"""Tables of the accounts context: users and their bearer tokens."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from doorstroom.platform.db import Base


class GebruikerRecord(Base):
    """A local account; ``oidc_subject`` links it to an identity provider's user (optional)."""

    __tablename__ = "gebruiker"
    __table_args__ = (UniqueConstraint("oidc_issuer", "oidc_subject"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    gebruikersnaam: Mapped[str] = mapped_column(String(50), unique=True)
    rol: Mapped[str] = mapped_column(String(20))
    gemeentecode: Mapped[str | None] = mapped_column(String(6), nullable=True)
    provincie: Mapped[str | None] = mapped_column(String(40), nullable=True)
    wachtwoord_hash: Mapped[str | None] = mapped_column(String(255), nullable=True)
    oidc_issuer: Mapped[str | None] = mapped_column(String(255), nullable=True)
    oidc_subject: Mapped[str | None] = mapped_column(String(255), nullable=True)
    actief: Mapped[bool] = mapped_column(Boolean, default=True)
    aangemaakt_op: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class TokenRecord(Base):
    """A bearer token (digest only), with its expiry and, once revoked, when."""

    __tablename__ = "gebruiker_token"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    gebruiker_id: Mapped[int] = mapped_column(ForeignKey("gebruiker.id", ondelete="CASCADE"), index=True)
    digest: Mapped[str] = mapped_column(String(64), unique=True)
    omschrijving: Mapped[str] = mapped_column(String(100), default="")
    aangemaakt_op: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    verloopt_op: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    ingetrokken_op: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class SessieRecord(Base):
    """A web session: only the digest of its id is stored, with its CSRF token and its lifetime.

    Ending a session (logout, idle or maximum time, a blocked user) is a moment in ``beeindigd_op``
    or a check at read time; the row stays until it is cleaned up, so a stolen cookie cannot revive it.
    """

    __tablename__ = "gebruiker_sessie"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    gebruiker_id: Mapped[int] = mapped_column(ForeignKey("gebruiker.id", ondelete="CASCADE"), index=True)
    digest: Mapped[str] = mapped_column(String(64), unique=True)
    csrf: Mapped[str] = mapped_column(String(64))
    aangemaakt_op: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    laatst_gebruikt_op: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    verloopt_op: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    beeindigd_op: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class AanmeldpogingRecord(Base):
    """A failed login, counted per key (a normalised user name or a client address) in a moving window.

    Kept in the database so every worker of a deployment counts the same attempts (BIO 9.4.2);
    rows older than the window are removed when a new attempt is counted.
    """

    __tablename__ = "gebruiker_aanmeldpoging"
    __table_args__ = (Index("ix_gebruiker_aanmeldpoging_sleutel", "sleutel", "moment"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    sleutel: Mapped[str] = mapped_column(String(120))
    moment: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
