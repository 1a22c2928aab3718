"""*Scenario*: change a scenario's parameters, run the forecast in the background, see and download it."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import RedirectResponse, Response

from doorstroom.accounts.service import Gebruiker
from doorstroom.platform.errors import InputError, Problem
from doorstroom.prognose import service as prognoses
from doorstroom.prognose.service import SPECS
from doorstroom.values import domains
from doorstroom.values.domains import Domain
from doorstroom.values.number_text import DECIMAL_COMMA, NumberTextError, parse_number
from doorstroom.web.grafieken import WAAIERS, waaier
from doorstroom.web.sessie import FormulierDep, GebruikerDep
from doorstroom.web.voortgang import voortgangspagina, voortgangsstand
from doorstroom.web.weergeven import pagina, problemen

router = APIRouter()
Id = Annotated[int, Path(ge=1, le=2_147_483_647)]
VELDEN_RUN = ("naam", "paden", "maanden", "seed")
DOELEN = ("wachtende_vergunninghouders", "uiterlijk_maand", "kans")


def _formulier(
    request: Request, basisnaam: str, invoer: dict[str, str], fouten: list[str], status: int = 200
) -> Response:
    scenario = prognoses.basis(basisnaam)
    return pagina(
        request,
        "scenario.html",
        status,
        titel="Scenario",
        scenario=scenario,
        basisnaam=basisnaam,
        basisnamen=prognoses.basisnamen(),
        specs=SPECS,
        invoer=invoer,
        fouten=fouten,
        prognoses=prognoses.runs(request.app.state.engine, request.state.sessie.gebruiker),
    )


@router.get("/scenario")
def scenario(
    request: Request, gebruiker: GebruikerDep, basis: Annotated[str, Query(max_length=40)] = "standaard"
) -> Response:
    """The form over the base scenario's parameters, and the stored forecasts."""
    return _formulier(request, basis, {}, [])


@router.post("/scenario")
async def start(request: Request, gebruiker: FormulierDep) -> Response:
    """Check the form; start the forecast in the background and show its progress."""
    form = {k: str(v) for k, v in (await request.form()).items() if isinstance(v, str)}
    basisnaam = form.get("basis", "standaard")
    waarden = {naam: form[f"p_{naam}"] for naam in SPECS if f"p_{naam}" in form}
    try:
        doelen = {d: form.get(d, "") for d in DOELEN}
        gekozen = prognoses.aangepast(prognoses.basis(basisnaam), waarden, doelen, notatie=DECIMAL_COMMA)
        verzoek = prognoses.Runverzoek(
            gekozen,
            form.get("naam", "").strip() or gekozen.naam,
            paden=_run(form, "paden", domains.PADEN) or 1000,
            maanden=_run(form, "maanden", domains.HORIZON_MAANDEN),
            seed=_run(form, "seed", domains.SEED),
        )
        prognoses.controleer(verzoek)
    except InputError as error:
        return _formulier(request, basisnaam, form, problemen(error), 422)
    engine = request.app.state.engine
    horizon = verzoek.maanden or gekozen.maanden
    taak = request.app.state.taken.start(
        gebruiker,
        "prognose",
        f"prognose '{verzoek.naam}'",
        lambda voortgang: prognoses.bereken_en_bewaar(
            engine, gebruiker, verzoek, lambda t: voortgang((t + 1) / horizon)
        ),
    )
    return RedirectResponse(f"/scenario/taken/{taak.id}", status_code=303)


def _run(form: dict[str, str], veld: str, domein: Domain) -> int | None:
    """A whole number of the run as typed in the Dutch form (``1.000`` paths), inside its domain."""
    tekst = form.get(veld, "").strip()
    if not tekst:
        return None
    try:
        return int(parse_number(tekst, domein, decimal=DECIMAL_COMMA))
    except NumberTextError as error:
        raise InputError(Problem(str(error), field=veld)) from None


@router.get("/scenario/taken/{taak_id}")
def taak(request: Request, gebruiker: GebruikerDep, taak_id: Annotated[str, Path(max_length=40)]) -> Response:
    """The progress of a forecast this user started."""
    gevonden = request.app.state.taken.van(gebruiker, taak_id)
    stand, resultaat = f"/scenario/taken/{taak_id}/stand", f"/scenario/prognoses/{gevonden.resultaat}"
    return voortgangspagina(request, gevonden, "Prognose wordt berekend", "/scenario", stand, resultaat)


@router.get("/scenario/taken/{taak_id}/stand")
def stand(
    request: Request, gebruiker: GebruikerDep, taak_id: Annotated[str, Path(max_length=40)]
) -> Response:
    """The polled progress partial; sends the browser to the result when it is stored."""
    gevonden = request.app.state.taken.van(gebruiker, taak_id)
    resultaat = f"/scenario/prognoses/{gevonden.resultaat}"
    return voortgangsstand(request, gevonden, f"/scenario/taken/{taak_id}/stand", resultaat)


@router.get("/scenario/prognoses/{prognose_id}")
def prognose(request: Request, gebruiker: GebruikerDep, prognose_id: Id) -> Response:
    """A stored forecast: its fan charts with tables, the needed taakstelling, downloads, and whether
    it is the chain's shared forecast (a national planner marks it here)."""
    return _prognosepagina(request, gebruiker, prognose_id, [])


def _prognosepagina(
    request: Request, gebruiker: Gebruiker, prognose_id: int, fouten: list[str], status: int = 200
) -> Response:
    engine = request.app.state.engine
    document = prognoses.document(engine, gebruiker, prognose_id)
    reeksen = document.get("reeksen", {})
    grafieken = [waaier(r, reeksen[r]) for r in (*WAAIERS, "ind_wachtrij", "instroom_totaal") if r in reeksen]
    return pagina(
        request,
        "prognose.html",
        status,
        titel=document["naam"],
        document=document,
        grafieken=grafieken,
        delingen=prognoses.delingen(engine, gebruiker),
        mag_delen=prognoses.mag_delen(gebruiker),
        fouten=fouten,
    )


@router.post("/scenario/prognoses/{prognose_id}/delen")
async def delen(request: Request, gebruiker: FormulierDep, prognose_id: Id) -> Response:
    """Mark this forecast as the chain's shared one (a national planner, with a reason); audited."""
    form = await request.form()
    reden = str(form.get("reden", ""))
    try:
        prognoses.deel(request.app.state.engine, gebruiker, prognose_id, reden)
    except InputError as error:
        return _prognosepagina(request, gebruiker, prognose_id, problemen(error), 422)
    return RedirectResponse(f"/scenario/prognoses/{prognose_id}", status_code=303)


@router.get("/scenario/prognoses/{prognose_id}/kwantielen.csv")
def csv(request: Request, gebruiker: GebruikerDep, prognose_id: Id) -> Response:
    """P10/P50/P90 per series and month as CSV (Dutch Excel dialect)."""
    tekst = prognoses.kwantielen_csv(request.app.state.engine, gebruiker, prognose_id)
    return Response(
        tekst.encode("utf-8"),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="prognose-{prognose_id}.csv"'},
    )


@router.get("/scenario/prognoses/{prognose_id}/prognose.xlsx")
def xlsx(request: Request, gebruiker: GebruikerDep, prognose_id: Id) -> Response:
    """The forecast's workbook (every table, a Toelichting sheet)."""
    inhoud = prognoses.opgeslagen_werkboek(request.app.state.engine, gebruiker, prognose_id)
    return Response(
        inhoud,
        media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers={"Content-Disposition": f'attachment; filename="prognose-{prognose_id}.xlsx"'},
    )
