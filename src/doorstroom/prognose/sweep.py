"""Scenario sweeps: a grid of scenarios, each a Monte-Carlo run, spread over a Dask cluster.

Every grid point runs with the same seed (common random numbers), so differences between points
come from the parameters, not from the dice. Without a scheduler address a local cluster on this
machine is started; with ``tcp://HOST:PORT`` the sweep runs on an existing cluster, whose workers
must have Doorstroom installed.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from doorstroom.errors import InputError, Problem
from doorstroom.prognose.montecarlo import bereken
from doorstroom.prognose.scenario import SPECS, Scenario

Record = dict[str, object]


@dataclass(frozen=True)
class Variatie:
    """One axis of the grid: central values to try for one parameter."""

    parameter: str
    waarden: tuple[float, ...]


def parse_variatie(text: str) -> Variatie:
    """Parse ``naam=1,2,3`` or ``naam=laag:hoog:aantal`` (evenly spaced)."""
    name, _, values = text.partition("=")
    name = name.strip()
    if name not in SPECS:
        raise InputError(Problem(f"onbekende parameter '{name}'", field="--varieer"))
    try:
        if ":" in values:
            low, high, count = values.split(":")
            numbers = tuple(float(v) for v in np.linspace(float(low), float(high), int(count)))
        else:
            numbers = tuple(float(v) for v in values.split(","))
    except ValueError:
        message = f"'{text}': schrijf naam=1,2,3 of naam=laag:hoog:aantal"
        raise InputError(Problem(message, field="--varieer")) from None
    if not numbers or any(v < 0 for v in numbers):
        raise InputError(Problem(f"'{text}': geef een of meer niet-negatieve waarden", field="--varieer"))
    return Variatie(name, numbers)


def rooster(scenario: Scenario, variaties: Sequence[Variatie]) -> list[tuple[Record, Scenario]]:
    """Every combination of the variations, as (grid values, scenario) pairs."""
    points = []
    for combination in itertools.product(*(v.waarden for v in variaties)):
        point = {v.parameter: value for v, value in zip(variaties, combination, strict=True)}
        variant = scenario
        for name, value in point.items():
            variant = variant.met_waarde(name, value)
        points.append((dict[str, object](point), variant))
    return points


def evalueer(point: Record, scenario: Scenario, paden: int, maanden: int | None, seed: int) -> Record:
    """Run one grid point and reduce it to the figures a sweep compares."""
    result = bereken(scenario, paden=paden, maanden=maanden, seed=seed)
    q = result.kwantielen
    return {
        **point,
        "max_kans_overschrijding": float(result.kans_overschrijding.max()),
        "flexbuffer": result.flexbuffer_horizon,
        "benodigde_taakstelling": result.benodigde_taakstelling.per_halfjaar,
        "piek_bezetting_p50": float(q["coa_bezetting"][1].max()),
        "wachtende_vergunninghouders_eind_p50": float(q["vergunninghouders_coa"][1, -1]),
        "kosten_p50": float(result.kosten_totaal[1]),
        "kosten_p90": float(result.kosten_totaal[2]),
    }


def sweep(
    scenario: Scenario,
    variaties: Sequence[Variatie],
    *,
    paden: int = 200,
    maanden: int | None = None,
    seed: int = 0,
    scheduler: str | None = None,
    workers: int = 2,
    on_done: Callable[[int, int], None] | None = None,
) -> list[Record]:
    """Run the grid on Dask and return one record per grid point, in grid order."""
    from distributed import Client, LocalCluster, as_completed

    points = rooster(scenario, variaties)
    cluster = (
        None
        if scheduler
        else LocalCluster(  # type: ignore[no-untyped-call]
            n_workers=workers, threads_per_worker=1, dashboard_address=None, host="127.0.0.1"
        )
    )
    try:
        with Client(scheduler or cluster) as client:  # type: ignore[no-untyped-call]
            futures = [
                client.submit(evalueer, point, variant, paden, maanden, seed, pure=False)
                for point, variant in points
            ]
            for done, _ in enumerate(as_completed(futures), start=1):  # type: ignore[no-untyped-call]
                if on_done is not None:
                    on_done(done, len(futures))
            records: list[Record] = client.gather(futures)
    finally:
        if cluster is not None:
            cluster.close()
    return records
