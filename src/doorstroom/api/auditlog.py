"""``/audit``: the audit trail and its verification (beheerder)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request

from doorstroom.accounts import service
from doorstroom.api.afhankelijkheden import EngineDep, GebruikerDep, PaginaDep
from doorstroom.api.lijsten import lijst
from doorstroom.api.problemen import documentatie
from doorstroom.api.schemas import Auditcontrole, Auditregel, Lijst

router = APIRouter(prefix="/audit", tags=["audit"])
FOUTEN = documentatie(400, 401, 403, 500, 503)


@router.get("", response_model=Lijst[Auditregel], responses=FOUTEN)
def lijst_audit(
    request: Request,
    engine: EngineDep,
    gebruiker: GebruikerDep,
    pagina: PaginaDep,
    objecttype: Annotated[str | None, Query(max_length=50)] = None,
    object_id: Annotated[str | None, Query(alias="objectId", max_length=40)] = None,
    actor: Annotated[str | None, Query(max_length=100)] = None,
) -> dict[str, Any]:
    """Regels van het auditlog, nieuwste eerst (alleen beheerder)."""
    data, totaal = service.auditregels(
        engine, gebruiker, objecttype=objecttype, object_id=object_id, actor=actor, pagina=pagina
    )
    return lijst(request, data, totaal, pagina)


@router.get("/controle", response_model=Auditcontrole, responses=FOUTEN)
def controleer(engine: EngineDep, gebruiker: GebruikerDep) -> dict[str, Any]:
    """Controleer de hashketen; noemt de eerste gewijzigde regel."""
    return service.auditcontrole(engine, gebruiker)
