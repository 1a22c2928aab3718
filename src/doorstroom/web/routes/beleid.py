"""*Beleid*: the regimes side by side — status, period, sources, and what each sets per context (issue 24)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from doorstroom.beleid import service as beleid
from doorstroom.web.sessie import GebruikerDep
from doorstroom.web.weergeven import pagina

router = APIRouter()


def _rijen(regimes: list[beleid.Opgeslagen]) -> list[tuple[str, list[str]]]:
    """Per parameter any regime sets, the value in each regime's column ('–': not set by it)."""
    namen = list(dict.fromkeys(n for o in regimes for n in o.regime.gezet()))
    return [
        (
            naam,
            [
                beleid.waardetekst(o.regime.gezet()[naam]) if naam in o.regime.gezet() else "–"
                for o in regimes
            ],
        )
        for naam in namen
    ]


@router.get("/beleid")
def beleidsregimes(request: Request, gebruiker: GebruikerDep) -> Response:
    """Every regime in a column: law in force first, bills and plans marked as not law in force."""
    regimes = beleid.regimes(request.app.state.engine, gebruiker)
    kolommen: list[dict[str, Any]] = [
        {**beleid.als_record(o.regime, o.versie.versie), "regime": o.regime} for o in regimes
    ]
    return pagina(request, "beleid.html", titel="Beleid", kolommen=kolommen, rijen=_rijen(regimes))
