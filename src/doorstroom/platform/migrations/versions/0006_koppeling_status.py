"""Koppeling: stored runs speak the new status words (issue 7, item 4).

``infeasible`` used to mean "someone could not be linked", even when nearly everyone was. It now
means "nobody can be linked"; a run with some households linked is ``partial``. Stored runs that say
``infeasible`` while they linked anyone (a proposal with a municipality, or, for a run whose
per-household rows were removed after the retention term, a count per municipality) become
``partial``. ``error`` runs were never stored (their results fail the checks). Downgrade turns
``partial`` back into ``infeasible``.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

GEKOPPELD = (
    "SELECT run_id FROM koppeling_voorstel WHERE gemeentecode IS NOT NULL "
    "UNION SELECT run_id FROM koppeling_run_gemeente WHERE gemeentecode IS NOT NULL "
    "AND voorgesteld_huishoudens > 0"
)


def upgrade() -> None:
    op.execute(
        sa.text(
            f"UPDATE koppeling_run SET status = 'partial' WHERE status = 'infeasible' AND id IN ({GEKOPPELD})"
        )
    )


def downgrade() -> None:
    op.execute(sa.text("UPDATE koppeling_run SET status = 'infeasible' WHERE status = 'partial'"))
