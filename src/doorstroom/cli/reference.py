"""``doorstroom gemeenten``: list the municipalities of a year; import a newer CBS list; record mergers."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from doorstroom.cli.exit_codes import EXIT_BEVINDING
from doorstroom.cli.options import FormatOption, OutOption, getal_optie, parse_datum
from doorstroom.cli.output import Format, emit, err
from doorstroom.cli.store import open_store, optional_store
from doorstroom.files.workbook import Kop
from doorstroom.platform.errors import InputError, Problem
from doorstroom.reference.service import (
    BRON_CBS,
    Gemeente,
    Herindeling,
    Samenvoeging,
    compare,
    embedded_gemeenten,
    embedded_provincies,
    find_gemeente,
    importeer,
    indelingen,
    load_gemeenten,
    samenvoegen,
)
from doorstroom.reference.service import KOLOMMEN as GEMEENTE_KOLOMMEN
from doorstroom.values.domains import JAAR
from doorstroom.values.suggest import fold, unknown_message

app = typer.Typer(
    help="Gemeenten (CBS): tonen, vergelijken en een nieuwere lijst laden.",
    invoke_without_command=True,
)

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
    jaar: Annotated[
        int | None,
        getal_optie(
            "--jaar",
            domain=JAAR,
            help="De indeling en bevolking van 1 januari van dit jaar (2022-2026 ingebouwd).",
        ),
    ] = None,
    gemeente: Annotated[
        list[str] | None,
        typer.Option("--gemeente", "-g", help="Alleen deze gemeente (naam of code; herhaalbaar)."),
    ] = None,
    fmt: FormatOption = Format.table,
    out: OutOption = None,
) -> None:
    """Toon de gemeenten met inwoners en woningvoorraad (standaard CBS, 1 januari 2024)."""
    if ctx.invoked_subcommand is not None:
        return
    lijst = _lijst(bestand, jaar)
    if provincie:
        lijst = _in_provincie(lijst, provincie)
    if gemeente:
        codes = {find_gemeente(naam, lijst, field="--gemeente").code for naam in gemeente}
        lijst = [g for g in lijst if g.code in codes]
    emit(
        [_record(g) for g in lijst], KOLOMMEN, fmt, out, title=f"Gemeenten ({len(lijst)})",
        kop=Kop(wat="Gemeenten", bron=str(bestand) if bestand else BRON_CBS), catalogus=GEMEENTE_KOLOMMEN,
    )  # fmt: skip


def _lijst(bestand: Path | None, jaar: int | None) -> list[Gemeente]:
    if bestand is not None:
        return load_gemeenten(bestand)
    if jaar is None:
        return list(embedded_gemeenten())
    with optional_store() as engine:
        indeling = indelingen(engine).indeling(jaar)
    if indeling.jaar != jaar or indeling.bevolking.peiljaar != jaar:
        err.print(
            f"let op: geen bevolking van 1 januari {jaar} bekend; indeling van {indeling.jaar} "
            "met de bevolking "
            f"van 1 januari {indeling.bevolking.peiljaar}",
            markup=False,
        )
    err.print(f"bron: {indeling.bevolking.bron}", markup=False)
    return list(indeling.gemeenten)


def _in_provincie(lijst: list[Gemeente], provincie: str) -> list[Gemeente]:
    selected = [g for g in lijst if fold(g.provincie) == fold(provincie)]
    if not selected:
        namen = [p.naam for p in embedded_provincies()]
        raise InputError(Problem(unknown_message("provincie", provincie, namen), field="--provincie"))
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
        verschil, jaargang = importeer(engine, bestand, datum)
    _toon_herindeling(verschil)
    if jaargang is not None:
        err.print(
            f"bevolking van 1 januari {jaargang.peiljaar} bewaard: grondslag van de taakstelling van "
            f"{jaargang.peiljaar + 1} (art. 29 lid 1 Huisvestingswet)",
            markup=False,
        )
    else:
        err.print(
            "geen 1 januari: de lijst is niet als bevolkingsjaargang voor de taakstelling bewaard",
            markup=False,
        )


@app.command("samenvoegen")
def samenvoegen_command(
    bestand: Annotated[
        Path,
        typer.Argument(
            help="CSV/XLSX: ingangsdatum, gemeentecode, gemeentenaam, onderdelen[, inwoners, bron]."
        ),
    ],
) -> None:
    """Leg herindelingen vast (art. 30 Huisvestingswet): onderdelen, nieuwe gemeente en het GS-inwonertal."""
    with open_store() as engine:
        lijst = samenvoegen(engine, bestand)
    for samenvoeging in lijst:
        err.print(f"vastgelegd: {_omschrijving(samenvoeging)}", markup=False)


def _omschrijving(s: Samenvoeging) -> str:
    inwoners = "GS-inwonertal onbekend" if s.inwoners is None else f"GS-inwonertal {s.inwoners}"
    return f"{s.ingangsdatum:%d-%m-%Y}: {' + '.join(s.onderdelen)} → {s.code} {s.naam} ({inwoners})"


@app.command("samenvoegingen")
def samenvoegingen_command(fmt: FormatOption = Format.table, out: OutOption = None) -> None:
    """Toon de bekende herindelingen: ingebouwd en vastgelegd."""
    with optional_store() as engine:
        lijst = indelingen(engine).samenvoegingen
    rows = [
        {
            "ingangsdatum": s.ingangsdatum.isoformat(),
            "gemeentecode": s.code,
            "gemeentenaam": s.naam,
            "onderdelen": " ".join(s.onderdelen),
            "provincie": s.provincie or "",
            "inwoners_gs": s.inwoners,
            "bron": s.bron,
        }
        for s in lijst
    ]
    columns = (
        "ingangsdatum",
        "gemeentecode",
        "gemeentenaam",
        "onderdelen",
        "provincie",
        "inwoners_gs",
        "bron",
    )
    emit(rows, columns, fmt, out, title="Herindelingen")


def _toon_herindeling(verschil: Herindeling) -> None:
    if verschil.ongewijzigd:
        err.print("geen verschil in gemeentecodes of -namen")
    for g in verschil.verdwenen:
        err.print(f"opgeheven: {g.code} {g.naam} ({g.provincie}), niet meer in de nieuwe lijst", markup=False)
    for g in verschil.nieuw:
        err.print(f"nieuw: {g.code} {g.naam} ({g.provincie})", markup=False)
    for oud, nieuw in verschil.hernoemd:
        err.print(f"hernoemd: {oud.code} {oud.naam} → {nieuw.naam}", markup=False)
