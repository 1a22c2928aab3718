"""Reading, verifying and anchoring the audit trail (the accounts service asks the access rule first).

Audit lines hold pseudonymous ids and field names, not personal data; still, who looked at which
file is sensitive, so only the beheerder role (and the operator on the server) may read the trail.
A person's own lines reach them through the AVG inspection export instead.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from doorstroom.platform import audit, audit_anker
from doorstroom.platform.db import transaction
from doorstroom.platform.errors import ConfigurationError
from doorstroom.platform.paging import Pagina
from doorstroom.platform.settings import get_settings


def regels(
    session: Session, objecttype: str | None, object_id: str | None, actor: str | None, pagina: Pagina
) -> tuple[list[dict[str, Any]], int]:
    """A page of audit lines, newest first, and how many match in all."""
    query = select(audit.AuditRecord)
    if objecttype:
        query = query.where(audit.AuditRecord.object_type == objecttype)
    if actor:
        query = query.where(audit.AuditRecord.actor == actor)
    if object_id:
        query = query.where(audit.noemt(object_id))
    totaal = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    page = query.order_by(audit.AuditRecord.volgnummer.desc()).offset(pagina.offset).limit(pagina.grootte)
    return [audit.as_dict(line) for line in session.scalars(page)], int(totaal)


def controle(engine: Engine) -> dict[str, Any]:
    """Verify the whole chain, and against every anchor kept at ``DOORSTROOM_AUDIT_ANKER`` when one is
    configured (see :func:`doorstroom.platform.audit.controleer`)."""
    return _als_dict(_controleer(engine))


def _controleer(engine: Engine) -> audit.Controle:
    plaats = _ankerplaats()
    ankers = audit_anker.lees(plaats) if plaats else []
    with transaction(engine) as session:
        return audit.controleer(session, ankers)


def _ankerplaats() -> audit_anker.Ankerplaats | None:
    tekst = get_settings().audit_anker
    return audit_anker.Ankerplaats(tekst) if tekst else None


def _als_dict(uitkomst: audit.Controle) -> dict[str, Any]:
    plaats = _ankerplaats()
    return {**asdict(uitkomst), "intact": uitkomst.intact, "ankerplaats": plaats.naam if plaats else None}


def veranker(engine: Engine) -> dict[str, Any]:
    """Keep the head of an intact chain at ``DOORSTROOM_AUDIT_ANKER`` (BIO 12.4.2).

    The chain is verified first, against the anchors kept so far: a broken chain is never anchored
    (that would vouch for it); the outcome then says why (``intact`` false, ``anker`` None). An empty
    log has nothing to anchor.
    """
    plaats = _ankerplaats()
    if plaats is None:
        raise ConfigurationError(
            "zet DOORSTROOM_AUDIT_ANKER (een bestandspad op een andere machine, of een http(s)-URL) "
            "voordat u verankert (docs/configuration.md)"
        )
    uitkomst = _controleer(engine)
    if not uitkomst.intact or uitkomst.regels == 0:
        return {**_als_dict(uitkomst), "anker": None}
    anker = audit.kop_anker(uitkomst, datetime.now(UTC), _database(engine))
    audit_anker.schrijf(plaats, anker)
    return {**_als_dict(uitkomst), "anker": anker.als_json()}


def _database(engine: Engine) -> str:
    """Which database, for people reading an anchor: dialect, host, port and name; no user or password."""
    url = engine.url
    if url.get_backend_name() == "sqlite":
        return f"sqlite:///{url.database or ''}"
    poort = f":{url.port}" if url.port else ""
    return f"{url.get_backend_name()}://{url.host or ''}{poort}/{url.database or ''}"
