"""Koppeling: decisions as history, slimmer run storage, aggregates kept after the retention term.

* ``koppeling_besluit``: one row per decision (who, when, what, why). The review columns of
  ``koppeling_voorstel`` held only the last decision; each becomes the first history entry.
* ``koppeling_voorstel`` gains the household facts the hard criteria need (reception municipality,
  care need, binding tie), so an override is checked by the same validator as a solver result.
* A run no longer keeps every household's full input: ``invoer.huishoudens`` (education, sector,
  network, preference, ...) is removed; the region mapping is stored instead; conflicts keep counts,
  not household references.
* ``koppeling_run_gemeente`` and ``koppeling_run.opgeschoond_op``: counts per municipality kept
  when ``doorstroom koppeling opschonen`` removes a run's personal data after its term.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-24
"""

from __future__ import annotations

import csv
import io
from importlib import resources
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

REVIEW_COLUMNS = (
    "beoordeling", "definitieve_gemeentecode", "beoordeeld_door", "beoordeeld_op", "toelichting",
)  # fmt: skip
COUNT_COLUMNS = (
    "voorgesteld_huishoudens", "voorgesteld_personen", "geaccepteerd_huishoudens", "overschreven_weg",
    "overschreven_naartoe", "definitief_huishoudens", "definitief_personen", "open_huishoudens",
)  # fmt: skip
FACT_COLUMNS = ("huishouden_id", "opvang_gemeente", "zorg", "binding", "binding_gemeente")

run_table = sa.table(
    "koppeling_run",
    sa.column("id", sa.Integer),
    sa.column("instellingen", sa.JSON),
    sa.column("invoer", sa.JSON),
    sa.column("conflicten", sa.JSON),
)


def upgrade() -> None:
    op.add_column("koppeling_run", sa.Column("opgeschoond_op", sa.DateTime(timezone=True), nullable=True))
    with op.batch_alter_table("koppeling_voorstel") as batch:
        batch.add_column(sa.Column("opvang_gemeente", sa.String(6), nullable=True))
        batch.add_column(sa.Column("zorg", sa.String(100), nullable=True))
        batch.add_column(sa.Column("binding", sa.String(30), nullable=True))
        batch.add_column(sa.Column("binding_gemeente", sa.String(6), nullable=True))
    _slim_runs()
    decisions = _stored_decisions()
    # SQLite rebuilds the table to drop columns; with foreign keys on, dropping the old table would
    # cascade to koppeling_besluit, so that table is created (and filled) only afterwards.
    with op.batch_alter_table("koppeling_voorstel") as batch:
        for column in REVIEW_COLUMNS:
            batch.drop_column(column)
        batch.alter_column("opvang_gemeente", existing_type=sa.String(6), nullable=False)
    besluit = _create_besluit()
    _create_run_gemeente()
    if decisions:
        op.bulk_insert(besluit, decisions)


