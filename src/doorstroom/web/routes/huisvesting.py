"""*Huisvesting*: a municipality's housing plan (issue 25): supply against need per month and size
class, the month it falls behind, what ends when, and the money; every chart with its table."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import RedirectResponse, Response

from doorstroom.huisvesting import service
from doorstroom.huisvesting.service import rijen
from doorstroom.platform.clock import lokale_tijd
from doorstroom.platform.errors import InputError
from doorstroom.values.domains import PLANMAANDEN
from doorstroom.values.gemeentecode import GEMEENTECODE_PATROON
from doorstroom.web.formulieren import upload
from doorstroom.web.grafieken import Grafiek, lijnen
from doorstroom.web.sessie import FormulierDep, GebruikerDep
from doorstroom.web.weergeven import pagina

router = APIRouter()
Maanden = Annotated[int, Query(ge=int(PLANMAANDEN.minimum), le=int(PLANMAANDEN.maximum))]


@router.get("/huisvesting")
def kies(request: Request, gebruiker: GebruikerDep) -> Response:
    """A user with one municipality in scope goes to its plan; others choose from theirs."""
    engine = request.app.state.engine
    keuzes = service.leesbare_gemeenten(engine, gebruiker)
    if len(keuzes) == 1:
        return RedirectResponse(f"/huisvesting/{keuzes[0][0]}", status_code=303)
    overzicht = service.overzicht(engine, gebruiker, None, service.Planverzoek(""))
    return pagina(request, "huisvestingkeuze.html", titel="Huisvesting per gemeente", overzicht=overzicht)


@router.get("/huisvesting/{code}")
def plan(
    request: Request,
    gebruiker: GebruikerDep,
    code: Annotated[str, Path(pattern=GEMEENTECODE_PATROON)],
    maanden: Maanden = 12,
    meetellen: Annotated[service.Meetellen, Query()] = service.Meetellen.alles,
    scenario: Annotated[service.Scenario, Query()] = service.Scenario.midden,
) -> Response:
    """The plan of one municipality with its supply and money (404 outside the user's scope)."""
    verzoek = service.Planverzoek(code, maanden=maanden, meetellen=meetellen, scenario=scenario)
    return _planpagina(request, gebruiker, verzoek)


@router.post("/huisvesting/{code}/aanbod")
async def importeer(
    request: Request, gebruiker: FormulierDep, code: Annotated[str, Path(pattern=GEMEENTECODE_PATROON)]
) -> Response:
    """Import the municipality's supply sheet: validated whole, all or nothing; changes become versions."""
    engine = request.app.state.engine
    try:
        async with request.form() as form:
            reden = str(form.get("reden") or "").strip() or None
            with upload(form.get("bestand"), "bestand") as pad:
                r = service.importeer(engine, gebruiker, code, pad, reden)
    except InputError as error:
        return _planpagina(request, gebruiker, service.Planverzoek(code), fouten=_per_rij(error), status=422)
    melding = f"{r.bron} ingelezen: {r.nieuw} nieuw, {r.gewijzigd} gewijzigd, {r.ongewijzigd} ongewijzigd"
    return _planpagina(request, gebruiker, service.Planverzoek(code), melding=melding)


def _per_rij(error: InputError) -> list[str]:
    """The problems of an import, each with the row and column as the sheet names them."""
    return [
        ", ".join(d for d in (f"rij {p.row}" if p.row else "", p.field or "") if d) + f": {p.message}"
        if p.row or p.field
        else p.message
        for p in error.problems
    ]


def _planpagina(
    request: Request,
    gebruiker: Any,
    verzoek: service.Planverzoek,
    fouten: list[str] | None = None,
    melding: str = "",
    status: int = 200,
) -> Response:
    engine = request.app.state.engine
    overzicht = service.geld(engine, gebruiker, verzoek)
    p = overzicht.plan
    return pagina(
        request,
        "huisvesting.html",
        status,
        fouten=fouten or [],
        melding=melding,
        beheren=service.mag_beheren(engine, gebruiker, p.gemeente.code),
        titel=f"Huisvesting {p.gemeente.naam}",
        p=p,
        geld=overzicht,
        grafieken=_grafieken(p),
        maandrijen=rijen.maandrijen(p.plan, p.band),
        klasserijen=rijen.klasserijen(p.plan),
        eindigend=rijen.eindigendrijen(p.plan),
        aanbod=rijen.aanbodrijen(p.aanbod, p.plan, lokale_tijd),
        jaren=rijen.saldorijen(overzicht.geld.per_jaar()),
        overgeslagen=rijen.overgeslagenrijen(overzicht.geld),
        keuzes={
            "meetellen": [m.value for m in service.Meetellen],
            "scenario": [s.value for s in service.Scenario],
        },
        gekozen={
            "maanden": verzoek.maanden,
            "meetellen": verzoek.meetellen.value,
            "scenario": verzoek.scenario.value,
        },
    )


def _grafieken(p: service.Huisvestingsplan) -> list[Grafiek]:
    """Need against supply over all classes, and the same for large households (5 persons and more)."""
    maanden = [m.maand for m in p.plan.maanden]
    totaal = lijnen(
        "grafiek-behoefte-aanbod",
        "Behoefte en aanbod (personen, cumulatief)",
        maanden,
        {
            "behoefte": [m.som("behoefte") for m in p.plan.maanden],
            "aanbod": [m.som("aanbod") for m in p.plan.maanden],
            "tekort": [m.som("tekort") for m in p.plan.maanden],
        },
    )
    groot = lijnen(
        "grafiek-groot",
        "Grote huishoudens (5 personen en meer)",
        maanden,
        {
            "behoefte": [m.klassen["5+"].behoefte for m in p.plan.maanden],
            "aanbod": [m.klassen["5+"].aanbod for m in p.plan.maanden],
            "tekort": [m.klassen["5+"].tekort for m in p.plan.maanden],
        },
    )
    return [totaal, groot]
