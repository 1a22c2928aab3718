"""Tables of the koppeling context: stored runs, their proposals, the decisions on them, and aggregates.

What a run keeps (AVG art. 5(1)(c), data minimisation): the settings, the municipalities' capacity
and the region mapping, the labour demand table, a SHA-256 fingerprint of every input file (so a
re-run can prove it used the same files, which the planner keeps), the solver's figures and the
conflicts as counts. Per household only what a review needs: the pseudonymous COA reference, the
proposal with its score breakdown and explanation, and the facts the hard criteria look at (size,
care need, binding tie, reception municipality) so an override passes the same validator as the
solver. Education, occupation, network ties and preferences are not stored: they only feed the
score, whose per-criterion values are kept with the proposal.

Every decision is a new row (``koppeling_besluit``): who, when, what and why; nothing is replaced.
After the retention term (``DOORSTROOM_KOPPELING_BEWAARTERMIJN_DAGEN``) ``doorstroom koppeling
opschonen`` deletes the per-household rows and keeps counts per municipality
(``koppeling_run_gemeente``).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from doorstroom.platform.db import Base


class KoppelingRunRecord(Base):
    """One solver run with what is needed to review it and to verify a re-run."""

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
    opgeschoond_op: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    voorstellen: Mapped[list[KoppelingVoorstelRecord]] = relationship(
        back_populates="run", cascade="all, delete-orphan", order_by="KoppelingVoorstelRecord.id"
    )


class KoppelingVoorstelRecord(Base):
    """One proposal of a run, with the household facts its hard criteria need."""

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
    opvang_gemeente: Mapped[str] = mapped_column(String(6))
    zorg: Mapped[str | None] = mapped_column(String(100), nullable=True)
    binding: Mapped[str | None] = mapped_column(String(30), nullable=True)
    binding_gemeente: Mapped[str | None] = mapped_column(String(6), nullable=True)
    run: Mapped[KoppelingRunRecord] = relationship(back_populates="voorstellen")
    besluiten: Mapped[list[KoppelingBesluitRecord]] = relationship(
        back_populates="voorstel", cascade="all, delete-orphan", order_by="KoppelingBesluitRecord.id"
    )


class KoppelingBesluitRecord(Base):
    """One decision of a person on a proposal; the newest decision is the one that holds."""

    __tablename__ = "koppeling_besluit"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    voorstel_id: Mapped[int] = mapped_column(
        ForeignKey("koppeling_voorstel.id", ondelete="CASCADE"), index=True
    )
    besluit: Mapped[str] = mapped_column(String(20))
    gemeentecode: Mapped[str] = mapped_column(String(6))
    door: Mapped[str] = mapped_column(String(100))
    genomen_op: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    toelichting: Mapped[str | None] = mapped_column(Text, nullable=True)
    voorstel: Mapped[KoppelingVoorstelRecord] = relationship(back_populates="besluiten")


class KoppelingRunGemeenteRecord(Base):
    """Counts per municipality of a run whose personal data was removed (``gemeentecode`` None:
    households left unlinked)."""

    __tablename__ = "koppeling_run_gemeente"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("koppeling_run.id", ondelete="CASCADE"), index=True)
    gemeentecode: Mapped[str | None] = mapped_column(String(6), nullable=True)
    voorgesteld_huishoudens: Mapped[int] = mapped_column(Integer)
    voorgesteld_personen: Mapped[int] = mapped_column(Integer)
    geaccepteerd_huishoudens: Mapped[int] = mapped_column(Integer)
    overschreven_weg: Mapped[int] = mapped_column(Integer)
    overschreven_naartoe: Mapped[int] = mapped_column(Integer)
    definitief_huishoudens: Mapped[int] = mapped_column(Integer)
    definitief_personen: Mapped[int] = mapped_column(Integer)
    open_huishoudens: Mapped[int] = mapped_column(Integer)


class KoppelingPeriodeBatchRecord(Base):
    """A run placed as one batch of a taakstelling period (issue 14), with the prices it was given.

    ``prijzen``: per municipality with a positive price ``{gemeentecode, prijs, bindend, spreiding,
    weggestuurd}`` — the mean price per person, in how many of ``scenarios`` it was positive, its
    spread, and how many households of the batch it kept away. ``steekproef``: the batch as sample
    rows for later batches (persons and the best municipalities' scores; no reference, no personal
    facts), emptied with the run's personal data after the retention term. ``eerlijkheid``:
    outcomes by household type, kept as counts (no personal data), for the period's fairness report.
    ``evenwicht``: what the evenwicht option did (margin, level, scale, cost), or null when it was off.
    """

    __tablename__ = "koppeling_periode_batch"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    run_id: Mapped[int] = mapped_column(
        ForeignKey("koppeling_run.id", ondelete="CASCADE"), unique=True, index=True
    )
    periode: Mapped[str] = mapped_column(String(6), index=True)
    methode: Mapped[str] = mapped_column(String(20))
    seed: Mapped[int] = mapped_column(BigInteger)
    scenarios: Mapped[int] = mapped_column(Integer)
    getrokken: Mapped[int] = mapped_column(Integer)
    verwacht_huishoudens: Mapped[float] = mapped_column(Float)
    verwacht_bron: Mapped[str] = mapped_column(Text)
    prijs_seconden: Mapped[float] = mapped_column(Float)
    prijzen: Mapped[list[Any]] = mapped_column(JSON)
    steekproef: Mapped[list[Any]] = mapped_column(JSON)
    eerlijkheid: Mapped[list[Any]] = mapped_column(JSON)
    evenwicht: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
