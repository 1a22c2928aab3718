"""*Beleid*: the regimes side by side — status, period, sources, and what each sets per context — and
the forecast under two of them, month by month (issue 24)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from doorstroom.beleid import service as beleid
from doorstroom.platform.errors import Conflict, InputError
from doorstroom.web.sessie import GebruikerDep
from doorstroom.web.weergeven import pagina, problemen

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


REGIME = Query(pattern=r"^[a-z0-9][a-z0-9-]{1,39}$")
MAANDEN = Query(ge=1, le=120)


@router.get("/beleid/vergelijk")
def vergelijk(
    request: Request,
    gebruiker: GebruikerDep,
    a: Annotated[str, REGIME] = "wet-2024",
    b: Annotated[str, REGIME] = "tweestatusstelsel",
    maanden: Annotated[int, MAANDEN] = 24,
) -> Response:
    """The default forecast under regime A beside regime B; a bad choice is shown at the form."""
    engine = request.app.state.engine
    keuzes = [o.regime for o in beleid.regimes(engine, gebruiker)]
    try:
        uitkomst, fouten = beleid.vergelijk(engine, gebruiker, [a], [b], None, maanden), []
    except (InputError, Conflict) as fout:
        uitkomst, fouten = None, problemen(fout) if isinstance(fout, InputError) else [str(fout)]
    return pagina(
        request,
        "beleid_vergelijk.html",
        titel="Beleid vergelijken",
        keuzes=keuzes,
        a=a,
        b=b,
        maanden=maanden,
        uitkomst=uitkomst,
        fouten=fouten,
        reeksen=[naam for naam in beleid.VERGELIJKKOLOMMEN if naam.endswith("_a") and naam != "regimes_a"],
    )
