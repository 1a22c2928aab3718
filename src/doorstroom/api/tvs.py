"""``/tvs-tijdlijnen``: the TVS timeline of each linked household within scope (issue 23)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request

from doorstroom.api.afhankelijkheden import EngineDep, GebruikerDep, PaginaDep
from doorstroom.api.lijsten import lijst
from doorstroom.api.problemen import documentatie
from doorstroom.api.schemas import Lijst, TvsTijdlijn
from doorstroom.dossier import service as dossier
from doorstroom.dossier.service import Tvsstatus
from doorstroom.values.gemeentecode import GEMEENTECODE_PATROON

router = APIRouter(prefix="/tvs-tijdlijnen", tags=["termijnen"])


@router.get(
    "",
    response_model=Lijst[TvsTijdlijn],
    response_model_exclude_none=True,
    responses=documentatie(400, 401, 403, 404, 422, 500, 503),
)
def lijst_tvs(
    request: Request,
    engine: EngineDep,
    gebruiker: GebruikerDep,
    pagina: PaginaDep,
    gemeentecode: Annotated[str | None, Query(pattern=GEMEENTECODE_PATROON)] = None,
    status: Tvsstatus | None = None,
    peildatum: Annotated[
        date | None, Query(ge=date(2000, 1, 1), le=date(2100, 12, 31), description="Standaard vandaag.")
    ] = None,
) -> dict[str, Any]:
    """Per gekoppeld huishouden: koppeldatum, woningaanbod uiterlijk (10 weken), verhuizing uiterlijk
    (2 weken na het aanbod, binnen 3 maanden) en de status van de gemeente; vroegste koppeling eerst."""
    filter_ = dossier.Tvsfilter(gemeentecode, status, peildatum)
    data, totaal = dossier.tvsoverzicht(engine, gebruiker, filter_, pagina)
    return lijst(request, data, totaal, pagina)
