"""Huisvesting (issue 25): the supply register per municipality and the versions of the money table.

Revision ID: 0025_huisvesting
Revises: 0024_beleid
Create Date: 2026-12-08
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0025_huisvesting"
down_revision = "0024_beleid"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "huisvesting_aanbod_versie",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("gemeentecode", sa.String(6), nullable=False),
        sa.Column("kenmerk", sa.String(40), nullable=False),
        sa.Column("versie", sa.Integer, nullable=False),
        sa.Column("naam", sa.String(100), nullable=False),
        sa.Column("soort", sa.String(30), nullable=False),
        sa.Column("eenheden", sa.Integer, nullable=False),
        sa.Column("personen", sa.Integer, nullable=False),
        sa.Column("beschikbaar", sa.Date, nullable=False),
        sa.Column("einde", sa.Date, nullable=True),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("bron", sa.String(255), nullable=False),
        sa.Column("kosten_eenmalig", sa.Float, nullable=True),
        sa.Column("kosten_per_maand", sa.Float, nullable=True),
        sa.Column("geregistreerd_op", sa.DateTime(timezone=True), nullable=False),
        sa.Column("geregistreerd_door", sa.String(100), nullable=False),
        sa.Column("reden", sa.Text, nullable=False),
        sa.Column("registratiebron", sa.String(255), nullable=False),
        sa.UniqueConstraint("gemeentecode", "kenmerk", "versie"),
    )
    op.create_index(
        "ix_huisvesting_aanbod_versie_gemeentecode", "huisvesting_aanbod_versie", ["gemeentecode"]
    )
    op.create_table(
        "huisvesting_regelingversie",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("vastgesteld_op", sa.DateTime(timezone=True), nullable=False),
        sa.Column("vastgesteld_door", sa.String(100), nullable=False),
        sa.Column("reden", sa.Text, nullable=False),
        sa.Column("bron", sa.String(255), nullable=False),
    )
    versie = "huisvesting_regelingversie.id"
    op.create_table(
        "huisvesting_regeling",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("versie_id", sa.Integer, sa.ForeignKey(versie, ondelete="CASCADE"), nullable=False),
        sa.Column("volgorde", sa.Integer, nullable=False),
        sa.Column("sleutel", sa.String(40), nullable=False),
        sa.Column("regeling", sa.String(100), nullable=False),
        sa.Column("richting", sa.String(20), nullable=False),
        sa.Column("grondslag", sa.String(30), nullable=False),
        sa.Column("soorten", sa.String(255), nullable=False),
        sa.Column("bedrag", sa.Float, nullable=False),
        sa.Column("bedrag_hoog", sa.Float, nullable=True),
        sa.Column("aandeel", sa.Float, nullable=True),
        sa.Column("eenheid", sa.String(100), nullable=False),
        sa.Column("geldig_van", sa.Date, nullable=True),
        sa.Column("geldig_tot", sa.Date, nullable=True),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("bron", sa.String(255), nullable=False),
        sa.Column("toelichting", sa.Text, nullable=False),
        sa.UniqueConstraint("versie_id", "sleutel"),
    )
    op.create_index("ix_huisvesting_regeling_versie_id", "huisvesting_regeling", ["versie_id"])


def downgrade() -> None:
    op.drop_index("ix_huisvesting_regeling_versie_id", table_name="huisvesting_regeling")
    op.drop_table("huisvesting_regeling")
    op.drop_table("huisvesting_regelingversie")
    op.drop_index("ix_huisvesting_aanbod_versie_gemeentecode", table_name="huisvesting_aanbod_versie")
    op.drop_table("huisvesting_aanbod_versie")
