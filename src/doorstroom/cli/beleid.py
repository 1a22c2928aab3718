"""``doorstroom beleid``: the regimes (law in force, bills, plans) as dated rule sets (issue 24)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from doorstroom.beleid import service
from doorstroom.cli.options import FormatOption, OutOption, parse_datum
from doorstroom.cli.output import Format, emit
from doorstroom.cli.store import open_store, operator, optional_store
from doorstroom.files.workbook import Kop

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
