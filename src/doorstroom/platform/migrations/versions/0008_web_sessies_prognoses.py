"""Web sessions (digest, CSRF token, lifetime) and stored forecasts for the web application.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "gebruiker_sessie",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "gebruiker_id", sa.Integer, sa.ForeignKey("gebruiker.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("digest", sa.String(64), nullable=False, unique=True),
        sa.Column("csrf", sa.String(64), nullable=False),
        sa.Column("aangemaakt_op", sa.DateTime(timezone=True), nullable=False),
        sa.Column("laatst_gebruikt_op", sa.DateTime(timezone=True), nullable=False),
        sa.Column("verloopt_op", sa.DateTime(timezone=True), nullable=False),
        sa.Column("beeindigd_op", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_index("ix_gebruiker_sessie_gebruiker_id", "gebruiker_sessie", ["gebruiker_id"])
    op.create_table(
        "prognose_run",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("naam", sa.String(100), nullable=False),
        sa.Column("aangemaakt_op", sa.DateTime(timezone=True), nullable=False),
        sa.Column("aangemaakt_door", sa.String(100), nullable=False),
        sa.Column("scenario", sa.Text, nullable=False),
        sa.Column("start", sa.String(7), nullable=False),
        sa.Column("maanden", sa.Integer, nullable=False),
        sa.Column("paden", sa.Integer, nullable=False),
        sa.Column("seed", sa.BigInteger, nullable=False),
        sa.Column("kenmerk", sa.String(200), nullable=False),
        sa.Column("document", sa.JSON, nullable=False),
        sa.Column("werkboek", sa.LargeBinary, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("prognose_run")
    op.drop_index("ix_gebruiker_sessie_gebruiker_id", table_name="gebruiker_sessie")
    op.drop_table("gebruiker_sessie")
