"""Foundation: municipalities, taakstelling periods, quotas, realisation, koppelingen, audit log.

Revision ID: 0001
Revises:
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    _gemeente()
    _periode_and_taakstelling()
    _realisatie_and_koppeling()
    _audit()


def _audit() -> None:
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("moment", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(100), nullable=False),
        sa.Column("action", sa.String(20), nullable=False),
        sa.Column("object_type", sa.String(50), nullable=False),
        sa.Column("object_ref", sa.String(255), nullable=False),
        sa.Column("aantal", sa.Integer, nullable=False),
    )


def _gemeente() -> None:
    op.create_table(
        "gemeente",
        sa.Column("code", sa.String(6), primary_key=True),
        sa.Column("naam", sa.String(100), nullable=False),
        sa.Column("provincie", sa.String(40), nullable=False),
        sa.Column("inwoners", sa.Integer, nullable=False),
        sa.Column("woningvoorraad", sa.Integer),
        sa.Column("arbeidsmarktregio", sa.String(100)),
        sa.Column("coropgebied", sa.String(100)),
        sa.Column("latitude", sa.Float),
        sa.Column("longitude", sa.Float),
        sa.Column("peildatum", sa.Date, nullable=False),
        sa.Column("bron", sa.String(255), nullable=False),
    )


def _periode_and_taakstelling() -> None:
    op.create_table(
        "taakstelling_periode",
        sa.Column("periode", sa.String(6), primary_key=True),
        sa.Column("totaal", sa.Integer, nullable=False),
        sa.Column("regel", sa.String(20), nullable=False),
        sa.Column("sleutel", sa.String(40), nullable=False),
        sa.Column("vastgesteld_op", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "taakstelling",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "periode",
            sa.String(6),
            sa.ForeignKey("taakstelling_periode.periode", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("gemeentecode", sa.String(6), nullable=False, index=True),
        sa.Column("gemeentenaam", sa.String(100), nullable=False),
        sa.Column("sleutelwaarde", sa.Integer, nullable=False),
        sa.Column("taakstelling", sa.Integer, nullable=False),
        sa.Column("achterstand", sa.Integer, nullable=False),
        sa.Column("gecorrigeerde_taakstelling", sa.Integer, nullable=False),
        sa.UniqueConstraint("periode", "gemeentecode"),
    )


def _realisatie_and_koppeling() -> None:
    op.create_table(
        "taakstelling_realisatie",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("gemeentecode", sa.String(6), nullable=False, index=True),
        sa.Column("maand", sa.String(7), nullable=False),
        sa.Column("gehuisvest", sa.Integer, nullable=False),
        sa.Column("bron", sa.String(255), nullable=False),
        sa.Column("geimporteerd_op", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("gemeentecode", "maand"),
    )
    op.create_table(
        "taakstelling_koppeling",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("gemeentecode", sa.String(6), nullable=False, index=True),
        sa.Column("huishouden_ref", sa.String(40), nullable=False),
        sa.Column("personen", sa.Integer, nullable=False),
        sa.Column("koppeldatum", sa.Date, nullable=False),
        sa.Column("huisvestingsdatum", sa.Date),
        sa.Column("bron", sa.String(255), nullable=False),
        sa.UniqueConstraint("huishouden_ref", "koppeldatum"),
    )


def downgrade() -> None:
    for table in (
        "audit_log",
        "taakstelling_koppeling",
        "taakstelling_realisatie",
        "taakstelling",
        "taakstelling_periode",
        "gemeente",
    ):
        op.drop_table(table)
