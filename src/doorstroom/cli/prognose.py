"""``doorstroom prognose ...``: forecast of the chain, calibration, backtest, sweep, scenario.

Output options and numbers are checked when the command line is parsed, before any work (the shared
option helpers of :mod:`doorstroom.cli.options`); the service checks numbers against their
documented domains again for callers other than the CLI. Every command calls one service function
and renders its result.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import Progress

from doorstroom.cli.options import Doel, FormatOption, getal_optie, out_option
from doorstroom.cli.output import Format, emit, err
from doorstroom.cli.store import optional_store
from doorstroom.files.tabular import atomic_write
from doorstroom.platform.errors import InputError, Problem
from doorstroom.prognose import service
from doorstroom.prognose.service import DEFAULT_PADEN, SCORE_KOLOMMEN, OpvangProvincie, Resultaat
from doorstroom.values.domains import (
    FRACTIE,
    HISTORIE_PERIODEN,
    HORIZON_MAANDEN,
    PADEN,
    PERSONEN,
    SEED,
    WORKERS,
)

app = typer.Typer(help="Prognose: Monte-Carlo-prognose van de hele asielketen.", no_args_is_help=True)

ScenarioOption = Annotated[
    Path | None,
    typer.Option("--scenario", "-s", help="Scenariobestand (TOML); zonder: het standaardscenario."),
]
StartOption = Annotated[
    str | None,
    typer.Option(
        "--start", help="Eerste prognosemaand (2026-01); standaard: na het laatste gepubliceerde cijfer."
    ),
]
HistorieOption = Annotated[
    Path | None,
    typer.Option(
        "--historie", help="CSV/XLSX met maand (2024-07) of kwartaal (2024-Q3) en reeksen om te fitten."
    ),
]
PadenOption = Annotated[int, getal_optie("--paden", "-n", domain=PADEN, help="Aantal Monte-Carlo-paden.")]
MaandenOption = Annotated[
    int | None, getal_optie("--maanden", "-m", domain=HORIZON_MAANDEN, help="Horizon in maanden.")
]
SeedOption = Annotated[
    int | None, getal_optie("--seed", domain=SEED, help="Startwaarde van de toevalsgenerator (herhaalbaar).")
]
DirOption = Annotated[
    Path | None,
    out_option("Map voor tabellen, werkboek, JSON en waaierdiagrammen (PNG en HTML).", Doel.map),
]
FileOption = Annotated[Path | None, out_option("Schrijf naar dit bestand.")]


@app.command("bereken")
def bereken_command(
    scenario: ScenarioOption = None,
    start: StartOption = None,
    historie: HistorieOption = None,
    opvang: Annotated[
        Path | None,
        typer.Option(
            "--opvang", "--sleutel", help="CSV/XLSX provincie,plaatsen[,bezetting] of provincie,gewicht."
        ),
    ] = None,
    paden: PadenOption = DEFAULT_PADEN,
    maanden: MaandenOption = None,
    seed: SeedOption = None,
    fmt: FormatOption = Format.table,
    out: DirOption = None,
    wachtende_vergunninghouders: Annotated[
        float | None,
        getal_optie("--doel-wachtend", domain=PERSONEN, help="Doel: wachtende vergunninghouders."),
    ] = None,
    uiterlijk_maand: Annotated[
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
    """Bereken de prognose: P10/P50/P90 per maand en provincie, flexbuffer, benodigde taakstelling."""
    directory = out
    if fmt is Format.xlsx and directory is None:
        raise InputError(Problem("xlsx komt in --out MAP/prognose.xlsx; geef --out MAP", field="--format"))
    used_seed = service.kies_seed(seed)
    base = service.kies_scenario(scenario, start, historie)
    chosen = service.met_doelen(base, wachtende_vergunninghouders, uiterlijk_maand, kans, maanden)
    service.controleer_run(chosen, paden, maanden)
    if opvang is not None:
        places = service.opvang(opvang, chosen)
    else:  # the spreiding register when the store has one; the documented default otherwise
        with optional_store() as engine:
            places = service.opvang(None, chosen, engine)
    with Progress(console=err, transient=True) as progress:
        task = progress.add_task("prognose", total=maanden or chosen.maanden)
        result = service.prognose(
            chosen,
            places,
            paden=paden,
            maanden=maanden,
            seed=used_seed,
            deterministisch=zonder_onzekerheid,
            on_month=lambda _: progress.advance(task),
        )
    if directory is not None:
        files = service.schrijf_uitvoer(result, places, directory)
        err.print(f"geschreven: {', '.join(str(f) for f in files)}")
    _show(result, places, fmt)


def _show(result: Resultaat, places: list[OpvangProvincie], fmt: Format) -> None:
    if fmt is Format.xlsx:
        return
    if fmt is Format.json:
        print(json.dumps(service.als_json(result, places), ensure_ascii=False, indent=2))
    elif fmt is Format.csv:
        emit(service.kwantiel_records(result, rond=True), ("reeks", "maand", "p10", "p50", "p90"), fmt, None)
    else:
        rows = _overzicht(result)
        emit(rows, list(rows[0]), fmt, None, title=f"{service.titel(result)} — P50 (P10–P90)")
        print(service.samenvatting_tekst(result), end="")


def _overzicht(result: Resultaat) -> list[dict[str, object]]:
    """Short table for the terminal: P50 (P10–P90) of key series every six months."""
    months = sorted({*range(5, len(result.maanden), 6), len(result.maanden) - 1})
    names = (
        "coa_bezetting",
        "ind_wachtrij",
        "vergunninghouders_coa",
        "instroom_totaal",
        "huisvesting_totaal",
    )
    return [
        {
            "maand": result.maanden[t],
            **{name: service.waaier_tekst(result.kwantielen[name], t) for name in names},
            "kans_overschrijding": f"{result.kans_overschrijding[t]:.0%}",
        }
        for t in months
    ]


@app.command("kalibreer")
def kalibreer_command(
    historie: Annotated[Path, typer.Option("--historie", help="CSV/XLSX met maand of kwartaal en reeksen.")],
    scenario: ScenarioOption = None,
    start: StartOption = None,
    fmt: FormatOption = Format.table,
    out: Annotated[Path | None, out_option("Schrijf het gefitte scenario (TOML).")] = None,
) -> None:
    """Fit instroom, IND, huisvesting en vertrek op een historie; toon elke schatting met standaardfout."""
    target = out
    if fmt is Format.xlsx:
        raise InputError(
            Problem("kalibreer toont table, csv of json; het scenario komt in --out", field="--format")
        )
    result = service.kalibreer(historie, scenario, start)
    columns = ("parameter", "waarde", "standaardfout", "kolommen", "perioden", "waarnemingen", "methode")
    emit(service.schatting_records(result.fit), columns, fmt, None, title=f"Kalibratie op {historie}")
    for reason in result.fit.overgeslagen:
        err.print(f"niet gefit: {reason}")
    if target is not None:
        service.schrijf_scenario(
            target, result.scenario, f"# Gefit op {historie} met doorstroom prognose kalibreer.\n"
        )
        err.print(f"geschreven: {target}")


@app.command("backtest")
def backtest_command(
    historie: HistorieOption = None,
    scenario: ScenarioOption = None,
    afkap: Annotated[
        list[str] | None,
        typer.Option("--afkap", help="Laatste periode van de fit (2022-Q4 of 2022-12); herhaalbaar."),
    ] = None,
    horizon: Annotated[
        int | None,
        getal_optie("--horizon", domain=HISTORIE_PERIODEN, help="Voorspelde perioden na elke afkap."),
    ] = None,
    paden: PadenOption = 2000,
    seed: SeedOption = 0,
    fmt: FormatOption = Format.table,
    out: DirOption = None,
) -> None:
    """Toets de prognose tegen wat er gebeurde: gepubliceerde cijfers of een eigen historie."""
    directory = out
    if fmt is Format.xlsx and directory is None:
        raise InputError(Problem("xlsx komt in --out MAP/backtest.xlsx; geef --out MAP", field="--format"))
    used_seed = service.kies_seed(seed)
    result = service.voer_backtest(
        historie, scenario, afkap or [], horizon=horizon, paden=paden, seed=used_seed
    )
    mpp = service.mpp_vergelijking(paden, used_seed) if historie is None else []
    if directory is not None:
        err.print(
            f"geschreven: {', '.join(str(f) for f in service.schrijf_backtest(result, mpp, directory))}"
        )
    if fmt is Format.json:
        print(json.dumps(service.backtest_json(result, mpp), ensure_ascii=False, indent=2))
    elif fmt is not Format.xlsx:
        scores = [vars(s) for s in (*result.totaal, *result.scores)]
        emit(
            scores,
            SCORE_KOLOMMEN,
            fmt,
            None,
            title="Backtest (dekking: P10–P90)",
        )


@app.command("sweep")
def sweep_command(
    varieer: Annotated[
        list[str], typer.Option("--varieer", help="naam=1,2,3 of naam=laag:hoog:aantal; herhaalbaar.")
    ],
    scenario: ScenarioOption = None,
    start: StartOption = None,
    paden: PadenOption = 200,
    maanden: MaandenOption = None,
    seed: SeedOption = 0,
    scheduler: Annotated[
        str | None, typer.Option("--scheduler", help="Dask-cluster tcp://HOST:PORT; standaard lokaal.")
    ] = None,
    workers: Annotated[int, getal_optie("--workers", domain=WORKERS, help="Lokale Dask-workers.")] = 2,
    fmt: FormatOption = Format.table,
    out: FileOption = None,
) -> None:
    """Reken een rooster van scenario's door op Dask (lokaal of op een cluster)."""
    target = out
    used_seed = service.kies_seed(seed)
    chosen = service.kies_scenario(scenario, start, None)
    with Progress(console=err, transient=True) as progress:
        task = progress.add_task("sweep", total=None)
        records = service.voer_sweep(
            chosen,
            varieer,
            paden=paden,
            maanden=maanden,
            seed=used_seed,
            scheduler=scheduler,
            workers=workers,
            on_done=lambda done, total: progress.update(task, completed=done, total=total),
        )
    emit(records, list(records[0]), fmt, target, title="Scenario-sweep")


@app.command("scenario")
def scenario_command(
    start: StartOption = None,
    voorbeeld: Annotated[
        bool, typer.Option("--voorbeeld", help="Het voorbeeld met wijzigingen in de tijd.")
    ] = False,
    out: FileOption = None,
) -> None:
    """Toon het standaardscenario (TOML, met bron en datum per parameter) om als startpunt te bewerken."""
    target = out
    text = service.scenario_tekst(start, voorbeeld)
    if target is None:
        print(text, end="")
        return
    with atomic_write(target, "w", encoding="utf-8") as handle:
        handle.write(text)
