"""The table of background jobs (a forecast, a koppeling run) that every worker of a deployment shares."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, Float, String
from sqlalchemy.orm import Mapped, mapped_column

from doorstroom.platform.db import Base


class AchtergrondtaakRecord(Base):
    """One job: who asked, what to run (``opdracht``), how far it is, and its result or errors.

    ``werker`` names the process that claimed it and ``levensteken`` is that worker's last sign of
    life: a job whose worker stopped (a restart) is claimed again by any other worker.
    """

    __tablename__ = "achtergrondtaak"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    eigenaar: Mapped[str] = mapped_column(String(100))
    soort: Mapped[str] = mapped_column(String(40))
    omschrijving: Mapped[str] = mapped_column(String(255))
    opdracht: Mapped[dict[str, Any]] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(12), index=True)
    voortgang: Mapped[float] = mapped_column(Float)
    resultaat: Mapped[Any] = mapped_column(JSON, nullable=True)
    fouten: Mapped[list[str]] = mapped_column(JSON)
    aangemaakt_op: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    klaar_op: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    werker: Mapped[str | None] = mapped_column(String(100), nullable=True)
    levensteken: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
