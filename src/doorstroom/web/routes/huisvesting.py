"""*Huisvesting*: a municipality's housing plan (issue 25): supply against need per month and size
class, the month it falls behind, what ends when, and the money; every chart with its table."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import RedirectResponse, Response

from doorstroom.huisvesting import service
from doorstroom.huisvesting.service import rijen
from doorstroom.platform.clock import lokale_tijd
from doorstroom.values.domains import PLANMAANDEN
from doorstroom.web.grafieken import Grafiek, lijnen
from doorstroom.web.sessie import GebruikerDep
from doorstroom.web.weergeven import pagina

router = APIRouter()
Maanden = Annotated[int, Query(ge=int(PLANMAANDEN.minimum), le=int(PLANMAANDEN.maximum))]


@router.get("/huisvesting")
def kies(request: Request, gebruiker: GebruikerDep) -> Response:
    """A user with one municipality in scope goes to its plan; others choose from theirs."""
    keuzes = service.leesbare_gemeenten(request.app.state.engine, gebruiker)
    if len(keuzes) == 1:
        return RedirectResponse(f"/huisvesting/{keuzes[0][0]}", status_code=303)
    return pagina(request, "huisvestingkeuze.html", titel="Huisvesting: gemeente kiezen", keuzes=keuzes)


@router.get("/huisvesting/{code}")
def plan(
    request: Request,
    gebruiker: GebruikerDep,
    code: Annotated[str, Path(pattern=r"^GM[0-9]{4}$")],
    maanden: Maanden = 12,
    meetellen: Annotated[service.Meetellen, Query()] = service.Meetellen.alles,
    scenario: Annotated[service.Scenario, Query()] = service.Scenario.midden,
) -> Response:
    """The plan of one municipality with its supply and money (404 outside the user's scope)."""
    engine = request.app.state.engine
    verzoek = service.Planverzoek(code, maanden=maanden, meetellen=meetellen, scenario=scenario)
    overzicht = service.geld(engine, gebruiker, verzoek)
    p = overzicht.plan
    return pagina(
        request,
        "huisvesting.html",
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
        gekozen={"maanden": maanden, "meetellen": meetellen.value, "scenario": scenario.value},
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
