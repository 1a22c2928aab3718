"""``doorstroom dossier ...``: imports into the case file, deadlines, AVG inspection and retention.

The command line runs on the server as the operator (role ``systeem``: the whole file), audited
under the operating-system user. Municipal and COA staff use the API or the web app with their own
accounts and scope.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from doorstroom.cli.options import FormatOption, OutOption, getal_optie, out_option, parse_datum
from doorstroom.cli.output import Format, emit
from doorstroom.cli.output import err as _err
from doorstroom.cli.store import open_store, operator
from doorstroom.dossier import service as dossier
from doorstroom.files.tabular import atomic_write
from doorstroom.platform.errors import InputError, Problem
from doorstroom.platform.paging import Pagina
from doorstroom.platform.settings import get_settings
from doorstroom.values.domains import BEWAARTERMIJN_JAREN

app = typer.Typer(help="Dossier: importeren, termijnen, AVG-inzage en bewaartermijn.", no_args_is_help=True)


@app.command("importeer-koppellijst")
def importeer_koppellijst(bestand: Path) -> None:
    """Lees een COA-koppellijst (CSV/XLSX): huishoudens, personen en koppelingen; idempotent."""
    with open_store() as engine:
        resultaat = dossier.importeer_koppellijst(engine, operator(), bestand)
    _samenvatting(resultaat)


@app.command("importeer-realisatielijst")
def importeer_realisatielijst(bestand: Path) -> None:
    """Lees een realisatielijst (CSV/XLSX): verhuisdata per persoon of huishouden; idempotent."""
    with open_store() as engine:
        resultaat = dossier.importeer_realisatielijst(engine, operator(), bestand)
    _samenvatting(resultaat)


def _samenvatting(resultaat: dossier.Importresultaat) -> None:
    r = resultaat
    _err.print(
        f"{r.rijen} rijen: {r.nieuwe_personen} nieuwe personen, {r.nieuwe_huishoudens} nieuwe huishoudens, "
        f"{r.nieuwe_gebeurtenissen} nieuwe gebeurtenissen"
    )


@app.command("termijnen")
def termijnen(
    gemeente: Annotated[str | None, typer.Option("--gemeente", help="Gemeentecode, zoals GM0344.")] = None,
    casemanager: Annotated[str | None, typer.Option("--casemanager")] = None,
    peildatum: Annotated[str | None, typer.Option("--peildatum", help="Standaard vandaag.")] = None,
    fmt: FormatOption = Format.table,
    out: OutOption = None,
) -> None:
    """Open termijnen per persoon (wat binnenkort moet of te laat is), vroegste eerst."""
    filter_ = dossier.Termijnfilter(gemeente, casemanager, None, None, parse_datum(peildatum, "--peildatum"))
    with open_store() as engine:
        rows, _ = dossier.termijnoverzicht(engine, operator(), filter_, Pagina(1, 1_000_000))
    kolommen = ["naam", "persoonId", "huishouden", "fase", "gemeentecode", "casemanager", "regel"]
    kolommen += ["vervaldatum", "status", "bron"]
    emit(rows, kolommen, fmt, out, title="termijnen", persoonsgegevens=True)


@app.command("tvs")
def tvs(
    gemeente: Annotated[str | None, typer.Option("--gemeente", help="Gemeentecode, zoals GM0344.")] = None,
    status: Annotated[
        str | None, typer.Option("--status", help="op_schema, te_laat of verschoonbaar.")
    ] = None,
    peildatum: Annotated[str | None, typer.Option("--peildatum", help="Standaard vandaag.")] = None,
    fmt: FormatOption = Format.table,
    out: OutOption = None,
) -> None:
    """TVS-tijdlijn per gekoppeld huishouden: aanbod (10 weken), verhuizing (2 weken), status."""
    filter_ = dossier.Tvsfilter(gemeente, _tvsstatus(status), parse_datum(peildatum, "peildatum"))
    with open_store() as engine:
        rows, _ = dossier.tvsoverzicht(engine, operator(), filter_, Pagina(1, 1_000_000))
    kolommen = [
        "huishoudenId",
        "persoonId",
        "personen",
        "gemeentecode",
        "koppeldatum",
        "aanbodUiterlijk",
        "aanbod",
        "verhuizingUiterlijk",
        "huisvesting",
        "status",
        "reden",
    ]
    emit(rows, kolommen, fmt, out, title="tvs", persoonsgegevens=True)


def _tvsstatus(tekst: str | None) -> dossier.Tvsstatus | None:
    if tekst is None:
        return None
    for status in dossier.Tvsstatus:
        if tekst.strip() in (status.name, status.value):
            return status
    namen = ", ".join(s.name for s in dossier.Tvsstatus)
    raise InputError(Problem(f"onbekende TVS-status '{tekst}'; kies {namen}", field="status"))


@app.command("inzage")
def inzage(
    persoon: Annotated[str, typer.Option("--persoon", help="Id van de persoon.")],
    out: Annotated[Path, out_option("JSON-bestand (bevat persoonsgegevens: 0600).")],
) -> None:
    """AVG-inzage (art. 15): alles over één persoon als JSON-bestand."""
    with open_store() as engine:
        document = dossier.inzage(engine, operator(), persoon)
    with atomic_write(out, "w", prive=True, encoding="utf-8") as handle:
        json.dump(document, handle, ensure_ascii=False, indent=2)
    _err.print(f"inzage geschreven naar {out}")


@app.command("aanmeldingen")
def aanmeldingen_lijst(
    status: Annotated[
        str, typer.Option("--status", help="open (standaard), toegekend, afgewezen of ingetrokken.")
    ] = "open",
    fmt: FormatOption = Format.table,
    out: OutOption = None,
) -> None:
    """Dossiers geopend met een BSN of V-nummer dat een ander dossier al heeft (COA beslist)."""
    if status not in dossier.AANMELDINGSTATUSSEN:
        raise InputError(
            Problem(f"kies een status uit {', '.join(dossier.AANMELDINGSTATUSSEN)}", field="--status")
        )
    with open_store() as engine:
        rijen, _ = dossier.aanmeldingen(engine, operator(), status, Pagina(1, 1_000_000))
    rows = [
        {
            "id": r["id"], "soort": r["soort"], "status": r["status"], "gemeentecode": r["gemeentecode"],
            "aangevraagd_door": r["aangevraagdDoor"], "aangevraagd_op": r["aangevraagdOp"],
            "nieuw": r["nieuw"]["id"], "bestaand": r["bestaand"]["id"],
            "bestaand_gemeente": r["bestaand"].get("gemeentecode"),
        }
        for r in rijen
    ]  # fmt: skip
    emit(rows, list(AANMELDINGKOLOMMEN), fmt, out, title="aanmeldingen")


AANMELDINGKOLOMMEN = (
    "id", "soort", "status", "gemeentecode", "aangevraagd_door", "aangevraagd_op", "nieuw", "bestaand",
    "bestaand_gemeente",
)  # fmt: skip


@app.command("aanmelding-besluit")
def aanmelding_besluit(
    aanmelding: Annotated[str, typer.Option("--aanmelding", help="Id uit 'dossier aanmeldingen'.")],
    toelichting: Annotated[str, typer.Option("--toelichting", help="Waarom (verplicht).")],
    toekennen: Annotated[
        bool,
        typer.Option("--toekennen/--afwijzen", help="Samenvoegen en overdragen, of het nummer afwijzen."),
    ],
) -> None:
    """Beslis over een aanmelding: toekennen voegt de dossiers samen, afwijzen haalt het nummer weg."""
    if not toelichting.strip():
        raise InputError(Problem("een besluit vraagt een toelichting", field="toelichting"))
    with open_store() as engine:
        uitkomst = dossier.beslis_aanmelding(
            engine, operator(), aanmelding, toekennen=toekennen, toelichting=toelichting.strip()
        )
    _err.print(f"aanmelding {uitkomst['id']}: {uitkomst['status']}")


@app.command("opschonen")
def opschonen(
    jaren: Annotated[
        int | None,
        getal_optie("--jaren", domain=BEWAARTERMIJN_JAREN, help="Standaard DOORSTROOM_RETENTION_YEARS."),
    ] = None,
    peildatum: Annotated[str | None, typer.Option("--peildatum", help="Standaard vandaag.")] = None,
    uitvoeren: Annotated[
        bool, typer.Option("--uitvoeren", help="Echt verwijderen (zonder: proefrun).")
    ] = False,
) -> None:
    """Verwijder dossiers ouder dan de bewaartermijn (laatste gebeurtenis); tellingen blijven."""
    termijn = jaren if jaren is not None else get_settings().retention_years
    dag: date = parse_datum(peildatum, "--peildatum") or dossier.vandaag()
    with open_store() as engine:
        uitkomst = dossier.opschonen(engine, operator(), dag, termijn, uitvoeren=uitvoeren)
    werkwoord = (
        "verwijderd"
        if uitkomst.uitgevoerd
        else "zouden worden verwijderd (proefrun; --uitvoeren om te verwijderen)"
    )
    Console(highlight=False).print(
        f"{uitkomst.personen} dossiers met laatste gebeurtenis voor {uitkomst.grens.isoformat()} "
        f"{werkwoord}; "
        f"{uitkomst.huishoudens} lege huishoudens, {uitkomst.tellingen} tellingen bewaard"
    )
