"""The shared forecast as history (issue 20, item 8): ``prognose_deling``, one line per marking.

A stored forecast is its maker's until a national planner marks one as the chain's shared forecast;
each marking (or withdrawal: no forecast) is a new line with who, when and why, never an overwritten
flag, so the history of which forecast the chain planned on stays readable.

Revision ID: 0027_prognose_deling
Revises: 0023_keten
Create Date: 2026-12-08
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0027_prognose_deling"
down_revision = "0023_keten"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "prognose_deling",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("prognose_id", sa.Integer, sa.ForeignKey("prognose_run.id"), nullable=True),
        sa.Column("gedeeld_op", sa.DateTime(timezone=True), nullable=False),
        sa.Column("gedeeld_door", sa.String(100), nullable=False),
        sa.Column("reden", sa.String(2000), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("prognose_deling")
