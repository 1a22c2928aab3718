"""Benchmark of the koppeling: national half-year instance and a weekly batch (SYNTHETIC data).

Run with ``.venv/bin/python bench/koppeling.py``. Prints:

1. national instance (8,000 households, about 20,000 persons, all 342 municipalities): seconds,
   objective, proven LP bound and gap of HiGHS with the LP → fix → exact-finish decomposition
   (targets: gap ≤ 0.1 % within 10 s on 2 cores);
2. weekly batch (500 households, a week's share ``WEEK_AANDEEL`` of the remaining taakstelling):
   the pro-rated share is each municipality's soft capacity, the remaining taakstelling its hard
   maximum; the same with a 1-second limit (target: within 1 s), with the persons linked above
   their batch share, and, for reference, what a longer limit proves;
3. in the same run, PuLP + CBC on the same (pruned and priced) integer program as one MIP, with a
   time limit, and the time ratio;
4. the greedy first-come baseline (current practice) and its objective ratio to the optimiser.

Benchmarks print figures; they are never timed unit tests.
"""

from __future__ import annotations

import argparse
import time

import numpy as np

from doorstroom.koppeling.domain import Beleid, Instantie
from doorstroom.koppeling.model import Koppelmodel, Programma, programma
from doorstroom.koppeling.result import KoppelingResult
from doorstroom.koppeling.solvers import ExacteSolver, solver
from doorstroom.koppeling.synthetic import synthetisch
from doorstroom.koppeling.validate import check_result
from doorstroom.reference.loader import embedded_gemeenten

WEEK_AANDEEL = 500 / 8000
"""A weekly batch is about one sixteenth of the half-year's households, hence of what remains."""


def optimaliseer(
    instantie: Instantie, beleid: Beleid, tijdslimiet: float
) -> tuple[KoppelingResult, Koppelmodel]:
    """The HiGHS solver's run, keeping the final model for CBC."""
    return ExacteSolver("highs").los_op_met_model(instantie, beleid, tijdslimiet)


def cbc(prog: Programma, tijdslimiet: float) -> tuple[float, str, float]:
    """Solve the same MIP with PuLP + CBC; returns seconds, status and objective."""
    import pulp

    probleem = pulp.LpProblem("koppeling", pulp.LpMaximize)
    x = [pulp.LpVariable(f"x{j}", cat="Binary") for j in range(prog.matrix.shape[1])]
    probleem += pulp.lpDot(prog.kosten.tolist(), x)
    rijen = prog.matrix.tocsr()
    for i in range(rijen.shape[0]):
        start, eind = rijen.indptr[i], rijen.indptr[i + 1]
        expr = pulp.lpDot(rijen.data[start:eind].tolist(), [x[j] for j in rijen.indices[start:eind]])
        probleem += (expr == 1) if np.isfinite(prog.rij_onder[i]) else (expr <= float(prog.rij_boven[i]))
    begin = time.perf_counter()
    probleem.solve(pulp.PULP_CBC_CMD(msg=False, timeLimit=tijdslimiet, threads=2))
    seconden = time.perf_counter() - begin
    if probleem.sol_status not in (pulp.LpSolutionOptimal, pulp.LpSolutionIntegerFeasible):
        return seconden, pulp.LpSolution[probleem.sol_status], float("nan")
    return seconden, pulp.LpSolution[probleem.sol_status], float(pulp.value(probleem.objective))


def toon(naam: str, result: KoppelingResult, instantie: Instantie, beleid: Beleid) -> None:
    """Print one run's headline figures and check it."""
    fouten = check_result(instantie, beleid, result)
    print(
        f"{naam:<28} {result.seconds:7.2f} s  status {result.status:<10} objective {result.objective:12.1f}"
        f"  bound {result.bound:12.1f}  gap {result.gap:.5%}  unlinked {len(result.unassigned):3d}"
        f"  overflow {result.overschrijding_personen:3d} persons  checks {'ok' if not fouten else fouten[:2]}"
    )
    details = {k: round(v, 2) for k, v in result.details.items()}
    if details:
        print(f"{'':<28} {details}")


def instantie_info(naam: str, instantie: Instantie) -> None:
    """Size of an instance."""
    personen = sum(h.grootte for h in instantie.huishoudens)
    capaciteit = sum(g.capaciteit for g in instantie.gemeenten)
    maximum = sum(g.bovengrens for g in instantie.gemeenten)
    print(
        f"{naam}: SYNTHETIC, {len(instantie.huishoudens)} households, {personen} persons, "
        f"{len(instantie.gemeenten)} municipalities, capacity {capaciteit} persons (maximum {maximum})"
    )


def main() -> None:
    """Run the benchmark."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--cbc-limiet", type=float, default=120.0, help="CBC time limit in seconds")
    args = parser.parse_args()
    beleid = Beleid()
    gemeenten = embedded_gemeenten()

    nationaal = synthetisch(gemeenten, 8000, args.seed)
    instantie_info("national", nationaal)
    result, model = optimaliseer(nationaal, beleid, 10.0)
    toon("highs decomposition (10 s)", result, nationaal, beleid)
    greedy = solver("greedy").los_op(nationaal, beleid)
    toon("greedy first-come", greedy, nationaal, beleid)
    print(f"greedy / optimiser objective ratio: {greedy.objective / result.objective:.3f}")

    cbc_seconden, cbc_status, cbc_doel = cbc(programma(model, geheel=True), args.cbc_limiet)
    print(
        f"{'PuLP + CBC, same MIP':<28} {cbc_seconden:7.2f} s  status {cbc_status} "
        f"objective {cbc_doel:12.1f}  (limit {args.cbc_limiet:.0f} s)"
    )
    onvolledig = cbc_seconden >= args.cbc_limiet or cbc_doel != cbc_doel  # no solution: NaN objective
    print(
        f"CBC / HiGHS-decomposition time ratio: {cbc_seconden / result.seconds:.1f}"
        f"{' (CBC stopped without a solution: lower bound on the ratio)' if onvolledig else ''}"
    )

    week = synthetisch(gemeenten, 500, args.seed + 100, batch_aandeel=WEEK_AANDEEL)
    instantie_info("weekly batch", week)
    week_1s = optimaliseer(week, beleid, 1.0)[0]
    toon("highs decomposition (1 s)", week_1s, week, beleid)
    toon("highs decomposition (60 s)", optimaliseer(week, beleid, 60.0)[0], week, beleid)
    week_greedy = solver("greedy").los_op(week, beleid)
    toon("greedy first-come", week_greedy, week, beleid)
    print(f"greedy / optimiser objective ratio (week, 1 s): {week_greedy.objective / week_1s.objective:.3f}")


if __name__ == "__main__":
    main()
