"""Beleid (issue 24): regimes an operator adds, versioned.

``beleid_regime_versie`` keeps every version of a regime file with who, when and why; the shipped
regimes are in the package and are not stored.

Revision ID: 0024_beleid
Revises: 0026_monitor
Create Date: 2026-12-08
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0024_beleid"
down_revision = "0026_monitor"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "beleid_regime_versie",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("regime_id", sa.String(40), nullable=False),
        sa.Column("versie", sa.Integer, nullable=False),
        sa.Column("inhoud", sa.Text, nullable=False),
        sa.Column("bestand", sa.String(255), nullable=False),
        sa.Column("toegevoegd_op", sa.DateTime(timezone=True), nullable=False),
        sa.Column("toegevoegd_door", sa.String(100), nullable=False),
        sa.Column("reden", sa.Text, nullable=False),
        sa.UniqueConstraint("regime_id", "versie"),
    )
    op.create_index("ix_beleid_regime_versie_regime_id", "beleid_regime_versie", ["regime_id"])


def downgrade() -> None:
    op.drop_table("beleid_regime_versie")
