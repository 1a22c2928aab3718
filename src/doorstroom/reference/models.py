"""Tables of the reference context: the municipality list in use, with its reference date."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, Float, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from doorstroom.db import Base


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
