"""One forecast: choose and check a scenario, compute it, write its files (table, CSV, JSON, XLSX).

Every number a user gives (paths, months, seed, targets) is checked against its documented domain
here, before any work; files go through :func:`doorstroom.files.tabular.atomic_write`, so a failed
run leaves no half-written output. Delivery layers reach this through :mod:`doorstroom.prognose.service`.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date
from importlib import resources
from pathlib import Path

from sqlalchemy import Engine

from doorstroom.files.outfile import maak_map
from doorstroom.files.tabular import atomic_write, write_csv
from doorstroom.files.workbook import Blad, Kop, Werkboek, kolommen
from doorstroom.files.workbook_writing import write_workbook
from doorstroom.platform.errors import InputError, Problem
from doorstroom.prognose import figures, historie, regions, uitvoer
from doorstroom.prognose import kolommen as prognose_kolommen
from doorstroom.prognose.core import calibration, scenario_check
from doorstroom.prognose.core.montecarlo import Resultaat, bereken
from doorstroom.prognose.core.opvang import OpvangProvincie
from doorstroom.prognose.core.scenario import Doelen, Scenario
from doorstroom.prognose.scenario_io import laad, schrijf
from doorstroom.prognose.standaard import standaard
from doorstroom.spreiding import service as spreiding
from doorstroom.values import domains
from doorstroom.values.domains import Domain


def binnen(value: float | None, domain: Domain, veld: str) -> None:
    """Raise an InputError naming the domain field ``veld`` when ``value`` lies outside ``domain``."""
    problem = None if value is None else domain.problem(value)
    if problem:
        raise InputError(Problem(problem, field=veld))


def kies_scenario(path: Path | None, start: str | None, historie_pad: Path | None) -> Scenario:
    """The scenario file, or the default from published figures from ``start``; fitted on the
    history file when one is given (the fitted parameters and their records replace the others)."""
    if start is not None and not scenario_check.MONTH.match(start):
        raise InputError(Problem(f"'{start}' is geen maand; schrijf bijvoorbeeld 2026-01", field="start"))
    if path is not None and start is not None and historie_pad is None:
        raise InputError(
            Problem(
                "een startmaand geldt voor het standaardscenario; zet de start in het scenariobestand",
                field="start",
            )
        )
    chosen = laad(path) if path is not None else standaard(start)
    if historie_pad is None:
        return chosen
    fitted = calibration.fit(historie.lees(historie_pad))
    return calibration.toepassen(chosen, fitted, start)


def met_doelen(
    scenario: Scenario,
    wachtend: float | None,
    maand: int | None,
    kans: float | None,
    horizon: int | None = None,
) -> Scenario:
    """The scenario with planning targets overridden from the command line; a target month must lie
    within the run's ``horizon`` (default the scenario's), an inherited one is brought within it."""
    binnen(horizon, domains.HORIZON_MAANDEN, "maanden")
    months = horizon or scenario.maanden
    binnen(wachtend, domains.GEMIDDELD_AANTAL, "wachtende_vergunninghouders")
    binnen(
        maand, Domain(f"maandnummer binnen de horizon, 1 tot en met {months}", 1, months), "uiterlijk_maand"
    )
    binnen(kans, domains.ZEKERHEID, "kans")
    goals = scenario.doelen
    return replace(
        scenario,
        doelen=Doelen(
            wachtende_vergunninghouders=goals.wachtende_vergunninghouders if wachtend is None else wachtend,
            uiterlijk_maand=min(goals.uiterlijk_maand, months) if maand is None else maand,
            kans=goals.kans if kans is None else kans,
        ),
    )


def kies_seed(seed: int | None) -> int:
    """The given seed, or a fresh one that is reported so the run can be repeated."""
    binnen(seed, domains.SEED, "seed")
    return secrets.randbelow(2**32) if seed is None else seed


def controleer_run(scenario: Scenario, paden: int, maanden: int | None) -> int:
    """Check paths and horizon, and the scenario against that horizon; return the horizon."""
    binnen(paden, domains.PADEN, "paden")
    binnen(maanden, domains.HORIZON_MAANDEN, "maanden")
    horizon = maanden or scenario.maanden
    binnen(paden * horizon, domains.PADMAANDEN, "paden")
    scenario_check.controleer(scenario)  # a run shorter than the scenario simply does not reach later changes
    return horizon


def opvang(path: Path | None, scenario: Scenario, engine: Engine | None = None) -> list[OpvangProvincie]:
    """Reception places per province: from ``path``; else from the spreiding register in ``engine``
    when it has open locations on the first day of the forecast; else the documented default."""
    if path is not None:
        return regions.lees_opvang(path)
    if engine is not None:
        first_day = date(int(scenario.start[:4]), int(scenario.start[5:]), 1)
        found = regions.uit_register(spreiding.opvang_per_provincie(engine, first_day), first_day)
        if found:
            return found
    return regions.standaard_opvang(scenario.start)


def prognose(
    scenario: Scenario,
    plaatsen: Sequence[OpvangProvincie],
    *,
    paden: int,
    maanden: int | None,
    seed: int,
    deterministisch: bool = False,
    on_month: Callable[[int], None] | None = None,
) -> Resultaat:
    """Run the forecast for the twelve provinces (one expected path when ``deterministisch``)."""
    controleer_run(scenario, paden, maanden)
    return bereken(
        scenario,
        paden=paden,
        maanden=maanden,
        seed=seed,
        deterministisch=deterministisch,
        regios=regions.provincies(plaatsen),
        on_month=on_month,
    )


def schrijf_uitvoer(resultaat: Resultaat, plaatsen: Sequence[OpvangProvincie], out: Path) -> list[Path]:
    """Write tables (CSV), the workbook, the JSON document and fan charts into the directory ``out``."""
    maak_map(out)
    tables = uitvoer.tabellen(resultaat, plaatsen)
    written = []
    for table in tables:
        written.append(out / f"{table.naam}.csv")
        write_csv(written[-1], table.records, table.kolommen)
    written.append(out / "prognose.xlsx")
    werkboek(written[-1], prognose_kop(resultaat), tables)
    written.append(out / "prognose.json")
    schrijf_json(written[-1], uitvoer.als_json(resultaat, plaatsen))
    written += [out / "waaiers.png", out / "waaiers.html"]
    figures.waaier_png(resultaat, written[-2])
    figures.waaier_html(resultaat, written[-1])
    return written


def prognose_kop(resultaat: Resultaat, naam: str | None = None) -> Kop:
    """The title block of a forecast: what it rests on, marked in red when judgements or examples
    enter it (on every sheet), in the title otherwise. ``naam``: the stored forecast's own name."""
    kenmerk = uitvoer.kenmerk(resultaat.scenario)
    gemarkeerd = not kenmerk.startswith("op gepubliceerde")
    return Kop(
        wat=uitvoer.titel(resultaat, met_kenmerk=not gemarkeerd, naam=naam),
        periode=f"{resultaat.maanden[0]} t/m {resultaat.maanden[-1]}",
        bron="CBS, IND, COA en ministerie (gepubliceerde reeksen); zie blad parameters",
        markering=kenmerk.upper() if gemarkeerd else None,
    )


