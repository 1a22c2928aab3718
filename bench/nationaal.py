"""Reads at national volume: the quota (supervision) read and the API list GETs, with a baseline.

Run with ``.venv/bin/python bench/nationaal.py [--seconden 10] [--tempo 100] [--alleen-sqlite]``.
For SQLite and (when the PostgreSQL server binaries are installed) a throwaway PostgreSQL cluster, it

1. fills a fresh database with a SYNTHETIC, seeded slice of the country (issue 22, item 1): the
   342 municipalities, ten fixed half-year periods (2023-1 .. 2027-2: the CBS population years
   held), 200,000 koppelingen with realisation spread over five years and weighted by population,
   and 250,000 persons (5,000 of them in GM0344 Utrecht, whose municipal user sends the requests);
2. times the quota read in process (``taakstelling.service.voortgang``: the koppelingen summed by
   the database, no audit line) against the former way of reading every koppeling of the period as
   objects and summing them in Python, with ``SELECT 1`` in a transaction as the baseline;
3. starts ``doorstroom serve`` (one worker) and sends, open loop at a fixed rate, ``GET
   /taakstellingen?periode=2026-2&gemeentecode=GM0344`` and ``GET /personen?gemeentecode=GM0344``
   (20 per page), with ``/gezondheid`` in the same run as baseline, then the saturated list
   throughput with 8 clients;
4. ends with the one line of the issue; what it does not measure is printed as ``niet gemeten``.

Not measured here (see docs/performance.md): web pages, 4 million case-file events, imports,
2 workers, the busy-machine variant. Targets (issue 22): quota read <= 50 ms at 200,000
koppelingen; API p99 <= 100 ms at 200 req/s (that figure is for 2 workers on PostgreSQL).
Benchmarks print figures; they are never timed unit tests.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import Engine, insert, text

from api import PROGRAM, SYSTEEM, closed_loop, open_loop, percentiel, server

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.postgres import find_binaries, throwaway_cluster  # noqa: E402

from doorstroom.accounts import service as accounts  # noqa: E402
from doorstroom.accounts.domain import Rol  # noqa: E402
from doorstroom.dossier.models import PersoonRecord  # noqa: E402
from doorstroom.platform.db import make_engine, transaction, upgrade  # noqa: E402
from doorstroom.reference.service import gemeenten_in_gebruik  # noqa: E402
from doorstroom.taakstelling import repository, vaststelling  # noqa: E402
from doorstroom.taakstelling import service as taakstelling  # noqa: E402
from doorstroom.taakstelling.core.domain import koppelcijfers  # noqa: E402
from doorstroom.taakstelling.models import KoppelingMeldingRecord  # noqa: E402
from doorstroom.values.periode import Periode  # noqa: E402

KOPPELINGEN, PERSONEN, UTRECHT = 200_000, 250_000, 5_000
PERIODEN = [Periode.parse(f"{jaar}-{helft}") for jaar in range(2023, 2028) for helft in (1, 2)]
GELEZEN = Periode.parse("2026-2")
BEGIN, DAGEN = date(2022, 1, 1), 5 * 365
BLOK = 10_000
DOEL_QUOTUM_MS = 50.0


def _koppelingen(codes: list[str], gewichten: list[float], toeval: random.Random) -> list[dict[str, object]]:
    rijen: list[dict[str, object]] = []
    for nummer in range(KOPPELINGEN):
        gekoppeld = BEGIN + timedelta(days=toeval.randrange(DAGEN))
        wacht = toeval.choice([None, 30, 60, 90, 120, 200, 400])  # None: not housed yet
        gehuisvest = None if wacht is None else gekoppeld + timedelta(days=toeval.randrange(wacht))
        rijen.append(
            {"gemeentecode": toeval.choices(codes, gewichten)[0], "huishouden_ref": f"SYN-H{nummer:07d}",
             "personen": toeval.randint(1, 6), "koppeldatum": gekoppeld, "huisvestingsdatum": gehuisvest,
             "bron": "SYNTHETISCH bench/nationaal.py"}
        )  # fmt: skip
    return rijen


def _personen(codes: list[str], toeval: random.Random) -> list[dict[str, object]]:
    nu = datetime.now(UTC)
    anderen = [c for c in codes if c != "GM0344"]
    woonplaatsen = ["GM0344"] * UTRECHT + [toeval.choice(anderen) for _ in range(PERSONEN - UTRECHT)]
    return [
        {"id": str(uuid.uuid4()), "geslachtsnaam": f"Syn{i:06d}", "voornamen": "Synthetisch",
         "geboortedatum": date(1960 + i % 50, 1 + i % 12, 1 + i % 28), "gemeentecode": code,
         "fase": "gehuisvest", "in_opvang": False, "versie": 1, "aangemaakt_op": nu}
        for i, code in enumerate(woonplaatsen)
    ]  # fmt: skip


def _in_blokken(engine: Engine, tabel: type[object], rijen: list[dict[str, object]]) -> None:
    with engine.begin() as connection:
        for start in range(0, len(rijen), BLOK):
            connection.execute(insert(tabel), rijen[start : start + BLOK])


def vul(url: str) -> str:
    """Migrate and fill the national slice; return the GM0344 user's API token."""
    engine = make_engine(url)
    upgrade(engine)
    gemeenten = gemeenten_in_gebruik(engine)
    codes = [g.code for g in gemeenten]
    gewichten = [float(max(g.inwoners, 1)) for g in gemeenten]
    for periode in PERIODEN:
        vaststelling.vaststellen(engine, vaststelling.Vaststelverzoek(periode, totaal=20_000))
    toeval = random.Random(22)
    _in_blokken(engine, KoppelingMeldingRecord, _koppelingen(codes, gewichten, toeval))
    _in_blokken(engine, PersoonRecord, _personen(codes, toeval))
    accounts.maak_gebruiker(engine, SYSTEEM, "bench-utrecht", Rol.gemeente, gemeente="GM0344")
    token, _ = accounts.maak_token(engine, SYSTEEM, "bench-utrecht")
    engine.dispose()
    return token


