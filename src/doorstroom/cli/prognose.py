"""``doorstroom prognose ...``: Monte-Carlo forecast of the chain, backtest, sweep, scenario."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import Progress

from doorstroom.cli.options import Doel, FormatOption, OutOption, getal_optie, out_option
from doorstroom.cli.output import Format, emit, toon_samenvatting
from doorstroom.domains import FRACTIE, HORIZON_MAANDEN, MAANDEN, PADEN, PERSONEN, SEED, WORKERS
from doorstroom.errors import InputError, Problem
from doorstroom.prognose import service
from doorstroom.prognose.montecarlo import DEFAULT_PADEN, Resultaat
from doorstroom.tabular import atomic_write

app = typer.Typer(help="Prognose: Monte-Carlo-prognose van de hele asielketen.", no_args_is_help=True)
err = Console(stderr=True, highlight=False)

ScenarioOption = Annotated[
    Path | None,
    typer.Option("--scenario", "-s", help="Scenariobestand (TOML); zonder: het standaardscenario."),
]
PadenOption = Annotated[int, getal_optie("--paden", "-n", domain=PADEN, help="Aantal Monte-Carlo-paden.")]
MaandenOption = Annotated[
    int | None, getal_optie("--maanden", "-m", domain=HORIZON_MAANDEN, help="Horizon in maanden.")
]
SeedOption = Annotated[
    int | None, getal_optie("--seed", domain=SEED, help="Startwaarde van de toevalsgenerator (herhaalbaar).")
]
DirOption = Annotated[
    Path | None, out_option("Map voor tabellen, JSON en waaierdiagrammen (PNG en HTML).", Doel.map)
]


@app.command("bereken")
def bereken_command(
    scenario: ScenarioOption = None,
    paden: PadenOption = DEFAULT_PADEN,
    maanden: MaandenOption = None,
    seed: SeedOption = None,
    fmt: FormatOption = Format.table,
    out: DirOption = None,
    sleutel: Annotated[
        Path | None, typer.Option("--sleutel", help="CSV/XLSX provincie,gewicht; standaard inwoners.")
    ] = None,
    doel_wachtend: Annotated[
        float | None,
        getal_optie("--doel-wachtend", domain=PERSONEN, help="Doel: wachtende vergunninghouders."),
    ] = None,
    doel_maand: Annotated[
        int | None,
        getal_optie("--doel-maand", domain=HORIZON_MAANDEN, help="Prognosemaand waarin het doel gehaald is."),
    ] = None,
    kans: Annotated[
        float | None, getal_optie("--kans", domain=FRACTIE, help="Gewenste zekerheid, bijv. 0,9.")
    ] = None,
    zonder_onzekerheid: Annotated[
        bool, typer.Option("--zonder-onzekerheid", help="Eén verwacht pad, alle onzekerheid uit.")
    ] = False,
) -> None:
    """Bereken de prognose: P10/P50/P90 per maand, flexbuffer, benodigde taakstelling, kosten."""
    if fmt is Format.xlsx and out is None:
        raise InputError(Problem("xlsx komt in --out MAP/prognose.xlsx; geef --out MAP", field="--format"))
    chosen = service.met_doelen(service.laad_scenario(scenario), doel_wachtend, doel_maand, kans)
    key = service.sleutel(sleutel)
    used_seed = service.kies_seed(seed)
    horizon = maanden or chosen.maanden
    with Progress(console=err, transient=True) as progress:
        task = progress.add_task("prognose", total=horizon)
        result = service.prognose(
            chosen,
            paden=paden,
            maanden=maanden,
            seed=used_seed,
            deterministisch=zonder_onzekerheid,
            on_month=lambda _: progress.advance(task),
        )
    if out is not None:
        files = service.schrijf_uitvoer(result, out, key)
        err.print(f"geschreven: {', '.join(str(f) for f in files)}")
    _show(result, fmt)


def _show(result: Resultaat, fmt: Format) -> None:
    if fmt is Format.xlsx:
        return
    if fmt is Format.json:
        print(json.dumps(service.als_json(result), ensure_ascii=False, indent=2))
    elif fmt is Format.csv:
        emit(service.kwantiel_records(result), service.KWANTIEL_KOLOMMEN, fmt, None)
    else:
        rows = service.overzicht_records(result)
        emit(rows, list(rows[0]), fmt, None, title=f"Prognose '{result.scenario.naam}' — P50 (P10–P90)")
        toon_samenvatting(f"Samenvatting prognose '{result.scenario.naam}'", service.samenvatting(result))


@app.command("backtest")
def backtest_command(
    historie: Annotated[Path, typer.Option("--historie", help="CSV/XLSX: maand,eerste_aanvragen[,...]")],
    scenario: ScenarioOption = None,
    holdout: Annotated[int, getal_optie("--holdout", domain=MAANDEN, help="Achtergehouden maanden.")] = 12,
    paden: PadenOption = DEFAULT_PADEN,
    seed: SeedOption = 0,
    fmt: FormatOption = Format.table,
    out: Annotated[Path | None, out_option("CSV met de vergelijking per maand.")] = None,
) -> None:
    """Fit de instroom op de historie en toets de voorspelling van achtergehouden maanden."""
    result = service.voer_backtest(
        historie, service.laad_scenario(scenario), holdout=holdout, paden=paden, seed=seed or 0
    )
    scores = [
        {"reeks": s.reeks, "maanden": s.maanden, "mape": s.mape, "dekking_p10_p90": s.dekking}
        for s in result.scores
    ]
    emit(scores, ("reeks", "maanden", "mape", "dekking_p10_p90"), fmt, None, title="Backtest")
    if out is not None:
        emit(list(result.vergelijking), ("reeks", "maand", "werkelijk", "p10", "p50", "p90"), Format.csv, out)


@app.command("sweep")
def sweep_command(
    varieer: Annotated[
        list[str], typer.Option("--varieer", help="naam=1,2,3 of naam=laag:hoog:aantal; herhaalbaar.")
    ],
    scenario: ScenarioOption = None,
    paden: PadenOption = 200,
    maanden: MaandenOption = None,
    seed: SeedOption = 0,
    scheduler: Annotated[
        str | None, typer.Option("--scheduler", help="Dask-cluster tcp://HOST:PORT; standaard lokaal.")
    ] = None,
    workers: Annotated[int, getal_optie("--workers", domain=WORKERS, help="Lokale Dask-workers.")] = 2,
    fmt: FormatOption = Format.table,
    out: OutOption = None,
) -> None:
    """Reken een rooster van scenario's door op Dask (lokaal of op een cluster)."""
    chosen = service.laad_scenario(scenario)
    with Progress(console=err, transient=True) as progress:
        task = progress.add_task("sweep", total=None)
        records = service.voer_sweep(
            chosen,
            varieer,
            paden=paden,
            maanden=maanden,
            seed=seed or 0,
            scheduler=scheduler,
            workers=workers,
            on_done=lambda done, total: progress.update(task, completed=done, total=total),
        )
    emit(records, list(records[0]), fmt, out, title="Scenario-sweep")


@app.command("scenario")
def scenario_command(
    voorbeeld: Annotated[
        bool, typer.Option("--voorbeeld", help="Het voorbeeld met wijzigingen in de tijd.")
    ] = False,
    out: OutOption = None,
) -> None:
    """Toon het standaardscenario (TOML) om als startpunt te bewerken."""
    text = service.scenario_tekst(voorbeeld)
    if out is None:
        print(text, end="")
        return
    with atomic_write(out, "w", encoding="utf-8") as handle:
        handle.write(text)
