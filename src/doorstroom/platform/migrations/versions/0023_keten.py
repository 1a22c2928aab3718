"""Signals to the municipality (issue 23): ``dossier_signaal``, an outbox of CloudEvents-shaped messages.

Revision ID: 0023_keten
Revises: 0025_huisvesting
Create Date: 2026-12-08
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0023_keten"
down_revision = "0025_huisvesting"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "dossier_signaal",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("gemeentecode", sa.String(6), nullable=False),
        sa.Column("soort", sa.String(80), nullable=False),
        sa.Column("bron", sa.String(200), nullable=False),
        sa.Column("onderwerp", sa.String(36), nullable=False),
        sa.Column("tijd", sa.DateTime(timezone=True), nullable=False),
        sa.Column("gegevens", sa.JSON, nullable=False),
    )
    op.create_index("ix_dossier_signaal_gemeentecode", "dossier_signaal", ["gemeentecode"])
    op.create_index("ix_dossier_signaal_tijd", "dossier_signaal", ["tijd"])


def downgrade() -> None:
    op.drop_table("dossier_signaal")
