"""Load benchmark of the REST API: a municipality's person list of 5,000 persons, over loopback.

Run with ``.venv/bin/python bench/api.py [--seconden 20] [--tempo 100]``. For SQLite and (when the
PostgreSQL server binaries are installed) a throwaway PostgreSQL cluster, it

1. fills a fresh database with 5,000 persons of GM0344 (Utrecht) and 500 of another municipality,
   a municipal user and a token;
2. starts ``doorstroom serve`` (uvicorn, one process) on a free loopback port;
3. sends ``GET /api/v1/personen?gemeentecode=GM0344&pagina=N`` (20 per page, pages spread over all
   250) *open-loop* at a fixed rate (default 100 requests/s): every request is timed from its
   planned start, so a slow server cannot slow the load down and hide its own latency;
4. measures the saturated throughput with 8 concurrent clients (closed loop);
5. reports requests/s, p50 and p99 latency, the p50 of ``/gezondheid`` measured in the same run as
   baseline (a database round trip without login or person query), the ratio of the two, and the
   server's own CPU time per list request (from /proc: comparable across machine loads).

Target (issue 11): p99 at most 100 ms at 100 requests/s on SQLite. Every list request also writes
an audit line (hash-chained) in the same transaction, as in production. The machine's load average
is printed before and after: figures taken on a shared machine are only comparable with the load.
Benchmarks print figures; they are never timed unit tests.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path

import httpx2
from sqlalchemy import insert

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.postgres import find_binaries, throwaway_cluster  # noqa: E402

from doorstroom.accounts import service as accounts  # noqa: E402
from doorstroom.accounts.domain import Gebruiker, Rol  # noqa: E402
from doorstroom.dossier.models import PersoonRecord  # noqa: E402
from doorstroom.platform.db import make_engine, upgrade  # noqa: E402
from doorstroom.reference.service import gemeenten_in_gebruik  # noqa: E402

PROGRAM = Path(sys.executable).parent / "doorstroom"
PERSONEN, ANDERE, PAGINA = 5_000, 500, 20
DOEL_P99_MS = 100.0

SYSTEEM = Gebruiker.systeem("bench")


def vul(url: str) -> str:
    """Migrate, add 5,500 persons and a municipal user; return the user's token."""
    engine = make_engine(url)
    upgrade(engine)
    gemeenten_in_gebruik(engine)
    nu = datetime.now(UTC)
    rijen = [
        {"id": str(uuid.uuid4()), "geslachtsnaam": f"Naam{i:05d}", "voornamen": "Test",
         "geboortedatum": date(1960 + i % 50, 1 + i % 12, 1 + i % 28), "gemeentecode": code,
         "fase": "gehuisvest", "in_opvang": False, "versie": 1, "aangemaakt_op": nu}
        for i, code in enumerate(["GM0344"] * PERSONEN + ["GM0307"] * ANDERE)
    ]  # fmt: skip
    with engine.begin() as connection:
        connection.execute(insert(PersoonRecord), rijen)
    accounts.maak_gebruiker(engine, SYSTEEM, "bench-utrecht", Rol.gemeente, gemeente="GM0344")
    token, _ = accounts.maak_token(engine, SYSTEEM, "bench-utrecht")
    engine.dispose()
    return token


def vrije_poort() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def cpu_seconden(pid: int) -> float:
    """User plus system CPU time of a process so far (Linux /proc), in seconds."""
    velden = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(velden[11]) + int(velden[12])) / os.sysconf("SC_CLK_TCK")


