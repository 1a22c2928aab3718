"""Taakstelling as history: versioned fixings, swaps (art. 29(2)), population vintages, mergers.

The single row per period (``taakstelling_periode``) becomes version 1 of that period in
``taakstelling_vaststelling``; its quota rows move to ``taakstelling_regel``. The corrected quota is
no longer stored: it follows from quota, swaps and carry-over on every read, so a swap recorded
later can never leave a stale stored number behind.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    _vaststelling()
    _verplaats_bestaande()
    op.drop_table("taakstelling")
    op.drop_table("taakstelling_periode")
    _ruil()
    _bevolking_en_samenvoeging()


def _vaststelling() -> None:
    op.create_table(
        "taakstelling_vaststelling",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("periode", sa.String(6), nullable=False, index=True),
        sa.Column("versie", sa.Integer, nullable=False),
        sa.Column("totaal", sa.Integer, nullable=False),
        sa.Column("landelijk_bron", sa.String(255), nullable=False),
        sa.Column("regel", sa.String(20), nullable=False),
        sa.Column("sleutel", sa.String(255), nullable=False),
        sa.Column("peiljaar", sa.Integer),
        sa.Column("bevolking_bron", sa.String(255), nullable=False),
        sa.Column("achterstand_bron", sa.String(255), nullable=False),
        sa.Column("vastgesteld_op", sa.DateTime(timezone=True), nullable=False),
        sa.Column("door", sa.String(100), nullable=False),
        sa.Column("reden", sa.String(2000)),
        sa.UniqueConstraint("periode", "versie"),
    )
    op.create_table(
        "taakstelling_regel",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "vaststelling_id",
            sa.Integer,
            sa.ForeignKey("taakstelling_vaststelling.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        sa.Column("gemeentecode", sa.String(6), nullable=False, index=True),
        sa.Column("gemeentenaam", sa.String(100), nullable=False),
        sa.Column("sleutelwaarde", sa.Integer, nullable=False),
        sa.Column("taakstelling", sa.Integer, nullable=False),
        sa.Column("achterstand", sa.Integer, nullable=False),
        sa.Column("overgenomen", sa.Integer, nullable=False),
        sa.UniqueConstraint("vaststelling_id", "gemeentecode"),
    )


def _verplaats_bestaande() -> None:
    """Every period fixed before this revision becomes its version 1, said to be of unknown origin."""
    op.execute(
        "INSERT INTO taakstelling_vaststelling (periode, versie, totaal, landelijk_bron, regel, sleutel, "
        "peiljaar, bevolking_bron, achterstand_bron, vastgesteld_op, door, reden) "
        "SELECT periode, 1, totaal, 'opgegeven', regel, sleutel, NULL, "
        "'CBS 1 januari 2024 (vastgesteld vóór versiebeheer)', 'opgeslagen', vastgesteld_op, "
        "'onbekend (vóór versiebeheer)', NULL FROM taakstelling_periode"
    )
    op.execute(
        "INSERT INTO taakstelling_regel (vaststelling_id, gemeentecode, gemeentenaam, sleutelwaarde, "
        "taakstelling, achterstand, overgenomen) "
        "SELECT v.id, t.gemeentecode, t.gemeentenaam, t.sleutelwaarde, t.taakstelling, t.achterstand, 0 "
        "FROM taakstelling t JOIN taakstelling_vaststelling v ON v.periode = t.periode AND v.versie = 1"
    )


def _ruil() -> None:
    op.create_table(
        "taakstelling_ruil",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("periode", sa.String(6), nullable=False, index=True),
        sa.Column("kenmerk", sa.String(255), nullable=False),
        sa.Column("bron", sa.String(255), nullable=False),
        sa.Column("door", sa.String(100), nullable=False),
        sa.Column("vastgelegd_op", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "taakstelling_ruil_regel",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "ruil_id",
            sa.Integer,
            sa.ForeignKey("taakstelling_ruil.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        sa.Column("gemeentecode", sa.String(6), nullable=False),
        sa.Column("wijziging", sa.Integer, nullable=False),
        sa.UniqueConstraint("ruil_id", "gemeentecode"),
    )


def _bevolking_en_samenvoeging() -> None:
    op.create_table(
        "bevolking",
        sa.Column("peiljaar", sa.Integer, primary_key=True),
        sa.Column("gemeentecode", sa.String(6), primary_key=True),
        sa.Column("gemeentenaam", sa.String(100), nullable=False),
        sa.Column("provincie", sa.String(40), nullable=False),
        sa.Column("inwoners", sa.Integer, nullable=False),
        sa.Column("woningvoorraad", sa.Integer),
        sa.Column("arbeidsmarktregio", sa.String(100)),
        sa.Column("coropgebied", sa.String(100)),
        sa.Column("bron", sa.String(255), nullable=False),
    )
    op.create_table(
        "samenvoeging",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("ingangsdatum", sa.Date, nullable=False),
        sa.Column("gemeentecode", sa.String(6), nullable=False),
        sa.Column("gemeentenaam", sa.String(100), nullable=False),
        sa.Column("provincie", sa.String(40)),
        sa.Column("inwoners", sa.Integer),
        sa.Column("bron", sa.String(255), nullable=False),
        sa.Column("door", sa.String(100), nullable=False),
        sa.Column("vastgelegd_op", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "samenvoeging_onderdeel",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "samenvoeging_id",
            sa.Integer,
            sa.ForeignKey("samenvoeging.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        sa.Column("gemeentecode", sa.String(6), nullable=False),
        sa.UniqueConstraint("samenvoeging_id", "gemeentecode"),
    )


def downgrade() -> None:
    for table in ("samenvoeging_onderdeel", "samenvoeging", "bevolking", "taakstelling_ruil_regel"):
        op.drop_table(table)
    op.drop_table("taakstelling_ruil")
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
    _terug_naar_een_versie()
    op.drop_table("taakstelling_regel")
    op.drop_table("taakstelling_vaststelling")


def _terug_naar_een_versie() -> None:
    """Downgrade keeps the current (highest) version of each period; earlier versions are lost."""
    huidig = (
        "SELECT v.* FROM taakstelling_vaststelling v WHERE v.versie = "
        "(SELECT MAX(w.versie) FROM taakstelling_vaststelling w WHERE w.periode = v.periode)"
    )
    op.execute(
        "INSERT INTO taakstelling_periode (periode, totaal, regel, sleutel, vastgesteld_op) "
        f"SELECT periode, totaal, regel, SUBSTR(sleutel, 1, 40), vastgesteld_op FROM ({huidig}) h"
    )
    op.execute(
        "INSERT INTO taakstelling (periode, gemeentecode, gemeentenaam, sleutelwaarde, taakstelling, "
        "achterstand, gecorrigeerde_taakstelling) "
        "SELECT h.periode, r.gemeentecode, r.gemeentenaam, r.sleutelwaarde, r.taakstelling, r.achterstand, "
        "CASE WHEN r.taakstelling + r.achterstand > 0 THEN r.taakstelling + r.achterstand ELSE 0 END "
        f"FROM taakstelling_regel r JOIN ({huidig}) h ON h.id = r.vaststelling_id"
    )