def mediaan_ms(doe: Callable[[], object], keer: int) -> float:
    doe()  # warm-up: caches and the reference catalogue
    tijden = []
    for _ in range(keer):
        start = time.perf_counter()
        doe()
        tijden.append((time.perf_counter() - start) * 1000)
    return statistics.median(tijden)


def alle_rijen(engine: Engine) -> object:
    """The former quota read: every koppeling of the period as objects, summed in Python."""
    peildatum = GELEZEN.supervision_date
    with transaction(engine) as session:
        rijen = repository.koppelingen_voor(session, GELEZEN, peildatum)
    per_gemeente: dict[str, list[object]] = {}
    for rij in rijen:
        per_gemeente.setdefault(rij.gemeentecode, []).append(rij)
    return {code: koppelcijfers(GELEZEN, peildatum, lijst) for code, lijst in per_gemeente.items()}  # type: ignore[arg-type]


def quotum_lezen(url: str, keer: int) -> dict[str, float]:
    engine = make_engine(url)

    def basis() -> None:
        with transaction(engine) as session:
            session.execute(text("SELECT 1"))

    result = {
        "basis_ms": mediaan_ms(basis, keer),
        "quotum_ms": mediaan_ms(lambda: taakstelling.voortgang(engine, GELEZEN), keer),
        "alle_rijen_ms": mediaan_ms(lambda: alle_rijen(engine), max(3, keer // 4)),
    }
    engine.dispose()
    return result


def api_meten(url: str, token: str, data: Path, tempo: float, seconden: float) -> dict[str, float]:
    quotum_pad = f"/taakstellingen?periode={GELEZEN}&gemeentecode=GM0344"
    lijst_pad = "/personen?gemeentecode=GM0344&pagina={pagina}"
    with server(url, data) as (basis, _pid):
        asyncio.run(open_loop(basis, token, 20, 1, lijst_pad))  # warm-up
        asyncio.run(open_loop(basis, token, 5, 1, quotum_pad))
        gezond, _ = asyncio.run(open_loop(basis, token, tempo, min(seconden, 5), "/gezondheid"))
        lijst, fouten_l = asyncio.run(open_loop(basis, token, tempo, seconden, lijst_pad))
        doorvoer = asyncio.run(closed_loop(basis, token, min(seconden, 10)))
        # last: an overloaded quota path leaves a queue that would slow whatever is measured next
        quotum, fouten_q = asyncio.run(open_loop(basis, token, tempo, seconden, quotum_pad))
    return {
        "gezond_p50": percentiel(gezond, 50), "gezond_p99": percentiel(gezond, 99),
        "quotum_p50": percentiel(quotum, 50), "quotum_p99": percentiel(quotum, 99),
        "lijst_p50": percentiel(lijst, 50), "lijst_p99": percentiel(lijst, 99),
        "fouten": float(fouten_q + fouten_l), "max_per_s": doorvoer,
    }  # fmt: skip


def help_seconden() -> float:
    tijden = []
    for _ in range(5):
        start = time.perf_counter()
        subprocess.run([str(PROGRAM), "--help"], capture_output=True, check=True)
        tijden.append(time.perf_counter() - start)
    return statistics.median(tijden)


def meet(naam: str, url: str, data: Path, args: argparse.Namespace) -> dict[str, float | str]:
    start = time.perf_counter()
    token = vul(url)
    gevuld = time.perf_counter() - start
    print(f"{naam}: gevuld in {gevuld:.0f} s", flush=True)
    quotum = quotum_lezen(url, 15)
    print(f"{naam}: quotum lezen {quotum}", flush=True)
    api = api_meten(url, token, data, args.tempo, args.seconden)
    print(f"{naam}: api {api}", flush=True)
    return {"database": naam, **quotum, **api}


def toon(resultaten: list[dict[str, float | str]], args: argparse.Namespace, hulp: float) -> None:
    print(f"\n{KOPPELINGEN:,} koppelingen, {PERSONEN:,} personen, {len(PERIODEN)} perioden (SYNTHETISCH)")
    print("quotum lezen in het proces (mediaan, ms):")
    print(f"{'database':<11}{'SELECT 1':>10}{'voortgang':>11}{'ratio':>8}{'alle rijen (oud)':>18}")
    for r in resultaten:
        ratio = float(r["quotum_ms"]) / float(r["basis_ms"])
        regel = f"{r['database']:<11}{r['basis_ms']:>10.2f}{r['quotum_ms']:>11.1f}{ratio:>8.0f}"
        print(regel + f"{r['alle_rijen_ms']:>18.0f}")
    print(f"API, één worker, {args.tempo:g}/s open loop, {args.seconden:g} s per pad (ms):")
    kop = [
        "database",
        "gezond p50",
        "p99",
        "lijst p50",
        "p99",
        "ratio p99",
        "quotum p50",
        "p99",
        "fouten",
        "max/s",
    ]
    print("".join(f"{k:>12}" for k in kop))
    for r in resultaten:
        ratio = float(r["lijst_p99"]) / float(r["gezond_p99"])
        waarden = [r["gezond_p50"], r["gezond_p99"], r["lijst_p50"], r["lijst_p99"], ratio,
                   r["quotum_p50"], r["quotum_p99"], r["fouten"], r["max_per_s"]]  # fmt: skip
        print(f"{r['database']:>12}" + "".join(f"{float(w):>12.1f}" for w in waarden))

    laatste = resultaten[-1]
    api_p99 = max(float(laatste["quotum_p99"]), float(laatste["lijst_p99"]))
    print(f"belasting na afloop: {os.getloadavg()}")
    print(
        f"nationaal: pages p95 niet gemeten, api p99 {api_p99:.0f} ms at {args.tempo:g} req/s "
        f"({laatste['database']}, 1 worker), quota read {float(laatste['quotum_ms']):.0f} ms, "
        f"import niet gemeten, help {hulp:.2f} s"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--seconden", type=float, default=10.0, help="Duur per pad met vast tempo.")
    parser.add_argument("--tempo", type=float, default=100.0, help="Verzoeken per seconde (open loop).")
    parser.add_argument("--alleen-sqlite", action="store_true", help="PostgreSQL overslaan.")
    args = parser.parse_args()
    print(f"belasting (load average 1/5/15 min) voor: {os.getloadavg()}, {os.cpu_count()} cores")
    resultaten = []
    with tempfile.TemporaryDirectory(prefix="doorstroom-bench-") as tmp:
        data = Path(tmp)
        resultaten.append(meet("sqlite", f"sqlite:///{data / 'nationaal.db'}", data, args))
        binaries = None if args.alleen_sqlite else find_binaries()
        if binaries is None:
            print("PostgreSQL niet gemeten (overgeslagen of serverprogramma's niet gevonden)")
        else:
            with throwaway_cluster(binaries) as url:
                resultaten.append(meet("postgresql", url, data, args))
    toon(resultaten, args, help_seconden())
    doel = "gehaald" if all(float(r["quotum_ms"]) <= DOEL_QUOTUM_MS for r in resultaten) else "NIET gehaald"
    print(f"doel quotum lezen <= {DOEL_QUOTUM_MS:g} ms bij {KOPPELINGEN:,} koppelingen: {doel}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
