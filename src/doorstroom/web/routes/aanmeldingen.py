"""*Aanmeldingen*: COA compares a new file with the existing one that holds its number, and decides."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Request
from fastapi.responses import Response

from doorstroom.dossier import service as dossier
from doorstroom.dossier.service import Aanmeldingsbesluit
from doorstroom.platform.errors import Conflict, InputError, Problem
from doorstroom.platform.paging import Pagina
from doorstroom.web.formulieren import model
from doorstroom.web.sessie import FormulierDep, GebruikerDep
from doorstroom.web.weergeven import pagina, problemen

router = APIRouter()
AanmeldingId = Annotated[str, Path(pattern=r"^[0-9a-f-]{36}$")]


def _pagina(
    request: Request, gebruiker: Any, fouten: list[str], melding: str = "", status: int = 200
) -> Response:
    open_, _ = dossier.aanmeldingen(request.app.state.engine, gebruiker, pagina=Pagina(1, 100))
    return pagina(
        request,
        "aanmeldingen.html",
        status,
        titel="Aanmeldingen",
        aanmeldingen=open_,
        fouten=fouten,
        melding=melding,
    )


@router.get("/dossier/aanmeldingen")
def lijst(request: Request, gebruiker: GebruikerDep) -> Response:
    """The open aanmeldingen, oldest first."""
    return _pagina(request, gebruiker, [])


@router.post("/dossier/aanmeldingen/{aanmelding_id}/besluit")
async def beslis(request: Request, gebruiker: FormulierDep, aanmelding_id: AanmeldingId) -> Response:
    """Grant or refuse one aanmelding with a reason."""
    form = await request.form()
    keuze = str(form.get("besluit") or "")
    try:
        if keuze not in ("toekennen", "afwijzen"):
            raise InputError(Problem("kies toekennen of afwijzen", field="besluit"))
        besluit = model(
            Aanmeldingsbesluit,
            {"toekennen": keuze == "toekennen", "toelichting": str(form.get("toelichting") or "").strip()},
        )
        dossier.beslis_aanmelding(
            request.app.state.engine,
            gebruiker,
            aanmelding_id,
            toekennen=besluit.toekennen,
            toelichting=besluit.toelichting,
        )
    except InputError as error:
        return _pagina(request, gebruiker, problemen(error), status=422)
    except Conflict as error:
        return _pagina(request, gebruiker, [str(error)], status=409)
    gedaan = "toegekend: de dossiers zijn samengevoegd" if keuze == "toekennen" else "afgewezen"
    return _pagina(request, gebruiker, [], f"aanmelding {gedaan}")
