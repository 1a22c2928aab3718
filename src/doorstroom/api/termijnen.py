"""``/termijnen``: open legal deadlines per municipality and case worker."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request

from doorstroom.api.afhankelijkheden import EngineDep, GebruikerDep, PaginaDep
from doorstroom.api.lijsten import lijst
from doorstroom.api.problemen import documentatie
from doorstroom.api.schemas import Lijst, Termijn
from doorstroom.dossier import service as dossier
from doorstroom.dossier.service import TERMIJNREGELS as STANDAARD
from doorstroom.dossier.service import Status
from doorstroom.values.gemeentecode import GEMEENTECODE_PATROON

router = APIRouter(prefix="/termijnen", tags=["termijnen"])
REGEL_PATROON = "^(" + "|".join(sorted(STANDAARD)) + ")$"
SORTEER_PATROON = "^-?(" + "|".join(dossier.TERMIJNSORTERINGEN) + ")$"


@router.get(
    "",
    response_model=Lijst[Termijn],
    response_model_exclude_none=True,
    responses=documentatie(400, 401, 403, 404, 422, 500, 503),
)
def lijst_termijnen(
    request: Request,
    engine: EngineDep,
    gebruiker: GebruikerDep,
    pagina: PaginaDep,
    gemeentecode: Annotated[str | None, Query(pattern=GEMEENTECODE_PATROON)] = None,
    casemanager: Annotated[str | None, Query(max_length=50)] = None,
    status: Status | None = None,
    regel: Annotated[str | None, Query(pattern=REGEL_PATROON)] = None,
    peildatum: Annotated[
        date | None, Query(ge=date(2000, 1, 1), le=date(2100, 12, 31), description="Standaard vandaag.")
    ] = None,
    sorteer: Annotated[
        str | None,
        Query(
            pattern=SORTEER_PATROON,
            description="vervaldatum, naam, casemanager of status; met '-' ervoor aflopend.",
        ),
    ] = None,
) -> dict[str, Any]:
    """Wat binnenkort moet of te laat is, met naam, huishouden, fase en casemanager; vroegste vervaldatum
    eerst, of gesorteerd op naam zoals Nederlandse lijsten ordenen ("de Vries" onder de V)."""
    filter_ = dossier.Termijnfilter(gemeentecode, casemanager, status, regel, peildatum)
    veld = (sorteer or "vervaldatum").removeprefix("-")
    data, totaal = dossier.termijnoverzicht(
        engine, gebruiker, filter_, pagina, aflopend=(sorteer or "").startswith("-"), sorteer=veld
    )
    return lijst(request, data, totaal, pagina)
