"""``doorstroom monitor ...``: the monitor's indicators and their protected figures (docs/monitor.md).

The command line acts as the operator, yet shows the same protected table as the page and the API
(:mod:`doorstroom.monitor.service`): no figure below ten persons, none derivable from the others.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated

import typer

from doorstroom.cli.options import FormatOption, OutOption, parse_datum
from doorstroom.cli.output import Format, emit
from doorstroom.cli.store import open_store, operator
from doorstroom.monitor import service as monitor

app = typer.Typer(
    help="Monitor: integratie-uitkomsten per gemeente en cohort (afgeschermd).", no_args_is_help=True
)
KOLOMMEN = ["jaar", "eenheidsoort", "eenheid", "uitsplitsing", "groep", "personen", "waarde"]


@app.command("indicatoren")
def indicatoren(fmt: FormatOption = Format.table, out: OutOption = None) -> None:
    """De indicatoren van de monitor met hun definitie."""
    rijen = [
        {"naam": i.naam, "titel": i.titel, "eenheid": i.eenheid, "definitie": i.definitie, "regel": i.regel}
        for i in monitor.indicatoren()
    ]
    emit(rijen, ["naam", "titel", "eenheid", "definitie", "regel"], fmt, out, title="indicatoren")


@app.command("cijfers")
def cijfers(
    indicator: Annotated[
        str, typer.Argument(help="Naam van de indicator (zie: doorstroom monitor indicatoren).")
    ],
    cohort: Annotated[
        monitor.Cohortsoort,
        typer.Option("--cohort", help="Cohort naar jaar van huisvesting of van vergunning."),
    ] = monitor.Cohortsoort.huisvesting,
    peildatum: Annotated[str | None, typer.Option("--peildatum", help="Standaard vandaag.")] = None,
    fmt: FormatOption = Format.table,
    out: OutOption = None,
) -> None:
    """Afgeschermde cijfers van één indicator per cohortjaar, gemeente, grootteklasse, provincie en land."""
    dag = parse_datum(peildatum, "peildatum")
    with open_store() as engine:
        beeld = monitor.monitor(engine, operator(), indicator, cohort, dag)
    emit([asdict(r) for r in beeld.rijen], KOLOMMEN, fmt, out, title=beeld.indicator.titel)
