"""``/gebeurtenissen``: the dated timeline events of persons within the caller's scope."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Path, Query, Request, status

from doorstroom.api.afhankelijkheden import EngineDep, GebruikerDep, PaginaDep, sorteer_beschrijving, volgorde
from doorstroom.api.lijsten import lijst
from doorstroom.api.problemen import documentatie
from doorstroom.api.schemas import Gebeurtenis, Lijst
from doorstroom.dossier import service as dossier
from doorstroom.dossier.service import SOORTEN, Intrekking, NieuweGebeurtenis

router = APIRouter(prefix="/gebeurtenissen", tags=["gebeurtenissen"])
SORTEERBAAR = {"datum": "datum", "soort": "soort", "vastgelegdOp": "vastgelegd_op"}
FOUTEN = documentatie(400, 401, 403, 404, 422, 500, 503)
SOORT_PATROON = "^(" + "|".join(sorted(SOORTEN)) + ")$"


@router.get("", response_model=Lijst[Gebeurtenis], response_model_exclude_none=True, responses=FOUTEN)
def lijst_gebeurtenissen(
    request: Request,
    engine: EngineDep,
    gebruiker: GebruikerDep,
    pagina: PaginaDep,
    persoon_id: Annotated[str | None, Query(alias="persoonId", max_length=36)] = None,
    soort: Annotated[str | None, Query(pattern=SOORT_PATROON)] = None,
    bron: Annotated[str | None, Query(pattern="^(handmatig|import|koppelvoorstel)$")] = None,
    sorteer: Annotated[
        str | None, Query(max_length=200, description=sorteer_beschrijving(list(SORTEERBAAR)))
    ] = None,
) -> dict[str, Any]:
    """Gebeurtenissen binnen uw bereik (COA: alleen opvang, vergunning, koppeling en huisvesting)."""
    filters = {
        k: v for k, v in {"persoon_id": persoon_id, "soort": soort, "bron": bron}.items() if v is not None
    }
    data, totaal = dossier.gebeurtenissen(
        engine, gebruiker, filters, volgorde(sorteer or "datum", SORTEERBAAR), pagina
    )
    return lijst(request, data, totaal, pagina)


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=Gebeurtenis,
    response_model_exclude_none=True,
    responses=documentatie(400, 401, 403, 404, 409, 415, 422, 500, 503),
)
def leg_vast(
    invoer: Annotated[NieuweGebeurtenis, Body()], engine: EngineDep, gebruiker: GebruikerDep
) -> dict[str, Any]:
    """Leg een gebeurtenis vast; met ``vervangt`` en een toelichting is het een correctie.

    De vervangen gebeurtenis blijft bewaard.
    """
    return dossier.leg_vast(engine, gebruiker, invoer)


@router.get(
    "/{gebeurtenisId}", response_model=Gebeurtenis, response_model_exclude_none=True, responses=FOUTEN
)
def lees_gebeurtenis(
    gebeurtenis_id: Annotated[str, Path(alias="gebeurtenisId", max_length=36)],
    engine: EngineDep,
    gebruiker: GebruikerDep,
) -> dict[str, Any]:
    """Eén gebeurtenis."""
    return dossier.gebeurtenis(engine, gebruiker, gebeurtenis_id)


@router.post(
    "/{gebeurtenisId}/intrekkingen",
    status_code=status.HTTP_201_CREATED,
    response_model=Gebeurtenis,
    response_model_exclude_none=True,
    responses=documentatie(400, 401, 403, 404, 409, 415, 422, 500, 503),
)
def trek_in(
    gebeurtenis_id: Annotated[str, Path(alias="gebeurtenisId", max_length=36)],
    invoer: Intrekking,
    engine: EngineDep,
    gebruiker: GebruikerDep,
) -> dict[str, Any]:
    """Trek een ten onrechte vastgelegde gebeurtenis in; ze blijft met de toelichting in de geschiedenis."""
    return dossier.trek_in(engine, gebruiker, gebeurtenis_id, invoer)
