"""Evenwicht (issue 14, item 5): what balancing across arrival weeks did to a priced batch.

A nullable JSON column on ``koppeling_periode_batch``: the margin, the level aimed at, the scale of
the prices, and the estimated value given up; null for batches placed without the option.

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("koppeling_periode_batch") as batch:
        batch.add_column(sa.Column("evenwicht", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("koppeling_periode_batch") as batch:
        batch.drop_column("evenwicht")
