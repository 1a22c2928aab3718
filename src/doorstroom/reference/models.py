"""Tables of the reference context: the municipality list in use, population vintages, mergers."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, Float, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from doorstroom.platform.db import Base


class GemeenteRecord(Base):
    """One municipality of the list currently in use (replaced whole on each import)."""

    __tablename__ = "gemeente"

    code: Mapped[str] = mapped_column(String(6), primary_key=True)
    naam: Mapped[str] = mapped_column(String(100))
    provincie: Mapped[str] = mapped_column(String(40))
    inwoners: Mapped[int] = mapped_column(Integer)
    woningvoorraad: Mapped[int | None] = mapped_column(Integer)
    arbeidsmarktregio: Mapped[str | None] = mapped_column(String(100))
    coropgebied: Mapped[str | None] = mapped_column(String(100))
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    peildatum: Mapped[date] = mapped_column(Date)
    bron: Mapped[str] = mapped_column(String(255))


class BevolkingRecord(Base):
    """A municipality's population on 1 January of ``peiljaar``, from a loaded CBS list.

    Huisvestingswet 2014 art. 29(1) needs the vintage of the year before each half year, so every
    vintage loaded with a 1 January reference date is kept, one per year (a reload replaces it).
    """

    __tablename__ = "bevolking"

    peiljaar: Mapped[int] = mapped_column(Integer, primary_key=True)
    gemeentecode: Mapped[str] = mapped_column(String(6), primary_key=True)
    gemeentenaam: Mapped[str] = mapped_column(String(100))
    provincie: Mapped[str] = mapped_column(String(40))
    inwoners: Mapped[int] = mapped_column(Integer)
    woningvoorraad: Mapped[int | None] = mapped_column(Integer)
    arbeidsmarktregio: Mapped[str | None] = mapped_column(String(100))
    coropgebied: Mapped[str | None] = mapped_column(String(100))
    bron: Mapped[str] = mapped_column(String(255))


class SamenvoegingRecord(Base):
    """A recorded municipal merger; a later record for the same date and code supersedes it."""

    __tablename__ = "samenvoeging"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    ingangsdatum: Mapped[date] = mapped_column(Date)
    gemeentecode: Mapped[str] = mapped_column(String(6))
    gemeentenaam: Mapped[str] = mapped_column(String(100))
    provincie: Mapped[str | None] = mapped_column(String(40))
    inwoners: Mapped[int | None] = mapped_column(Integer)
    bron: Mapped[str] = mapped_column(String(255))
    door: Mapped[str] = mapped_column(String(100))
    vastgelegd_op: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class SamenvoegingOnderdeelRecord(Base):
    """A municipality that disappears into a merger."""

    __tablename__ = "samenvoeging_onderdeel"
    __table_args__ = (UniqueConstraint("samenvoeging_id", "gemeentecode"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    samenvoeging_id: Mapped[int] = mapped_column(
        ForeignKey("samenvoeging.id", ondelete="CASCADE"), index=True
    )
    gemeentecode: Mapped[str] = mapped_column(String(6))
