"""``/personen``: the persons of the case file within the caller's scope."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request, Response, status

from doorstroom.api.afhankelijkheden import (
    EngineDep,
    GebruikerDep,
    IfMatch,
    PaginaDep,
    etag,
    sorteer_beschrijving,
    verwachte_versie,
    volgorde,
)
from doorstroom.api.lijsten import lijst
from doorstroom.api.problemen import documentatie
from doorstroom.api.schemas import Lijst, Persoon, Zoekvraag
from doorstroom.dossier import service as dossier
from doorstroom.dossier.service import Fase, NieuwePersoon, PersoonWijziging
from doorstroom.values.gemeentecode import GEMEENTECODE_PATROON

router = APIRouter(prefix="/personen", tags=["personen"])
SORTEERBAAR = {
    "geslachtsnaam": "geslachtsnaam",
    "geboortedatum": "geboortedatum",
    "fase": "fase",
    "gemeentecode": "gemeentecode",
    "aangemaaktOp": "aangemaakt_op",
}
FOUTEN = documentatie(400, 401, 403, 404, 422, 500, 503)


@router.get("", response_model=Lijst[Persoon], response_model_exclude_none=True, responses=FOUTEN)
def lijst_personen(
    request: Request,
    engine: EngineDep,
    gebruiker: GebruikerDep,
    pagina: PaginaDep,
    gemeentecode: Annotated[str | None, Query(pattern=GEMEENTECODE_PATROON)] = None,
    huishouden_id: Annotated[str | None, Query(alias="huishoudenId", max_length=36)] = None,
    fase: Fase | None = None,
    casemanager: Annotated[str | None, Query(max_length=50)] = None,
    in_opvang: Annotated[bool | None, Query(alias="inOpvang")] = None,
    sorteer: Annotated[
        str | None, Query(max_length=200, description=sorteer_beschrijving(list(SORTEERBAAR)))
    ] = None,
) -> dict[str, Any]:
    """Personen binnen uw bereik (gemeente: eigen inwoners; COA: in de opvang), per pagina."""
    filters = {
        k: v
        for k, v in {
            "gemeentecode": gemeentecode,
            "huishouden_id": huishouden_id,
            "fase": fase,
            "casemanager": casemanager,
            "in_opvang": in_opvang,
        }.items()
        if v is not None
    }
    data, totaal = dossier.personen(engine, gebruiker, filters, volgorde(sorteer, SORTEERBAAR), pagina)
    return lijst(request, data, totaal, pagina)


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=Persoon,
    response_model_exclude_none=True,
    responses=documentatie(400, 401, 403, 409, 415, 422, 500, 503),
)
def maak_persoon(
    request: Request, invoer: NieuwePersoon, engine: EngineDep, gebruiker: GebruikerDep, response: Response
) -> dict[str, Any]:
    """Open een dossier. Verplicht: geslachtsnaam, geboortedatum (en gemeentecode, behalve voor COA)."""
    data = dossier.maak_persoon(engine, gebruiker, invoer)
    response.headers["ETag"] = etag(int(data["versie"]))
    response.headers["Location"] = f"{request.scope.get('root_path', '')}/personen/{data['id']}"
    return data


@router.post("/_zoek", response_model=list[Persoon], response_model_exclude_none=True, responses=FOUTEN)
def zoek_personen(vraag: Zoekvraag, engine: EngineDep, gebruiker: GebruikerDep) -> list[dict[str, Any]]:
    """Zoek op BSN, V-nummer of naam; die staan in de body, nooit in een URL."""
    return dossier.zoek(engine, gebruiker, bsn=vraag.bsn, vnummer=vraag.vnummer, naam=vraag.naam)


@router.get("/{persoonId}", response_model=Persoon, response_model_exclude_none=True, responses=FOUTEN)
def lees_persoon(
    persoon_id: Annotated[str, Path(alias="persoonId", max_length=36)],
    engine: EngineDep,
    gebruiker: GebruikerDep,
    response: Response,
) -> dict[str, Any]:
    """Eén persoon; de ETag is de versie die u met If-Match terugstuurt bij een wijziging."""
    data = dossier.persoon(engine, gebruiker, persoon_id)
    response.headers["ETag"] = etag(int(data["versie"]))
    return data


@router.patch(
    "/{persoonId}",
    response_model=Persoon,
    response_model_exclude_none=True,
    responses=documentatie(400, 401, 403, 404, 409, 412, 415, 422, 428, 500, 503),
)
def wijzig_persoon(
    persoon_id: Annotated[str, Path(alias="persoonId", max_length=36)],
    wijziging: PersoonWijziging,
    engine: EngineDep,
    gebruiker: GebruikerDep,
    response: Response,
    if_match: IfMatch = None,
) -> dict[str, Any]:
    """Wijzig of corrigeer (met toelichting) gegevens; vereist If-Match, een verouderde versie geeft 412."""
    data = dossier.wijzig_persoon(engine, gebruiker, persoon_id, verwachte_versie(if_match), wijziging)
    response.headers["ETag"] = etag(int(data["versie"]))
    return data


@router.get("/{persoonId}/inzage", responses=FOUTEN)
def inzage(
    persoon_id: Annotated[str, Path(alias="persoonId", max_length=36)],
    engine: EngineDep,
    gebruiker: GebruikerDep,
) -> dict[str, Any]:
    """AVG-inzage (art. 15): alles wat over deze persoon is vastgelegd, inclusief wie het verwerkte."""
    return dossier.inzage(engine, gebruiker, persoon_id)
