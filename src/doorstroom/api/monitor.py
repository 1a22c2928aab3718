"""``/monitor``: integration outcomes per municipality and cohort, protected aggregates only
(issue 26; docs/monitor.md). The figures are those of the page and the command line: one protected
table per indicator and cohort (:mod:`doorstroom.monitor.service`)."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request

from doorstroom.api.afhankelijkheden import EngineDep, GebruikerDep, PaginaDep
from doorstroom.api.lijsten import lijst
from doorstroom.api.problemen import documentatie
from doorstroom.api.schemas import Lijst, Monitorcijfers, Monitorindicator
from doorstroom.monitor import service as monitor
from doorstroom.monitor.service import Cohortsoort, Indicator

router = APIRouter(prefix="/monitor", tags=["monitor"])
NAAM = r"^[a-z0-9_]{1,40}$"


def _indicator(indicator: Indicator) -> dict[str, Any]:
    velden = ("naam", "titel", "definitie", "bron", "regel")
    return {
        **{v: getattr(indicator, v) for v in velden},
        "soort": indicator.soort.value,
        "eenheid": indicator.eenheid,
    }


@router.get(
    "/indicatoren", response_model=Lijst[Monitorindicator], responses=documentatie(400, 401, 500, 503)
)
def lijst_indicatoren(request: Request, gebruiker: GebruikerDep, pagina: PaginaDep) -> dict[str, Any]:
    """Alle indicatoren van de monitor, met hun definitie."""
    alle = [_indicator(i) for i in monitor.indicatoren()]
    return lijst(request, pagina.uit(alle), len(alle), pagina)


@router.get(
    "/indicatoren/{naam}/cijfers",
    response_model=Monitorcijfers,
    responses=documentatie(400, 401, 403, 404, 500, 503),
)
def lees_cijfers(
    engine: EngineDep,
    gebruiker: GebruikerDep,
    naam: Annotated[str, Path(pattern=NAAM)],
    cohort: Cohortsoort = Cohortsoort.huisvesting,
    peildatum: Annotated[
        date | None, Query(ge=date(2000, 1, 1), le=date(2100, 12, 31), description="Standaard vandaag.")
    ] = None,
) -> dict[str, Any]:
    """De afgeschermde cijfers van één indicator per cohortjaar die u mag zien (nooit onder de tien)."""
    beeld = monitor.monitor(engine, gebruiker, naam, cohort, peildatum)
    return {
        "indicator": _indicator(beeld.indicator),
        "cohort": beeld.cohort.value,
        "peildatum": beeld.peildatum,
        "eigenGemeente": beeld.eigen,
        "cijfers": [asdict(r) for r in beeld.rijen],
        "vergelijkingen": [{**asdict(v.verdeling), **_zonder_verdeling(v)} for v in beeld.vergelijkingen],
    }


def _zonder_verdeling(vergelijking: monitor.Vergelijking) -> dict[str, Any]:
    return {
        "jaar": vergelijking.jaar,
        "eenheidsoort": vergelijking.eenheidsoort,
        "eenheid": vergelijking.eenheid,
    }
