"""``doorstroom gemeenten``: list the municipalities; import a newer CBS list."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from doorstroom.cli.exit_codes import EXIT_BEVINDING
from doorstroom.cli.options import FormatOption, OutOption, parse_datum
from doorstroom.cli.output import Format, emit
from doorstroom.cli.store import open_store
from doorstroom.errors import InputError, Problem
from doorstroom.reference.domain import Gemeente, Herindeling, compare
from doorstroom.reference.kolommen import BRON_CBS
from doorstroom.reference.kolommen import KOLOMMEN as GEMEENTE_KOLOMMEN
from doorstroom.reference.loader import embedded_gemeenten, embedded_provincies, load_gemeenten
from doorstroom.reference.service import importeer
from doorstroom.workbook import Kop

app = typer.Typer(
    help="Gemeenten (CBS): tonen, vergelijken en een nieuwere lijst laden.",
    invoke_without_command=True,
)
err = Console(stderr=True, highlight=False)

KOLOMMEN = (
    "gemeentecode",
    "gemeentenaam",
    "provincie",
    "inwoners",
    "woningvoorraad",
    "arbeidsmarktregio",
    "latitude",
    "longitude",
)


def _record(g: Gemeente) -> dict[str, Any]:
    return {
        "gemeentecode": g.code,
        "gemeentenaam": g.naam,
        "provincie": g.provincie,
        "inwoners": g.inwoners,
        "woningvoorraad": g.woningvoorraad,
        "arbeidsmarktregio": g.arbeidsmarktregio,
        "latitude": g.latitude,
        "longitude": g.longitude,
    }


@app.callback()
def gemeenten_command(
    ctx: typer.Context,
    provincie: Annotated[
        str | None, typer.Option("--provincie", help="Alleen de gemeenten van deze provincie.")
    ] = None,
    bestand: Annotated[
        Path | None,
        typer.Option("--bestand", help="Toon een eigen CBS-lijst in plaats van de ingebouwde."),
    ] = None,
    fmt: FormatOption = Format.table,
    out: OutOption = None,
) -> None:
    """Toon de gemeenten met inwoners en woningvoorraad (CBS, 1 januari 2024)."""
    if ctx.invoked_subcommand is not None:
        return
    lijst = load_gemeenten(bestand) if bestand else list(embedded_gemeenten())
    if provincie:
        lijst = _in_provincie(lijst, provincie)
    emit(
        [_record(g) for g in lijst], KOLOMMEN, fmt, out, title=f"Gemeenten ({len(lijst)})",
        kop=Kop(wat="Gemeenten", bron=str(bestand) if bestand else BRON_CBS), catalogus=GEMEENTE_KOLOMMEN,
    )  # fmt: skip


def _in_provincie(lijst: list[Gemeente], provincie: str) -> list[Gemeente]:
    selected = [g for g in lijst if g.provincie.lower() == provincie.lower()]
    if not selected:
        namen = ", ".join(p.naam for p in embedded_provincies())
        raise InputError(Problem(f"onbekende provincie '{provincie}'; kies uit {namen}", field="--provincie"))
    return selected


@app.command("vergelijk")
def vergelijk_command(
    bestand: Annotated[Path, typer.Argument(help="Nieuwere CBS-gemeentelijst (CSV/XLSX).")],
) -> None:
    """Vergelijk een nieuwere lijst met de ingebouwde: opgeheven, nieuwe en hernoemde gemeenten.

    Exitcode 0 als de lijsten dezelfde gemeenten hebben, 1 als er verschillen zijn (een bevinding).
    """
    verschil = compare(list(embedded_gemeenten()), load_gemeenten(bestand))
    _toon_herindeling(verschil)
    if not verschil.ongewijzigd:
        err.print("verschillen gevonden (exitcode 1); laad de lijst met 'doorstroom gemeenten importeer'")
        raise typer.Exit(EXIT_BEVINDING)


@app.command("importeer")
def importeer_command(
    bestand: Annotated[Path, typer.Argument(help="Nieuwere CBS-gemeentelijst (CSV/XLSX).")],
    peildatum: Annotated[
        str,
        typer.Option("--peildatum", help="Peildatum van de inwonertallen, bijvoorbeeld 2025-01-01."),
    ],
) -> None:
    """Vervang de gemeentelijst in de database (alles of niets) en meld herindelingen."""
    datum = parse_datum(peildatum, "--peildatum")
    assert datum is not None
    with open_store() as engine:
        _toon_herindeling(importeer(engine, bestand, datum))


def _toon_herindeling(verschil: Herindeling) -> None:
    if verschil.ongewijzigd:
        err.print("geen verschil in gemeentecodes of -namen")
    for g in verschil.verdwenen:
        err.print(f"[yellow]opgeheven:[/] {g.code} {g.naam} ({g.provincie}), niet meer in de nieuwe lijst")
    for g in verschil.nieuw:
        err.print(f"nieuw: {g.code} {g.naam} ({g.provincie})")
    for oud, nieuw in verschil.hernoemd:
        err.print(f"hernoemd: {oud.code} {oud.naam} → {nieuw.naam}")
