"""Benchmark of the koppeling over a half year: 16 weekly batches, each method against hindsight.

Run with ``.venv/bin/python bench/koppeling_periode.py`` (``--belasting busy`` first starts one
process that keeps a core busy, as the solver benchmark does). SYNTHETIC data only: the national
instance of 8,000 households (``synthetisch(..., 8000, seed)``), dwellings not limiting, split in
arrival order into 16 weekly batches of 500 (issue 14). Value = Σ persons × score of the linked.

* ``hindsight``: the whole half year at once (every arrival known), the yardstick;
* ``aandeel``: each batch with its pro-rated share of what is left as soft capacity and the rest
  as hard maximum (today's default, :func:`~doorstroom.koppeling.core.capaciteit.uit_taakstelling`);
* ``myopisch``: each batch given all remaining room, no prices;
* ``greedy``: first come, first served per batch (current practice), with the pro-rated share;
* ``geprijsd``: each batch with all remaining room and prices estimated from scenarios of the
  batches still to come, resampled from the batches so far (:mod:`~doorstroom.koppeling.solver.geprijsd`);
* ``evenwicht``: ``geprijsd`` with the evenwicht option at ``--marge`` (default 0.02): prices
  scaled so each week fares like the later arrivals (:mod:`~doorstroom.koppeling.core.evenwicht`).

Every batch plan is checked (``validate.check_result``). Per method one fixed-column line; per
method and week the mean score per person and the share of the best (the evenwicht measure), with
their spread over the weeks, so later arrivals being worse off shows. The last line
reads ``dynamic: <ratio> % of hindsight, <unlinked> unlinked (hindsight <n>), <s> s per batch``.
Targets (issue 14): ≥ 99 % of hindsight, unlinked ≤ hindsight + 1 % of households, ≤ 1 s a batch.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))

from _belasting import drukte

from doorstroom.koppeling.core.capaciteit import batch_totaal, naar_rato
from doorstroom.koppeling.core.domain import Beleid, Instantie
from doorstroom.koppeling.core.result import KoppelingResult
from doorstroom.koppeling.core.synthetic import synthetisch
from doorstroom.koppeling.core.validate import check_result
from doorstroom.koppeling.solver import geprijsd as dynamisch
from doorstroom.koppeling.solver.prijsschatting import SCENARIOS, TREKKING, Instelling, Steekproef
from doorstroom.koppeling.solver.registry import solver
from doorstroom.reference.io import embedded_gemeenten

Uitvoer = tuple[Instantie, KoppelingResult]
Methode = Callable[[Instantie, int, dict[str, int], list[Steekproef]], Uitvoer]
"""A method: batch, week, room left, earlier batches → the instance it solved and its result."""


@dataclass
class Verloop:
    """What one method did over the half year."""

    naam: str
    waarde: float = 0.0
    onbekoppeld: int = 0
    seconden: list[float] = field(default_factory=list)
    per_week: list[float] = field(default_factory=list)
    aandeel_week: list[float] = field(default_factory=list)
    fouten: list[str] = field(default_factory=list)


def waarde(result: KoppelingResult) -> tuple[float, float]:
    """Σ persons × score of the linked, and the persons linked."""
    return sum(t.personen * t.score for t in result.assignments), sum(t.personen for t in result.assignments)


def aandeel_van_beste(instantie: Instantie, result: KoppelingResult, beleid: Beleid) -> float:
    """The evenwicht measure of a batch (households with a choice: score against their best)."""
    beste = dynamisch.beste_scores(instantie, dynamisch.scores(instantie, instantie.huishoudens, beleid))
    return dynamisch.aandeel_van_beste(result, beste)


def met_ruimte(batch: Instantie, aandeel: dict[str, int] | None, rest: dict[str, int]) -> Instantie:
    """The batch with the room left: a soft share (``aandeel``) below a hard maximum, or all of it hard."""
    gemeenten = tuple(
        replace(g, capaciteit=rest[g.code], maximum=None)
        if aandeel is None
        else replace(g, capaciteit=aandeel[g.code], maximum=max(rest[g.code], aandeel[g.code]))
        for g in batch.gemeenten
    )
    return replace(batch, gemeenten=gemeenten)


def aandeel_van(rest: dict[str, int], week: int, weken: int) -> dict[str, int]:
    """This week's pro-rated share of what is left (one of the weeks still to come)."""
    return naar_rato(batch_totaal(rest, 1.0 / (weken - week)), rest)


