"""``/aanmeldingen``: files opened with a number another file holds, for COA to decide on."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query, Request

from doorstroom.api.afhankelijkheden import EngineDep, GebruikerDep, PaginaDep
from doorstroom.api.lijsten import lijst
from doorstroom.api.problemen import documentatie
from doorstroom.api.schemas import Aanmelding, Lijst
from doorstroom.dossier import service as dossier
from doorstroom.dossier.service import Aanmeldingsbesluit

router = APIRouter(prefix="/aanmeldingen", tags=["aanmeldingen"])
FOUTEN = documentatie(400, 401, 403, 404, 409, 415, 422, 500, 503)


@router.get("", response_model=Lijst[Aanmelding], responses=FOUTEN)
def lijst_aanmeldingen(
    request: Request,
    engine: EngineDep,
    gebruiker: GebruikerDep,
    pagina: PaginaDep,
    status: Annotated[
        Literal["open", "toegekend", "afgewezen", "ingetrokken"], Query(description="Standaard open.")
    ] = "open",
) -> dict[str, Any]:
    """Aanmeldingen om over te beslissen, oudste eerst (alleen COA); beide dossiers beknopt."""
    data, totaal = dossier.aanmeldingen(engine, gebruiker, status, pagina)
    return lijst(request, data, totaal, pagina)


@router.post("/{aanmeldingId}/besluit", response_model=Aanmelding, responses=FOUTEN)
def beslis(
    aanmelding_id: Annotated[str, Path(alias="aanmeldingId", max_length=36)],
    besluit: Aanmeldingsbesluit,
    engine: EngineDep,
    gebruiker: GebruikerDep,
) -> dict[str, Any]:
    """Ken toe (het nieuwe dossier gaat op in het bestaande, dat naar de aanvragende gemeente gaat) of
    wijs af (het nummer vervalt in het nieuwe dossier, met een correctie die zegt waarom)."""
    return dossier.beslis_aanmelding(
        engine, gebruiker, aanmelding_id, toekennen=besluit.toekennen, toelichting=besluit.toelichting
    )
