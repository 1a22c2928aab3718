"""Tables of the housing plan: the supply register and the versions of the money table.

A change to a supply line is never an UPDATE: it is a new row with the next version number and who,
when and why; ``(gemeentecode, kenmerk, versie)`` is unique, so two users changing the same line at
once cannot both write version n+1 (the loser's transaction runs again on the fresh state). The money
table is replaced whole: each operator update is a numbered version with who, when, why and the file
it came from, and its lines. Municipality codes carry no foreign key, as in the other registers.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from doorstroom.platform.db import Base


class AanbodVersieRecord(Base):
    """One registered version of a line of a municipality's housing supply."""

    __tablename__ = "huisvesting_aanbod_versie"
    __table_args__ = (UniqueConstraint("gemeentecode", "kenmerk", "versie"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    gemeentecode: Mapped[str] = mapped_column(String(6), index=True)
    kenmerk: Mapped[str] = mapped_column(String(40))
    versie: Mapped[int] = mapped_column(Integer)
    naam: Mapped[str] = mapped_column(String(100))
    soort: Mapped[str] = mapped_column(String(30))
    eenheden: Mapped[int] = mapped_column(Integer)
    personen: Mapped[int] = mapped_column(Integer)
    beschikbaar: Mapped[date] = mapped_column(Date)
    einde: Mapped[date | None] = mapped_column(Date, nullable=True)
    status: Mapped[str] = mapped_column(String(20))
    bron: Mapped[str] = mapped_column(String(255))
    kosten_eenmalig: Mapped[float | None] = mapped_column(Float, nullable=True)
    kosten_per_maand: Mapped[float | None] = mapped_column(Float, nullable=True)
    geregistreerd_op: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    geregistreerd_door: Mapped[str] = mapped_column(String(100))
    reden: Mapped[str] = mapped_column(Text)
    registratiebron: Mapped[str] = mapped_column(String(255))


class RegelingversieRecord(Base):
    """One version of the money table: who replaced it, when, why, from which file."""

    __tablename__ = "huisvesting_regelingversie"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    vastgesteld_op: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    vastgesteld_door: Mapped[str] = mapped_column(String(100))
    reden: Mapped[str] = mapped_column(Text)
    bron: Mapped[str] = mapped_column(String(255))


class RegelingRecord(Base):
    """One line of a version of the money table."""

    __tablename__ = "huisvesting_regeling"
    __table_args__ = (UniqueConstraint("versie_id", "sleutel"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    versie_id: Mapped[int] = mapped_column(
        ForeignKey("huisvesting_regelingversie.id", ondelete="CASCADE"), index=True
    )
    volgorde: Mapped[int] = mapped_column(Integer)
    sleutel: Mapped[str] = mapped_column(String(40))
    regeling: Mapped[str] = mapped_column(String(100))
    richting: Mapped[str] = mapped_column(String(20))
    grondslag: Mapped[str] = mapped_column(String(30))
    soorten: Mapped[str] = mapped_column(String(255))
    bedrag: Mapped[float] = mapped_column(Float)
    bedrag_hoog: Mapped[float | None] = mapped_column(Float, nullable=True)
    aandeel: Mapped[float | None] = mapped_column(Float, nullable=True)
    eenheid: Mapped[str] = mapped_column(String(100))
    geldig_van: Mapped[date | None] = mapped_column(Date, nullable=True)
    geldig_tot: Mapped[date | None] = mapped_column(Date, nullable=True)
    status: Mapped[str] = mapped_column(String(20))
    bron: Mapped[str] = mapped_column(String(255))
    toelichting: Mapped[str] = mapped_column(Text)