def _create_besluit() -> sa.Table:
    table = op.create_table(
        "koppeling_besluit",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "voorstel_id",
            sa.Integer,
            sa.ForeignKey("koppeling_voorstel.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("besluit", sa.String(20), nullable=False),
        sa.Column("gemeentecode", sa.String(6), nullable=False),
        sa.Column("door", sa.String(100), nullable=False),
        sa.Column("genomen_op", sa.DateTime(timezone=True), nullable=False),
        sa.Column("toelichting", sa.Text, nullable=True),
    )
    op.create_index("ix_koppeling_besluit_voorstel_id", "koppeling_besluit", ["voorstel_id"])
    return table


def _create_run_gemeente() -> None:
    op.create_table(
        "koppeling_run_gemeente",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "run_id", sa.Integer, sa.ForeignKey("koppeling_run.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("gemeentecode", sa.String(6), nullable=True),
        *(sa.Column(name, sa.Integer, nullable=False) for name in COUNT_COLUMNS),
    )
    op.create_index("ix_koppeling_run_gemeente_run_id", "koppeling_run_gemeente", ["run_id"])


def _stored_decisions() -> list[dict[str, Any]]:
    """Each stored review, to become the first entry of its proposal's decision history."""
    voorstel = sa.table(
        "koppeling_voorstel",
        sa.column("id", sa.Integer),
        *(sa.column(name, sa.String) for name in REVIEW_COLUMNS if name != "beoordeeld_op"),
        sa.column("beoordeeld_op", sa.DateTime(timezone=True)),
    )
    c = voorstel.c
    query = (
        sa.select(voorstel)
        .where(c.beoordeling != "open", c.definitieve_gemeentecode.is_not(None))
        .where(c.beoordeeld_door.is_not(None), c.beoordeeld_op.is_not(None))
        .order_by(c.id)
    )
    return [
        {"voorstel_id": r.id, "besluit": r.beoordeling, "gemeentecode": r.definitieve_gemeentecode,
         "door": r.beoordeeld_door, "genomen_op": r.beoordeeld_op, "toelichting": r.toelichting}
        for r in op.get_bind().execute(query)
    ]  # fmt: skip


def _slim_runs() -> None:
    """Household facts to their proposals; the rest of each household's input is removed."""
    connection = op.get_bind()
    voorstel = sa.table(
        "koppeling_voorstel",
        sa.column("run_id", sa.Integer),
        sa.column("huishouden_id", sa.String),
        sa.column("opvang_gemeente", sa.String),
        sa.column("zorg", sa.String),
        sa.column("binding", sa.String),
        sa.column("binding_gemeente", sa.String),
    )
    regio = _embedded_regions()
    for run in connection.execute(sa.select(run_table)).mappings().all():
        invoer: dict[str, Any] = dict(run["invoer"] or {})
        for h in invoer.pop("huishoudens", []):
            connection.execute(
                voorstel.update()
                .where(voorstel.c.run_id == run["id"], voorstel.c.huishouden_id == h["huishouden_id"])
                .values(
                    opvang_gemeente=h.get("opvang_gemeente") or "",
                    zorg=h.get("zorg") or None,
                    binding=h.get("binding") or None,
                    binding_gemeente=h.get("binding_gemeente") or None,
                )
            )
        soort = (run["instellingen"] or {}).get("regiosoort", "provincie")
        invoer["regio"] = regio.get(soort, {})
        conflicten = [{**c, "huishoudens": _count(c.get("huishoudens"))} for c in (run["conflicten"] or [])]
        connection.execute(
            run_table.update().where(run_table.c.id == run["id"]).values(invoer=invoer, conflicten=conflicten)
        )
    connection.execute(
        voorstel.update().where(voorstel.c.opvang_gemeente.is_(None)).values(opvang_gemeente="")
    )


def _count(households: object) -> int:
    """Conflicts stored household references; keep how many (a count stays a count)."""
    return len(households) if isinstance(households, list) else int(str(households or 0))


def _embedded_regions() -> dict[str, dict[str, str]]:
    """Region per municipality of the embedded CBS list, per region kind (a region file is not kept)."""
    text = (resources.files("doorstroom.reference") / "data" / "gemeenten.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    return {
        "provincie": {r["gemeentecode"]: r["provincie"] for r in rows},
        "arbeidsmarktregio": {r["gemeentecode"]: r["arbeidsmarktregio"] for r in rows},
    }


def _restore_household_facts() -> None:
    """The previous schema read ties from ``invoer.huishoudens``; removed inputs stay removed."""
    connection = op.get_bind()
    voorstel = sa.table(
        "koppeling_voorstel",
        *(sa.column(name, sa.String) for name in FACT_COLUMNS),
        sa.column("run_id", sa.Integer),
    )
    for run in connection.execute(sa.select(run_table)).mappings().all():
        rows = connection.execute(sa.select(voorstel).where(voorstel.c.run_id == run["id"])).mappings()
        huishoudens = [{key: row[key] or "" for key in FACT_COLUMNS} for row in rows]
        invoer = {**(run["invoer"] or {}), "huishoudens": huishoudens}
        connection.execute(run_table.update().where(run_table.c.id == run["id"]).values(invoer=invoer))


def downgrade() -> None:
    with op.batch_alter_table("koppeling_voorstel") as batch:
        batch.add_column(sa.Column("beoordeling", sa.String(20), nullable=False, server_default="open"))
        batch.add_column(sa.Column("definitieve_gemeentecode", sa.String(6), nullable=True))
        batch.add_column(sa.Column("beoordeeld_door", sa.String(100), nullable=True))
        batch.add_column(sa.Column("beoordeeld_op", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("toelichting", sa.Text, nullable=True))
    op.execute(
        "UPDATE koppeling_voorstel SET "
        + ", ".join(
            f"{target} = (SELECT b.{source} FROM koppeling_besluit b "
            "WHERE b.voorstel_id = koppeling_voorstel.id ORDER BY b.id DESC LIMIT 1)"
            for target, source in (
                ("definitieve_gemeentecode", "gemeentecode"),
                ("beoordeeld_door", "door"),
                ("beoordeeld_op", "genomen_op"),
                ("toelichting", "toelichting"),
            )
        )
    )
    op.execute(
        "UPDATE koppeling_voorstel SET beoordeling = (SELECT b.besluit FROM koppeling_besluit b "
        "WHERE b.voorstel_id = koppeling_voorstel.id ORDER BY b.id DESC LIMIT 1) "
        "WHERE EXISTS (SELECT 1 FROM koppeling_besluit b WHERE b.voorstel_id = koppeling_voorstel.id)"
    )
    _restore_household_facts()
    op.drop_index("ix_koppeling_run_gemeente_run_id", table_name="koppeling_run_gemeente")
    op.drop_table("koppeling_run_gemeente")
    op.drop_index("ix_koppeling_besluit_voorstel_id", table_name="koppeling_besluit")
    op.drop_table("koppeling_besluit")
    with op.batch_alter_table("koppeling_voorstel") as batch:
        for column in ("opvang_gemeente", "zorg", "binding", "binding_gemeente"):
            batch.drop_column(column)
    op.drop_column("koppeling_run", "opgeschoond_op")
