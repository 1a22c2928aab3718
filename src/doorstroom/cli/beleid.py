"""``doorstroom beleid``: the regimes (law in force, bills, plans) as dated rule sets (issue 24)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from doorstroom.beleid import service
from doorstroom.cli.options import FormatOption, OutOption, getal_optie, parse_datum
from doorstroom.cli.output import Format, emit
from doorstroom.cli.store import open_store, operator, optional_store
from doorstroom.files.workbook import Kop
from doorstroom.platform.errors import InputError, Problem
from doorstroom.values.domains import HORIZON_MAANDEN

app = typer.Typer(help="Beleidsregimes: geldend recht, wetsvoorstellen en voornemens, met bron en status.")
LIJSTKOLOMMEN = (*service.KOLOMMEN, "versie")


@app.command("lijst")
def lijst(
    op: Annotated[
        str | None, typer.Option("--op", help="Alleen de regimes in werking op deze datum (2026-06-12).")
    ] = None,
    fmt: FormatOption = Format.table,
    out: OutOption = None,
) -> None:
    """Toon alle regimes met status, begin- en einddatum en bronnen."""
    datum = parse_datum(op, "--op")
    with optional_store() as engine:
        regimes = service.regimes(engine, operator())
    gekozen = [o for o in regimes if datum is None or o.regime.geldend_op(datum)]
    records = [service.als_record(o.regime, o.versie.versie) for o in gekozen]
    emit(records, LIJSTKOLOMMEN, fmt, out, title="Beleidsregimes", kop=Kop(wat="Beleidsregimes"))


@app.command("toon")
def toon(
    regime: Annotated[str, typer.Argument(help="Id van het regime (zie 'doorstroom beleid lijst').")],
    fmt: FormatOption = Format.table,
    out: OutOption = None,
) -> None:
    """Toon één regime: samenvatting, bronnen en de parameters die het vaststelt."""
    with optional_store() as engine:
        gevonden = service.regime(engine, operator(), regime)
    records = service.parameterrecords(gevonden.regime)
    if fmt is Format.table and out is None:
        _kop(gevonden)
    emit(records, service.PARAMETERKOLOMMEN, fmt, out, title=f"Regime {gevonden.regime.id}",
         kop=Kop(wat=f"Regime {gevonden.regime.id}: {gevonden.regime.titel}"))  # fmt: skip


def _kop(gevonden: service.Opgeslagen) -> None:
    console = Console(highlight=False, soft_wrap=True)
    rij = service.als_record(gevonden.regime, gevonden.versie.versie)
    console.print(f"[bold]{rij['titel']}[/] ({rij['id']}, versie {rij['versie']})")
    console.print(f"status: {rij['status']}; geldend recht: {rij['geldend_recht']}")
    console.print(f"begin: {rij['begin'] or 'onbekend'}; eind: {rij['eind'] or 'geen'}")
    console.print(gevonden.regime.samenvatting)
    for bron in gevonden.regime.bronnen:
        console.print(f"bron: {service.brontekst(bron)}")
    for punt in gevonden.regime.onbevestigd:
        console.print(f"onbevestigd: {punt}")


@app.command("voeg-toe")
def voeg_toe(
    bestand: Annotated[Path, typer.Option("--bestand", help="Het regimebestand (TOML).")],
    reden: Annotated[str, typer.Option("--reden", help="Waarom dit regime (of deze versie) erbij komt.")],
) -> None:
    """Voeg een regime toe uit een bestand, of een nieuwe versie van een bestaand regime."""
    with open_store() as engine:
        opgeslagen = service.voeg_toe(engine, operator(), bestand, reden)
    Console(highlight=False, soft_wrap=True).print(
        f"regime {opgeslagen.regime.id} opgeslagen als versie {opgeslagen.versie.versie} "
        f"({opgeslagen.regime.status.value})"
    )


@app.command("vergelijk")
def vergelijk(
    regime: Annotated[
        list[str],
        typer.Option(
            "--regime",
            help="Twee keer: de regimes van kant A en van kant B; combineer met + "
            "(tweestatusstelsel+nareisstop); "
            "wet-2024 is het geldende recht.",
        ),
    ],
    start: Annotated[str | None, typer.Option("--start", help="Eerste prognosemaand (2026-01).")] = None,
    maanden: Annotated[
        int | None, getal_optie("--maanden", "-m", domain=HORIZON_MAANDEN, help="Horizon in maanden.")
    ] = None,
    fmt: FormatOption = Format.table,
    out: OutOption = None,
) -> None:
    """Vergelijk de prognose onder twee regimes per maand: nareizigers, opvang, te huisvesten, inburgering."""
    if len(regime) != 2:
        raise InputError(
            Problem(f"geef precies twee regimes om te vergelijken, niet {len(regime)}", field="regime")
        )
    kanten = [[deel for deel in r.split("+") if deel] for r in regime]
    with optional_store() as engine:
        uitkomst = service.vergelijk(engine, operator(), kanten[0], kanten[1], start, maanden)
    titel = f"Vergelijking: A = {uitkomst.rijen[0]['regimes_a']}; B = {uitkomst.rijen[0]['regimes_b']}"
    emit(
        uitkomst.rijen,
        service.VERGELIJKKOLOMMEN,
        fmt,
        out,
        title="Vergelijking",
        kop=Kop(wat=titel),
        extra_sheets={"Bronnen": (uitkomst.bronnen, service.BRONKOLOMMEN)},
    )
    if fmt is Format.table and out is None:
        _bronnen(uitkomst)


def _bronnen(uitkomst: service.Vergelijking) -> None:
    console = Console(highlight=False, soft_wrap=True)
    for rij in uitkomst.bronnen:
        console.print(
            f"{rij['kant'].upper()}: {rij['regime']} ({rij['status']}; geldend recht: {rij['geldend_recht']})"
        )
        console.print(f"   {rij['bronnen']}")
