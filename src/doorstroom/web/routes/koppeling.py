"""*Koppeling*: runs and their proposals with explanations; accept or override with a reason (COA)."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path as Pad
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import RedirectResponse, Response

from doorstroom.dossier import service as dossier
from doorstroom.dossier.service import Beoordeling
from doorstroom.koppeling import service as koppeling
from doorstroom.platform.clock import vandaag
from doorstroom.platform.errors import InputError, Problem, Verouderd
from doorstroom.reference.service import gemeenten_in_gebruik
from doorstroom.values.gemeentecode import GEMEENTECODE_PATROON
from doorstroom.values.periode import Periode
from doorstroom.web.formulieren import bewaar_upload, model
from doorstroom.web.sessie import FormulierDep, GebruikerDep
from doorstroom.web.tabel import filter_rijen
from doorstroom.web.voortgang import voortgangspagina, voortgangsstand
from doorstroom.web.weergeven import pagina, problemen

router = APIRouter()
RunId = Annotated[int, Path(ge=1, le=2_147_483_647)]


@router.get("/koppeling")
def runs(request: Request, gebruiker: GebruikerDep) -> Response:
    """Stored runs (newest first) and the form for a new run."""
    lijst = dossier.koppelruns(request.app.state.engine, gebruiker).rijen
    return pagina(
        request,
        "koppeling.html",
        titel="Koppeling",
        runs=lijst,
        solvers=koppeling.available_solvers(),
        fouten=[],
    )


@router.post("/koppeling/runs")
async def nieuwe_run(request: Request, gebruiker: FormulierDep) -> Response:
    """Upload the households (and optionally capacity), solve in the background, then review."""
    map_ = Pad(tempfile.mkdtemp(prefix="doorstroom-run-"))
    try:
        async with request.form() as form:
            verzoek, prijzen = _verzoek(form, map_), _prijzen(form)
    except InputError as error:
        shutil.rmtree(map_, ignore_errors=True)
        lijst = dossier.koppelruns(request.app.state.engine, gebruiker).rijen
        return pagina(
            request,
            "koppeling.html",
            422,
            titel="Koppeling",
            runs=lijst,
            solvers=koppeling.available_solvers(),
            fouten=problemen(error),
        )
    engine = request.app.state.engine

    def werk(voortgang: Any) -> int:
        try:
            if isinstance(verzoek.huishoudens, tuple):  # from the case file: read when the work starts
                return int(str(dossier.koppelrun_uit_dossier(engine, gebruiker, verzoek, prijzen)["run"]))
            return dossier.nieuwe_koppelrun(engine, gebruiker, verzoek, prijzen)
        finally:
            shutil.rmtree(map_, ignore_errors=True)

    taak = request.app.state.taken.start(gebruiker, "koppeling", "koppelrun", werk)
    return RedirectResponse(f"/koppeling/taken/{taak.id}", status_code=303)


def _verzoek(form: Any, map_: Pad) -> koppeling.Verzoek:
    """The run request from the form; the uploads copied into ``map_`` for the background work.

    ``bron``: ``dossier`` takes the households waiting in the case file (filled in by the service),
    ``bestand`` an uploaded list for data from outside."""
    uit_dossier = form.get("bron") == "dossier"
    huishoudens: Pad | tuple[koppeling.Huishouden, ...] = (
        () if uit_dossier else bewaar_upload(form.get("huishoudens"), "huishoudens", map_)
    )
    capaciteit = (
        bewaar_upload(form.get("capaciteit"), "capaciteit", map_)
        if _gekozen(form.get("capaciteit"))
        else None
    )
    keuze = str(form.get("solver") or koppeling.STANDAARD_SOLVER)
    solvers = koppeling.available_solvers()
    if keuze not in solvers:
        raise InputError(Problem(f"kies een van {', '.join(solvers)}", field="solver"))
    return koppeling.Verzoek(
        huishoudens=huishoudens,
        capaciteit=capaciteit,
        solver=keuze,
        periode=Periode.containing(vandaag()),
    )


def _prijzen(form: Any) -> koppeling.Prijsverzoek | None:
    """``methode``: ``aandeel`` (a share of the period's room) or ``geprijsd`` (this week's batch,
    priced for the households still to come, as ``doorstroom koppeling voorstel --methode geprijsd``)."""
    try:
        methode = dossier.Koppelmethode(str(form.get("methode") or dossier.Koppelmethode.aandeel))
    except ValueError:
        keuzes = " of ".join(m.value for m in dossier.Koppelmethode)
        raise InputError(Problem(f"kies {keuzes}", field="methode")) from None
    return koppeling.Prijsverzoek() if methode is dossier.Koppelmethode.geprijsd else None


def _gekozen(bestand: Any) -> bool:
    return bool(getattr(bestand, "filename", None))


@router.get("/koppeling/taken/{taak_id}")
def taak(request: Request, gebruiker: GebruikerDep, taak_id: Annotated[str, Path(max_length=40)]) -> Response:
    """The progress of a run this user started."""
    gevonden = request.app.state.taken.van(gebruiker, taak_id)
    stand, resultaat = f"/koppeling/taken/{taak_id}/stand", f"/koppeling/runs/{gevonden.resultaat}"
    return voortgangspagina(request, gevonden, "Koppelrun wordt berekend", "/koppeling", stand, resultaat)


@router.get("/koppeling/taken/{taak_id}/stand")
def stand(
    request: Request, gebruiker: GebruikerDep, taak_id: Annotated[str, Path(max_length=40)]
) -> Response:
    """The polled progress partial; sends the browser to the result when it is stored."""
    gevonden = request.app.state.taken.van(gebruiker, taak_id)
    resultaat = f"/koppeling/runs/{gevonden.resultaat}"
    return voortgangsstand(request, gevonden, f"/koppeling/taken/{taak_id}/stand", resultaat)


def _runpagina(
    request: Request,
    gebruiker: Any,
    run_id: int,
    filters: dict[str, str],
    fouten: list[str],
    status: int = 200,
) -> Response:
    overzicht = dossier.koppelrunoverzicht(request.app.state.engine, gebruiker, run_id)
    voorstellen = filter_rijen(
        overzicht["voorstellen"], {"beoordeling": filters.get("beoordeling")}, None, "huishouden_id"
    )
    if filters.get("gemeente"):
        voorstellen = [v for v in voorstellen if filters["gemeente"] in (v["gemeentecode"], v["definitief"])]
    gemeenten = sorted(gemeenten_in_gebruik(request.app.state.engine), key=lambda g: g.naam)
    return pagina(
        request,
        "koppelrun.html",
        status,
        titel=f"Koppelrun {run_id}",
        run_id=run_id,
        overzicht=overzicht,
        voorstellen=voorstellen,
        filters=filters,
        gemeenten=gemeenten,
        fouten=fouten,
        beoordelingen=sorted({str(v["beoordeling"]) for v in overzicht["voorstellen"]}),
    )


@router.get("/koppeling/runs/{run_id}")
def run(
    request: Request,
    gebruiker: GebruikerDep,
    run_id: RunId,
    gemeente: Annotated[str | None, Query(pattern=GEMEENTECODE_PATROON)] = None,
    beoordeling: Annotated[str | None, Query(max_length=20)] = None,
) -> Response:
    """Proposals with explanations and names, filters, decision history, the report, room left."""
    return _runpagina(
        request, gebruiker, run_id, {"gemeente": gemeente or "", "beoordeling": beoordeling or ""}, []
    )


@router.post("/koppeling/runs/{run_id}/beoordelingen")
async def beoordeel(request: Request, gebruiker: FormulierDep, run_id: RunId) -> Response:
    """Accept, or override with another municipality, the chosen proposals; a reason is required."""
    form = await request.form()
    huishoudens = tuple(dict.fromkeys(str(h) for h in form.getlist("huishouden")))
    besluit = str(form.get("besluit") or "")
    try:
        if not huishoudens:
            raise InputError(Problem("kies minstens één voorstel", field="huishouden"))
        if besluit not in ("accepteren", "afwijken"):
            raise InputError(Problem("kies accepteren of afwijken", field="besluit"))
        gemeente = str(form.get("gemeente") or "") or None
        if besluit == "afwijken" and gemeente is None:
            raise InputError(Problem("kies de gemeente waarnaar u afwijkt", field="gemeente"))
        invoer = model(
            Beoordeling,
            {
                "toelichting": str(form.get("toelichting") or "").strip(),
                "gemeentecode": gemeente if besluit == "afwijken" else None,
            },
        )
        versies = _versies(form, huishoudens)
        dossier.beoordeel_voorstellen(
            request.app.state.engine, gebruiker, run_id, huishoudens, invoer, versies
        )
    except InputError as error:
        return _runpagina(request, gebruiker, run_id, {}, problemen(error), 422)
    except Verouderd as error:
        return _runpagina(request, gebruiker, run_id, {}, [str(error)], 409)
    return RedirectResponse(f"/koppeling/runs/{run_id}#geschiedenis", status_code=303)


def _versies(form: Any, huishoudens: tuple[str, ...]) -> dict[str, int]:
    """How many decisions each chosen proposal had when the page was shown (hidden per row)."""
    versies = {}
    for huishouden in huishoudens:
        tekst = str(form.get(f"versie:{huishouden}") or "")
        if tekst.isascii() and tekst.isdigit() and len(tekst) < 10:
            versies[huishouden] = int(tekst)
    return versies
