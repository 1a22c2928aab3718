"""Tables of the taakstelling context.

A period's taakstelling is history, not state: every fixing (*vaststelling*) is a new version with
who, when and why, and the rows of earlier versions stay. The current taakstelling of a period is
its highest version. Agreed swaps (art. 29(2)) are separate records of their own, applied on read,
so every output of the period shows them beside the statutory number.

Municipality codes are stored as text without a foreign key to ``gemeente``: a period's rows must
keep the codes valid at the time, even after a later municipal merger replaces the list.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from doorstroom.platform.db import Base


class VaststellingRecord(Base):
    """One version of a half year's taakstelling: the settings it was computed with, who and why."""

    __tablename__ = "taakstelling_vaststelling"
    __table_args__ = (UniqueConstraint("periode", "versie"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    periode: Mapped[str] = mapped_column(String(6), index=True)
    versie: Mapped[int] = mapped_column(Integer)
    totaal: Mapped[int] = mapped_column(Integer)
    landelijk_bron: Mapped[str] = mapped_column(String(255))
    regel: Mapped[str] = mapped_column(String(20))
    sleutel: Mapped[str] = mapped_column(String(255))
    peiljaar: Mapped[int | None] = mapped_column(Integer)
    bevolking_bron: Mapped[str] = mapped_column(String(255))
    achterstand_bron: Mapped[str] = mapped_column(String(255))
    vastgesteld_op: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    door: Mapped[str] = mapped_column(String(100))
    reden: Mapped[str | None] = mapped_column(String(2000))


class TaakstellingRecord(Base):
    """One municipality's quota in one version, with the carry-over it started from."""

    __tablename__ = "taakstelling_regel"
    __table_args__ = (UniqueConstraint("vaststelling_id", "gemeentecode"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    vaststelling_id: Mapped[int] = mapped_column(
        ForeignKey("taakstelling_vaststelling.id", ondelete="CASCADE"), index=True
    )
    gemeentecode: Mapped[str] = mapped_column(String(6), index=True)
    gemeentenaam: Mapped[str] = mapped_column(String(100))
    sleutelwaarde: Mapped[int] = mapped_column(Integer)
    taakstelling: Mapped[int] = mapped_column(Integer)
    achterstand: Mapped[int] = mapped_column(Integer)
    overgenomen: Mapped[int] = mapped_column(Integer)
    """The part of ``achterstand`` carried over from municipalities that merged into this one."""


class RuilRecord(Base):
    """An agreement under art. 29(2) Huisvestingswet: municipalities jointly change their numbers."""

    __tablename__ = "taakstelling_ruil"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    periode: Mapped[str] = mapped_column(String(6), index=True)
    kenmerk: Mapped[str] = mapped_column(String(255))
    bron: Mapped[str] = mapped_column(String(255))
    door: Mapped[str] = mapped_column(String(100))
    vastgelegd_op: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class RuilRegelRecord(Base):
    """One municipality's change in a swap agreement (persons; the changes sum to zero)."""

    __tablename__ = "taakstelling_ruil_regel"
    __table_args__ = (UniqueConstraint("ruil_id", "gemeentecode"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    ruil_id: Mapped[int] = mapped_column(ForeignKey("taakstelling_ruil.id", ondelete="CASCADE"), index=True)
    gemeentecode: Mapped[str] = mapped_column(String(6))
    wijziging: Mapped[int] = mapped_column(Integer)


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
    __table_args__ = (
        UniqueConstraint("huishouden_ref", "koppeldatum"),
        Index(
            "ix_taakstelling_koppeling_voortgang",
            "koppeldatum",
            "huisvestingsdatum",
            "gemeentecode",
            "personen",
        ),
        Index("ix_taakstelling_koppeling_open", "huisvestingsdatum", "koppeldatum", "gemeentecode"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    gemeentecode: Mapped[str] = mapped_column(String(6), index=True)
    huishouden_ref: Mapped[str] = mapped_column(String(40))
    personen: Mapped[int] = mapped_column(Integer)
    koppeldatum: Mapped[date] = mapped_column(Date)
    huisvestingsdatum: Mapped[date | None] = mapped_column(Date)
    bron: Mapped[str] = mapped_column(String(255))
