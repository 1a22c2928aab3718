"""Tables of the beleid context: the regimes an operator added.

History, never state: a new version of a regime is a new row with who, when and why, and
``(regime_id, versie)`` is unique, so two operators adding a version at once cannot both write
version n+1.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from doorstroom.platform.db import Base


class RegimeVersieRecord(Base):
    """One version of a regime as its file said it (the shipped file is version 0, not stored)."""

    __tablename__ = "beleid_regime_versie"
    __table_args__ = (UniqueConstraint("regime_id", "versie"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    regime_id: Mapped[str] = mapped_column(String(40), index=True)
    versie: Mapped[int] = mapped_column(Integer)
    inhoud: Mapped[str] = mapped_column(Text)
    bestand: Mapped[str] = mapped_column(String(255))
    toegevoegd_op: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    toegevoegd_door: Mapped[str] = mapped_column(String(100))
    reden: Mapped[str] = mapped_column(Text)
