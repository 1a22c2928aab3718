"""``doorstroom spreiding ...``: reception places per province and municipality, the region view,
the capacity estimates and the locations register."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from doorstroom.cli.options import FormatOption, OutOption, getal_optie, parse_datum
from doorstroom.cli.output import Format, emit
from doorstroom.cli.store import open_store, optional_store
from doorstroom.spreiding import service
from doorstroom.spreiding.service import Record, kolommen, toelichting_records
from doorstroom.values.domains import JAAR, OPVANGPLAATSEN, TAAKSTELLING_LANDELIJK
from doorstroom.values.number_text import format_nl
from doorstroom.values.periode import Periode

app = typer.Typer(
    help="Spreiding van opvangplaatsen (Spreidingswet) per provincie, gemeente en regio.",
    no_args_is_help=True,
)
locaties_app = typer.Typer(
    help="Locatieregister: opvanglocaties laden, tonen en hun historie.", no_args_is_help=True
)
app.add_typer(locaties_app, name="locaties")
err = Console(stderr=True, highlight=False, soft_wrap=True)


class Niveau(StrEnum):
    """Level of the distribution's rows."""

    provincie = "provincie"
    gemeente = "gemeente"


TotaalOption = Annotated[
    int | None,
    getal_optie(
        "--totaal", "-t", domain=OPVANGPLAATSEN, help="Landelijk aantal opvangplaatsen, bijvoorbeeld 96.000."
    ),
]
RamingOption = Annotated[
    str | None,
    typer.Option("--raming", help="Ingebouwde capaciteitsraming op datum, bijvoorbeeld 2024-02-01."),
]
AmvOption = Annotated[
    str | None,
    typer.Option(
        "--amv", help="Plaatsen voor amv: aantal (8140) of percentage (8,5%); standaard uit de raming."
    ),
]
CorrectieOption = Annotated[
    Path | None,
    typer.Option("--correctie", help="CSV/XLSX met per gemeente ses_woa (score) of factor."),
]
LocatiesOption = Annotated[
    Path | None,
    typer.Option("--locaties", help="CSV/XLSX met opvanglocaties (standaard: het locatieregister)."),
]
PlanOption = Annotated[
    Path | None, typer.Option("--plan", help="CSV/XLSX met het provinciale plan: gemeente, plaatsen[, amv].")
]
PeildatumOption = Annotated[
    str | None, typer.Option("--peildatum", help="Datum voor open en duurzame locaties (standaard: vandaag).")
]
GemeentenOption = Annotated[
    Path | None,
    typer.Option("--gemeenten", help="Eigen CBS-gemeentelijst (inwoners) in plaats van de ingebouwde."),
]
BevolkingOption = Annotated[
    int | None,
    getal_optie(
        "--bevolking",
        domain=JAAR,
        help="Jaar van de inwonertallen (1 januari); standaard de ingebouwde lijst.",
    ),
]


def _verzoek(
    totaal: int | None,
    raming: str | None,
    amv: str | None,
    correctie: Path | None,
    locaties: Path | None,
    plan: Path | None,
    peildatum: str | None,
    gemeenten: Path | None,
    bevolking: int | None,
) -> service.Verzoek:
    return service.Verzoek(
        totaal=totaal,
        raming=parse_datum(raming, "--raming"),
        amv=amv,
        correctie=correctie,
        locaties=locaties,
        plan=plan,
        peildatum=parse_datum(peildatum, "--peildatum"),
        gemeenten=gemeenten,
        bevolking=bevolking,
    )


@app.command("bereken")
def bereken_command(
    totaal: TotaalOption = None,
    raming: RamingOption = None,
    amv: AmvOption = None,
    correctie: CorrectieOption = None,
    locaties: LocatiesOption = None,
    plan: PlanOption = None,
    niveau: Annotated[
        Niveau, typer.Option("--niveau", help="Rijen per provincie of per gemeente.")
    ] = Niveau.provincie,
    peildatum: PeildatumOption = None,
    gemeenten: GemeentenOption = None,
    bevolking: BevolkingOption = None,
    fmt: FormatOption = Format.table,
    out: OutOption = None,
) -> None:
    """Verdeel het landelijk aantal opvangplaatsen over provincies en gemeenten (amv apart)."""
    verzoek = _verzoek(totaal, raming, amv, correctie, locaties, plan, peildatum, gemeenten, bevolking)
    with optional_store() as engine:
        uitkomst = service.bereken(verzoek, engine)
    records = uitkomst.provincies if niveau is Niveau.provincie else uitkomst.gemeenten
    titel = f"Spreiding {format_nl(uitkomst.toelichting.totaal)} opvangplaatsen per {niveau.value}"
    _toon(records, uitkomst.toelichting, fmt, out, titel, niveau.value)


def _toon(
    records: list[Record],
    toelichting: service.Toelichting,
    fmt: Format,
    out: Path | None,
    titel: str,
    tabel: str,
) -> None:
    """The rows (a terminal table shows the main columns, files every column) and their inputs."""
    regels = toelichting.regels()
    extra = {"toelichting": (toelichting_records(regels), ["onderdeel", "waarde"])}
    columns = kolommen(records, tabel if fmt is Format.table else None)
    emit(records, columns, fmt, out, title=titel, extra_sheets=extra)
    for naam, waarde in regels:
        err.print(f"{naam}: {waarde}")
    if out is not None:
        err.print(f"geschreven: {out}")


