"""Benchmark of the spreiding: the exact two-level split and the locations register.

Run with ``.venv/bin/python bench/spreiding.py``. Prints, with a baseline measured in the same run:

1. the exact split of 96,000 places over the 342 municipalities and 12 provinces with a correction
   term (Fraction arithmetic, two-level rounding, amv), against the single-level Hamilton split of
   the taakstelling on the same key (target: at most 5x the baseline, under 0.5 s);
2. validating and registering a file of N synthetic locations in a fresh SQLite database, against
   only reading the same file as rows (target: 20,000 locations in under 5 s; the national register
   holds a few hundred), with the peak Python memory of the validation, and a second import of the
   same file (nothing changes, nothing written).

Benchmarks print figures; they are never timed unit tests. Say under what load they were measured.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import statistics
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from datetime import date, timedelta
from fractions import Fraction
from pathlib import Path

from doorstroom.files.tabular import read_table
from doorstroom.platform.db import make_engine, upgrade
from doorstroom.reference.io import embedded_gemeenten
from doorstroom.spreiding import register
from doorstroom.spreiding.core.correctie import Correctie, Correctiesoort
from doorstroom.spreiding.core.verdeling import verdeel
from doorstroom.spreiding.io import lees_locaties
from doorstroom.taakstelling.core.verdeling import verdeel as hamilton


def seconds(work: Callable[[], object], repeats: int) -> list[float]:
    """Wall-clock seconds of ``repeats`` runs of ``work``."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return times


def split(repeats: int) -> None:
    gemeenten = list(embedded_gemeenten())
    rng = random.Random(1)
    correctie = Correctie(
        {g.code: 1 + Fraction(rng.randint(-40, 40), 100) for g in gemeenten}, Correctiesoort.ses_woa, "bench"
    )
    sleutel = {g.code: g.inwoners for g in gemeenten}
    twee = statistics.median(seconds(lambda: verdeel(96_000, 8_140, gemeenten, correctie), repeats))
    een = statistics.median(seconds(lambda: hamilton(96_000, sleutel), repeats))
    print(f"split 96,000 over 342 municipalities + 12 provinces (correction, amv): {twee * 1000:.1f} ms")
    print(f"baseline single-level Hamilton split (taakstelling):                  {een * 1000:.1f} ms")
    print(f"ratio: {twee / een:.1f}x (target <= 5x, < 500 ms)")


def locations_file(path: Path, aantal: int) -> Path:
    codes = [g.code for g in embedded_gemeenten()]
    rng = random.Random(2)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["locatie_id", "naam", "soort", "gemeente", "capaciteit", "bezetting", "opening"])
        for index in range(aantal):
            capaciteit = rng.randint(20, 2000)
            opening = date(2015, 1, 1) + timedelta(days=rng.randint(0, 4000))
            writer.writerow([f"SYN-{index:06d}", f"SYNTHETISCH {index}", "azc", rng.choice(codes), capaciteit,
                             rng.randint(0, capaciteit), opening.isoformat()])  # fmt: skip
    return path


def register_import(aantal: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = locations_file(Path(folder) / "locaties.csv", aantal)
        lezen = statistics.median(seconds(lambda: read_table(path), 3))
        tracemalloc.start()
        lees_locaties(path, list(embedded_gemeenten()))
        _, piek = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        engine = make_engine(f"sqlite:///{Path(folder) / 'bench.db'}")
        upgrade(engine)
        start = time.perf_counter()
        eerste = register.importeer(engine, path)
        importeren = time.perf_counter() - start
        start = time.perf_counter()
        tweede = register.importeer(engine, path)
        opnieuw = time.perf_counter() - start
        engine.dispose()
    print(f"read {aantal:,} location rows (baseline):             {lezen:.2f} s")
    print(f"validate + register {eerste.nieuw:,} new locations (SQLite): {importeren:.2f} s "
          f"({importeren / lezen:.1f}x the read; target < 5 s)")  # fmt: skip
    print(f"import again, {tweede.ongewijzigd:,} unchanged, nothing written:  {opnieuw:.2f} s")
    print(f"peak Python memory while validating: {piek / 2**20:.1f} MiB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--locaties", type=int, default=20_000)
    args = parser.parse_args()
    print(
        f"load average at start: {', '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} cores"
    )
    split(args.repeats)
    register_import(args.locaties)


if __name__ == "__main__":
    main()
