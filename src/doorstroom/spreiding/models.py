"""Tables of the spreiding context: the locations register, one row per registered version.

A change to a location is never an UPDATE: it is a new row with the next version number and who,
when and why. ``(locatie_id, versie)`` is unique, so two users changing the same location at once
cannot both write version n+1; the loser's transaction is retried on the fresh state
(:mod:`doorstroom.spreiding.register`). Municipality codes carry no foreign key, as in the
taakstelling tables: a version keeps the code valid when it was registered, also after a merger.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from doorstroom.platform.db import Base


class LocatieVersieRecord(Base):
    """One registered version of a reception location."""

    __tablename__ = "spreiding_locatie_versie"
    __table_args__ = (UniqueConstraint("locatie_id", "versie"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    locatie_id: Mapped[str] = mapped_column(String(40), index=True)
    versie: Mapped[int] = mapped_column(Integer)
    naam: Mapped[str] = mapped_column(String(100))
    soort: Mapped[str] = mapped_column(String(20))
    gemeentecode: Mapped[str] = mapped_column(String(6), index=True)
    capaciteit: Mapped[int] = mapped_column(Integer)
    bezetting: Mapped[int] = mapped_column(Integer)
    vergunninghouders: Mapped[int] = mapped_column(Integer)
    amv_capaciteit: Mapped[int] = mapped_column(Integer)
    opening: Mapped[date] = mapped_column(Date)
    sluiting: Mapped[date | None] = mapped_column(Date, nullable=True)
    duurzaam: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    geregistreerd_op: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    geregistreerd_door: Mapped[str] = mapped_column(String(100))
    reden: Mapped[str] = mapped_column(Text)
    bron: Mapped[str] = mapped_column(String(255))
