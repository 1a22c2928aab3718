"""Tables of the taakstelling context.

Municipality codes are stored as text without a foreign key to ``gemeente``: a period's rows must
keep the codes valid at the time, even after a later municipal merger replaces the list. Codes are
checked against the list in use when rows are written.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from doorstroom.db import Base


class PeriodeRecord(Base):
    """A half year whose national total has been set and split (*vastgesteld*)."""

    __tablename__ = "taakstelling_periode"

    periode: Mapped[str] = mapped_column(String(6), primary_key=True)
    totaal: Mapped[int] = mapped_column(Integer)
    regel: Mapped[str] = mapped_column(String(20))
    sleutel: Mapped[str] = mapped_column(String(40))
    vastgesteld_op: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class TaakstellingRecord(Base):
    """One municipality's quota for a period, with the carry-over from the period before."""

    __tablename__ = "taakstelling"
    __table_args__ = (UniqueConstraint("periode", "gemeentecode"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    periode: Mapped[str] = mapped_column(ForeignKey("taakstelling_periode.periode", ondelete="CASCADE"))
    gemeentecode: Mapped[str] = mapped_column(String(6), index=True)
    gemeentenaam: Mapped[str] = mapped_column(String(100))
    sleutelwaarde: Mapped[int] = mapped_column(Integer)
    taakstelling: Mapped[int] = mapped_column(Integer)
    achterstand: Mapped[int] = mapped_column(Integer)
    gecorrigeerde_taakstelling: Mapped[int] = mapped_column(Integer)


class RealisatieRecord(Base):
    """Persons housed by a municipality in one month (as reported to COA/the province)."""

    __tablename__ = "taakstelling_realisatie"
    __table_args__ = (UniqueConstraint("gemeentecode", "maand"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    gemeentecode: Mapped[str] = mapped_column(String(6), index=True)
    maand: Mapped[str] = mapped_column(String(7))
    gehuisvest: Mapped[int] = mapped_column(Integer)
    bron: Mapped[str] = mapped_column(String(255))
    geimporteerd_op: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class KoppelingMeldingRecord(Base):
    """A koppeling by COA as the municipality received it: pseudonymous household reference only."""

    __tablename__ = "taakstelling_koppeling"
    __table_args__ = (UniqueConstraint("huishouden_ref", "koppeldatum"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    gemeentecode: Mapped[str] = mapped_column(String(6), index=True)
    huishouden_ref: Mapped[str] = mapped_column(String(40))
    personen: Mapped[int] = mapped_column(Integer)
    koppeldatum: Mapped[date] = mapped_column(Date)
    huisvestingsdatum: Mapped[date | None] = mapped_column(Date)
    bron: Mapped[str] = mapped_column(String(255))
