"""Koppeling runs and proposals with their review.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "koppeling_run",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("aangemaakt_op", sa.DateTime(timezone=True), nullable=False),
        sa.Column("aangemaakt_door", sa.String(100), nullable=False),
        sa.Column("solver", sa.String(20), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("objective", sa.Float, nullable=True),
        sa.Column("bound", sa.Float, nullable=True),
        sa.Column("gap", sa.Float, nullable=True),
        sa.Column("seconds", sa.Float, nullable=False),
        sa.Column("synthetisch", sa.Boolean, nullable=False),
        sa.Column("instellingen", sa.JSON, nullable=False),
        sa.Column("invoer", sa.JSON, nullable=False),
        sa.Column("conflicten", sa.JSON, nullable=False),
    )
    op.create_table(
        "koppeling_voorstel",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "run_id", sa.Integer, sa.ForeignKey("koppeling_run.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("huishouden_id", sa.String(40), nullable=False),
        sa.Column("gemeentecode", sa.String(6), nullable=True),
        sa.Column("personen", sa.Integer, nullable=False),
        sa.Column("score", sa.Float, nullable=True),
        sa.Column("criteria", sa.JSON, nullable=False),
        sa.Column("uitleg", sa.Text, nullable=False),
        sa.Column("beoordeling", sa.String(20), nullable=False),
        sa.Column("definitieve_gemeentecode", sa.String(6), nullable=True),
        sa.Column("beoordeeld_door", sa.String(100), nullable=True),
        sa.Column("beoordeeld_op", sa.DateTime(timezone=True), nullable=True),
        sa.Column("toelichting", sa.Text, nullable=True),
        sa.UniqueConstraint("run_id", "huishouden_id"),
    )
    op.create_index("ix_koppeling_voorstel_run_id", "koppeling_voorstel", ["run_id"])


def downgrade() -> None:
    op.drop_index("ix_koppeling_voorstel_run_id", table_name="koppeling_voorstel")
    op.drop_table("koppeling_voorstel")
    op.drop_table("koppeling_run")
