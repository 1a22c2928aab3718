"""``/gemeenten``: the municipality list in use, with case-file counts within the caller's scope."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request

from doorstroom.api.afhankelijkheden import EngineDep, GebruikerDep, PaginaDep
from doorstroom.api.lijsten import lijst
from doorstroom.api.problemen import documentatie
from doorstroom.api.schemas import Gemeente, Lijst
from doorstroom.dossier import service as dossier
from doorstroom.platform.errors import NotFound
from doorstroom.reference.service import gemeenten_in_gebruik, gemeentepagina
from doorstroom.values.gemeentecode import GEMEENTECODE_PATROON

router = APIRouter(prefix="/gemeenten", tags=["gemeenten"])
FOUTEN = documentatie(400, 401, 404, 500, 503)


def _gemeente(g: Any, aantallen: dict[str, Any] | None) -> dict[str, Any]:
    return {
        "code": g.code,
        "naam": g.naam,
        "provincie": g.provincie,
        "inwoners": g.inwoners,
        "arbeidsmarktregio": g.arbeidsmarktregio,
        "dossier": aantallen,
    }


@router.get("", response_model=Lijst[Gemeente], response_model_exclude_none=True, responses=FOUTEN)
def lijst_gemeenten(
    request: Request,
    engine: EngineDep,
    gebruiker: GebruikerDep,
    pagina: PaginaDep,
    provincie: Annotated[str | None, Query(max_length=40)] = None,
) -> dict[str, Any]:
    """Gemeenten (CBS-lijst in gebruik); ``dossier`` telt dossiers waar uw rol aantallen van mag zien."""
    deel = gemeentepagina(engine, pagina, provincie)
    aantallen = dossier.aantallen(engine, gebruiker, [g.code for g in deel.rijen])
    return lijst(request, [_gemeente(g, aantallen.get(g.code)) for g in deel.rijen], deel.totaal, pagina)


@router.get("/{gemeentecode}", response_model=Gemeente, response_model_exclude_none=True, responses=FOUTEN)
def lees_gemeente(
    gemeentecode: Annotated[str, Path(pattern=GEMEENTECODE_PATROON)],
    engine: EngineDep,
    gebruiker: GebruikerDep,
) -> dict[str, Any]:
    """Eén gemeente, met aantallen dossiers en open termijnen als die binnen uw bereik vallen."""
    gemeente = next((g for g in gemeenten_in_gebruik(engine) if g.code == gemeentecode), None)
    if gemeente is None:
        raise NotFound(f"gemeente {gemeentecode} staat niet in de lijst in gebruik")
    aantallen = dossier.aantallen(engine, gebruiker, [gemeentecode]).get(gemeentecode)
    try:
        termijnen = dossier.termijnaantallen(engine, gebruiker, gemeentecode)
    except NotFound:
        termijnen = None
    if termijnen is not None:
        aantallen = {**(aantallen or {"personen": 0, "inOpvang": 0, "perFase": {}}), "termijnen": termijnen}
    return _gemeente(gemeente, aantallen)
