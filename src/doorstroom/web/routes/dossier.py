"""*Dossier*: persons within scope, a person's timeline and deadlines, event entry, imports, AVG export.

No personal data in URLs: persons are addressed by their random id; a search by BSN or V-number is
a POST; filters in the query string are phases and case-worker names only.
"""

from __future__ import annotations

import json
import secrets
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import RedirectResponse, Response

from doorstroom.dossier import service as dossier
from doorstroom.dossier.service import (
    GEBEURTENISMODELLEN,
    SOORTEN,
    Fase,
    Intrekking,
    NieuwePersoon,
    PersoonWijziging,
    Status,
)
from doorstroom.platform.errors import InputError, Problem, Verouderd
from doorstroom.platform.paging import Pagina, Volgorde
from doorstroom.web import gebeurtenisformulier
from doorstroom.web.formulieren import model, upload
from doorstroom.web.sessie import FormulierDep, GebruikerDep
from doorstroom.web.weergeven import pagina, problemen

router = APIRouter()
PersoonId = Annotated[str, Path(pattern=r"^[0-9a-f-]{36}$")]
GROOTTE = 25


def _lijst(request: Request, gebruiker: Any, fase: str | None, nummer: int, **extra: Any) -> Response:
    filters = {"fase": fase} if fase else {}
    personen, totaal = dossier.personen(
        request.app.state.engine,
        gebruiker,
        filters,
        Volgorde((("geslachtsnaam", False),)),
        Pagina(nummer, GROOTTE),
    )
    return pagina(
        request,
        "dossier.html",
        extra.pop("status", 200),
        titel="Dossier",
        personen=personen,
        totaal=totaal,
        nummer=nummer,
        paginas=max(1, -(-totaal // GROOTTE)),
        fase=fase or "",
        fases=[f.value for f in Fase],
        fouten=extra.pop("fouten", []),
        melding=extra.pop("melding", ""),
        zoekresultaat=extra.pop("zoekresultaat", None),
    )


@router.get("/dossier")
def lijst(
    request: Request,
    gebruiker: GebruikerDep,
    fase: Annotated[Fase | None, Query()] = None,
    pagina_nr: Annotated[int, Query(alias="pagina", ge=1, le=100_000)] = 1,
) -> Response:
    """Persons within scope, by surname, a page at a time."""
    return _lijst(request, gebruiker, fase.value if fase else None, pagina_nr)


@router.post("/dossier/zoek")
async def zoek(request: Request, gebruiker: FormulierDep) -> Response:
    """Find a person by name, BSN or V-number (in the body, never in the URL)."""
    form = await request.form()
    naam, bsn, vnummer = (str(form.get(v) or "").strip() or None for v in ("naam", "bsn", "vnummer"))
    try:
        gevonden = dossier.zoek(request.app.state.engine, gebruiker, bsn=bsn, vnummer=vnummer, naam=naam)
    except InputError as error:
        return _lijst(request, gebruiker, None, 1, fouten=problemen(error), status=422)
    return _lijst(request, gebruiker, None, 1, zoekresultaat=gevonden)


@router.post("/dossier/personen")
async def nieuwe_persoon(request: Request, gebruiker: FormulierDep) -> Response:
    """Open a file for a person (surname and date of birth suffice)."""
    form = {k: str(v).strip() for k, v in (await request.form()).items() if isinstance(v, str)}
    velden = {
        k: form[k]
        for k in ("geslachtsnaam", "voornamen", "geboortedatum", "geslacht", "vnummer", "bsn", "gemeentecode")
        if form.get(k)
    }
    try:
        persoon = dossier.maak_persoon(request.app.state.engine, gebruiker, model(NieuwePersoon, velden))
    except InputError as error:
        return _lijst(request, gebruiker, None, 1, fouten=problemen(error), status=422)
    return RedirectResponse(f"/dossier/personen/{persoon['id']}", status_code=303)


@router.post("/dossier/importeer/{soort}")
async def importeer(
    request: Request,
    gebruiker: FormulierDep,
    soort: Annotated[str, Path(pattern=r"^(koppellijst|realisatielijst)$")],
) -> Response:
    """Import a COA koppeling list or a realisation list: validated whole, all or nothing, idempotent."""
    functie = dossier.importeer_koppellijst if soort == "koppellijst" else dossier.importeer_realisatielijst
    try:
        async with request.form() as form:
            with upload(form.get("bestand"), "bestand") as pad:
                uitkomst = functie(request.app.state.engine, gebruiker, pad)
    except InputError as error:
        return _lijst(request, gebruiker, None, 1, fouten=problemen(error), status=422)
    melding = (
        f"{soort} geïmporteerd: {uitkomst.rijen} rijen, {uitkomst.nieuwe_personen} nieuwe personen, "
        f"{uitkomst.nieuwe_huishoudens} nieuwe huishoudens, "
        f"{uitkomst.nieuwe_gebeurtenissen} nieuwe gebeurtenissen"
    )
    return _lijst(request, gebruiker, None, 1, melding=melding)


def _persoonpagina(request: Request, gebruiker: Any, persoon_id: str, soort: str, **extra: Any) -> Response:
    beeld = dossier.dossierbeeld(request.app.state.engine, gebruiker, persoon_id)
    return pagina(
        request,
        "persoon.html",
        extra.pop("status", 200),
        titel="Dossier",
        beeld=beeld,
        soort=soort,
        soorten=[(naam, s.omschrijving) for naam, s in SOORTEN.items()],
        velden=gebeurtenisformulier.velden(soort),
        invoer=extra.pop("invoer", {}),
        fouten=extra.pop("fouten", []),
        prefix=gebeurtenisformulier.PREFIX,
        sleutel=secrets.token_urlsafe(24),
    )


@router.get("/dossier/personen/{persoon_id}")
def persoon(
    request: Request,
    gebruiker: GebruikerDep,
    persoon_id: PersoonId,
    soort: Annotated[str, Query(max_length=40)] = "huisvesting",
) -> Response:
    """A person's file: data, household, timeline, deadlines, and the event form."""
    return _persoonpagina(request, gebruiker, persoon_id, soort if soort in SOORTEN else "huisvesting")


@router.get("/dossier/gebeurtenisvelden")
def gebeurtenisvelden(
    request: Request, gebruiker: GebruikerDep, soort: Annotated[str, Query(max_length=40)] = ""
) -> Response:
    """The data fields of an event kind (htmx swaps them in when the kind changes)."""
    return pagina(
        request,
        "_gebeurtenisvelden.html",
        velden=gebeurtenisformulier.velden(soort),
        invoer={},
        prefix=gebeurtenisformulier.PREFIX,
        soort=soort,
    )


@router.post("/dossier/personen/{persoon_id}/gebeurtenissen")
async def leg_vast(request: Request, gebruiker: FormulierDep, persoon_id: PersoonId) -> Response:
    """Record an event; every problem is shown at the form, nothing is stored when one is wrong. The
    form's key (``sleutel``, new with every rendering) makes a second sending of it answer the first."""
    form = {k: str(v) for k, v in (await request.form()).items() if isinstance(v, str)}
    soort = form.get("soort", "")
    velden = {
        "persoonId": persoon_id,
        "soort": soort,
        "datum": form.get("datum", ""),
        "gegevens": gebeurtenisformulier.gegevens(soort, form),
    }
    if form.get("toelichting", "").strip():
        velden["toelichting"] = form["toelichting"].strip()
    try:
        if soort not in SOORTEN:
            raise InputError(Problem("kies een soort gebeurtenis", field="soort"))
        invoer = model_gebeurtenis(velden)
        dossier.leg_vast(request.app.state.engine, gebruiker, invoer, form.get("sleutel") or None)
    except InputError as error:
        return _persoonpagina(
            request,
            gebruiker,
            persoon_id,
            soort if soort in SOORTEN else "huisvesting",
            invoer=form,
            fouten=problemen(error),
            status=422,
        )
    return RedirectResponse(f"/dossier/personen/{persoon_id}#tijdlijn", status_code=303)


def model_gebeurtenis(velden: dict[str, Any]) -> Any:
    """The new-event model of the kind in ``velden`` (validated with the API's own models)."""
    return model(GEBEURTENISMODELLEN[str(velden["soort"])], velden)


@router.post("/dossier/personen/{persoon_id}/casemanager")
async def casemanager(request: Request, gebruiker: FormulierDep, persoon_id: PersoonId) -> Response:
    """Assign, change or clear (empty) the person's case worker, by user name, as the file's version
    read with the page allows: a change by someone else in between is shown, never overwritten."""
    form = await request.form()
    naam = str(form.get("casemanager") or "").strip() or None
    try:
        wijziging = model(PersoonWijziging, {"casemanager": naam})
        dossier.wijzig_persoon(request.app.state.engine, gebruiker, persoon_id, _versie(form), wijziging)
    except InputError as error:
        return _persoonpagina(
            request, gebruiker, persoon_id, "huisvesting", fouten=problemen(error), status=422
        )
    except Verouderd:
        fout = "casemanager: de gegevens zijn intussen gewijzigd; bekijk ze en kies opnieuw"
        return _persoonpagina(request, gebruiker, persoon_id, "huisvesting", fouten=[fout], status=409)
    return RedirectResponse(f"/dossier/personen/{persoon_id}#gegevens", status_code=303)


def _versie(form: Any) -> int:
    """The file's version the page was read at (optimistic concurrency: the web always sends it)."""
    tekst = str(form.get("versie") or "")
    if not tekst.isdigit() or len(tekst) > 9:
        raise InputError(Problem("onbekende versie; laad de pagina opnieuw", field="versie"))
    return int(tekst)


@router.post("/dossier/gebeurtenissen/{gebeurtenis_id}/intrekking")
async def trek_in(request: Request, gebruiker: FormulierDep, gebeurtenis_id: PersoonId) -> Response:
    """Withdraw an event recorded in error (it stays in the history, with the reason)."""
    form = await request.form()
    persoon_id = str(form.get("persoon") or "")
    try:
        invoer = model(Intrekking, {"toelichting": str(form.get("toelichting") or "").strip()})
        gedaan = dossier.trek_in(request.app.state.engine, gebruiker, gebeurtenis_id, invoer)
    except InputError as error:
        return _persoonpagina(
            request, gebruiker, persoon_id, "huisvesting", fouten=problemen(error), status=422
        )
    return RedirectResponse(f"/dossier/personen/{gedaan['persoonId']}#tijdlijn", status_code=303)


@router.post("/dossier/personen/{persoon_id}/inzage")
async def inzage(request: Request, gebruiker: FormulierDep, persoon_id: PersoonId) -> Response:
    """AVG art. 15: everything held on this person, as a printable Dutch page for the person or one
    JSON document for a system (``vorm``); the export is audited either way."""
    vorm = str((await request.form()).get("vorm") or "html")
    document = dossier.inzage(request.app.state.engine, gebruiker, persoon_id)
    if vorm == "json":
        return Response(
            json.dumps(document, ensure_ascii=False, indent=2).encode(),
            media_type="application/json",
            headers={"Content-Disposition": 'attachment; filename="inzage.json"'},
        )
    return pagina(request, "inzage.html", titel="Inzage", document=document)


@router.get("/dossier/termijnen")
def termijnen(
    request: Request,
    gebruiker: GebruikerDep,
    status: Annotated[Status | None, Query()] = None,
    casemanager: Annotated[str | None, Query(max_length=50)] = None,
    sorteer: Annotated[str, Query(max_length=20)] = "vervaldatum",
    aflopend: Annotated[bool, Query()] = False,
    pagina_nr: Annotated[int, Query(alias="pagina", ge=1, le=100_000)] = 1,
) -> Response:
    """Open deadlines within scope with whom they are for, earliest due first or sorted by a column."""
    rijen, totaal = dossier.termijnoverzicht(
        request.app.state.engine,
        gebruiker,
        dossier.Termijnfilter(casemanager=casemanager or None, status=status),
        Pagina(pagina_nr, 50),
        aflopend=aflopend,
        sorteer=sorteer,
    )
    filters = {"status": status.value if status else "", "casemanager": casemanager or ""}
    return pagina(
        request,
        "termijnen.html",
        titel="Termijnen",
        rijen=rijen,
        totaal=totaal,
        filters=filters,
        sorteer=sorteer,
        aflopend=aflopend,
        statussen=[s.value for s in Status],
        nummer=pagina_nr,
        paginas=max(1, -(-totaal // 50)),
    )


@router.get("/dossier/tvs")
def tvs(
    request: Request,
    gebruiker: GebruikerDep,
    status: Annotated[dossier.Tvsstatus | None, Query()] = None,
    pagina_nr: Annotated[int, Query(alias="pagina", ge=1, le=100_000)] = 1,
) -> Response:
    """The TVS timeline of each linked household within scope, earliest koppeling first."""
    rijen, totaal = dossier.tvsoverzicht(
        request.app.state.engine, gebruiker, dossier.Tvsfilter(status=status), Pagina(pagina_nr, 50)
    )
    return pagina(
        request,
        "tvs.html",
        titel="TVS-tijdlijn",
        rijen=rijen,
        totaal=totaal,
        statusfilter=status.value if status else "",
        statussen=[s.value for s in dossier.Tvsstatus],
        nummer=pagina_nr,
        paginas=max(1, -(-totaal // 50)),
    )
