"""User management for the *beheerder*: list, create with a first password, block, set a password."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from doorstroom.accounts import service
from doorstroom.accounts.service import AANMAAKBARE_ROLLEN, Rol
from doorstroom.platform.errors import InputError, Problem
from doorstroom.reference.service import embedded_provincies
from doorstroom.web.sessie import FormulierDep, GebruikerDep
from doorstroom.web.weergeven import pagina, problemen

router = APIRouter()


def _pagina(
    request: Request, gebruiker: Any, fouten: list[str], melding: str = "", status: int = 200
) -> Response:
    return pagina(
        request,
        "gebruikers.html",
        status,
        titel="Gebruikers",
        gebruikers=service.gebruikers(request.app.state.engine, gebruiker),
        rollen=[r.value for r in AANMAAKBARE_ROLLEN],
        provincies=[p.naam for p in embedded_provincies()],
        fouten=fouten,
        melding=melding,
    )


@router.get("/beheer/gebruikers")
def gebruikers(request: Request, gebruiker: GebruikerDep) -> Response:
    """Every account."""
    return _pagina(request, gebruiker, [])


@router.post("/beheer/gebruikers")
async def maak_aan(request: Request, gebruiker: FormulierDep) -> Response:
    """Create an account with role, scope and first password."""
    form = {k: str(v).strip() for k, v in (await request.form()).items() if isinstance(v, str)}
    try:
        if form.get("rol") not in {r.value for r in AANMAAKBARE_ROLLEN}:
            raise InputError(Problem("kies een rol", field="rol"))
        if not form.get("wachtwoord"):
            raise InputError(Problem("geef een wachtwoord van minstens 12 tekens", field="wachtwoord"))
        service.maak_gebruiker(
            request.app.state.engine,
            gebruiker,
            form.get("gebruikersnaam", ""),
            Rol(form["rol"]),
            gemeente=form.get("gemeente") or None,
            provincie=form.get("provincie") or None,
            wachtwoord_tekst=form["wachtwoord"],
        )
    except InputError as error:
        return _pagina(request, gebruiker, problemen(error), status=422)
    return _pagina(request, gebruiker, [], f"gebruiker {form['gebruikersnaam']} aangemaakt")


@router.post("/beheer/gebruikers/{naam}/blokkering")
def blokkeer(request: Request, gebruiker: FormulierDep, naam: str) -> Response:
    """Block an account at once (its sessions and tokens stop working)."""
    try:
        service.blokkeer(request.app.state.engine, gebruiker, naam)
    except InputError as error:
        return _pagina(request, gebruiker, problemen(error), status=422)
    return RedirectResponse("/beheer/gebruikers", status_code=303)


@router.post("/beheer/gebruikers/{naam}/wachtwoord")
async def wachtwoord(request: Request, gebruiker: FormulierDep, naam: str) -> Response:
    """Give an account a new password."""
    form = await request.form()
    try:
        service.zet_wachtwoord(request.app.state.engine, gebruiker, naam, str(form.get("wachtwoord") or ""))
    except InputError as error:
        return _pagina(request, gebruiker, problemen(error), status=422)
    return _pagina(request, gebruiker, [], f"wachtwoord van {naam} gezet")
