"""Orchestration of the prognose for the CLI: load, run, shape records, write files.

Keeps the CLI thin: every command is a call here plus rendering. Files go through
:func:`doorstroom.tabular.atomic_write`, so a failed run leaves no half-written output.
"""

from __future__ import annotations

import json
import math
import secrets
from collections.abc import Callable, Sequence
from dataclasses import replace
from importlib import resources
from pathlib import Path

from doorstroom.errors import InputError, Problem
from doorstroom.prognose import figures, regions
from doorstroom.prognose.backtest import Backtest, backtest
from doorstroom.prognose.calibration import lees_historie
from doorstroom.prognose.montecarlo import Resultaat, bereken, samenvatten, simuleer
from doorstroom.prognose.scenario import Doelen, Scenario
from doorstroom.prognose.scenario_io import laad, standaard, standaard_pad
from doorstroom.prognose.sweep import Record, parse_variatie, sweep
from doorstroom.tabular import atomic_write, write_csv, write_xlsx

KWANTIEL_KOLOMMEN = ("reeks", "maand", "p10", "p50", "p90")
KANS_KOLOMMEN = ("maand", "kans_overschrijding", "flexbuffer")
OVERZICHT_REEKSEN = ("coa_bezetting", "ind_wachtrij", "vergunninghouders_coa", "instroom_totaal")


def laad_scenario(path: Path | None) -> Scenario:
    """The scenario in ``path``, or the shipped default scenario."""
    return standaard() if path is None else laad(path)


def met_doelen(scenario: Scenario, wachtend: float | None, maand: int | None, kans: float | None) -> Scenario:
    """The scenario with planning targets overridden from the command line."""
    doelen = scenario.doelen
    if kans is not None and not 0.0 < kans < 1.0:
        raise InputError(Problem(f"{kans:g} moet tussen 0 en 1 liggen", field="--kans"))
    return replace(
        scenario,
        doelen=Doelen(
            wachtende_vergunninghouders=doelen.wachtende_vergunninghouders if wachtend is None else wachtend,
            uiterlijk_maand=doelen.uiterlijk_maand if maand is None else maand,
            kans=doelen.kans if kans is None else kans,
        ),
    )


def kies_seed(seed: int | None) -> int:
    """The given seed, or a fresh one that is reported so the run can be repeated."""
    return secrets.randbelow(2**32) if seed is None else seed


def prognose(
    scenario: Scenario,
    *,
    paden: int,
    maanden: int | None,
    seed: int,
    deterministisch: bool = False,
    on_month: Callable[[int], None] | None = None,
) -> Resultaat:
    """Run the forecast (one expected path when ``deterministisch``)."""
    if paden < 1 or (maanden is not None and not 1 <= maanden <= 240):
        raise InputError(Problem("paden >= 1 en maanden 1 t/m 240", field="--paden/--maanden"))
    if not deterministisch:
        return bereken(scenario, paden=paden, maanden=maanden, seed=seed, on_month=on_month)
    inp, paths = simuleer(scenario, maanden=maanden, deterministisch=True, on_month=on_month)
    return samenvatten(scenario, inp, paths, None)


def kwantiel_records(resultaat: Resultaat, reeksen: Sequence[str] | None = None) -> list[Record]:
    """Long table: one record per series and month with P10, P50, P90."""
    names = reeksen or list(resultaat.kwantielen)
    return [
        {"reeks": name, "maand": maand, "p10": float(q[0, t]), "p50": float(q[1, t]), "p90": float(q[2, t])}
        for name in names
        for q in (resultaat.kwantielen[name],)
        for t, maand in enumerate(resultaat.maanden)
    ]


def kans_records(resultaat: Resultaat) -> list[Record]:
    """Per month: probability that occupancy exceeds capacity, and the flex buffer needed."""
    return [
        {
            "maand": maand,
            "kans_overschrijding": float(resultaat.kans_overschrijding[t]),
            "flexbuffer": float(resultaat.flexbuffer_per_maand[t]),
        }
        for t, maand in enumerate(resultaat.maanden)
    ]


def overzicht_records(resultaat: Resultaat) -> list[Record]:
    """Short table for the terminal: P50 (P10–P90) of key series every six months."""
    months = sorted({*range(5, len(resultaat.maanden), 6), len(resultaat.maanden) - 1})
    return [
        {
            "maand": resultaat.maanden[t],
            **{
                name: f"{q[1, t]:,.0f} ({q[0, t]:,.0f}–{q[2, t]:,.0f})"
                for name in OVERZICHT_REEKSEN
                for q in (resultaat.kwantielen[name],)
            },
            "kans_overschrijding": f"{resultaat.kans_overschrijding[t]:.0%}",
        }
        for t in months
    ]


