"""``/taakstellingen``: stored quotas and their realisation (no personal data)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request

from doorstroom.api.afhankelijkheden import EngineDep, GebruikerDep, PaginaDep
from doorstroom.api.lijsten import lijst
from doorstroom.api.problemen import documentatie
from doorstroom.api.schemas import Lijst, Taakstelling
from doorstroom.dossier import service as dossier
from doorstroom.values.gemeentecode import GEMEENTECODE_PATROON
from doorstroom.values.periode import PERIODE_PATROON, Periode

router = APIRouter(prefix="/taakstellingen", tags=["taakstellingen"])


@router.get("", response_model=Lijst[Taakstelling], responses=documentatie(400, 401, 404, 422, 500, 503))
def lijst_taakstellingen(
    request: Request,
    engine: EngineDep,
    gebruiker: GebruikerDep,
    pagina: PaginaDep,
    periode: Annotated[str, Query(pattern=PERIODE_PATROON, description="Halfjaar, zoals 2026-2.")],
    gemeentecode: Annotated[str | None, Query(pattern=GEMEENTECODE_PATROON)] = None,
    peildatum: Annotated[
        date | None, Query(ge=date(2000, 1, 1), le=date(2100, 12, 31), description="Standaard vandaag.")
    ] = None,
) -> dict[str, Any]:
    """Taakstelling en realisatie per gemeente; verhuizingen in het dossier tellen mee, nooit dubbel."""
    records = dossier.taakstellingen(engine, gebruiker, Periode.parse(periode), peildatum, gemeentecode)
    page = pagina.uit(records)
    return lijst(request, page, len(records), pagina)
