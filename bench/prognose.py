"""Benchmark of the prognose: vectorised NumPy engine versus a per-person SimPy simulation.

Run with ``.venv/bin/python bench/prognose.py``. Prints:

1. the time of 10,000 paths x 60 months of the default scenario, national plus the breakdown over
   the 12 provinces (target: at most 2 s);
2. the time per path of a straightforward discrete-event implementation of the same chain with
   SimPy, one process per person, on a few paths, and the per-path speed ratio;
3. P50 COA occupancy of both at a few months, as a plausibility check that they model the same.

The SimPy model draws per person what the vectorised model draws per stock: a geometric time until
a case is ready for decision (monthly hazard 1/doorlooptijd), the IND deciding up to its monthly
capacity among ready cases (first come, first served), grant with the grant rate, housing up to
the monthly room in the taakstelling after nareizigers, geometric departure delay and inburgering
duration. Benchmarks print figures; they are never timed unit tests.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections import deque
from collections.abc import Generator
from dataclasses import replace
from typing import Any

import numpy as np
import simpy

from doorstroom.prognose.model import SERIES
from doorstroom.prognose.montecarlo import bereken
from doorstroom.prognose.regions import bevolkingssleutel, per_provincie
from doorstroom.prognose.scenario import Scenario, kalender
from doorstroom.prognose.scenario_io import standaard

Process = Generator[Any, Any, None]
"""A SimPy process: yields events, resumes with their values."""


def vectorised(scenario: Scenario, paden: int, repeats: int) -> tuple[list[float], np.ndarray]:
    """Seconds per run (national + 12 provinces, every series) and the P50 occupancy."""
    times = []
    key = bevolkingssleutel()
    for repeat in range(repeats):
        start = time.perf_counter()
        result = bereken(scenario, paden=paden, seed=repeat)
        per_provincie(result, key, reeksen=SERIES)
        times.append(time.perf_counter() - start)
    return times, result.kwantielen["coa_bezetting"][1]


class PerPerson:
    """One path of the chain, simulated person by person with SimPy."""

    def __init__(self, scenario: Scenario, seed: int) -> None:
        self.s = scenario
        self.rng = np.random.default_rng(seed)
        self.env = simpy.Environment()
        self.ready: deque[simpy.Event] = deque()
        self.waiting: deque[simpy.Event] = deque()
        self.stock = {"q": 0, "v": 0, "a": 0}
        self.occupancy: list[int] = []
        self.family_this_month = 0

    def p(self, name: str) -> float:
        return self.s.waarde(name)

    def geometric(self, name: str) -> int:
        return int(self.rng.geometric(min(1.0, 1.0 / self.p(name))))

    def run(self) -> list[int]:
        for _ in range(int(self.p("begin_ind_wachtrij"))):
            self.env.process(self.applicant())
        for _ in range(int(self.p("begin_vergunninghouders_coa"))):
            self.env.process(self.permit_holder())
        for _ in range(int(self.p("begin_afgewezen_coa"))):
            self.env.process(self.rejected())
        for _ in range(int(self.p("begin_inburgering"))):
            self.env.process(self.inburgering())
        self.env.process(self.month_clock())
        self.env.run(until=self.s.maanden)
        return self.occupancy

    def month_clock(self) -> Process:
        months, _ = kalender(self.s.start, self.s.maanden)
        level = 0.0
        for t in range(self.s.maanden):
            level += self.rng.normal(0.0, self.p("instroom_drift")) - self.p("instroom_drift") ** 2 / 2
            self.arrivals(self.s.seizoen[months[t]] * np.exp(level))
            yield self.env.timeout(0.999)
            self.decide()
            self.house()
            yield self.env.timeout(0.0005)  # let the decided and housed persons move on
            self.occupancy.append(sum(self.stock.values()))
            yield self.env.timeout(0.0005)

    def arrivals(self, factor: float) -> None:
        k = self.p("instroom_dispersie")
        counts = {
            name: self.rng.poisson(self.p(name) * factor * self.rng.gamma(k, 1.0 / k))
            for name in ("eerste_aanvragen", "herhaalde_aanvragen", "nareizigers")
        }
        for _ in range(counts["eerste_aanvragen"] + counts["herhaalde_aanvragen"]):
            self.env.process(self.applicant(arriving=True))
        self.family_this_month = int(counts["nareizigers"])
        for _ in range(self.family_this_month):
            self.env.process(self.housed())

    def applicant(self, arriving: bool = False) -> Process:
        self.stock["q"] += 1
        yield self.env.timeout(self.geometric("ind_doorlooptijd") - (0.0 if arriving else 0.5))
        decision = self.env.event()
        self.ready.append(decision)
        granted = yield decision
        self.stock["q"] -= 1
        self.env.process(self.permit_holder() if granted else self.rejected())

    def decide(self) -> None:
        capacity = int(self.p("ind_capaciteit"))
        for _ in range(min(capacity, len(self.ready))):
            self.ready.popleft().succeed(self.rng.random() < self.p("inwilligingspercentage"))

    def permit_holder(self) -> Process:
        self.stock["v"] += 1
        housed = self.env.event()
        self.waiting.append(housed)
        yield housed
        self.stock["v"] -= 1
        self.env.process(self.housed())

    def house(self) -> None:
        room = self.p("taakstelling") / 6 * self.p("realisatiegraad") - self.family_this_month
        for _ in range(min(max(int(room), 0), len(self.waiting))):
            self.waiting.popleft().succeed()

    def rejected(self) -> Process:
        self.stock["a"] += 1  # leaves mid-month, from the month after the decision on
        yield self.env.timeout(self.geometric("vertrektermijn") - 0.5)
        self.stock["a"] -= 1

    def housed(self) -> Process:
        if self.rng.random() < self.p("inburgeringsplicht"):
            yield from self.inburgering()

    def inburgering(self) -> Process:
        yield self.env.timeout(self.geometric("inburgering_duur"))


def per_person(scenario: Scenario, paths: int) -> tuple[list[float], np.ndarray]:
    """Seconds per SimPy path and the P50 occupancy over those paths."""
    fixed = scenario.deterministisch()  # parameters at their central values, inflow still random
    times, occupancy = [], []
    for seed in range(paths):
        start = time.perf_counter()
        occupancy.append(PerPerson(fixed, seed).run())
        times.append(time.perf_counter() - start)
    return times, np.median(np.array(occupancy, dtype=float), axis=0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--paden", type=int, default=10_000)
    parser.add_argument("--maanden", type=int, default=60)
    parser.add_argument("--herhalingen", type=int, default=3)
    parser.add_argument("--simpy-paden", type=int, default=2)
    args = parser.parse_args()
    scenario = replace(standaard(), maanden=args.maanden)
    times, p50 = vectorised(scenario, args.paden, args.herhalingen)
    best = min(times)
    print(f"vectorised: {args.paden} paths x {args.maanden} months, national + 12 provinces")
    print(f"  seconds per run: best {best:.2f}, median {statistics.median(times):.2f} (target <= 2 s)")
    simpy_times, simpy_p50 = per_person(scenario, args.simpy_paden)
    per_path_simpy = statistics.mean(simpy_times)
    per_path_vector = best / args.paden
    print(f"SimPy per person: {args.simpy_paden} paths, {per_path_simpy:.2f} s per path")
    print(
        f"  vectorised {per_path_vector * 1e3:.3f} ms per path; speed ratio per path "
        f"{per_path_simpy / per_path_vector:,.0f}x"
    )
    months = [m for m in (0, 11, 23, 35, 47, 59) if m < args.maanden]
    print("P50 COA occupancy (vectorised | SimPy, central parameters):")
    central = bereken(scenario.deterministisch(), paden=200, seed=1).kwantielen["coa_bezetting"][1]
    for m in months:
        print(
            f"  month {m + 1:2d}: {p50[m]:9,.0f} | {simpy_p50[m]:9,.0f}"
            f"   (vectorised, central parameters: {central[m]:,.0f})"
        )


if __name__ == "__main__":
    main()
