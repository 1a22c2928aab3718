"""Koppeling over the half year (issue 14): a run placed as a batch of a period, with its prices.

One row per such run: the period, the method, the seed and scenarios of the price estimate, the
prices per municipality, the batch as sample rows for later batches, and outcome counts by
household type (fairness report).

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "koppeling_periode_batch",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column(
            "run_id", sa.Integer(), sa.ForeignKey("koppeling_run.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("periode", sa.String(6), nullable=False),
        sa.Column("methode", sa.String(20), nullable=False),
        sa.Column("seed", sa.BigInteger(), nullable=False),
        sa.Column("scenarios", sa.Integer(), nullable=False),
        sa.Column("getrokken", sa.Integer(), nullable=False),
        sa.Column("verwacht_huishoudens", sa.Float(), nullable=False),
        sa.Column("verwacht_bron", sa.Text(), nullable=False),
        sa.Column("prijs_seconden", sa.Float(), nullable=False),
        sa.Column("prijzen", sa.JSON(), nullable=False),
        sa.Column("steekproef", sa.JSON(), nullable=False),
        sa.Column("eerlijkheid", sa.JSON(), nullable=False),
    )
    op.create_index("ix_koppeling_periode_batch_run_id", "koppeling_periode_batch", ["run_id"], unique=True)
    op.create_index("ix_koppeling_periode_batch_periode", "koppeling_periode_batch", ["periode"])


def downgrade() -> None:
    op.drop_index("ix_koppeling_periode_batch_periode", "koppeling_periode_batch")
    op.drop_index("ix_koppeling_periode_batch_run_id", "koppeling_periode_batch")
    op.drop_table("koppeling_periode_batch")
