"""``doorstroom koppeling runs|toon|beoordeel|opschonen|periode``: stored runs and their review.

A proposal is advice: a COA case worker accepts or overrides each one, with a reason where the
koppeling's decision rules ask for one; every decision is added to the run's history.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from doorstroom.cli.options import FormatOption, OutOption, getal_argument
from doorstroom.cli.output import Format, emit, err
from doorstroom.cli.store import open_store, operator
from doorstroom.dossier import service as dossier
from doorstroom.koppeling import service
from doorstroom.platform.errors import InputError, Problem
from doorstroom.values.domains import RUNNUMMER
from doorstroom.values.periode import Periode

app = typer.Typer()

GemeenteFilter = Annotated[
    str | None, typer.Option("--gemeente", help="Alleen deze gemeente (naam of CBS-code).")
]


@app.command("runs")
def runs_command(fmt: FormatOption = Format.table, out: OutOption = None) -> None:
    """Toon de bewaarde runs, nieuwste eerst."""
    with open_store() as engine:
        records = service.runs(engine)
    columns = [
        "run", "aangemaakt_op", "solver", "status", "gap", "synthetisch", "voorstellen", "open",
        "opgeschoond_op",
    ]  # fmt: skip
    emit(records, columns, fmt, out, title="Koppelruns", kop=service.kop("Bewaarde koppelruns"),
         catalogus=service.KOLOMMEN)  # fmt: skip


VOORSTEL_KOLOMMEN = [
    "huishouden_id", "gemeentecode", "gemeentenaam", "personen", "score", "beoordeling", "definitief",
    "definitief_naam", "besluiten", "door", "op", "uitleg",
]  # fmt: skip
BESLUIT_KOLOMMEN = [
    "besluit_id", "huishouden_id", "beoordeling", "voorgesteld", "voorgesteld_naam", "gemeentecode",
    "gemeentenaam", "door", "op", "toelichting",
]  # fmt: skip
TELLING_KOLOMMEN = [
    "gemeentecode", "gemeentenaam", "voorgesteld_huishoudens", "voorgesteld_personen",
    "geaccepteerd_huishoudens", "overschreven_weg", "overschreven_naartoe", "definitief_huishoudens",
    "definitief_personen", "open_huishoudens",
]  # fmt: skip
RunArgument = Annotated[int, getal_argument(domain=RUNNUMMER, help="Runnummer.", name="RUN")]


@app.command("toon")
def toon_command(
    run: RunArgument,
    huishouden: Annotated[
        str | None, typer.Argument(help="Alleen dit huishouden: zijn besluiten, oudste eerst.")
    ] = None,
    gemeente: GemeenteFilter = None,
    geschiedenis: Annotated[
        bool, typer.Option("--geschiedenis", help="Elk besluit, oudste eerst (in plaats van de stand).")
    ] = False,
    samenvatting: Annotated[
        bool, typer.Option("--samenvatting", help="Aantallen per gemeente (ook na het opschonen).")
    ] = False,
    fmt: FormatOption = Format.table,
    out: OutOption = None,
) -> None:
    """Toon de voorstellen van een run met hun beoordeling, of de geschiedenis van de besluiten."""
    with open_store() as engine:
        if samenvatting:
            emit(
                service.samenvatting(engine, run),
                TELLING_KOLOMMEN,
                fmt,
                out,
                title=f"Run {run}: per gemeente",
                kop=service.kop(f"Run {run}: per gemeente"),
                catalogus=service.KOLOMMEN,
            )
        elif geschiedenis or huishouden is not None:
            records = service.geschiedenis(engine, run, huishouden, gemeente)
            emit(records, BESLUIT_KOLOMMEN, fmt, out, title=f"Run {run}: besluiten",
                 kop=service.kop(f"Run {run}: besluiten"), catalogus=service.KOLOMMEN)  # fmt: skip
        else:
            emit(service.voorstellen(engine, run, gemeente), VOORSTEL_KOLOMMEN, fmt, out, title=f"Run {run}",
                 kop=service.kop(f"Voorstellen van run {run}"), catalogus=service.KOLOMMEN,
                 regels=service.REGELS)  # fmt: skip


@app.command("beoordeel")
def beoordeel_command(
    run: RunArgument,
    huishoudens: Annotated[
        list[str] | None, typer.Argument(help="Huishouden-id's (of --alle-open).", show_default=False)
    ] = None,
    door: Annotated[str, typer.Option("--door", help="Naam van wie beslist.")] = "",
    gemeente: Annotated[
        str | None, typer.Option("--gemeente", help="Andere gemeente, naam of CBS-code (overschrijven).")
    ] = None,
    toelichting: Annotated[
        str | None,
        typer.Option(
            "--toelichting",
            help="Reden; verplicht bij overschrijven, bij het omdraaien van een besluit en bij "
            "meerdere voorstellen.",
        ),
    ] = None,
    alle_open: Annotated[
        bool, typer.Option("--alle-open", help="Alle voorstellen van de run waarover nog niet besloten is.")
    ] = False,
    voorgesteld: Annotated[
        str | None,
        typer.Option(
            "--voorgesteld", help="Met --alle-open: alleen voorstellen naar deze gemeente (naam of code)."
        ),
    ] = None,
    fmt: FormatOption = Format.table,
    out: OutOption = None,
) -> None:
    """Accepteer voorstellen of overschrijf ze met --gemeente; elk besluit komt bij in de geschiedenis."""
    selectie = service.Selectie(tuple(huishoudens or ()), alle_open, voorgesteld)
    with open_store() as engine:
        besluiten = service.beoordeel(engine, run, selectie, service.Beoordeling(door, toelichting, gemeente))
    emit(besluiten, BESLUIT_KOLOMMEN, fmt, out, title=f"Run {run}: vastgelegde besluiten",
         kop=service.kop(f"Run {run}: vastgelegde besluiten"), catalogus=service.KOLOMMEN)  # fmt: skip
    err.print(f"{len(besluiten)} besluit(en) vastgelegd door {door.strip()}")


@app.command("opschonen")
def opschonen_command(
    proef: Annotated[
        bool, typer.Option("--proef", help="Alleen tonen welke runs verlopen zijn; niets verwijderen.")
    ] = False,
    fmt: FormatOption = Format.table,
    out: OutOption = None,
) -> None:
    """Verwijder de gegevens per huishouden van runs na de bewaartermijn; aantallen per gemeente blijven."""
    with open_store() as engine:
        records = service.opschonen(engine, proef=proef)
    emit(records, ["run", "aangemaakt_op", "huishoudens", "besluiten"], fmt, out, title="Opgeschoonde runs",
         kop=service.kop("Opgeschoonde runs"), catalogus=service.KOLOMMEN)  # fmt: skip
    actie = "zouden worden opgeschoond" if proef else "opgeschoond"
    err.print(f"{len(records)} run(s) {actie}")


class Weergave(StrEnum):
    """What ``koppeling periode`` shows."""

    batches = "batches"
    prijzen = "prijzen"
    eerlijkheid = "eerlijkheid"


PERIODE_KOLOMMEN = {
    Weergave.batches: ["batch", "run", "aangemaakt_op", "methode", "status", "scenarios", "seed",
                       "verwacht_huishoudens", "prijzen", "verwacht_bron", "evenwicht_marge",
                       "evenwicht_schaal", "evenwicht_kosten", "evenwicht_kosten_pct"],
    Weergave.prijzen: ["batch", "run", "gemeentecode", "gemeentenaam", "prijs", "bindend", "scenarios",
                       "spreiding", "vrijgehouden"],
    Weergave.eerlijkheid: ["batch", "soort", "huishoudens", "gekoppeld", "aandeel_gekoppeld",
                           "score_per_persoon", "aandeel_van_beste"],
}  # fmt: skip


@app.command("periode")
def periode_command(
    periode: Annotated[str, typer.Option("--periode", help="Taakstellingsperiode, bijvoorbeeld 2026-2.")],
    toon: Annotated[
        Weergave,
        typer.Option(
            "--toon", help="batches, prijzen (per batch en gemeente) of eerlijkheid (per batch en type)."
        ),
    ] = Weergave.batches,
    fmt: FormatOption = Format.table,
    out: OutOption = None,
) -> None:
    """Toon de geprijsde batches van een periode: hun prijzen, of de uitkomsten per aankomstweek en type."""
    gekozen = Periode.parse(periode, field="--periode")
    with open_store() as engine:
        batches, prijzen, eerlijkheid = service.periodeoverzicht(engine, gekozen)
    records = {Weergave.batches: batches, Weergave.prijzen: prijzen, Weergave.eerlijkheid: eerlijkheid}[toon]
    titel = f"Koppeling {gekozen}: {toon}"
    emit(records, PERIODE_KOLOMMEN[toon], fmt, out, title=titel, kop=service.kop(titel),
         catalogus=service.KOLOMMEN)  # fmt: skip


def huishoudensbron(bestand: Path | None, uit_dossier: bool) -> Path | tuple[service.Huishouden, ...]:
    """A file of households, or the households waiting in reception read from the case file (issue 23)."""
    if (bestand is None) == (not uit_dossier):
        raise InputError(
            Problem("kies een huishoudensbestand of de huishoudens uit het dossier", field="huishoudens")
        )
    if bestand is not None:
        return bestand
    with open_store() as engine:
        wachtend = dossier.wachtende_huishoudens(engine, operator())
    if wachtend.zonder_opvanggemeente:
        err.print(
            f"{wachtend.zonder_opvanggemeente} wachtende huishoudens zonder opvanggemeente overgeslagen"
        )
    err.print(f"{len(wachtend.huishoudens)} huishoudens uit het dossier")
    return wachtend.huishoudens