@app.command("regio")
def regio_command(
    totaal: TotaalOption = None,
    raming: RamingOption = None,
    per: Annotated[
        service.Regiosoort,
        typer.Option("--per", help="Regio's: provincie, arbeidsmarktregio of coropgebied."),
    ] = service.Regiosoort.provincie,
    periode: Annotated[
        str | None,
        typer.Option("--periode", help="Halfjaar van de taakstelling (standaard: dat van de peildatum)."),
    ] = None,
    taakstelling: Annotated[
        int | None,
        getal_optie(
            "--taakstelling",
            domain=TAAKSTELLING_LANDELIJK,
            help="Landelijke taakstelling van de periode (standaard: opgeslagen of gepubliceerd).",
        ),
    ] = None,
    amv: AmvOption = None,
    correctie: CorrectieOption = None,
    locaties: LocatiesOption = None,
    peildatum: PeildatumOption = None,
    gemeenten: GemeentenOption = None,
    bevolking: BevolkingOption = None,
    fmt: FormatOption = Format.table,
    out: OutOption = None,
) -> None:
    """Opvang en huisvesting naast elkaar per regio: nodig, aanwezig, bezet, taakstelling en match."""
    verzoek = service.RegioVerzoek(
        spreiding=_verzoek(totaal, raming, amv, correctie, locaties, None, peildatum, gemeenten, bevolking),
        per=per,
        periode=None if periode is None else Periode.parse(periode, field="--periode"),
        taakstelling=taakstelling,
    )
    with optional_store() as engine:
        overzicht = service.bereken_regio(verzoek, engine)
    _toon(
        overzicht.records, overzicht.toelichting, fmt, out, f"Opvang en huisvesting per {per.value}", "regio"
    )


@app.command("ramingen")
def ramingen_command(fmt: FormatOption = Format.table, out: OutOption = None) -> None:
    """Toon de ingebouwde capaciteitsramingen met datum en bron."""
    records: list[Record] = [
        {
            "datum": r.datum.isoformat(),
            "totaal": r.totaal,
            "amv": r.amv,
            "bron": r.bron,
            "toelichting": r.toelichting,
        }
        for r in service.ramingen()
    ]
    emit(records, ["datum", "totaal", "amv", "bron", "toelichting"], fmt, out, title="Capaciteitsramingen")


@locaties_app.command("importeer")
def importeer_command(
    bestand: Annotated[Path, typer.Argument(help="CSV/XLSX met opvanglocaties (zie docs/spreiding.md).")],
    reden: Annotated[
        str | None,
        typer.Option("--reden", help="Waarom (standaard: de toelichting per rij of 'import uit BESTAND')."),
    ] = None,
) -> None:
    """Laad locaties in het register (alles of niets); elke wijziging wordt een nieuwe versie."""
    with open_store() as engine:
        resultaat = service.importeer(engine, bestand, reden)
    err.print(
        f"opgeslagen uit {resultaat.bron}: {resultaat.nieuw} nieuw, {resultaat.gewijzigd} gewijzigd, "
        f"{resultaat.ongewijzigd} ongewijzigd"
    )


@locaties_app.command("toon")
def toon_command(
    open_op: Annotated[
        str | None, typer.Option("--open-op", help="Alleen locaties die op deze datum open zijn.")
    ] = None,
    gemeente: Annotated[
        str | None, typer.Option("--gemeente", help="Alleen deze gemeente (code of naam).")
    ] = None,
    provincie: Annotated[str | None, typer.Option("--provincie", help="Alleen deze provincie.")] = None,
    fmt: FormatOption = Format.table,
    out: OutOption = None,
) -> None:
    """Toon de locaties zoals nu geregistreerd (of wat open was op een datum)."""
    with open_store() as engine:
        records = service.locatielijst(engine, parse_datum(open_op, "--open-op"), gemeente, provincie)
    emit(
        records,
        list(records[0]) if records else ["locatie_id"],
        fmt,
        out,
        title=f"Opvanglocaties ({len(records)})",
    )


@locaties_app.command("historie")
def historie_command(
    locatie_id: Annotated[str | None, typer.Argument(help="Eén locatie (standaard: alle).")] = None,
    fmt: FormatOption = Format.table,
    out: OutOption = None,
) -> None:
    """Toon elke geregistreerde versie: wie, wanneer, waarom en wat er veranderde."""
    with open_store() as engine:
        records = service.historielijst(engine, locatie_id)
    emit(
        records,
        list(records[0]) if records else ["locatie_id"],
        fmt,
        out,
        title="Historie van het locatieregister",
    )


@locaties_app.command("sluit")
def sluit_command(
    locatie_id: Annotated[str, typer.Argument(help="De locatie die sluit.")],
    datum: Annotated[
        str, typer.Option("--datum", help="Laatste dag dat de locatie open is, bijvoorbeeld 2026-12-31.")
    ],
    reden: Annotated[str, typer.Option("--reden", help="Waarom de locatie sluit (komt in de historie).")],
) -> None:
    """Registreer dat een locatie sluit: een nieuwe versie met sluitingsdatum, wie, wanneer en waarom."""
    dag = parse_datum(datum, "--datum")
    assert dag is not None
    with open_store() as engine:
        versie = service.sluit(engine, locatie_id, dag, reden)
    err.print(f"geregistreerd: {versie.locatie.id} open tot en met {dag} (versie {versie.versie})")
