"""``doorstroom huisvesting ...``: a municipality's housing supply, its plan and the money.

The command line runs on the server as the operator (role ``systeem``), audited under the
operating-system user; municipal staff use the API or the web app with their own accounts.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from doorstroom.cli.options import FormatOption, OutOption, getal_optie, parse_datum
from doorstroom.cli.output import Format, emit
from doorstroom.cli.store import open_store, operator
from doorstroom.huisvesting import service
from doorstroom.huisvesting.service import rijen
from doorstroom.platform.clock import lokale_tijd
from doorstroom.values.domains import PLANMAANDEN, RUNNUMMER
from doorstroom.values.number_text import format_nl

app = typer.Typer(
    help="Huisvesting: woningaanbod, huisvestingsplan en geld per gemeente.", no_args_is_help=True
)
_err = Console(stderr=True, highlight=False, soft_wrap=True)

GemeenteArgument = Annotated[str, typer.Argument(help="Gemeentecode of naam, zoals GM0344 of Utrecht.")]
RedenOption = Annotated[str | None, typer.Option("--reden", help="Waarom (komt in de historie).")]
MaandenOption = Annotated[int, getal_optie("--maanden", domain=PLANMAANDEN, help="Maanden vooruit.")]
PeildatumOption = Annotated[
    str | None, typer.Option("--peildatum", help="Eerste dag van het plan (standaard vandaag).")
]
PrognoseOption = Annotated[
    int | None,
    getal_optie("--prognose", domain=RUNNUMMER, help="Opgeslagen prognose (standaard de nieuwste)."),
]
ZonderOption = Annotated[bool, typer.Option("--zonder-prognose", help="Plan alleen binnen het halfjaar.")]
MeetellenOption = Annotated[
    service.Meetellen,
    typer.Option("--meetellen", help="Welk aanbod telt: beschikbaar, voorbereiding of alles."),
]
ScenarioOption = Annotated[
    service.Scenario, typer.Option("--scenario", help="Prognoserand: laag, midden of hoog.")
]


@app.command("importeer")
def importeer(gemeente: GemeenteArgument, bestand: Path, reden: RedenOption = None) -> None:
    """Lees het woningaanbod van een gemeente (CSV/XLSX) in; alles of niets, wijzigingen als nieuwe versie."""
    with open_store() as engine:
        r = service.importeer(engine, operator(), gemeente, bestand, reden)
    _err.print(
        f"{r.gemeentecode}: {r.nieuw} nieuw, {r.gewijzigd} gewijzigd, {r.ongewijzigd} ongewijzigd ({r.bron})"
    )


@app.command("aanbod")
def aanbod(gemeente: GemeenteArgument, fmt: FormatOption = Format.table, out: OutOption = None) -> None:
    """Het woningaanbod van een gemeente: elke regel zoals nu geregistreerd, met versie en bron."""
    with open_store() as engine:
        versies = service.aanbod(engine, operator(), gemeente)
    emit(rijen.aanbodrijen(versies, None, lokale_tijd), rijen.AANBODKOLOMMEN, fmt, out, title="aanbod")


def _verzoek(
    gemeente: str, maanden: int, peildatum: str | None, prognose: int | None, zonder: bool,
    meetellen: service.Meetellen, scenario: service.Scenario,
) -> service.Planverzoek:  # fmt: skip
    datum = parse_datum(peildatum, "peildatum")
    return service.Planverzoek(gemeente, datum, maanden, prognose, zonder, meetellen, scenario)


@app.command("plan")
def plan(
    gemeente: GemeenteArgument,
    maanden: MaandenOption = 12,
    peildatum: PeildatumOption = None,
    prognose: PrognoseOption = None,
    zonder_prognose: ZonderOption = False,
    meetellen: MeetellenOption = service.Meetellen.alles,
    scenario: ScenarioOption = service.Scenario.midden,
    fmt: FormatOption = Format.table,
    out: OutOption = None,
) -> None:
    """Aanbod tegen behoefte per maand (grote huishoudens apart), tekort en de maand van achterstand."""
    verzoek = _verzoek(gemeente, maanden, peildatum, prognose, zonder_prognose, meetellen, scenario)
    with open_store() as engine:
        p = service.plan(engine, operator(), verzoek)
    klassen = {"per klasse": (rijen.klasserijen(p.plan), rijen.KLASSEKOLOMMEN)}
    titel = f"huisvestingsplan {p.gemeente.naam}"
    emit(rijen.maandrijen(p.plan, p.band), rijen.MAANDKOLOMMEN, fmt, out, title=titel, extra_sheets=klassen)
    _err.print(f"achter vanaf: {p.plan.achter_vanaf or 'nooit'}; grote huishoudens (5+): "
               f"{p.plan.grote_huishoudens_achter_vanaf or 'nooit'}")  # fmt: skip
    for melding in p.meldingen:
        _err.print(melding)


@app.command("geld")
def geld(
    gemeente: GemeenteArgument,
    maanden: MaandenOption = 12,
    peildatum: PeildatumOption = None,
    prognose: PrognoseOption = None,
    zonder_prognose: ZonderOption = False,
    meetellen: MeetellenOption = service.Meetellen.alles,
    scenario: ScenarioOption = service.Scenario.midden,
    fmt: FormatOption = Format.table,
    out: OutOption = None,
) -> None:
    """Inkomsten en kosten van het plan per maand met bron; xlsx: het werkboek (plan, geld, bronnen)."""
    verzoek = _verzoek(gemeente, maanden, peildatum, prognose, zonder_prognose, meetellen, scenario)
    with open_store() as engine:
        g = service.geld(engine, operator(), verzoek)
    if fmt is Format.xlsx and out is not None:
        service.schrijf_werkboek(out, g)
        _err.print(f"geschreven: {out}")
        return
    emit(rijen.geldrijen(g.geld), rijen.GELDKOLOMMEN, fmt, out, title="geld")
    for saldo in g.geld.per_jaar():
        _err.print(
            f"{saldo.periode}: inkomsten {format_nl(saldo.inkomsten)}, kosten {format_nl(saldo.kosten)}, "
            f"tekort {format_nl(saldo.tekort)}"
        )
    _err.print(f"tabel met regelingen: {g.tabel.omschrijving}")


@app.command("overzicht")
def overzicht(
    provincie: Annotated[
        str | None, typer.Option("--provincie", help="Alleen de gemeenten van deze provincie.")
    ] = None,
    maanden: MaandenOption = 12,
    peildatum: PeildatumOption = None,
    zonder_prognose: ZonderOption = False,
    meetellen: MeetellenOption = service.Meetellen.alles,
    fmt: FormatOption = Format.table,
    out: OutOption = None,
) -> None:
    """Aanbod tegen behoefte per gemeente (provincie of land): tekort, grote huishoudens, achter vanaf."""
    verzoek = _verzoek("", maanden, peildatum, None, zonder_prognose, meetellen, service.Scenario.midden)
    with open_store() as engine:
        o = service.overzicht(engine, operator(), provincie, verzoek)
    emit([*o.rijen, o.totaal], rijen.OVERZICHTKOLOMMEN, fmt, out, title="huisvesting per gemeente")
    _err.print(f"{o.achter} gemeenten lopen achter binnen het plan")


@app.command("regelingen")
def regelingen(
    bestand: Annotated[
        Path | None, typer.Option("--bestand", help="Nieuwe tabel (CSV/XLSX) in dezelfde opmaak.")
    ] = None,
    reden: RedenOption = None,
    fmt: FormatOption = Format.table,
    out: OutOption = None,
) -> None:
    """De tabel met financiële regelingen (bedrag, geldigheid, bron); met --bestand vervangen."""
    with open_store() as engine:
        if bestand is not None:
            tabel, gewijzigd = service.werk_regelingen_bij(engine, operator(), bestand, reden or "")
            _err.print(f"{'nieuwe ' if gewijzigd else 'ongewijzigd: '}{tabel.omschrijving}")
        else:
            tabel = service.huidige_regelingen(engine, operator())
    emit(rijen.regelingrijen(tabel.regelingen), rijen.REGELINGKOLOMMEN, fmt, out, title="regelingen")
