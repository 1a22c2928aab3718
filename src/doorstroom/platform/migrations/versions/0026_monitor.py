"""The person's sex for the monitor's breakdown (issue 26): BRP *geslachtsaanduiding* (M, V, O).

One nullable column on ``dossier_persoon``; existing files keep it empty (counted as *onbekend*).

Revision ID: 0026_monitor
Revises: 0022_volume
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0026_monitor"
down_revision = "0022_volume"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("dossier_persoon") as batch:
        batch.add_column(sa.Column("geslacht", sa.String(1), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("dossier_persoon") as batch:
        batch.drop_column("geslacht")
