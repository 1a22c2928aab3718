"""Reading and verifying the audit trail: for the beheerder (API) and the operator (CLI).

Audit lines hold pseudonymous ids and field names, not personal data; still, who looked at which
file is sensitive, so only the beheerder role (and the operator on the server) may read the trail.
A person's own lines reach them through the AVG inspection export instead.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from sqlalchemy import Engine, func, select

from doorstroom.accounts.domain import Gebruiker, Rol
from doorstroom.platform import audit
from doorstroom.platform.db import transaction
from doorstroom.platform.errors import PermissionDenied
from doorstroom.platform.paging import Pagina


def _eis_beheer(gebruiker: Gebruiker) -> None:
    if gebruiker.rol not in (Rol.beheerder, Rol.systeem):
        raise PermissionDenied(f"rol {gebruiker.rol} heeft geen toegang tot het auditlog")


def regels(
    engine: Engine,
    gebruiker: Gebruiker,
    *,
    objecttype: str | None = None,
    object_id: str | None = None,
    actor: str | None = None,
    pagina: Pagina | None = None,
) -> tuple[list[dict[str, Any]], int]:
    """A page of audit lines, newest first, optionally filtered."""
    _eis_beheer(gebruiker)
    pagina = pagina or Pagina()
    query = select(audit.AuditRecord)
    if objecttype:
        query = query.where(audit.AuditRecord.object_type == objecttype)
    if actor:
        query = query.where(audit.AuditRecord.actor == actor)
    if object_id:
        query = query.where(audit.AuditRecord.objecten.like(f"%{json.dumps(object_id)}%"))
    with transaction(engine) as session:
        totaal = session.scalar(select(func.count()).select_from(query.subquery())) or 0
        page = query.order_by(audit.AuditRecord.volgnummer.desc()).offset(pagina.offset).limit(pagina.grootte)
        return [audit.as_dict(line) for line in session.scalars(page)], int(totaal)


def controle(engine: Engine, gebruiker: Gebruiker) -> dict[str, Any]:
    """Verify the whole chain (see :func:`doorstroom.platform.audit.controleer`)."""
    _eis_beheer(gebruiker)
    with transaction(engine) as session:
        uitkomst = audit.controleer(session)
    return {**{k: v for k, v in asdict(uitkomst).items()}, "intact": uitkomst.intact}
