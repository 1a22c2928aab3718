"""Tables of the case file: persons, households, timeline events, corrections and kept counts.

Identifiers are random UUIDs (pseudonymous: they say nothing about the person). BSN and V-number are
optional columns, shown only to roles that need them (:mod:`doorstroom.accounts.toegang`). ``fase``,
``in_opvang``, ``gemeentecode`` and the first move-in (``verhuisd_*``) are derived from the current
timeline by the service on every change, so scoped queries need no join; ``geopend_in`` (the
municipality the file was opened in) is the responsible municipality while no current koppeling,
move-in or move names another. ``versie`` is the optimistic-concurrency counter behind the API's
ETag/If-Match: a stale write fails instead of overwriting.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    event,
)
from sqlalchemy.orm import Mapped, mapped_column

from doorstroom.platform.db import Base
from doorstroom.values import naam


def nieuw_id() -> str:
    """A random, meaningless identifier for a new record (pseudonymous: it says nothing about anyone)."""
    return str(uuid.uuid4())


class HuishoudenRecord(Base):
    """A household: housed together; ``referentie`` is COA's pseudonymous household reference."""

    __tablename__ = "dossier_huishouden"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    referentie: Mapped[str | None] = mapped_column(String(40), unique=True, nullable=True)
    gemeentecode: Mapped[str | None] = mapped_column(String(6), index=True, nullable=True)
    versie: Mapped[int] = mapped_column(Integer)
    aangemaakt_op: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    __mapper_args__ = {"version_id_col": versie}  # noqa: RUF012 - SQLAlchemy's declarative API


