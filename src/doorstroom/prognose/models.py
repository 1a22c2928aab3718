"""Tables of the prognose: stored forecasts, so a page can show one without computing it again."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, DateTime, ForeignKey, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from doorstroom.platform.db import Base


class PrognoseRunRecord(Base):
    """One forecast: the scenario as TOML, how it was run, its JSON document and its workbook.

    A forecast is repeatable from ``scenario``, ``paden``, ``maanden`` and ``seed``; the document and
    the workbook are kept so that showing and downloading it costs nothing.
    """

    __tablename__ = "prognose_run"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    naam: Mapped[str] = mapped_column(String(100))
    aangemaakt_op: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    aangemaakt_door: Mapped[str] = mapped_column(String(100))
    scenario: Mapped[str] = mapped_column(Text)
    start: Mapped[str] = mapped_column(String(7))
    maanden: Mapped[int] = mapped_column(Integer)
    paden: Mapped[int] = mapped_column(Integer)
    seed: Mapped[int] = mapped_column(BigInteger)
    kenmerk: Mapped[str] = mapped_column(String(200))
    document: Mapped[dict[str, Any]] = mapped_column(JSON)
    werkboek: Mapped[bytes] = mapped_column(LargeBinary)


class PrognoseDelingRecord(Base):
    """One marking of the chain's shared forecast: which (None: none, the built-in default again),
    who, when and why. The newest line holds; earlier lines are the history, never overwritten."""

    __tablename__ = "prognose_deling"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    prognose_id: Mapped[int | None] = mapped_column(ForeignKey("prognose_run.id"), nullable=True)
    gedeeld_op: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    gedeeld_door: Mapped[str] = mapped_column(String(100))
    reden: Mapped[str] = mapped_column(String(2000))
