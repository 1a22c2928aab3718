"""Tables of the koppeling context: stored runs (inputs, settings, results) and their proposals.

A run is kept whole so a later review can see exactly what the optimiser saw. Every proposal starts
``open``; a person accepts it or overrides it with another municipality and a reason (human
oversight, see ``docs/algoritmeregister.md``). Household data is pseudonymous (COA reference only).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, DateTime, Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from doorstroom.db import Base


class KoppelingRunRecord(Base):
    """One solver run with everything needed to reproduce and review it."""

    __tablename__ = "koppeling_run"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    aangemaakt_op: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    aangemaakt_door: Mapped[str] = mapped_column(String(100))
    solver: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(20))
    objective: Mapped[float | None] = mapped_column(Float, nullable=True)
    bound: Mapped[float | None] = mapped_column(Float, nullable=True)
    gap: Mapped[float | None] = mapped_column(Float, nullable=True)
    seconds: Mapped[float] = mapped_column(Float)
    synthetisch: Mapped[bool] = mapped_column(Boolean)
    instellingen: Mapped[dict[str, Any]] = mapped_column(JSON)
    invoer: Mapped[dict[str, Any]] = mapped_column(JSON)
    conflicten: Mapped[list[Any]] = mapped_column(JSON)
    voorstellen: Mapped[list[KoppelingVoorstelRecord]] = relationship(
        back_populates="run", cascade="all, delete-orphan", order_by="KoppelingVoorstelRecord.id"
    )


class KoppelingVoorstelRecord(Base):
    """One proposal of a run and its review (open, geaccepteerd, overschreven)."""

    __tablename__ = "koppeling_voorstel"
    __table_args__ = (UniqueConstraint("run_id", "huishouden_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("koppeling_run.id", ondelete="CASCADE"), index=True)
    huishouden_id: Mapped[str] = mapped_column(String(40))
    gemeentecode: Mapped[str | None] = mapped_column(String(6), nullable=True)
    personen: Mapped[int] = mapped_column(Integer)
    score: Mapped[float | None] = mapped_column(Float, nullable=True)
    criteria: Mapped[dict[str, Any]] = mapped_column(JSON)
    uitleg: Mapped[str] = mapped_column(Text)
    beoordeling: Mapped[str] = mapped_column(String(20), default="open")
    definitieve_gemeentecode: Mapped[str | None] = mapped_column(String(6), nullable=True)
    beoordeeld_door: Mapped[str | None] = mapped_column(String(100), nullable=True)
    beoordeeld_op: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    toelichting: Mapped[str | None] = mapped_column(Text, nullable=True)
    run: Mapped[KoppelingRunRecord] = relationship(back_populates="voorstellen")
