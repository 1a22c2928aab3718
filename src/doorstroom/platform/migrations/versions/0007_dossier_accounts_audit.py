"""Case file (dossier), accounts and tokens; the audit log becomes hash-chained and append-only.

Existing audit lines are chained in id order during the upgrade, so ``doorstroom audit controleer``
accepts a database that already had a trail. Triggers refuse UPDATE and DELETE on ``audit_log``
on both databases (append-only); the chain makes any change made around them visible.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

_SQLITE_TRIGGERS = (
    "CREATE TRIGGER audit_log_geen_update BEFORE UPDATE ON audit_log "
    "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
    "CREATE TRIGGER audit_log_geen_delete BEFORE DELETE ON audit_log "
    "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
)
_PG_TRIGGERS = (
    "CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS "
    "$$ BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$",
    "CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log "
    "FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()",
)


def upgrade() -> None:
    _audit()
    _accounts()
    _dossier()


def _audit() -> None:
    with op.batch_alter_table("audit_log") as batch:
        batch.add_column(sa.Column("volgnummer", sa.Integer, nullable=True))
        batch.add_column(sa.Column("velden", sa.Text, nullable=False, server_default=""))
        batch.add_column(sa.Column("objecten", sa.Text, nullable=False, server_default="[]"))
        batch.add_column(sa.Column("doel", sa.String(100), nullable=False, server_default="niet opgegeven"))
        batch.add_column(sa.Column("vorige_hash", sa.String(64), nullable=True))
        batch.add_column(sa.Column("hash", sa.String(64), nullable=True))
    op.create_table(
        "audit_keten",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("volgnummer", sa.Integer, nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
    )
    _chain_existing_lines()
    with op.batch_alter_table("audit_log") as batch:
        batch.alter_column("volgnummer", existing_type=sa.Integer, nullable=False)
        batch.alter_column("vorige_hash", existing_type=sa.String(64), nullable=False)
        batch.alter_column("hash", existing_type=sa.String(64), nullable=False)
        batch.alter_column("velden", existing_type=sa.Text, server_default=None)
        batch.alter_column("objecten", existing_type=sa.Text, server_default=None)
        batch.alter_column("doel", existing_type=sa.String(100), server_default=None)
        batch.create_unique_constraint("uq_audit_log_volgnummer", ["volgnummer"])
    statements = _PG_TRIGGERS if op.get_bind().dialect.name == "postgresql" else _SQLITE_TRIGGERS
    for statement in statements:
        op.execute(statement)


def _chain_existing_lines() -> None:
    """Number and hash the lines written before this revision, oldest first."""
    from doorstroom.platform.audit import GENESIS, AuditRecord, line_hash

    bind = op.get_bind()
    log = sa.table(
        "audit_log",
        sa.column("id", sa.Integer),
        sa.column("moment", sa.DateTime(timezone=True)),
        sa.column("actor", sa.String),
        sa.column("action", sa.String),
        sa.column("object_type", sa.String),
        sa.column("object_ref", sa.String),
        sa.column("aantal", sa.Integer),
    )
    previous, number = GENESIS, 0
    for row in bind.execute(sa.select(log).order_by(log.c.id)).all():
        number += 1
        line = AuditRecord(
            volgnummer=number,
            moment=row.moment,
            actor=row.actor,
            action=row.action,
            object_type=row.object_type,
            object_ref=row.object_ref,
            aantal=row.aantal,
            velden="",
            objecten="[]",
            doel="niet opgegeven",
            vorige_hash=previous,
        )
        digest = line_hash(line)
        bind.execute(
            sa.text("UPDATE audit_log SET volgnummer=:n, vorige_hash=:v, hash=:h WHERE id=:id"),
            {"n": number, "v": previous, "h": digest, "id": row.id},
        )
        previous = digest
    bind.execute(
        sa.text("INSERT INTO audit_keten (id, volgnummer, hash) VALUES (1, :n, :h)"),
        {"n": number, "h": previous},
    )


def _accounts() -> None:
    op.create_table(
        "gebruiker",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("gebruikersnaam", sa.String(50), nullable=False, unique=True),
        sa.Column("rol", sa.String(20), nullable=False),
        sa.Column("gemeentecode", sa.String(6), nullable=True),
        sa.Column("provincie", sa.String(40), nullable=True),
        sa.Column("wachtwoord_hash", sa.String(255), nullable=True),
        sa.Column("oidc_issuer", sa.String(255), nullable=True),
        sa.Column("oidc_subject", sa.String(255), nullable=True),
        sa.Column("actief", sa.Boolean, nullable=False),
        sa.Column("aangemaakt_op", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("oidc_issuer", "oidc_subject"),
    )
    op.create_table(
        "gebruiker_token",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "gebruiker_id", sa.Integer, sa.ForeignKey("gebruiker.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("digest", sa.String(64), nullable=False, unique=True),
        sa.Column("omschrijving", sa.String(100), nullable=False),
        sa.Column("aangemaakt_op", sa.DateTime(timezone=True), nullable=False),
        sa.Column("verloopt_op", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ingetrokken_op", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_index("ix_gebruiker_token_gebruiker_id", "gebruiker_token", ["gebruiker_id"])


def _dossier() -> None:
    op.create_table(
        "dossier_huishouden",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("referentie", sa.String(40), nullable=True, unique=True),
        sa.Column("gemeentecode", sa.String(6), nullable=True),
        sa.Column("versie", sa.Integer, nullable=False),
        sa.Column("aangemaakt_op", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_dossier_huishouden_gemeentecode", "dossier_huishouden", ["gemeentecode"])
    _persoon()
    _gebeurtenis()
    op.create_table(
        "dossier_correctie",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "persoon_id",
            sa.String(36),
            sa.ForeignKey("dossier_persoon.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("velden", sa.String(255), nullable=False),
        sa.Column("toelichting", sa.Text, nullable=False),
        sa.Column("moment", sa.DateTime(timezone=True), nullable=False),
        sa.Column("door", sa.String(100), nullable=False),
    )
    op.create_index("ix_dossier_correctie_persoon_id", "dossier_correctie", ["persoon_id"])
    op.create_table(
        "dossier_telling",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("gemeentecode", sa.String(6), nullable=False),
        sa.Column("maand", sa.String(7), nullable=False),
        sa.Column("soort", sa.String(40), nullable=False),
        sa.Column("aantal", sa.Integer, nullable=False),
        sa.UniqueConstraint("gemeentecode", "maand", "soort"),
    )
    op.create_index("ix_dossier_telling_gemeentecode", "dossier_telling", ["gemeentecode"])


def _persoon() -> None:
    op.create_table(
        "dossier_persoon",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("geslachtsnaam", sa.String(200), nullable=False),
        sa.Column("voornamen", sa.String(200), nullable=True),
        sa.Column("geboortedatum", sa.Date, nullable=False),
        sa.Column("gemeentecode", sa.String(6), nullable=True),
        sa.Column(
            "huishouden_id",
            sa.String(36),
            sa.ForeignKey("dossier_huishouden.id", ondelete="SET NULL"),
            nullable=True,
        ),
        sa.Column("vnummer", sa.String(10), nullable=True, unique=True),
        sa.Column("bsn", sa.String(9), nullable=True, unique=True),
        sa.Column("casemanager", sa.String(50), nullable=True),
        sa.Column("fase", sa.String(20), nullable=False),
        sa.Column("in_opvang", sa.Boolean, nullable=False),
        sa.Column("laatste_gebeurtenis", sa.Date, nullable=True),
        sa.Column("versie", sa.Integer, nullable=False),
        sa.Column("aangemaakt_op", sa.DateTime(timezone=True), nullable=False),
    )
    for column in ("gemeentecode", "huishouden_id", "casemanager", "fase", "in_opvang"):
        op.create_index(f"ix_dossier_persoon_{column}", "dossier_persoon", [column])
    op.create_index(
        "ix_dossier_persoon_gemeente_naam", "dossier_persoon", ["gemeentecode", "geslachtsnaam", "id"]
    )


def _gebeurtenis() -> None:
    op.create_table(
        "dossier_gebeurtenis",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column(
            "persoon_id",
            sa.String(36),
            sa.ForeignKey("dossier_persoon.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("soort", sa.String(40), nullable=False),
        sa.Column("datum", sa.Date, nullable=False),
        sa.Column("gegevens", sa.JSON, nullable=False),
        sa.Column("bron", sa.String(20), nullable=False),
        sa.Column("bron_sleutel", sa.String(120), nullable=True),
        sa.Column(
            "vervangt",
            sa.String(36),
            sa.ForeignKey("dossier_gebeurtenis.id", ondelete="CASCADE"),
            nullable=True,
            unique=True,
        ),
        sa.Column("ingetrokken", sa.Boolean, nullable=False),
        sa.Column("toelichting", sa.Text, nullable=True),
        sa.Column("vastgelegd_op", sa.DateTime(timezone=True), nullable=False),
        sa.Column("vastgelegd_door", sa.String(100), nullable=False),
        sa.UniqueConstraint("persoon_id", "bron_sleutel"),
    )
    op.create_index("ix_dossier_gebeurtenis_persoon_id", "dossier_gebeurtenis", ["persoon_id"])
    op.create_index("ix_dossier_gebeurtenis_soort", "dossier_gebeurtenis", ["soort"])


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS audit_log_append_only ON audit_log")
        op.execute("DROP FUNCTION IF EXISTS audit_log_append_only()")
    else:
        op.execute("DROP TRIGGER IF EXISTS audit_log_geen_update")
        op.execute("DROP TRIGGER IF EXISTS audit_log_geen_delete")
    for table in (
        "dossier_telling",
        "dossier_correctie",
        "dossier_gebeurtenis",
        "dossier_persoon",
        "dossier_huishouden",
        "gebruiker_token",
        "gebruiker",
        "audit_keten",
    ):
        op.drop_table(table)
    with op.batch_alter_table("audit_log") as batch:
        batch.drop_constraint("uq_audit_log_volgnummer", type_="unique")
        for column in ("hash", "vorige_hash", "doel", "objecten", "velden", "volgnummer"):
            batch.drop_column(column)