def samenvatting(resultaat: Resultaat) -> dict[str, object]:
    """Scalar answers: flex buffer, needed taakstelling, cost, run settings."""
    needed = resultaat.benodigde_taakstelling
    return {
        "scenario": resultaat.scenario.naam,
        "paden": resultaat.paden,
        "seed": resultaat.seed,
        "kans": resultaat.scenario.doelen.kans,
        "flexbuffer_horizon": resultaat.flexbuffer_horizon,
        "max_kans_overschrijding": float(resultaat.kans_overschrijding.max()),
        "benodigde_taakstelling": {
            "doel_wachtende_vergunninghouders": needed.doel,
            "uiterlijk": needed.maand,
            "per_halfjaar": _finite(needed.per_halfjaar),
            "mediaan": _finite(needed.mediaan),
            "aandeel_paden_onhaalbaar": needed.onhaalbaar,
        },
        "kosten_totaal_euro": {
            name: float(value)
            for name, value in zip(("p10", "p50", "p90"), resultaat.kosten_totaal, strict=True)
        },
    }


def _finite(value: float) -> float | None:
    """JSON has no infinity: an unreachable target is ``null``."""
    return value if math.isfinite(value) else None


def als_json(resultaat: Resultaat) -> dict[str, object]:
    """JSON shape: per series, month by month ``p10``, ``p50``, ``p90``; plus probabilities."""
    series: dict[str, list[Record]] = {}
    for record in kwantiel_records(resultaat):
        series.setdefault(str(record["reeks"]), []).append(
            {key: record[key] for key in ("maand", "p10", "p50", "p90")}
        )
    return {"samenvatting": samenvatting(resultaat), "reeksen": series, "kansen": kans_records(resultaat)}


def schrijf_uitvoer(resultaat: Resultaat, out: Path, sleutel: regions.Verdeelsleutel) -> list[Path]:
    """Write tables, JSON and fan charts into the directory ``out``; return the files written."""
    out.mkdir(parents=True, exist_ok=True)
    files = [
        out / name
        for name in (
            "kwantielen.csv",
            "kansen.csv",
            "provincies.csv",
            "provincie_opgaven.csv",
            "prognose.json",
            "waaiers.png",
            "waaiers.html",
            "prognose.xlsx",
        )
    ]
    tables = _tabellen(resultaat, sleutel)
    for path, (records, columns) in zip(files[:4], tables.values(), strict=True):
        write_csv(path, records, columns)
    write_xlsx(files[7], tables)
    with atomic_write(files[4], "w", encoding="utf-8") as handle:
        json.dump(als_json(resultaat), handle, ensure_ascii=False, indent=2)
    figures.waaier_png(resultaat, files[5])
    figures.waaier_html(resultaat, files[6])
    return files


def _tabellen(
    resultaat: Resultaat, sleutel: regions.Verdeelsleutel
) -> dict[str, tuple[list[Record], tuple[str, ...]]]:
    """The four output tables, keyed by the sheet name they get in the XLSX workbook."""
    return {
        "kwantielen": (kwantiel_records(resultaat), KWANTIEL_KOLOMMEN),
        "kansen": (kans_records(resultaat), KANS_KOLOMMEN),
        "provincies": (regions.per_provincie(resultaat, sleutel), ("provincie", *KWANTIEL_KOLOMMEN)),
        "provincie_opgaven": (
            regions.opgaven(resultaat, sleutel),
            ("provincie", "aandeel", "flexbuffer", "benodigde_taakstelling_per_halfjaar"),
        ),
    }


def sleutel(path: Path | None) -> regions.Verdeelsleutel:
    """The province key from ``path``, or population shares."""
    return regions.bevolkingssleutel() if path is None else regions.lees_sleutel(path)


def voer_backtest(historie: Path, scenario: Scenario, *, holdout: int, paden: int, seed: int) -> Backtest:
    """Read the history file and backtest the fitted inflow process on it."""
    return backtest(lees_historie(historie), scenario, holdout=holdout, paden=paden, seed=seed)


def voer_sweep(
    scenario: Scenario,
    variaties: Sequence[str],
    *,
    paden: int,
    maanden: int | None,
    seed: int,
    scheduler: str | None,
    workers: int,
    on_done: Callable[[int, int], None] | None = None,
) -> list[Record]:
    """Parse ``naam=...`` variations and run the grid on Dask."""
    if not variaties:
        raise InputError(Problem("geef minstens één --varieer naam=waarden", field="--varieer"))
    grid = [parse_variatie(text) for text in variaties]
    return sweep(
        scenario,
        grid,
        paden=paden,
        maanden=maanden,
        seed=seed,
        scheduler=scheduler,
        workers=workers,
        on_done=on_done,
    )


def scenario_tekst(voorbeeld: bool = False) -> str:
    """Text of the shipped default scenario (or of the example with changes over time)."""
    if not voorbeeld:
        return standaard_pad().read_text(encoding="utf-8")
    path = resources.files("doorstroom.prognose") / "defaults" / "voorbeeld_schok.toml"
    return path.read_text(encoding="utf-8")
