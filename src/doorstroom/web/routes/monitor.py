"""*Monitor*: integration outcomes per municipality and cohort, compared with peers, province and
country — protected aggregates only (issue 26; docs/monitor.md). Every chart has its table, and the
page shows exactly the figures of the API and the command line (one protected table)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from doorstroom.monitor import service
from doorstroom.web.grafieken import monitorstaven
from doorstroom.web.sessie import GebruikerDep
from doorstroom.web.weergeven import pagina

router = APIRouter()
STANDAARD = "huisvesting_binnen_termijn"


@router.get("/monitor")
def monitor(
    request: Request,
    gebruiker: GebruikerDep,
    indicator: Annotated[str, Query(pattern=r"^[a-z0-9_]{1,40}$")] = STANDAARD,
    cohort: service.Cohortsoort = service.Cohortsoort.huisvesting,
) -> Response:
    """One indicator per cohort year: totals as bars with their table, the groups, the peers."""
    beeld = service.monitor(request.app.state.engine, gebruiker, indicator, cohort)
    grafieken = monitorstaven(
        beeld.indicator.naam, beeld.indicator.titel, beeld.indicator.eenheid, beeld.rijen
    )
    return pagina(
        request,
        "monitor.html",
        titel="Monitor",
        beeld=beeld,
        indicatoren=service.indicatoren(),
        grafieken=grafieken,
        cohorten=list(service.Cohortsoort),
    )