@contextmanager
def server(url: str, data_dir: Path) -> Iterator[tuple[str, int]]:
    """``doorstroom serve`` on a free loopback port; yields the API base URL and the server's pid."""
    poort = vrije_poort()
    env = {**os.environ, "DOORSTROOM_DATA_DIR": str(data_dir), "DOORSTROOM_DATABASE_URL": url}
    env.setdefault("DOORSTROOM_SESSION_SECRET", secrets.token_urlsafe(32))  # the server needs one
    process = subprocess.Popen(
        [str(PROGRAM), "serve", "--port", str(poort)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    basis = f"http://127.0.0.1:{poort}/api/v1"
    try:
        einde = time.monotonic() + 180  # a start on a loaded machine can take a while
        while time.monotonic() < einde and process.poll() is None:
            try:
                if httpx2.get(f"{basis}/gezondheid", timeout=1).status_code == 200:
                    break
            except httpx2.HTTPError:
                time.sleep(0.1)
        if process.poll() is not None:
            raise SystemExit(f"doorstroom serve stopte met code {process.returncode}")
        yield basis, process.pid
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:  # still busy with queued requests
            process.kill()
            process.wait()


async def open_loop(
    basis: str, token: str, tempo: float, seconden: float, pad: str
) -> tuple[list[float], int]:
    """Latencies (ms, from the planned start) of requests sent at ``tempo`` per second, and errors."""
    headers = {"Authorization": f"Bearer {token}"}
    latencies: list[float] = []
    fouten = 0
    async with httpx2.AsyncClient(base_url=basis, headers=headers, timeout=30) as client:

        async def een(gepland: float, nummer: int) -> None:
            nonlocal fouten
            await asyncio.sleep(max(0.0, gepland - time.perf_counter()))
            url = pad.format(pagina=1 + (nummer * 37) % (PERSONEN // PAGINA))
            try:
                response = await client.get(url)
                fouten += response.status_code != 200
            except httpx2.TimeoutException:  # an overloaded server: an error, timed to the timeout
                fouten += 1
            latencies.append((time.perf_counter() - gepland) * 1000)

        start = time.perf_counter() + 0.2
        aantal = int(tempo * seconden)
        await asyncio.gather(*(een(start + i / tempo, i) for i in range(aantal)))
    return latencies, fouten


async def closed_loop(basis: str, token: str, seconden: float, clients: int = 8) -> float:
    """Requests per second with ``clients`` concurrent clients, each sending as fast as it can."""
    headers = {"Authorization": f"Bearer {token}"}
    klaar = 0
    einde = time.perf_counter() + seconden
    async with httpx2.AsyncClient(base_url=basis, headers=headers, timeout=30) as client:

        async def werker(nummer: int) -> None:
            nonlocal klaar
            while time.perf_counter() < einde:
                pagina = 1 + (nummer * 131 + klaar) % (PERSONEN // PAGINA)
                await client.get(f"/personen?gemeentecode=GM0344&pagina={pagina}")
                klaar += 1

        start = time.perf_counter()
        await asyncio.gather(*(werker(i) for i in range(clients)))
    return klaar / (time.perf_counter() - start)


def percentiel(waarden: list[float], p: float) -> float:
    return statistics.quantiles(waarden, n=1000)[int(p * 10) - 1] if len(waarden) > 1 else waarden[0]


def meet(naam: str, url: str, data_dir: Path, tempo: float, seconden: float) -> dict[str, float | str]:
    token = vul(url)
    with server(url, data_dir) as (basis, pid):
        asyncio.run(
            open_loop(basis, token, 20, 1, "/personen?gemeentecode=GM0344&pagina={pagina}")
        )  # warm-up
        basislijn, _ = asyncio.run(open_loop(basis, token, tempo, min(seconden, 5), "/gezondheid"))
        cpu = cpu_seconden(pid)
        lijst, fouten = asyncio.run(
            open_loop(basis, token, tempo, seconden, "/personen?gemeentecode=GM0344&pagina={pagina}")
        )
        cpu_ms = (cpu_seconden(pid) - cpu) / len(lijst) * 1000
        doorvoer = asyncio.run(closed_loop(basis, token, min(seconden, 10)))
    p50, p99, b50 = percentiel(lijst, 50), percentiel(lijst, 99), percentiel(basislijn, 50)
    return {
        "database": naam, "verzoeken": len(lijst), "fouten": fouten, "p50_ms": p50, "p99_ms": p99,
        "max_per_s": doorvoer, "basislijn_p50_ms": b50, "ratio_p50": p50 / b50, "cpu_ms": cpu_ms,
    }  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconden", type=float, default=20.0, help="Duur van de meting met vast tempo.")
    parser.add_argument("--tempo", type=float, default=100.0, help="Verzoeken per seconde (open loop).")
    args = parser.parse_args()
    print(f"belasting (load average 1/5/15 min) voor: {os.getloadavg()}, {os.cpu_count()} cores")
    resultaten = []
    with tempfile.TemporaryDirectory(prefix="doorstroom-bench-") as tmp:
        data = Path(tmp)
        resultaten.append(meet("sqlite", f"sqlite:///{data / 'bench.db'}", data, args.tempo, args.seconden))
        binaries = find_binaries()
        if binaries is None:
            print("PostgreSQL-serverprogramma's niet gevonden: alleen SQLite gemeten")
        else:
            with throwaway_cluster(binaries) as url:
                resultaten.append(meet("postgresql", url, data, args.tempo, args.seconden))
    print(f"belasting na afloop: {os.getloadavg()}")
    print(
        f"\nGET /personen ({PERSONEN} personen, {PAGINA} per pagina), {args.tempo:g}/s, {args.seconden:g} s:"
    )
    kop = f"{'database':<11}{'verzoeken':>10}{'fouten':>8}{'p50 ms':>9}{'p99 ms':>9}{'max/s':>8}"
    print(kop + f"{'basis p50':>11}{'ratio':>7}{'server-CPU ms/verzoek':>23}")
    for r in resultaten:
        regel = f"{r['database']:<11}{r['verzoeken']:>10}{r['fouten']:>8}"
        regel += f"{r['p50_ms']:>9.1f}{r['p99_ms']:>9.1f}{r['max_per_s']:>8.0f}"
        print(regel + f"{r['basislijn_p50_ms']:>11.1f}{r['ratio_p50']:>7.2f}{r['cpu_ms']:>23.1f}")
    sqlite = resultaten[0]
    oordeel = "gehaald" if float(sqlite["p99_ms"]) <= DOEL_P99_MS else "NIET gehaald"
    print(f"\ndoel p99 <= {DOEL_P99_MS:g} ms op SQLite bij {args.tempo:g}/s: {oordeel}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
