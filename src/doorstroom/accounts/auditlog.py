"""Reading and verifying the audit trail (queries only; the service asks the access rule first)."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from doorstroom.platform import audit
from doorstroom.platform.paging import Pagina


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
        query = query.where(audit.AuditRecord.objecten.like(f"%{json.dumps(object_id)}%"))
    totaal = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    page = query.order_by(audit.AuditRecord.volgnummer.desc()).offset(pagina.offset).limit(pagina.grootte)
    return [audit.as_dict(line) for line in session.scalars(page)], int(totaal)


def controle(session: Session) -> dict[str, Any]:
    """The chain verified from its first line (see :func:`doorstroom.platform.audit.controleer`)."""
    uitkomst = audit.controleer(session)
    return {**dict(asdict(uitkomst).items()), "intact": uitkomst.intact}
