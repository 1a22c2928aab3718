"""``doorstroom taakstelling ...``: compute, set, import realisation, supervise."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from doorstroom.cli.options import FormatOption, OutOption, getal_optie, parse_datum
from doorstroom.cli.output import Format, emit
from doorstroom.cli.store import open_store
from doorstroom.domains import TAAKSTELLING_LANDELIJK
from doorstroom.reference.periode import Periode
from doorstroom.taakstelling import kolommen, service
from doorstroom.taakstelling.report import aggregeer, columns_of, taakstelling_record
from doorstroom.taakstelling.verdeling import Afrondingsregel
from doorstroom.workbook import Kop

app = typer.Typer(help="Taakstelling huisvesting vergunninghouders per gemeente.", no_args_is_help=True)
importeer_app = typer.Typer(
    help="Realisatie en koppelingen in de database laden (alles of niets).", no_args_is_help=True
)
app.add_typer(importeer_app, name="importeer")

err = Console(stderr=True, highlight=False)


class Niveau(StrEnum):
    """Level of a statement: per municipality or summed per region."""

    gemeente = "gemeente"
    provincie = "provincie"
    arbeidsmarktregio = "arbeidsmarktregio"


PeriodeOption = Annotated[
    str, typer.Option("--periode", "-p", help="Halfjaar, bijvoorbeeld 2026-1 of 2026-2.")
]
RegelOption = Annotated[
    Afrondingsregel,
    typer.Option("--regel", help="Afronding: hamilton (grootste overschot) of afronden."),
]
SleutelOption = Annotated[
    str,
    typer.Option(
        "--sleutel",
        help="Verdeelsleutel: inwoners, woningvoorraad of een CSV/XLSX met gemeentecode,waarde.",
    ),
]
PerOption = Annotated[Niveau, typer.Option("--per", help="Niveau: gemeente, provincie of arbeidsmarktregio.")]
TotaalOption = Annotated[
    int,
    getal_optie(
        "--totaal",
        "-t",
        domain=TAAKSTELLING_LANDELIJK,
        help="Landelijk aantal te huisvesten vergunninghouders.",
    ),
]
PeildatumOption = Annotated[
    str | None,
    typer.Option("--peildatum", help="Datum waarop de voortgang wordt beoordeeld (standaard: vandaag)."),
]


@app.command("bereken")
def bereken_command(
    periode: PeriodeOption,
    totaal: TotaalOption,
    vorige: Annotated[
        Path | None,
        typer.Option("--vorige", help="Vorige overzicht (achterstand of achterstand_nu per gemeente)."),
    ] = None,
    realisatie: Annotated[
        Path | None,
        typer.Option("--realisatie", help="Gehuisveste personen per gemeente en maand."),
    ] = None,
    koppelingen: Annotated[
        Path | None,
        typer.Option("--koppelingen", help="Koppelingen door het COA (voor 'buiten schuld')."),
    ] = None,
    gemeenten: Annotated[
        Path | None,
        typer.Option("--gemeenten", help="Eigen (nieuwere) CBS-gemeentelijst in plaats van de ingebouwde."),
    ] = None,
    regel: RegelOption = Afrondingsregel.hamilton,
    sleutel: SleutelOption = "inwoners",
    peildatum: PeildatumOption = None,
    per: PerOption = Niveau.gemeente,
    fmt: FormatOption = Format.table,
    out: OutOption = None,
) -> None:
    """Verdeel een landelijk totaal over de gemeenten, met achterstand en realisatie (zonder database)."""
    verzoek = service.Verzoek(
        periode=Periode.parse(periode, field="--periode"),
        totaal=totaal,
        regel=regel,
        sleutel=sleutel,
        vorige=vorige,
        realisatie=realisatie,
        koppelingen=koppelingen,
        gemeenten=gemeenten,
        peildatum=parse_datum(peildatum, "--peildatum"),
    )
    overzicht = service.bereken_overzicht(verzoek)
    kop = kolommen.kop(kolommen.WAT, overzicht.periode, regel=regel, sleutel=sleutel, totaal=totaal,
                       peildatum=overzicht.peildatum)  # fmt: skip
    _toon(overzicht, per, fmt, out, kop)


def _toon(
    overzicht: service.Overzicht, per: Niveau, fmt: Format, out: Path | None, kop: Kop | None = None
) -> None:
    records = overzicht.records if per is Niveau.gemeente else aggregeer(overzicht.records, per.value)
    extra = {"te laat": (overzicht.te_laat, columns_of(overzicht.te_laat))} if overzicht.te_laat else None
    emit(
        records,
        columns_of(records),
        fmt,
        out,
        title=f"Taakstelling {overzicht.periode}",
        extra_sheets=extra,
        kop=kop or kolommen.kop(kolommen.WAT, overzicht.periode, peildatum=overzicht.peildatum),
        catalogus=kolommen.KOLOMMEN,
        regels=kolommen.REGELS,
    )
    if fmt is Format.table and overzicht.te_laat:
        emit(
            overzicht.te_laat,
            columns_of(overzicht.te_laat),
            fmt,
            None,
            title="Koppelingen over de termijn van 3 maanden",
        )
    if overzicht.afrondingsverschil:
        err.print(f"let op: afrondingsverschil {overzicht.afrondingsverschil:+d} personen t.o.v. het totaal")
    if out is not None:
        err.print(f"geschreven: {out}")


@app.command("vaststellen")
def vaststellen_command(
    periode: PeriodeOption,
    totaal: TotaalOption,
    vorige: Annotated[
        Path | None,
        typer.Option(
            "--vorige",
            help="Achterstand uit een bestand in plaats van de opgeslagen vorige periode.",
        ),
    ] = None,
    regel: RegelOption = Afrondingsregel.hamilton,
    sleutel: SleutelOption = "inwoners",
    fmt: FormatOption = Format.table,
    out: OutOption = None,
) -> None:
    """Stel de taakstelling van een periode vast en sla haar op (achterstand uit de vorige periode)."""
    parsed = Periode.parse(periode, field="--periode")
    with open_store() as engine:
        taken = service.vaststellen(engine, parsed, totaal, regel, sleutel, vorige)
    records = [taakstelling_record(t) for t in taken]
    emit(
        records, columns_of(records), fmt, out, title=f"Vastgestelde taakstelling {parsed}",
        kop=kolommen.kop(f"Vastgestelde {kolommen.WAT.lower()}", parsed, regel=regel, sleutel=sleutel,
                         totaal=totaal),
        catalogus=kolommen.KOLOMMEN, regels=kolommen.REGELS,
    )  # fmt: skip
    err.print(f"opgeslagen: taakstelling {parsed} voor {len(records)} gemeenten")


@importeer_app.command("realisatie")
def importeer_realisatie_command(
    bestand: Annotated[Path, typer.Argument(help="CSV/XLSX: gemeentecode, maand, gehuisvest.")],
) -> None:
    """Laad gehuisveste aantallen per gemeente en maand; bestaande maanden worden vervangen."""
    with open_store() as engine:
        aantal = service.importeer_realisatie(engine, bestand)
    err.print(f"opgeslagen: {aantal} maandcijfers uit {bestand}")


@importeer_app.command("koppelingen")
def importeer_koppelingen_command(
    bestand: Annotated[
        Path,
        typer.Argument(
            help="CSV/XLSX: gemeentecode, huishouden_ref, personen, koppeldatum[, huisvestingsdatum]."
        ),
    ],
) -> None:
    """Laad koppelingen van het COA (pseudoniem); een bekende koppeling wordt bijgewerkt."""
    with open_store() as engine:
        aantal = service.importeer_koppelingen(engine, bestand)
    err.print(f"opgeslagen: {aantal} koppelingen uit {bestand}")


@app.command("toezicht")
def toezicht_command(
    periode: PeriodeOption,
    peildatum: Annotated[
        str | None,
        typer.Option("--peildatum", help="Standaard het toezichtmoment: 1 juli of 1 januari na de periode."),
    ] = None,
    provincie: Annotated[
        str | None, typer.Option("--provincie", help="Alleen de gemeenten van deze provincie.")
    ] = None,
    per: PerOption = Niveau.gemeente,
    fmt: FormatOption = Format.table,
    out: OutOption = None,
) -> None:
    """Toezichtsoverzicht (interbestuurlijk toezicht) van een opgeslagen periode."""
    with open_store() as engine:
        overzicht = service.toezicht(
            engine, Periode.parse(periode, field="--periode"), parse_datum(peildatum, "--peildatum")
        )
    if provincie:
        overzicht = service.alleen_provincie(overzicht, provincie)
    _toon(overzicht, per, fmt, out)
