"""``/beleidsregimes``: the regimes Doorstroom knows (law in force, bills, plans), with their sources.

Public law and policy: every logged-in user may read them. Each regime carries its status as
data, and ``geldendRecht`` is false for anything that is not law in force (issue 24).
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from pydantic.alias_generators import to_camel

from doorstroom.api.afhankelijkheden import EngineDep, GebruikerDep, PaginaDep
from doorstroom.api.lijsten import lijst
from doorstroom.api.problemen import documentatie
from doorstroom.api.schemas import Lijst, Uit
from doorstroom.beleid import service as beleid

router = APIRouter(prefix="/beleidsregimes", tags=["beleid"])
FOUTEN = documentatie(400, 401, 404, 500, 503)


class Bron(Uit):
    """Where a regime comes from: a law, Kamerstuk, Staatscourant or regulation, with link and date."""

    soort: str
    titel: str
    kenmerk: str | None = None
    link: str
    datum: date | None = None
    onbevestigd: bool = False


class Beleidsregime(Uit):
    """One dated rule set: status, period, sources, and the parameters it sets per context."""

    id: str
    titel: str
    soort: str
    status: str
    geldend_recht: bool
    begin: date | None = None
    eind: date | None = None
    samenvatting: str
    bronnen: list[Bron]
    onbevestigd: list[str]
    versie: int
    parameters: dict[str, dict[str, Any]]


def _camel(waarde: Any) -> Any:
    """Parameter names as the API writes every name (camelCase, NL API Design Rules), at every depth."""
    if isinstance(waarde, dict):
        return {to_camel(k): _camel(v) for k, v in waarde.items()}
    if isinstance(waarde, list):
        return [_camel(v) for v in waarde]
    return waarde


def _regime(opgeslagen: beleid.Opgeslagen) -> dict[str, Any]:
    regime = opgeslagen.regime
    return {
        "id": regime.id,
        "titel": regime.titel,
        "soort": regime.soort,
        "status": regime.status.value,
        "geldendRecht": regime.status is beleid.Status.in_werking,
        "begin": regime.begin,
        "eind": regime.eind,
        "samenvatting": regime.samenvatting,
        "bronnen": [b.model_dump(mode="json") for b in regime.bronnen],
        "onbevestigd": list(regime.onbevestigd),
        "versie": opgeslagen.versie.versie,
        "parameters": {
            s: _camel(getattr(regime, s).model_dump(mode="json", exclude_none=True)) for s in beleid.SECTIES
        },
    }


@router.get("", response_model=Lijst[Beleidsregime], response_model_exclude_none=True, responses=FOUTEN)
def lijst_regimes(
    request: Request,
    engine: EngineDep,
    gebruiker: GebruikerDep,
    pagina: PaginaDep,
    geldend_op: Annotated[
        date | None,
        Query(
            alias="geldendOp",
            ge=date(2000, 1, 1),
            le=date(2100, 12, 31),
            description="Alleen de regimes die op deze datum geldend recht zijn.",
        ),
    ] = None,
) -> dict[str, Any]:
    """Beleidsregimes: geldend recht, wetsvoorstellen en voornemens, elk met status, data en bronnen."""
    regimes = beleid.regimes(engine, gebruiker)
    gekozen = [o for o in regimes if geldend_op is None or o.regime.geldend_op(geldend_op)]
    deel = pagina.uit(gekozen)
    return lijst(request, [_regime(o) for o in deel], len(gekozen), pagina)


@router.get("/{regimeId}", response_model=Beleidsregime, response_model_exclude_none=True, responses=FOUTEN)
def lees_regime(
    regime_id: Annotated[str, Path(alias="regimeId", pattern=r"^[a-z0-9][a-z0-9-]{1,39}$")],
    engine: EngineDep,
    gebruiker: GebruikerDep,
) -> dict[str, Any]:
    """Eén beleidsregime met de parameters die het per context vaststelt."""
    return _regime(beleid.regime(engine, gebruiker, regime_id))
