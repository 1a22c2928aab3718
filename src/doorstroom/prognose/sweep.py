"""Scenario sweeps: a grid of scenarios, each a Monte-Carlo run, spread over a Dask cluster.

Every grid point runs with the same seed (common random numbers), so differences between points
come from the parameters, not from the dice. Without a scheduler address a local cluster on this
machine is started; with ``tcp://HOST:PORT`` the sweep runs on an existing cluster, whose workers
must have Doorstroom installed.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from doorstroom.platform.errors import InputError, Problem
from doorstroom.prognose.core import scenario_check
from doorstroom.prognose.core.montecarlo import bereken
from doorstroom.prognose.core.scenario import SPECS, Scenario
from doorstroom.values.domains import ROOSTERPUNTEN, Domain
from doorstroom.values.number_text import format_nl
from doorstroom.values.record import Record
from doorstroom.values.suggest import unknown_message


@dataclass(frozen=True)
class Variatie:
    """One axis of the grid: central values to try for one parameter."""

    parameter: str
    waarden: tuple[float, ...]


_NUMBER = re.compile(r"[+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)([eE][+-]?[0-9]+)?")


def parse_variatie(text: str) -> Variatie:
    """Parse ``naam=1,2,3`` or ``naam=laag:hoog:aantal`` (evenly spaced); every value in the
    parameter's documented domain, at most :data:`~doorstroom.values.domains.ROOSTERPUNTEN` values."""
    name, _, values = text.partition("=")
    name = name.strip()
    if name not in SPECS:
        raise InputError(Problem(unknown_message("parameter", name, SPECS), field="varieer"))
    parts = values.split(":") if ":" in values else values.split(",")
    numbers = [_number(text, part) for part in parts]
    if ":" in values:
        if len(numbers) != 3:
            raise InputError(Problem(f"'{text}': schrijf naam=laag:hoog:aantal", field="varieer"))
        low, high, count = numbers
        _check(text, ROOSTERPUNTEN, count, "aantal")
        numbers = [float(v) for v in np.linspace(low, high, int(count))]
    _check(text, ROOSTERPUNTEN, len(numbers), "aantal waarden")
    for value in numbers:
        _check(text, SPECS[name].domein, value, name)
    return Variatie(name, tuple(numbers))


def _number(text: str, part: str) -> float:
    raw = part.strip()
    if not _NUMBER.fullmatch(raw):
        message = f"'{text}': '{raw}' is geen getal; schrijf naam=1,2,3 of naam=laag:hoog:aantal"
        raise InputError(Problem(message, field="varieer"))
    return float(raw)


def _check(text: str, domain: Domain, value: float, what: str) -> None:
    problem = domain.problem(value)
    if problem:
        raise InputError(Problem(f"'{text}': {what}: {problem}", field="varieer"))


def rooster(scenario: Scenario, variaties: Sequence[Variatie]) -> list[tuple[Record, Scenario]]:
    """Every combination of the variations, as (grid values, scenario) pairs; at most
    :data:`~doorstroom.values.domains.ROOSTERPUNTEN` of them, each a valid scenario."""
    size = math.prod(len(v.waarden) for v in variaties)
    if size > ROOSTERPUNTEN.maximum:
        message = f"het rooster heeft {format_nl(size)} scenario's; {ROOSTERPUNTEN.omschrijving}"
        raise InputError(Problem(message, field="varieer"))
    points = []
    for combination in itertools.product(*(v.waarden for v in variaties)):
        point = {v.parameter: value for v, value in zip(variaties, combination, strict=True)}
        variant = scenario
        for name, value in point.items():
            variant = variant.met_waarde(name, value)
        scenario_check.controleer(variant)
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
        "benodigde_taakstelling": _finite(result.benodigde_taakstelling.per_halfjaar),
        "piek_bezetting_p50": float(q["coa_bezetting"][1].max()),
        "wachtende_vergunninghouders_eind_p50": float(q["vergunninghouders_coa"][1, -1]),
        "kosten_p50": float(result.kosten_totaal[1]),
        "kosten_p90": float(result.kosten_totaal[2]),
    }


def _finite(value: float) -> float | None:
    """An unreachable target (infinite taakstelling) is empty in tables and null in JSON."""
    return value if math.isfinite(value) else None


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
