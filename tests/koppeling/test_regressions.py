"""Every reported bug keeps a JSON case in ``data/`` that must stay fixed.

A case either lists its households and municipalities, or names a SYNTHETIC instance by its
generator arguments (``genereer``) with the time limit the bug was seen under. ``belast`` cases run
beside a CPU-burning child process: the time limit is a promise, also on a busy machine.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from doorstroom.koppeling.core.domain import (
    Beleid,
    GemeenteCapaciteit,
    Huishouden,
    Instantie,
    Locatie,
    Volwassene,
)
from doorstroom.koppeling.core.result import SolveStatus
from doorstroom.koppeling.core.synthetic import synthetisch
from doorstroom.koppeling.core.validate import check_result
from doorstroom.koppeling.solver.registry import installed_solvers, solver
from doorstroom.reference.io import embedded_gemeenten

DATA = Path(__file__).parent / "data"
CASES = sorted(DATA.glob("*.json"))


def _case(pad: Path) -> dict[str, Any]:
    result: dict[str, Any] = json.loads(pad.read_text(encoding="utf-8"))
    return result


def _instantie(case: dict[str, list[dict[str, object]]]) -> Instantie:
    gemeenten = tuple(
        GemeenteCapaciteit(str(g["code"]), str(g["code"]), int(str(g["capaciteit"])), str(g["regio"]))
        for g in case["gemeenten"]
    )
    huishoudens = tuple(
        Huishouden(
            str(h["id"]),
            (Volwassene(),) * int(str(h["volwassenen"])),
            int(str(h["kinderen"])),
            str(h["opvang_gemeente"]),
        )
        for h in case["huishoudens"]
    )
    return Instantie(huishoudens, gemeenten, {g.code: Locatie(g.code, g.regio) for g in gemeenten})


@pytest.mark.parametrize("pad", [p for p in CASES if "genereer" not in _case(p)], ids=lambda p: p.stem)
@pytest.mark.parametrize("naam", ["highs", "greedy"])
def test_regression_case(pad: Path, naam: str) -> None:
    case = _case(pad)
    result = solver(naam).los_op(_instantie(case), Beleid(), 30)
    assert str(result.status) == case["verwacht"]["status"]
    assert list(result.unassigned) == case["verwacht"]["unassigned"]
    assert case["verwacht"]["conflict"] in {c.beperking for c in result.conflicts}


@contextmanager
def _drukte(aan: bool) -> Iterator[None]:
    """One competing process that keeps a core busy (as in the reported measurement)."""
    if not aan:
        yield
        return
    bezig = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    try:
        time.sleep(0.2)  # let it start burning before the run begins
        yield
    finally:
        bezig.kill()
        bezig.wait()


SYNTHETISCH = [
    pytest.param(pad, naam, id=f"{pad.stem}-{naam}")
    for pad in CASES
    if "genereer" in _case(pad)
    for naam in _case(pad)["solvers"]
]


@pytest.mark.parametrize(("pad", "naam"), SYNTHETISCH)
def test_synthetic_regression_case(pad: Path, naam: str) -> None:
    if naam not in installed_solvers():
        pytest.skip(f"{naam} not installed")
    case = _case(pad)
    instantie = synthetisch(embedded_gemeenten(), **case["genereer"])
    beleid, limiet, verwacht = Beleid(), float(case["tijdslimiet"]), case["verwacht"]
    with _drukte(bool(case["belast"])):  # the time it takes is bench/koppeling.py's (busy load)
        result = solver(naam).los_op(instantie, beleid, limiet)
    assert check_result(instantie, beleid, result) == []
    assert result.objective >= solver("greedy").los_op(instantie, beleid).objective
    assert result.bound >= result.objective - 1e-6  # a proven bound is always reported
    assert len(result.assignments) >= verwacht.get("min_gekoppeld", 0)
    assert result.status is not SolveStatus.infeasible
    if "status" in verwacht:
        assert str(result.status) == verwacht["status"]
    benoemd = {h for c in result.conflicts for h in c.huishoudens}
    assert set(result.unassigned) <= benoemd
    assert set(verwacht.get("conflicten", [])) <= {c.beperking for c in result.conflicts}
