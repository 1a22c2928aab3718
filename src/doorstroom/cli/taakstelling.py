"""``doorstroom taakstelling ...``: compute, fix and revise, swap, import realisation, supervise."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from doorstroom.cli.options import FormatOption, OutOption, getal_optie, parse_datum
from doorstroom.cli.output import Format, emit
from doorstroom.cli.store import open_store, optional_store
from doorstroom.taakstelling import service
from doorstroom.taakstelling.service import (
    REGIO_KOLOMMEN,
    STANDAARD_REGEL,
    Afrondingsregel,
    Overzicht,
    aggregeer,
    alleen_namen,
    alleen_provincie,
    columns_of,
    zonder_regio,
)
from doorstroom.values.domains import JAAR, TAAKSTELLING_LANDELIJK
from doorstroom.values.periode import Periode

app = typer.Typer(help="Taakstelling huisvesting vergunninghouders per gemeente.", no_args_is_help=True)
importeer_app = typer.Typer(
    help="Realisatie en koppelingen in de database laden (alles of niets).", no_args_is_help=True
)
app.add_typer(importeer_app, name="importeer")

err = Console(stderr=True, highlight=False, soft_wrap=True)


class Niveau(StrEnum):
    """Level of a statement: per municipality or summed per region."""

    gemeente = "gemeente"
    provincie = "provincie"
    arbeidsmarktregio = "arbeidsmarktregio"
    corop = "corop"


PeriodeOption = Annotated[
    str, typer.Option("--periode", "-p", help="Halfjaar, bijvoorbeeld 2026-1 of 2026-2.")
]
RegelOption = Annotated[
    Afrondingsregel,
    typer.Option(
        "--regel",
        help="Afronding: afronden (standaard, zoals de circulaires), wet (art. 29: naar boven) of hamilton.",
    ),
]
SleutelOption = Annotated[
    str,
    typer.Option(
        "--sleutel", help="Verdeelsleutel: inwoners, woningvoorraad of een CSV/XLSX met gemeentecode,waarde."
    ),
]
BevolkingOption = Annotated[
    int | None,
    getal_optie(
        "--bevolking",
        domain=JAAR,
        help="Bevolking van 1 januari van dit jaar (standaard het wettelijke: het jaar ervoor).",
    ),
]
TotaalOption = Annotated[
    int | None,
    getal_optie(
        "--totaal",
        "-t",
        domain=TAAKSTELLING_LANDELIJK,
        help="Landelijk aantal te huisvesten vergunninghouders (standaard het gepubliceerde getal).",
    ),
]
PeildatumOption = Annotated[
    str | None,
    typer.Option("--peildatum", help="Datum waarop de voortgang wordt beoordeeld (standaard: vandaag)."),
]
PerOption = Annotated[
    Niveau, typer.Option("--per", help="Niveau: gemeente, provincie, arbeidsmarktregio of corop.")
]
GemeenteOption = Annotated[
    list[str] | None,
    typer.Option("--gemeente", "-g", help="Alleen deze gemeente (naam of code; herhaalbaar)."),
]
DoorOption = Annotated[str | None, typer.Option("--door", help="Wie dit doet (standaard de gebruiker).")]
RedenOption = Annotated[str | None, typer.Option("--reden", help="Waarom (verplicht bij --herzien).")]


def _meld(text: str) -> None:
    err.print(text, markup=False)


@app.command("bereken")
def bereken_command(
    periode: PeriodeOption,
    totaal: TotaalOption = None,
    vorige: Annotated[
        Path | None,
        typer.Option("--vorige", help="Vorige overzicht (achterstand of achterstand_nu per gemeente)."),
    ] = None,
    realisatie: Annotated[
        Path | None, typer.Option("--realisatie", help="Gehuisveste personen per gemeente en maand.")
    ] = None,
    koppelingen: Annotated[
        Path | None, typer.Option("--koppelingen", help="Koppelingen door het COA (voor 'buiten schuld').")
    ] = None,
    gemeenten: Annotated[
        Path | None, typer.Option("--gemeenten", help="Eigen gemeentelijst met inwoners in plaats van CBS.")
    ] = None,
    samenvoegingen: Annotated[
        Path | None,
        typer.Option("--samenvoegingen", help="Herindelingen (art. 30): ingangsdatum, gemeentecode, ..."),
    ] = None,
    ruil: Annotated[
        list[Path] | None,
        typer.Option("--ruil", help="Ruilafspraak (art. 29 lid 2): gemeentecode,wijziging."),
    ] = None,
    regel: RegelOption = STANDAARD_REGEL,
    sleutel: SleutelOption = "inwoners",
    bevolking: BevolkingOption = None,
    peildatum: Annotated[
        str | None,
        typer.Option("--peildatum", help="Datum waarop de voortgang wordt beoordeeld (standaard: vandaag)."),
    ] = None,
    per: PerOption = Niveau.gemeente,
    gemeente: GemeenteOption = None,
    fmt: FormatOption = Format.table,
    out: OutOption = None,
) -> None:
    """Verdeel het landelijke aantal over de gemeenten (art. 29), met achterstand en realisatie."""
    verzoek = service.Verzoek(
        periode=Periode.parse(periode, field="--periode"),
        totaal=totaal,
        regel=regel,
        sleutel=sleutel,
        bevolking=bevolking,
        vorige=vorige,
        realisatie=realisatie,
        koppelingen=koppelingen,
        gemeenten=gemeenten,
        samenvoegingen=samenvoegingen,
        ruilen=tuple(ruil or ()),
        peildatum=parse_datum(peildatum, "--peildatum"),
        alleen=tuple(gemeente or ()),
    )
    with optional_store() as engine:
        overzicht = service.bereken_overzicht(verzoek, engine)
    _toon(overzicht, per, fmt, out)


def _toon(
    overzicht: Overzicht, per: Niveau, fmt: Format, out: Path | None, titel: str = "Taakstelling"
) -> None:
    records = overzicht.records
    if per is not Niveau.gemeente:
        kolom = REGIO_KOLOMMEN[per.value]
        zonder = zonder_regio(records, kolom)
        if zonder:
            _meld(
                f"let op: {len(zonder)} gemeenten zonder {kolom} staan onder '(onbekend)': "
                + ", ".join(zonder[:10])
            )
        records = aggregeer(records, kolom)
    extra = {"verantwoording": (overzicht.verantwoording.als_records(), ["verantwoording"])}
    if overzicht.te_laat:
        extra["te laat"] = (overzicht.te_laat, columns_of(overzicht.te_laat))
    emit(
        records,
        columns_of(records),
        fmt,
        out,
        title=f"{titel} {overzicht.periode}",
        extra_sheets=extra,
        kop=service.kop(f"{titel} huisvesting vergunninghouders", overzicht),
        catalogus=service.KOLOMMEN,
        regels=service.REGELS,
    )
    if fmt is Format.table and overzicht.te_laat:
        emit(
            overzicht.te_laat,
            columns_of(overzicht.te_laat),
            fmt,
            None,
            title="Koppelingen over de termijn van 3 maanden",
        )
    for line in [*overzicht.verantwoording.regels(), *overzicht.meldingen]:
        _meld(line)
    if out is not None:
        _meld(f"geschreven: {out}")


@app.command("vaststellen")
def vaststellen_command(
    periode: PeriodeOption,
    totaal: TotaalOption = None,
    vorige: Annotated[
        Path | None,
        typer.Option(
            "--vorige", help="Achterstand uit een bestand in plaats van de opgeslagen vorige periode."
        ),
    ] = None,
    regel: RegelOption = STANDAARD_REGEL,
    sleutel: SleutelOption = "inwoners",
    bevolking: BevolkingOption = None,
    herzien: Annotated[
        bool, typer.Option("--herzien", help="Stel een al vastgestelde periode opnieuw vast (nieuwe versie).")
    ] = False,
    reden: RedenOption = None,
    door: DoorOption = None,
    gemeente: GemeenteOption = None,
    fmt: FormatOption = Format.table,
    out: OutOption = None,
) -> None:
    """Stel de taakstelling van een periode vast en bewaar haar als nieuwe versie."""
    verzoek = service.Vaststelverzoek(
        periode=Periode.parse(periode, field="--periode"),
        totaal=totaal,
        regel=regel,
        sleutel=sleutel,
        bevolking=bevolking,
        vorige=vorige,
        herzien=herzien,
        reden=reden,
        door=door,
    )
    with open_store() as engine:
        uitkomst = service.vaststellen(engine, verzoek)
    overzicht = alleen_namen(uitkomst.overzicht, gemeente or ())
    _toon(overzicht, Niveau.gemeente, fmt, out, titel="Vastgestelde taakstelling")
    _meld(
        f"opgeslagen: taakstelling {uitkomst.periode}, versie {uitkomst.versie}, "
        f"{len(uitkomst.overzicht.records)} gemeenten"
    )
    _verouderd(uitkomst.verouderd)


def _verouderd(lijst: list[service.Verouderd]) -> None:
    for item in lijst:
        handeling = "vaststellen --herzien" if item.herzien else "herbereken"
        _meld(item.melding(f"doorstroom taakstelling {handeling} --periode {item.periode} --reden '...'"))


@app.command("herbereken")
def herbereken_command(periode: PeriodeOption, reden: RedenOption = None, door: DoorOption = None) -> None:
    """Herbereken een verouderde periode: nieuwe versie met de achterstand die nu uit de vorige volgt."""
    parsed = Periode.parse(periode, field="--periode")
    with open_store() as engine:
        versie, verouderd = service.herbereken(engine, parsed, reden, door)
    _meld(f"opgeslagen: taakstelling {parsed}, versie {versie}")
    _verouderd(verouderd)


@app.command("geschiedenis")
def geschiedenis_command(
    periode: Annotated[str | None, typer.Option("--periode", "-p", help="Alleen deze periode.")] = None,
    fmt: FormatOption = Format.table,
    out: OutOption = None,
) -> None:
    """Alle versies van vastgestelde perioden: wie, wanneer, waarom, en of ze verouderd zijn."""
    parsed = None if periode is None else Periode.parse(periode, field="--periode")
    with open_store() as engine:
        rows = service.geschiedenis(engine, parsed)
    emit(rows, columns_of(rows) if rows else ["periode", "versie"], fmt, out, title="Vaststellingen")


@app.command("ruil")
def ruil_command(
    bestand: Annotated[Path, typer.Argument(help="CSV/XLSX: gemeentecode, wijziging (som 0).")],
    periode: PeriodeOption,
    kenmerk: Annotated[str, typer.Option("--kenmerk", help="Kenmerk of datum van de afspraak.")],
    door: DoorOption = None,
) -> None:
    """Leg een ruilafspraak vast (art. 29 lid 2): gemeenten wijzigen samen hun taakstelling."""
    parsed = Periode.parse(periode, field="--periode")
    with open_store() as engine:
        afspraak, verouderd = service.leg_ruil_vast(engine, parsed, bestand, kenmerk, door)
    _meld(f"opgeslagen: ruilafspraak {afspraak.id} voor {parsed} ({len(afspraak.wijzigingen)} gemeenten)")
    _verouderd(verouderd)


@app.command("ruilen")
def ruilen_command(
    periode: Annotated[str | None, typer.Option("--periode", "-p", help="Alleen deze periode.")] = None,
    gemeente: GemeenteOption = None,
    fmt: FormatOption = Format.table,
    out: OutOption = None,
) -> None:
    """Toon de vastgelegde ruilafspraken per gemeente."""
    parsed = None if periode is None else Periode.parse(periode, field="--periode")
    with open_store() as engine:
        rows = service.ruilen(engine, parsed, tuple(gemeente or ()))
    emit(
        rows,
        columns_of(rows) if rows else ["periode", "afspraak", "gemeentecode"],
        fmt,
        out,
        title="Ruilafspraken",
    )


@app.command("landelijk")
def landelijk_command(fmt: FormatOption = Format.table, out: OutOption = None) -> None:
    """De gepubliceerde landelijke taakstelling per halfjaar, met realisatie en bron."""
    rows = service.landelijke_taakstellingen()
    emit(rows, columns_of(rows), fmt, out, title="Landelijke taakstelling")


@importeer_app.command("realisatie")
def importeer_realisatie_command(
    bestand: Annotated[Path, typer.Argument(help="CSV/XLSX: gemeentecode, maand, gehuisvest.")],
) -> None:
    """Laad gehuisveste aantallen per gemeente en maand; bestaande maanden worden vervangen."""
    with open_store() as engine:
        uitkomst = service.importeer_realisatie(engine, bestand)
    _meld(f"opgeslagen: {uitkomst.aantal} maandcijfers uit {bestand}")
    for line in uitkomst.meldingen:
        _meld(line)
    _verouderd(uitkomst.verouderd)


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
        uitkomst = service.importeer_koppelingen(engine, bestand)
    _meld(f"opgeslagen: {uitkomst.aantal} koppelingen uit {bestand}")


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
    gemeente: GemeenteOption = None,
    fmt: FormatOption = Format.table,
    out: OutOption = None,
) -> None:
    """Toezichtsoverzicht (interbestuurlijk toezicht) van een opgeslagen periode, met ruil en herindeling."""
    with open_store() as engine:
        overzicht = service.toezicht(
            engine, Periode.parse(periode, field="--periode"), parse_datum(peildatum, "--peildatum")
        )
    if provincie:
        overzicht = alleen_provincie(overzicht, provincie)
    _toon(alleen_namen(overzicht, gemeente or ()), per, fmt, out, titel="Toezicht")