def main() -> None:
    """Run the replay."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--huishoudens", type=int, default=8000)
    parser.add_argument("--weken", type=int, default=16)
    parser.add_argument("--limiet", type=float, default=5.0, help="seconds per batch for aandeel/myopisch")
    parser.add_argument("--limiet-geprijsd", type=float, default=1.0, help="seconds per priced batch solve")
    parser.add_argument("--hindsight-limiet", type=float, default=60.0)
    parser.add_argument("--scenarios", type=int, default=SCENARIOS)
    parser.add_argument("--trekking", type=int, default=TREKKING, help="draws per scenario at most")
    parser.add_argument("--methoden", default="aandeel,myopisch,greedy,geprijsd,evenwicht")
    parser.add_argument("--belasting", choices=("idle", "busy"), default="idle")
    parser.add_argument("--marge", type=float, default=0.02, help="evenwicht: margin around the level")
    args = parser.parse_args()
    beleid = Beleid()
    heel = synthetisch(embedded_gemeenten(), args.huishoudens, args.seed)
    heel = replace(heel, gemeenten=tuple(replace(g, woningen=None) for g in heel.gemeenten))
    per_batch = args.huishoudens // args.weken
    print(
        f"SYNTHETIC {args.huishoudens} households, {sum(h.grootte for h in heel.huishoudens)} persons, "
        f"capacity {sum(g.capaciteit for g in heel.gemeenten)}, {args.weken} batches of {per_batch}, "
        f"seed {args.seed}; cores {os.cpu_count()}, load {args.belasting}, "
        f"load average at start {os.getloadavg()[0]:.2f}"
    )
    with drukte(args.belasting == "busy"):
        begin = time.perf_counter()
        hindsight = solver("highs").los_op(heel, beleid, args.hindsight_limiet)
        basis, _ = waarde(hindsight)
        print(
            f"{'hindsight':<10}{basis:>12.1f}{100.0:>9.2f} %{len(hindsight.unassigned):>9}"
            f"{time.perf_counter() - begin:>9.2f} s  ({hindsight.status}, gap {hindsight.gap:.3%})",
            flush=True,
        )
        methoden = _methoden(args, beleid)
        verlopen = [
            _speel(naam, methoden[naam], heel, per_batch, args.weken, beleid)
            for naam in args.methoden.split(",")
        ]
    for verloop in verlopen:
        _regel(verloop, basis)
    _eerlijkheid(verlopen)
    print(f"load average at end {os.getloadavg()[0]:.2f}")
    geprijsd = next((v for v in verlopen if v.naam == "geprijsd"), None)
    if geprijsd is not None:
        print(
            f"dynamic: {100 * geprijsd.waarde / basis:.2f} % of hindsight, {geprijsd.onbekoppeld} unlinked "
            f"(hindsight {len(hindsight.unassigned)}), {np.mean(geprijsd.seconden):.2f} s per batch"
        )


def _methoden(args: argparse.Namespace, beleid: Beleid) -> dict[str, Methode]:
    """Each method as: batch, week, room left, earlier batches → the instance solved and its result."""

    def aandeel(batch: Instantie, week: int, rest: dict[str, int], _: list[Steekproef]) -> Uitvoer:
        ruimte = met_ruimte(batch, aandeel_van(rest, week, args.weken), rest)
        return ruimte, solver("highs").los_op(ruimte, beleid, args.limiet)

    def myopisch(batch: Instantie, week: int, rest: dict[str, int], _: list[Steekproef]) -> Uitvoer:
        ruimte = met_ruimte(batch, None, rest)
        return ruimte, solver("highs").los_op(ruimte, beleid, args.limiet)

    def greedy(batch: Instantie, week: int, rest: dict[str, int], _: list[Steekproef]) -> Uitvoer:
        ruimte = met_ruimte(batch, aandeel_van(rest, week, args.weken), rest)
        return ruimte, solver("greedy").los_op(ruimte, beleid)

    def geprijsd(batch: Instantie, week: int, rest: dict[str, int], eerder: list[Steekproef]) -> Uitvoer:
        return _geprijsd(batch, week, rest, eerder, None)

    def evenwichtig(batch: Instantie, week: int, rest: dict[str, int], eerder: list[Steekproef]) -> Uitvoer:
        return _geprijsd(batch, week, rest, eerder, args.marge)

    def _geprijsd(
        batch: Instantie, week: int, rest: dict[str, int], eerder: list[Steekproef], marge: float | None
    ) -> Uitvoer:
        verwacht = float(len(batch.huishoudens) * (args.weken - week - 1))
        instelling = Instelling(verwacht, args.scenarios, args.seed * 1000 + week, args.trekking)
        run = dynamisch.geprijsd(
            met_ruimte(batch, None, rest), beleid, eerder, instelling, tijdslimiet=args.limiet_geprijsd,
            evenwicht_marge=marge,
        )  # fmt: skip
        eerder.append(dynamisch.scores(run.instantie, batch.huishoudens, beleid))
        return run.instantie, run.result

    return {
        "aandeel": aandeel, "myopisch": myopisch, "greedy": greedy, "geprijsd": geprijsd,
        "evenwicht": evenwichtig,
    }  # fmt: skip


def _speel(
    naam: str, methode: Methode, heel: Instantie, per_batch: int, weken: int, beleid: Beleid
) -> Verloop:
    """Replay the half year with one method; the room left carries over from batch to batch."""
    verloop = Verloop(naam)
    rest = {g.code: g.capaciteit for g in heel.gemeenten}
    eerder: list[Steekproef] = []
    for week in range(weken):
        batch = replace(heel, huishoudens=heel.huishoudens[week * per_batch : (week + 1) * per_batch])
        begin = time.perf_counter()
        opgelost, result = methode(batch, week, rest, eerder)
        verloop.seconden.append(time.perf_counter() - begin)
        verloop.fouten += check_result(opgelost, beleid, result)
        w, personen = waarde(result)
        verloop.waarde += w
        verloop.onbekoppeld += len(result.unassigned)
        verloop.per_week.append(w / max(personen, 1))
        verloop.aandeel_week.append(aandeel_van_beste(opgelost, result, beleid))
        for t in result.assignments:
            rest[t.gemeentecode] -= t.personen
    print(f"  {naam}: {sum(verloop.seconden):.1f} s", file=sys.stderr, flush=True)
    return verloop


def _regel(verloop: Verloop, basis: float) -> None:
    print(
        f"{verloop.naam:<10}{verloop.waarde:>12.1f}{100 * verloop.waarde / basis:>9.2f} %"
        f"{verloop.onbekoppeld:>9}"
        f"{sum(verloop.seconden):>9.2f} s  ({np.mean(verloop.seconden):.2f} s per batch, "
        f"max {max(verloop.seconden):.2f}; checks {'ok' if not verloop.fouten else verloop.fouten[:2]})"
    )


def _eerlijkheid(verlopen: list[Verloop]) -> None:
    """By arrival week: mean score per linked person, and the share of their best the linked got
    (the evenwicht measure: independent of how easy a week's households are to place)."""
    for titel, reeks in (("score per person", "per_week"), ("share of best", "aandeel_week")):
        print(f"{titel} by week: " + ", ".join(v.naam for v in verlopen))
        for week in range(len(verlopen[0].per_week)):
            print(f"  week {week + 1:>2}: " + "  ".join(f"{getattr(v, reeks)[week]:6.3f}" for v in verlopen))
        print("  spread:  " + "  ".join(f"{np.ptp(getattr(v, reeks)):6.3f}" for v in verlopen))
        print("  std:     " + "  ".join(f"{np.std(getattr(v, reeks)):6.3f}" for v in verlopen))


if __name__ == "__main__":
    main()
