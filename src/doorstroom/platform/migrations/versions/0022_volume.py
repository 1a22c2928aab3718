"""National volume (issue 22): kept figures, an indexed audit inspection, shared throttle and jobs.

* ``dossier_persoon.verhuisd_op/_naar/_maand``: the first current move-in of each person, derived
  by the service with the phase, so realisation is counted per municipality and month from an
  index instead of from every event; filled here from the existing events.
* ``ix_taakstelling_koppeling_voortgang``: supervision sums koppelingen per municipality from a
  covering index.
* ``audit_object``: which audit line names which record (an AVG inspection without scanning the
  log), filled from the existing lines, append-only like the log.
* ``gebruiker_aanmeldpoging`` (the login throttle) and ``achtergrondtaak`` (background jobs):
  shared by every worker of a deployment.

Revision ID: 0022_volume
Revises: 0011
Create Date: 2026-12-20
"""

from __future__ import annotations

import json
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0022_volume"
down_revision = "0011"
branch_labels = None
depends_on = None

_SQLITE_TRIGGERS = (
    "CREATE TRIGGER audit_object_geen_update BEFORE UPDATE ON audit_object "
    "BEGIN SELECT RAISE(ABORT, 'audit_object is append-only'); END",
    "CREATE TRIGGER audit_object_geen_delete BEFORE DELETE ON audit_object "
    "BEGIN SELECT RAISE(ABORT, 'audit_object is append-only'); END",
)
_POSTGRES_TRIGGERS = (
    "CREATE OR REPLACE FUNCTION audit_object_append_only() RETURNS trigger LANGUAGE plpgsql AS "
    "$$ BEGIN RAISE EXCEPTION 'audit_object is append-only'; END $$",
    "CREATE TRIGGER audit_object_append_only BEFORE UPDATE OR DELETE ON audit_object "
    "FOR EACH ROW EXECUTE FUNCTION audit_object_append_only()",
)


def upgrade() -> None:
    _verhuizingen()
    op.create_index(
        "ix_taakstelling_koppeling_voortgang",
        "taakstelling_koppeling",
        ["koppeldatum", "huisvestingsdatum", "gemeentecode", "personen"],
    )
    op.create_index(
        "ix_taakstelling_koppeling_open",
        "taakstelling_koppeling",
        ["huisvestingsdatum", "koppeldatum", "gemeentecode"],
    )
    _audit_object()
    _aanmeldpoging()
    _achtergrondtaak()


def _verhuizingen() -> None:
    with op.batch_alter_table("dossier_persoon") as batch:
        batch.add_column(sa.Column("verhuisd_op", sa.Date, nullable=True))
        batch.add_column(sa.Column("verhuisd_naar", sa.String(6), nullable=True))
        batch.add_column(sa.Column("verhuisd_maand", sa.String(7), nullable=True))
        batch.create_index("ix_dossier_persoon_verhuisd", ["verhuisd_maand", "verhuisd_naar"])
    bind = op.get_bind()
    rows = bind.execute(
        sa.text(
            "SELECT g.persoon_id, g.datum, g.gegevens FROM dossier_gebeurtenis g "
            "WHERE g.soort = 'huisvesting' AND NOT g.ingetrokken AND NOT EXISTS "
            "(SELECT 1 FROM dossier_gebeurtenis v WHERE v.vervangt = g.id) "
            "ORDER BY g.datum, g.vastgelegd_op, g.id"
        )
    )
    eerste: dict[str, dict[str, Any]] = {}
    for persoon_id, datum, gegevens in rows:
        data = json.loads(gegevens) if isinstance(gegevens, str) else (gegevens or {})
        if persoon_id not in eerste:
            dag = str(datum)[:10]  # SQLite returns the stored text, PostgreSQL a date
            code = str(data.get("gemeentecode", "")) or None
            eerste[persoon_id] = {"p": persoon_id, "d": dag, "c": code, "m": dag[:7]}
    update = sa.text(
        "UPDATE dossier_persoon SET verhuisd_op = :d, verhuisd_naar = :c, verhuisd_maand = :m WHERE id = :p"
    )
    waarden = list(eerste.values())
    if waarden:
        bind.execute(update, waarden)


def _audit_object() -> None:
    op.create_table(
        "audit_object",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("volgnummer", sa.Integer, nullable=False),
        sa.Column("object_id", sa.String(255), nullable=False),
    )
    op.create_index("ix_audit_object_object", "audit_object", ["object_id", "volgnummer"])
    bind = op.get_bind()
    links: list[dict[str, Any]] = []
    for volgnummer, objecten in bind.execute(sa.text("SELECT volgnummer, objecten FROM audit_log")):
        try:
            ids = json.loads(objecten or "[]")
        except ValueError:
            continue
        if isinstance(ids, list):
            links.extend({"v": volgnummer, "o": str(i)} for i in ids if len(str(i)) <= 255)
    if links:
        bind.execute(sa.text("INSERT INTO audit_object (volgnummer, object_id) VALUES (:v, :o)"), links)
    for statement in _POSTGRES_TRIGGERS if bind.dialect.name == "postgresql" else _SQLITE_TRIGGERS:
        op.execute(statement)


def _aanmeldpoging() -> None:
    op.create_table(
        "gebruiker_aanmeldpoging",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("sleutel", sa.String(120), nullable=False),
        sa.Column("moment", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_gebruiker_aanmeldpoging_sleutel", "gebruiker_aanmeldpoging", ["sleutel", "moment"])
    op.create_index("ix_gebruiker_aanmeldpoging_moment", "gebruiker_aanmeldpoging", ["moment"])


def _achtergrondtaak() -> None:
    op.create_table(
        "achtergrondtaak",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("eigenaar", sa.String(100), nullable=False),
        sa.Column("soort", sa.String(40), nullable=False),
        sa.Column("omschrijving", sa.String(255), nullable=False),
        sa.Column("opdracht", sa.JSON, nullable=False),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("voortgang", sa.Float, nullable=False),
        sa.Column("resultaat", sa.JSON, nullable=True),
        sa.Column("fouten", sa.JSON, nullable=False),
        sa.Column("aangemaakt_op", sa.DateTime(timezone=True), nullable=False),
        sa.Column("klaar_op", sa.DateTime(timezone=True), nullable=True),
        sa.Column("werker", sa.String(100), nullable=True),
        sa.Column("levensteken", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_index("ix_achtergrondtaak_status", "achtergrondtaak", ["status"])


def downgrade() -> None:
    op.drop_table("achtergrondtaak")
    op.drop_table("gebruiker_aanmeldpoging")
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS audit_object_append_only ON audit_object")
        op.execute("DROP FUNCTION IF EXISTS audit_object_append_only()")
    op.drop_table("audit_object")
    op.drop_index("ix_taakstelling_koppeling_open", "taakstelling_koppeling")
    op.drop_index("ix_taakstelling_koppeling_voortgang", "taakstelling_koppeling")
    with op.batch_alter_table("dossier_persoon") as batch:
        batch.drop_index("ix_dossier_persoon_verhuisd")
        batch.drop_column("verhuisd_maand")
        batch.drop_column("verhuisd_naar")
        batch.drop_column("verhuisd_op")
