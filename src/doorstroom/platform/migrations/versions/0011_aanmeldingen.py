"""Aanmeldingen (issue 19, item 3): a file opened with a number another file outside scope holds.

Two nullable, indexed columns on ``dossier_persoon`` keep the numbers as *aangemeld* until COA
decides, and ``dossier_aanmelding`` records each such request with its decision (who, when, why).
``geopend_in`` keeps the municipality a file was opened in, so withdrawing its only koppeling
returns it there (existing files: their municipality now).

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("dossier_persoon") as batch:
        batch.add_column(sa.Column("vnummer_aangemeld", sa.String(10), nullable=True))
        batch.add_column(sa.Column("bsn_aangemeld", sa.String(9), nullable=True))
        batch.add_column(sa.Column("geopend_in", sa.String(6), nullable=True))
        batch.create_index("ix_dossier_persoon_vnummer_aangemeld", ["vnummer_aangemeld"])
        batch.create_index("ix_dossier_persoon_bsn_aangemeld", ["bsn_aangemeld"])
    persoon = "dossier_persoon.id"
    op.create_table(
        "dossier_aanmelding",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("persoon_id", sa.String(36), sa.ForeignKey(persoon, ondelete="SET NULL"), nullable=True),
        sa.Column("bestaand_id", sa.String(36), sa.ForeignKey(persoon, ondelete="SET NULL"), nullable=True),
        sa.Column("bsn", sa.String(9), nullable=True),
        sa.Column("vnummer", sa.String(10), nullable=True),
        sa.Column("gemeentecode", sa.String(6), nullable=True),
        sa.Column("aangevraagd_door", sa.String(100), nullable=False),
        sa.Column("aangevraagd_op", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("besloten_door", sa.String(100), nullable=True),
        sa.Column("besloten_op", sa.DateTime(timezone=True), nullable=True),
        sa.Column("toelichting", sa.Text, nullable=True),
    )
    for column in ("persoon_id", "bestaand_id", "status"):
        op.create_index(f"ix_dossier_aanmelding_{column}", "dossier_aanmelding", [column])


def downgrade() -> None:
    op.drop_table("dossier_aanmelding")
    with op.batch_alter_table("dossier_persoon") as batch:
        batch.drop_index("ix_dossier_persoon_bsn_aangemeld")
        batch.drop_index("ix_dossier_persoon_vnummer_aangemeld")
        batch.drop_column("geopend_in")
        batch.drop_column("bsn_aangemeld")
        batch.drop_column("vnummer_aangemeld")
