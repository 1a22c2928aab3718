"""Spreiding: the reception locations register, one row per registered version.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "spreiding_locatie_versie",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("locatie_id", sa.String(40), nullable=False),
        sa.Column("versie", sa.Integer, nullable=False),
        sa.Column("naam", sa.String(100), nullable=False),
        sa.Column("soort", sa.String(20), nullable=False),
        sa.Column("gemeentecode", sa.String(6), nullable=False),
        sa.Column("capaciteit", sa.Integer, nullable=False),
        sa.Column("bezetting", sa.Integer, nullable=False),
        sa.Column("vergunninghouders", sa.Integer, nullable=False),
        sa.Column("amv_capaciteit", sa.Integer, nullable=False),
        sa.Column("opening", sa.Date, nullable=False),
        sa.Column("sluiting", sa.Date, nullable=True),
        sa.Column("duurzaam", sa.Boolean, nullable=True),
        sa.Column("geregistreerd_op", sa.DateTime(timezone=True), nullable=False),
        sa.Column("geregistreerd_door", sa.String(100), nullable=False),
        sa.Column("reden", sa.Text, nullable=False),
        sa.Column("bron", sa.String(255), nullable=False),
        sa.UniqueConstraint("locatie_id", "versie"),
    )
    op.create_index("ix_spreiding_locatie_versie_locatie_id", "spreiding_locatie_versie", ["locatie_id"])
    op.create_index("ix_spreiding_locatie_versie_gemeentecode", "spreiding_locatie_versie", ["gemeentecode"])


def downgrade() -> None:
    op.drop_index("ix_spreiding_locatie_versie_gemeentecode", table_name="spreiding_locatie_versie")
    op.drop_index("ix_spreiding_locatie_versie_locatie_id", table_name="spreiding_locatie_versie")
    op.drop_table("spreiding_locatie_versie")