def werkboek(path: Path, kop: Kop, tables: Sequence[uitvoer.Tabel]) -> None:
    """One sheet per table under one title block that says what the numbers rest on (issue 10.3)."""
    bladen = [
        Blad(t.naam, t.titel, t.records, kolommen(t.kolommen, t.records, prognose_kolommen.KOLOMMEN))
        for t in tables
    ]
    write_workbook(path, Werkboek(kop, bladen, prognose_kolommen.REGELS))


def schrijf_json(path: Path, document: object) -> None:
    """A JSON document, atomically."""
    with atomic_write(path, "w", encoding="utf-8") as handle:
        json.dump(document, handle, ensure_ascii=False, indent=2)


def schrijf_scenario(path: Path, scenario: Scenario, kop: str = "") -> None:
    """A scenario as a TOML file (with a comment header) that ``--scenario`` reads back, atomically."""
    with atomic_write(path, "w", encoding="utf-8") as handle:
        handle.write(schrijf(scenario, kop))


def scenario_tekst(start: str | None = None, voorbeeld: bool = False) -> str:
    """The default scenario from published figures as TOML (or the example with changes over time)."""
    if voorbeeld:
        path = resources.files("doorstroom.prognose") / "defaults" / "voorbeeld_schok.toml"
        return path.read_text(encoding="utf-8")
    if start is not None and not scenario_check.MONTH.match(start):
        raise InputError(Problem(f"'{start}' is geen maand; schrijf bijvoorbeeld 2026-01", field="start"))
    kop = (
        "# Doorstroom — standaardscenario van de prognose,\n"
        "# opgebouwd uit gepubliceerde cijfers tot de start.\n"
        "# Per parameter: herkomst (gepubliceerd, afgeleid, gefit, oordeel), datum en bron.\n"
        "# Bewerk en gebruik met: doorstroom prognose bereken --scenario BESTAND\n\n"
    )
    return schrijf(standaard(start), kop)
