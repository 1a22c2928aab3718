"""``/huishoudens``: households of the case file within the caller's scope."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request, Response, status

from doorstroom.api.afhankelijkheden import (
    EngineDep,
    GebruikerDep,
    PaginaDep,
    etag,
    sorteer_beschrijving,
    volgorde,
)
from doorstroom.api.lijsten import lijst
from doorstroom.api.problemen import documentatie
from doorstroom.api.schemas import Huishouden, Lijst
from doorstroom.dossier import service as dossier
from doorstroom.dossier.service import NieuwHuishouden
from doorstroom.values.gemeentecode import GEMEENTECODE_PATROON

router = APIRouter(prefix="/huishoudens", tags=["huishoudens"])
SORTEERBAAR = {"referentie": "referentie", "gemeentecode": "gemeentecode", "aangemaaktOp": "aangemaakt_op"}
FOUTEN = documentatie(400, 401, 403, 404, 422, 500, 503)


@router.get("", response_model=Lijst[Huishouden], response_model_exclude_none=True, responses=FOUTEN)
def lijst_huishoudens(
    request: Request,
    engine: EngineDep,
    gebruiker: GebruikerDep,
    pagina: PaginaDep,
    gemeentecode: Annotated[str | None, Query(pattern=GEMEENTECODE_PATROON)] = None,
    referentie: Annotated[str | None, Query(max_length=40)] = None,
    sorteer: Annotated[
        str | None, Query(max_length=200, description=sorteer_beschrijving(list(SORTEERBAAR)))
    ] = None,
) -> dict[str, Any]:
    """Huishoudens binnen uw bereik, per pagina."""
    filters = {
        k: v for k, v in {"gemeentecode": gemeentecode, "referentie": referentie}.items() if v is not None
    }
    data, totaal = dossier.huishoudens(engine, gebruiker, filters, volgorde(sorteer, SORTEERBAAR), pagina)
    return lijst(request, data, totaal, pagina)


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=Huishouden,
    response_model_exclude_none=True,
    responses=documentatie(400, 401, 403, 409, 415, 422, 500, 503),
)
def maak_huishouden(
    request: Request, invoer: NieuwHuishouden, engine: EngineDep, gebruiker: GebruikerDep, response: Response
) -> dict[str, Any]:
    """Leg een huishouden vast (met COA-referentie als die bekend is)."""
    data = dossier.maak_huishouden(engine, gebruiker, invoer)
    response.headers["ETag"] = etag(int(data["versie"]))
    response.headers["Location"] = f"{request.scope.get('root_path', '')}/huishoudens/{data['id']}"
    return data


@router.get("/{huishoudenId}", response_model=Huishouden, response_model_exclude_none=True, responses=FOUTEN)
def lees_huishouden(
    huishouden_id: Annotated[str, Path(alias="huishoudenId", max_length=36)],
    engine: EngineDep,
    gebruiker: GebruikerDep,
    response: Response,
) -> dict[str, Any]:
    """Eén huishouden met de leden binnen uw bereik."""
    data = dossier.huishouden(engine, gebruiker, huishouden_id)
    response.headers["ETag"] = etag(int(data["versie"]))
    return data