class PersoonRecord(Base):
    """A person in the case file."""

    __tablename__ = "dossier_persoon"
    __table_args__ = (
        Index("ix_dossier_persoon_gemeente_sorteernaam", "gemeentecode", "sorteernaam", "id"),
        Index("ix_dossier_persoon_verhuisd", "verhuisd_maand", "verhuisd_naar"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    geslachtsnaam: Mapped[str] = mapped_column(String(200))
    voornamen: Mapped[str | None] = mapped_column(String(200), nullable=True)
    sorteernaam: Mapped[str] = mapped_column(String(naam.LENGTE))
    """The name as Dutch lists order and search it (:func:`doorstroom.values.naam.sorteernaam`), kept
    on every write of the name so lists sort and search in the database."""
    geboortedatum: Mapped[date] = mapped_column(Date)
    geslacht: Mapped[str | None] = mapped_column(String(1), nullable=True)
    gemeentecode: Mapped[str | None] = mapped_column(String(6), index=True, nullable=True)
    geopend_in: Mapped[str | None] = mapped_column(String(6), nullable=True)
    huishouden_id: Mapped[str | None] = mapped_column(
        ForeignKey("dossier_huishouden.id", ondelete="SET NULL"), index=True, nullable=True
    )
    vnummer: Mapped[str | None] = mapped_column(String(10), unique=True, nullable=True)
    bsn: Mapped[str | None] = mapped_column(String(9), unique=True, nullable=True)
    vnummer_aangemeld: Mapped[str | None] = mapped_column(String(10), index=True, nullable=True)
    bsn_aangemeld: Mapped[str | None] = mapped_column(String(9), index=True, nullable=True)
    casemanager: Mapped[str | None] = mapped_column(String(50), index=True, nullable=True)
    fase: Mapped[str] = mapped_column(String(20), index=True)
    in_opvang: Mapped[bool] = mapped_column(Boolean, index=True)
    laatste_gebeurtenis: Mapped[date | None] = mapped_column(Date, nullable=True)
    verhuisd_op: Mapped[date | None] = mapped_column(Date, nullable=True)
    """The date of the first current move-in (``huisvesting``): the day it counts for the taakstelling."""
    verhuisd_naar: Mapped[str | None] = mapped_column(String(6), nullable=True)
    """The municipality of that move-in."""
    verhuisd_maand: Mapped[str | None] = mapped_column(String(7), nullable=True)
    """Its month ("2026-03"): realisation is counted per municipality and month from an index."""
    versie: Mapped[int] = mapped_column(Integer)
    aangemaakt_op: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    __mapper_args__ = {"version_id_col": versie}  # noqa: RUF012 - SQLAlchemy's declarative API


@event.listens_for(PersoonRecord, "before_insert")
@event.listens_for(PersoonRecord, "before_update")
def _sorteernaam(_mapper: object, _connection: object, persoon: PersoonRecord) -> None:
    """Every ORM write of a person keeps the sort key with the name it is made from."""
    persoon.sorteernaam = naam.sorteernaam(persoon.geslachtsnaam, persoon.voornamen)


class GebeurtenisRecord(Base):
    """One timeline event; never changed: a correction is a new event with ``vervangt``."""

    __tablename__ = "dossier_gebeurtenis"
    __table_args__ = (UniqueConstraint("persoon_id", "bron_sleutel"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    persoon_id: Mapped[str] = mapped_column(ForeignKey("dossier_persoon.id", ondelete="CASCADE"), index=True)
    soort: Mapped[str] = mapped_column(String(40), index=True)
    datum: Mapped[date] = mapped_column(Date)
    gegevens: Mapped[dict[str, Any]] = mapped_column(JSON)
    bron: Mapped[str] = mapped_column(String(20))
    bron_sleutel: Mapped[str | None] = mapped_column(String(120), nullable=True)
    vervangt: Mapped[str | None] = mapped_column(
        ForeignKey("dossier_gebeurtenis.id", ondelete="CASCADE"), unique=True, nullable=True
    )
    ingetrokken: Mapped[bool] = mapped_column(Boolean, default=False)
    toelichting: Mapped[str | None] = mapped_column(Text, nullable=True)
    vastgelegd_op: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    vastgelegd_door: Mapped[str] = mapped_column(String(100))


class CorrectieRecord(Base):
    """A rectification of a person's data (AVG art. 16): which fields, who, when, why; no old values."""

    __tablename__ = "dossier_correctie"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    persoon_id: Mapped[str] = mapped_column(ForeignKey("dossier_persoon.id", ondelete="CASCADE"), index=True)
    velden: Mapped[str] = mapped_column(String(255))
    toelichting: Mapped[str] = mapped_column(Text)
    moment: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    door: Mapped[str] = mapped_column(String(100))


class AanmeldingRecord(Base):
    """A file opened with a BSN or V-number that another file, outside the opener's scope, holds.

    The new file keeps the numbers as *aangemeld* (``PersoonRecord.vnummer_aangemeld``) until COA
    decides: grant merges it into the existing file, which moves to the opener; refusal drops the
    numbers from the new file (:mod:`doorstroom.dossier.identiteit`). Written once when opened and
    once when decided; never changed after.
    """

    __tablename__ = "dossier_aanmelding"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    persoon_id: Mapped[str | None] = mapped_column(
        ForeignKey("dossier_persoon.id", ondelete="SET NULL"), index=True, nullable=True
    )
    bestaand_id: Mapped[str | None] = mapped_column(
        ForeignKey("dossier_persoon.id", ondelete="SET NULL"), index=True, nullable=True
    )
    bsn: Mapped[str | None] = mapped_column(String(9), nullable=True)
    vnummer: Mapped[str | None] = mapped_column(String(10), nullable=True)
    gemeentecode: Mapped[str | None] = mapped_column(String(6), nullable=True)
    aangevraagd_door: Mapped[str] = mapped_column(String(100))
    aangevraagd_op: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    status: Mapped[str] = mapped_column(String(12), index=True)
    besloten_door: Mapped[str | None] = mapped_column(String(100), nullable=True)
    besloten_op: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    toelichting: Mapped[str | None] = mapped_column(Text, nullable=True)


class TellingRecord(Base):
    """Counts kept when files are removed at the end of their retention term (no personal data)."""

    __tablename__ = "dossier_telling"
    __table_args__ = (UniqueConstraint("gemeentecode", "maand", "soort"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    gemeentecode: Mapped[str] = mapped_column(String(6), index=True)
    maand: Mapped[str] = mapped_column(String(7))
    soort: Mapped[str] = mapped_column(String(40))
    aantal: Mapped[int] = mapped_column(Integer)


class SignaalRecord(Base):
    """A message to a municipality about one of its households (the outbox; issue 23, signals).

    Shaped as a CloudEvent (NL GOV profile: ``type``, ``source``, ``subject``, ``time``, ``data``) so an
    external system can take it over unchanged. It holds no personal data: the subject is the household's
    random id, and ``data`` carries dates, the municipality and a link the receiver fetches with its own
    token. Written in the same transaction as what it announces; never changed.
    """

    __tablename__ = "dossier_signaal"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=nieuw_id)
    gemeentecode: Mapped[str] = mapped_column(String(6), index=True)
    soort: Mapped[str] = mapped_column(String(80))
    bron: Mapped[str] = mapped_column(String(200))
    onderwerp: Mapped[str] = mapped_column(String(36))
    tijd: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    gegevens: Mapped[dict[str, Any]] = mapped_column(JSON)
