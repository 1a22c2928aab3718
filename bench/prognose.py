"""Benchmark of the prognose: the vectorised engine with twelve provinces versus a per-person SimPy model.

Run with ``.venv/bin/python bench/prognose.py`` (``--snel``: fewer repeats, no busy run). Prints:

1. the machine's load (1-minute load average and cores) before and after, so figures measured on a
   shared machine can be read for what they are;
2. per load — ``idle`` (nothing started by the benchmark; other users of the machine are not
   controlled) and ``busy`` (one child process burns a core throughout, as in the koppeling
   benchmark) — the wall and CPU time of the full forecast the CLI runs: 10,000 paths × 60 months
   of the default scenario with the 12 provinces and their own stocks, summarised into every
   national and provincial quantile, flex buffer, needed taakstelling per half year (target: at
   most 1 s on 2 cores); beside it a fixed NumPy *reference* workload of the same kind (selecting
   P10/P50/P90 of 76 rows of 10,000 values and 40 array operations on 12 × 10,000 values, 60 times,
   on one thread) timed in the same run, and the ratio of the two, to compare runs of the
   benchmark with each other (a change that slows the engine moves the ratio, a busier machine
   moves both). CPU seconds are printed per thread — the model's and the summarising one: they
   hardly depend on the load, and on two free cores the wall lies between the larger of them and
   their sum, which is how a run on a shared machine says what an idle one would give;
3. the simulation alone (one thread, nothing summarised);
4. the time per path of a straightforward discrete-event implementation of the same national chain
   with SimPy, one process per person, on a few paths, and the per-path speed ratio;
5. P50 COA occupancy of both at a few months, as a plausibility check that they model the same.

The SimPy model draws per person what the vectorised model draws per stock: a geometric time until
a case is ready for decision (monthly hazard 1/doorlooptijd), the IND deciding up to its monthly
capacity among ready cases (first come, first served), grant with the grant rate, housing up to
the month's room (realisation rate × (taakstelling + arrears) / 6, after nareizigers; unrealised
task carried to the next half year), geometric departure delay and inburgering duration.
Benchmarks print figures; they are never timed unit tests.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from collections import deque
from collections.abc import Generator
from dataclasses import replace
from typing import Any

import numpy as np
import simpy
from _belasting import drukte

from doorstroom.prognose import regions
from doorstroom.prognose.core.model import Regios, simulate
from doorstroom.prognose.core.montecarlo import bereken, invoer
from doorstroom.prognose.core.scenario import Scenario, kalender
from doorstroom.prognose.standaard import standaard

Process = Generator[Any, Any, None]
"""A SimPy process: yields events, resumes with their values."""


def load() -> str:
    """The 1-minute load average against the number of cores."""
    one, _, _ = os.getloadavg()
    return f"load average {one:.2f} on {os.cpu_count()} cores"


def referentie(paden: int = 10_000, maanden: int = 60) -> float:
    """Wall seconds of the fixed NumPy reference workload (see module doc), one thread."""
    rng = np.random.default_rng(0)
    rows = np.rint(rng.lognormal(8.0, 1.0, (76, paden)))
    a, b = rng.random((12, paden)), rng.random((12, paden))
    ranks = [paden // 10 - 1, paden // 2 - 1, 9 * paden // 10 - 1]
    start = time.perf_counter()
    for _ in range(maanden):
        np.partition(rows, ranks, axis=1)
        for _ in range(10):
            c = a * b
            c += 0.5
            np.floor(c, out=c)
            np.maximum(c, a, out=c)
    return time.perf_counter() - start


def vectorised(
    scenario: Scenario, provinces: Regios, paden: int, repeats: int
) -> tuple[list[float], list[tuple[float, float]], list[float], Any]:
    """Wall seconds of each full forecast, its CPU seconds on the main thread and on the others
    (the summarising thread), the reference's wall seconds measured between the forecasts, and the
    P50 occupancy of the last forecast."""
    walls, cpus, references = [], [], []
    for repeat in range(repeats):
        references.append(referentie(paden, scenario.maanden))
        wall, cpu, main = time.perf_counter(), time.process_time(), time.thread_time()
        result = bereken(scenario, paden=paden, seed=repeat, regios=provinces)
        walls.append(time.perf_counter() - wall)
        on_main = time.thread_time() - main
        cpus.append((on_main, time.process_time() - cpu - on_main))
    return walls, cpus, references, result.kwantielen["coa_bezetting"][1]


def simulation_only(scenario: Scenario, provinces: Regios, paden: int) -> float:
    """Seconds of the month loop alone (one thread, nothing summarised)."""
    rng = np.random.default_rng(0)
    inp = invoer(scenario, rng, paden, scenario.maanden, provinces)
    start = time.perf_counter()
    simulate(inp, rng, lambda *_: None)
    return time.perf_counter() - start


class PerPerson:
    """One national path of the chain, simulated person by person with SimPy."""

    def __init__(self, scenario: Scenario, seed: int) -> None:
        self.s = scenario
        self.rng = np.random.default_rng(seed)
        self.env = simpy.Environment()
        self.ready: deque[simpy.Event] = deque()
        self.waiting: deque[simpy.Event] = deque()
        self.stock = {"q": 0, "v": 0, "a": 0}
        self.occupancy: list[int] = []
        self.family_this_month = 0
        self.arrears = self.p("begin_achterstand")
        self.task_so_far = 0.0
        self.housed_so_far = 0

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
        cal = kalender(self.s.start, self.s.maanden)
        level = 0.0
        for t in range(self.s.maanden):
            if cal.eerste[t] and t > 0:
                self.arrears += self.task_so_far - self.housed_so_far
                self.task_so_far, self.housed_so_far = 0.0, 0
            drift = self.p("instroom_drift")
            level += self.rng.normal(0.0, drift)  # median-preserving, as the model
            self.arrivals(self.s.seizoen[cal.maand[t]] * np.exp(level))
            yield self.env.timeout(0.999)
            self.decide()
            self.house(float(cal.resterend[t]))
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

    def house(self, months_left: float) -> None:
        task = self.p("taakstelling") / 6 + self.arrears / months_left
        room = self.p("realisatiegraad") * max(task, 0.0) - self.family_this_month
        housed = min(max(int(room), 0), len(self.waiting))
        for _ in range(housed):
            self.waiting.popleft().succeed()
        self.task_so_far += self.p("taakstelling") / 6
        self.housed_so_far += housed + self.family_this_month

    def rejected(self) -> Process:
        self.stock["a"] += 1  # leaves mid-month, from the month after the decision on
        yield self.env.timeout(self.geometric("vertrektermijn") - 0.5)
        self.stock["a"] -= 1

    def housed(self) -> Process:
        if self.rng.random() < self.p("inburgeringsplicht"):
            yield from self.inburgering()

    def inburgering(self) -> Process:
        yield self.env.timeout(self.geometric("inburgering_duur"))


def per_person(scenario: Scenario, paths: int) -> tuple[list[float], Any]:
    """Seconds per SimPy path and the P50 occupancy over those paths."""
    fixed = scenario.deterministisch()  # parameters at their central values, inflow and moves still random
    times, occupancy = [], []
    for seed in range(paths):
        start = time.perf_counter()
        occupancy.append(PerPerson(fixed, seed).run())
        times.append(time.perf_counter() - start)
    return times, np.median(np.array(occupancy, dtype=float), axis=0)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--paden", type=int, default=10_000)
    parser.add_argument("--maanden", type=int, default=60)
    parser.add_argument("--herhalingen", type=int, default=5)
    parser.add_argument("--simpy-paden", type=int, default=2)
    parser.add_argument("--snel", action="store_true", help="two repeats, idle only")
    args = parser.parse_args()
    repeats = 2 if args.snel else args.herhalingen
    print(f"before: {load()}")
    scenario = replace(standaard(), maanden=args.maanden)
    provinces = regions.provincies(regions.standaard_opvang(scenario.start))
    bereken(scenario, paden=min(args.paden, 1000), seed=0, regios=provinces)  # imports, caches
    print(f"vectorised: {args.paden} paths x {args.maanden} months, national + 12 provinces with own stocks")
    print(
        "  load  wall best  wall median  CPU main  CPU other  reference  ratio   "
        "(CPU: medians per thread; ratio: best wall / best reference)"
    )
    p50: Any = None
    for busy in (False,) if args.snel else (False, True):
        with drukte(busy):
            walls, cpus, references, p50 = vectorised(scenario, provinces, args.paden, repeats)
        main_cpu = statistics.median(c[0] for c in cpus)
        other_cpu = statistics.median(c[1] for c in cpus)
        ratio = min(walls) / min(references)
        print(
            f"  {'busy' if busy else 'idle':<5} {min(walls):8.2f} s {statistics.median(walls):10.2f} s "
            f"{main_cpu:7.2f} s {other_cpu:8.2f} s {min(references):8.2f} s {ratio:6.2f}   ({load()})"
        )
    print(
        "  on two free cores the wall lies between the larger of the two CPU columns (perfect overlap)"
        " and their sum"
    )
    print("  target: full forecast <= 1 s on 2 cores")
    print(f"  simulation alone (one thread): {simulation_only(scenario, provinces, args.paden):.2f} s")
    simpy_times, simpy_p50 = per_person(scenario, args.simpy_paden)
    per_path_simpy = statistics.mean(simpy_times)
    per_path_vector = min(walls) / args.paden
    print(f"SimPy per person (national only): {args.simpy_paden} paths, {per_path_simpy:.2f} s per path")
    print(
        f"  vectorised {per_path_vector * 1e3:.3f} ms per path with 12 provinces; speed ratio per path "
        f"{per_path_simpy / per_path_vector:,.0f}x"
    )
    months = [m for m in (0, 11, 23, 35, 47, 59) if m < args.maanden]
    fixed = scenario.deterministisch()
    same = bereken(fixed, paden=2000, seed=1).kwantielen["coa_bezetting"][1]
    central = bereken(fixed, paden=1, deterministisch=True).kwantielen["coa_bezetting"][1]
    print(
        "P50 COA occupancy at central parameters (vectorised | SimPy | expected path); all uncertainty: P50"
    )
    for m in months:
        print(
            f"  month {m + 1:2d}: {same[m]:9,.0f} | {simpy_p50[m]:9,.0f} | {central[m]:9,.0f}; {p50[m]:9,.0f}"
        )
    print(f"after: {load()}")


if __name__ == "__main__":
    main()
