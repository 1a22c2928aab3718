"""The name as Dutch lists order and search it (issue 20, item 5): ``dossier_persoon.sorteernaam``.

"de Vries" is filed under V (:mod:`doorstroom.values.naam`); the key is kept beside the name so a
list of persons sorts and a name search finds in the database, a page at a time. Existing files get
their key here, a batch at a time; the index by municipality and key replaces the one by surname.

Revision ID: 0028_sorteernaam
Revises: 0027_prognose_deling
Create Date: 2026-12-08
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from doorstroom.values import naam

revision = "0028_sorteernaam"
down_revision = "0027_prognose_deling"
branch_labels = None
depends_on = None

PERSOON = sa.table(
    "dossier_persoon",
    sa.column("id", sa.String),
    sa.column("geslachtsnaam", sa.String),
    sa.column("voornamen", sa.String),
    sa.column("sorteernaam", sa.String),
)
BATCH = 5_000


def upgrade() -> None:
    with op.batch_alter_table("dossier_persoon") as batch:
        batch.add_column(sa.Column("sorteernaam", sa.String(naam.LENGTE), nullable=True))
    _vul_sorteernamen(op.get_bind())
    with op.batch_alter_table("dossier_persoon") as batch:
        batch.alter_column("sorteernaam", existing_type=sa.String(naam.LENGTE), nullable=False)
        batch.drop_index("ix_dossier_persoon_gemeente_naam")
        batch.create_index("ix_dossier_persoon_gemeente_sorteernaam", ["gemeentecode", "sorteernaam", "id"])


def _vul_sorteernamen(verbinding: sa.Connection) -> None:
    """Key every existing file, ordered by id a batch at a time (memory stays flat at any size)."""
    laatste = ""
    while rijen := verbinding.execute(
        sa.select(PERSOON.c.id, PERSOON.c.geslachtsnaam, PERSOON.c.voornamen)
        .where(PERSOON.c.id > laatste)
        .order_by(PERSOON.c.id)
        .limit(BATCH)
    ).all():
        verbinding.execute(
            PERSOON.update()
            .where(PERSOON.c.id == sa.bindparam("pid"))
            .values(sorteernaam=sa.bindparam("sn")),
            [{"pid": r.id, "sn": naam.sorteernaam(r.geslachtsnaam, r.voornamen)} for r in rijen],
        )
        laatste = rijen[-1].id


def downgrade() -> None:
    with op.batch_alter_table("dossier_persoon") as batch:
        batch.drop_index("ix_dossier_persoon_gemeente_sorteernaam")
        batch.create_index("ix_dossier_persoon_gemeente_naam", ["gemeentecode", "geslachtsnaam", "id"])
        batch.drop_column("sorteernaam")
