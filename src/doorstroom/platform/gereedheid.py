"""Is this process ready to serve: the database answers and stands at this version's schema.

One rule for every door that asks: the API's ``/gezondheid``, the platform's readiness probe
(``/gezondheid/gereed``) and the audit series of ``/metrics``. A server whose database lags behind
the migrations it ships must not take traffic (a Kubernetes readiness probe, a load balancer), and
neither may one whose database is unreachable; it is still *alive* (liveness) and recovers without
a restart once the migration job has run.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from alembic.script import ScriptDirectory
from sqlalchemy import Engine, select

from doorstroom.platform.audit import AuditKetenRecord
from doorstroom.platform.db import alembic_config, current_revision, transaction


@dataclass(frozen=True)
class Gereedheid:
    """The database as a probe sees it."""

    bereikbaar: bool
    revisie: str | None
    nieuwste: str | None

    @property
    def gereed(self) -> bool:
        """Reachable and at the newest migration shipped with this version."""
        return self.bereikbaar and self.revisie == self.nieuwste


@lru_cache(maxsize=1)
def nieuwste_schema() -> str | None:
    """The newest migration shipped with this version (read once: it cannot change while running)."""
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def gereedheid(engine: Engine) -> Gereedheid:
    """Probe the database; any driver error means unreachable (never raises)."""
    try:
        revisie = current_revision(engine)
    except Exception:  # a probe reports, it does not crash: every driver error is "unreachable"
        return Gereedheid(False, None, nieuwste_schema())
    return Gereedheid(True, revisie, nieuwste_schema())


def auditregels(engine: Engine) -> int | None:
    """Lines in the audit trail (the chain head's sequence number); None when not readable."""
    try:
        with transaction(engine) as session:
            return session.scalar(select(AuditKetenRecord.volgnummer).where(AuditKetenRecord.id == 1)) or 0
    except Exception:  # unreachable or not migrated: the series is left out, the scrape still works
        return None
