"""How good the model is: fit it to a history, backtest it against what followed, sweep a grid.

Delivery layers reach these through :mod:`doorstroom.prognose.service`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from doorstroom.files.outfile import maak_map
from doorstroom.files.tabular import write_csv
from doorstroom.files.workbook import Kop
from doorstroom.platform.errors import InputError, Problem
from doorstroom.prognose import backtest as backtests
from doorstroom.prognose import figures, historie, uitvoer
from doorstroom.prognose.berekening import binnen, controleer_run, schrijf_json, werkboek
from doorstroom.prognose.core import calibration
from doorstroom.prognose.core.scenario import Scenario
from doorstroom.prognose.scenario_io import laad
from doorstroom.prognose.standaard import standaard
from doorstroom.prognose.sweep import parse_variatie, sweep
from doorstroom.values import domains
from doorstroom.values.record import Record


@dataclass(frozen=True)
class Kalibratieresultaat:
    """A fitted scenario and what was (and was not) fitted."""

    scenario: Scenario
    fit: calibration.Fit


def kalibreer(historie_pad: Path, scenario_pad: Path | None, start: str | None) -> Kalibratieresultaat:
    """Fit every flow the history file supports onto the scenario (default: the published default)."""
    fitted = calibration.fit(historie.lees(historie_pad))
    base = laad(scenario_pad) if scenario_pad is not None else standaard(start or fitted.volgende_maand)
    return Kalibratieresultaat(calibration.toepassen(base, fitted, start), fitted)


def schatting_records(fit: calibration.Fit) -> list[Record]:
    """One record per estimate, with its standard error."""
    return [
        {
            "parameter": e.parameter,
            "waarde": e.waarde,
            "standaardfout": e.standaardfout,
            "kolommen": ", ".join(e.kolommen),
            "perioden": e.perioden,
            "waarnemingen": e.waarnemingen,
            "methode": e.methode,
        }
        for e in fit.schattingen
    ]


def voer_backtest(
    historie_pad: Path | None,
    scenario_pad: Path | None,
    afkappen: Sequence[str],
    *,
    horizon: int | None,
    paden: int,
    seed: int,
) -> backtests.Backtest:
    """The backtest on the published series, or the inflow backtest on a history file."""
    binnen(paden, domains.PADEN, "paden")
    binnen(horizon, domains.HISTORIE_PERIODEN, "horizon")
    if historie_pad is None:
        if scenario_pad is not None:
            raise InputError(Problem("een eigen scenario hoort bij een eigen historie", field="scenario"))
        return backtests.gepubliceerd_backtest(afkappen, horizon=horizon or 4, paden=paden, seed=seed)
    history = historie.lees(historie_pad)
    scenario = laad(scenario_pad) if scenario_pad is not None else standaard(history.volgende_maand())
    return backtests.historie_backtest(history, scenario, afkappen, horizon=horizon, paden=paden, seed=seed)


def mpp_vergelijking(paden: int, seed: int) -> list[backtests.MppVergelijking]:
    """Annual inflow forecast from the last complete published quarter beside the ministry's ranges."""
    return backtests.mpp_vergelijking(paden, seed)


def backtest_json(
    resultaat: backtests.Backtest, mpp: Sequence[backtests.MppVergelijking]
) -> dict[str, object]:
    """Per series ``mape``, ``dekking``, ``breedte`` and ``intervalscore`` (fractions) pooled and per
    cut-off; every compared period."""
    return {
        "reeksen": {
            score.reeks: {
                "mape": score.mape,
                "dekking": score.dekking,
                "breedte": score.breedte,
                "intervalscore": score.intervalscore,
                "perioden": score.perioden,
                "afkappen": [vars(s) for s in resultaat.scores if s.reeks == score.reeks],
            }
            for score in resultaat.totaal
        },
        "vergelijking": [vars(point) for point in resultaat.punten],
        "mpp": [vars(row) for row in mpp],
    }


def schrijf_backtest(
    resultaat: backtests.Backtest, mpp: Sequence[backtests.MppVergelijking], out: Path
) -> list[Path]:
    """Scores, comparison, MPP comparison, JSON, workbook and fan charts against actuals."""
    maak_map(out)
    kop = "Backtest van de prognose: waaiers tegen wat er gebeurde"
    tables = [
        uitvoer.Tabel(
            "scores",
            kop,
            [vars(s) for s in (*resultaat.totaal, *resultaat.scores)],
            backtests.SCORE_KOLOMMEN,
        ),
        uitvoer.Tabel(
            "vergelijking",
            kop,
            [vars(p) for p in resultaat.punten],
            ("reeks", "afkap", "periode", "werkelijk", "p10", "p50", "p90"),
        ),
        uitvoer.Tabel(
            "mpp",
            "Jaarinstroom tegen de Meerjaren Productie Prognose",
            [vars(r) for r in mpp],
            ("jaar", "uitgave", "mpp_minimum", "mpp_maximum", "p10", "p50", "p90", "werkelijk", "vanaf"),
        ),
    ]
    written = []
    for table in tables:
        written.append(out / f"backtest_{table.naam}.csv")
        write_csv(written[-1], table.records, table.kolommen)
    written.append(out / "backtest.xlsx")
    werkboek(written[-1], Kop(wat=kop, bron="CBS en gepubliceerde landelijke realisatie"), tables)
    written.append(out / "backtest.json")
    schrijf_json(written[-1], backtest_json(resultaat, mpp))
    written += [out / "backtest.png", out / "backtest.html"]
    figures.backtest_png(resultaat, written[-2], kop)
    figures.backtest_html(resultaat, written[-1], kop)
    return written


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
    """Parse ``naam=...`` variations (domains and grid size checked) and run the grid on Dask."""
    if not variaties:
        raise InputError(Problem("geef minstens één variatie: naam=waarden", field="varieer"))
    binnen(workers, domains.WORKERS, "workers")
    controleer_run(scenario, paden, maanden)
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
