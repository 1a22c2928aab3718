"""Benchmark of the taakstelling imports at real size: 1.54 million koppelingen (about 50 MB of CSV).

Run with ``.venv/bin/python bench/imports.py [--rijen N]``. Writes a SYNTHETIC koppelingen file
(pseudonymous references, every municipality, dates in 2026, a third housed), then for SQLite and,
when its server binaries are installed, a throwaway PostgreSQL cluster, prints for each:

1. the *baseline*, measured in the same run: the same file read with the ``csv`` module and written
   with the driver's fastest bulk path (``executemany`` on SQLite, ``COPY`` on PostgreSQL) into a
   plain table, in one transaction, with no validation, no staging and no duplicate check: the floor
   any import of this file pays;
2. ``doorstroom taakstelling importeer koppelingen`` (the installed console script): every row checked
   against the municipal division of its date and the documented domains, staged, checked for
   repeated keys, then upserted in one transaction;
3. the same import again (every row an update), as a second user re-sending a file does.

Each figure is wall-clock seconds and the peak resident memory of that process (``ru_maxrss`` of a
wrapper's only child), with the ratio to the baseline. Target (issue 8): a 50 MB file within 300 MB
of memory. The machine's load average is printed before and after: on a shared machine, timings
are only comparable within one run. Benchmarks print figures; they are never timed unit tests.
"""

from __future__ import annotations

import argparse
import csv
import os
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PROGRAM = Path(sys.executable).parent / "doorstroom"
DOEL_MB = 300
KOLOMMEN = ("gemeentecode", "huishouden_ref", "personen", "koppeldatum", "huisvestingsdatum")


def schrijf_bestand(path: Path, rijen: int) -> None:
    """A synthetic koppelingen file: distinct references, all municipalities, 2026 dates."""
    sys.path.insert(0, str(ROOT / "src"))
    from doorstroom.reference.io import ingebouwde_bevolking

    codes = [g.code for g in ingebouwde_bevolking(2026).gemeenten]  # type: ignore[union-attr]
    start = date(2026, 1, 1)
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write(",".join(KOLOMMEN) + "\n")
        for i in range(rijen):
            gekoppeld = start + timedelta(days=i % 360)
            gehuisvest = (gekoppeld + timedelta(days=30 + i % 60)).isoformat() if i % 3 == 0 else ""
            handle.write(
                f"{codes[i % len(codes)]},K{i:09d},{1 + i % 6},{gekoppeld.isoformat()},{gehuisvest}\n"
            )


def gemeten(command: list[str], env: dict[str, str]) -> tuple[float, float, int, str]:
    """Seconds, peak resident MB and exit code of ``command`` run alone under a wrapper process."""
    wrapper = (
        "import resource, subprocess, sys;"
        "r = subprocess.run(sys.argv[1:], capture_output=True, text=True);"
        "sys.stderr.write(r.stderr[-2000:]);"
        "print(r.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    begin = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", wrapper, *command], env=env, capture_output=True, text=True
    )
    seconden = time.perf_counter() - begin
    code, kilobytes = result.stdout.split()
    return (
        seconden,
        int(kilobytes) / 1024,
        int(code),
        result.stderr.strip().splitlines()[-1:][0] if result.stderr else "",
    )


def basislijn(url: str, path: Path) -> None:
    """The floor: read with ``csv``, bulk-write raw text into an unvalidated table, one transaction."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.reader(handle)
        next(rows)
        if url.startswith("sqlite"):
            _sqlite_basislijn(url.removeprefix("sqlite:///"), rows)
        else:
            _postgres_basislijn(url.replace("postgresql+psycopg://", "postgresql://"), rows)


def _sqlite_basislijn(database: str, rows: csv.Reader) -> None:  # type: ignore[name-defined]
    connection = sqlite3.connect(database, isolation_level=None)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute(f"CREATE TABLE IF NOT EXISTS basislijn ({', '.join(KOLOMMEN)})")
    connection.execute("BEGIN IMMEDIATE")
    while batch := [row for _, row in zip(range(5000), rows, strict=False)]:
        connection.executemany("INSERT INTO basislijn VALUES (?, ?, ?, ?, ?)", batch)
    connection.execute("COMMIT")
    connection.close()


def _postgres_basislijn(dsn: str, rows: csv.Reader) -> None:  # type: ignore[name-defined]
    import psycopg

    with psycopg.connect(dsn) as connection, connection.cursor() as cursor:
        cursor.execute(f"CREATE TABLE IF NOT EXISTS basislijn ({', '.join(k + ' text' for k in KOLOMMEN)})")
        with cursor.copy(f"COPY basislijn ({', '.join(KOLOMMEN)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)


def meet(naam: str, url: str, path: Path, rijen: int, werkmap: Path) -> None:
    """Baseline, first import and re-import on one database; one line each."""
    env = {**os.environ, "DOORSTROOM_DATABASE_URL": url, "DOORSTROOM_DATA_DIR": str(werkmap / "data")}
    subprocess.run([str(PROGRAM), "db", "upgrade"], env=env, check=True, capture_output=True)
    basis = gemeten([sys.executable, __file__, "--basislijn", url, str(path)], env)
    _regel(naam, "baseline: csv + bulk write, no checks", rijen, basis, basis[0])
    for label in ("doorstroom import (new rows)", "doorstroom import again (updates)"):
        uitkomst = gemeten([str(PROGRAM), "taakstelling", "importeer", "koppelingen", str(path)], env)
        _regel(naam, label, rijen, uitkomst, basis[0])


def _regel(
    database: str, label: str, rijen: int, uitkomst: tuple[float, float, int, str], basis: float
) -> None:
    seconden, mb, code, laatste = uitkomst
    status = "ok" if code == 0 else f"exit {code}: {laatste}"
    doel = (
        ""
        if "baseline" in label
        else (" (within target)" if mb <= DOEL_MB else f" (ABOVE {DOEL_MB} MB target)")
    )
    print(
        f"{database:<10} {label:<36} {seconden:7.1f} s {rijen / seconden:9.0f} rows/s "
        f"{mb:7.0f} MB{doel}  x{seconden / basis:4.1f} baseline  {status}"
    )


def main() -> None:
    """Run the benchmark."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rijen", type=int, default=1_540_000, help="rows in the synthetic file")
    parser.add_argument("--alleen", choices=("sqlite", "postgresql"), help="measure one database only")
    parser.add_argument("--basislijn", nargs=2, metavar=("URL", "FILE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.basislijn:
        basislijn(args.basislijn[0], Path(args.basislijn[1]))
        return
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory(prefix="doorstroom-bench-") as map_:
        werkmap = Path(map_)
        path = werkmap / "koppelingen.csv"
        schrijf_bestand(path, args.rijen)
        print(f"file: {args.rijen:,} rows, {path.stat().st_size / 1e6:.1f} MB (synthetic)")
        if args.alleen != "postgresql":
            meet("sqlite", f"sqlite:///{werkmap / 'bench.db'}", path, args.rijen, werkmap)
        if args.alleen != "sqlite":
            _postgres(path, args.rijen, werkmap)
    print(f"load average after:  {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    piek = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak memory of this benchmark's children: {piek:.0f} MB")


def _postgres(path: Path, rijen: int, werkmap: Path) -> None:
    sys.path.insert(0, str(ROOT))
    from tests.postgres import find_binaries, throwaway_cluster

    binaries = find_binaries()
    if binaries is None:
        print("postgresql: server binaries not installed, skipped")
        return
    with throwaway_cluster(binaries) as url:
        meet("postgresql", url, path, rijen, werkmap)


if __name__ == "__main__":
    main()
