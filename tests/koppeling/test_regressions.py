"""Every reported bug keeps a JSON case in ``data/`` that must stay fixed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from doorstroom.koppeling.domain import Beleid, GemeenteCapaciteit, Huishouden, Instantie, Locatie, Volwassene
from doorstroom.koppeling.solvers import solver

DATA = Path(__file__).parent / "data"


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


@pytest.mark.parametrize("pad", sorted(DATA.glob("*.json")), ids=lambda p: p.stem)
@pytest.mark.parametrize("naam", ["highs", "greedy"])
def test_regression_case(pad: Path, naam: str) -> None:
    case = json.loads(pad.read_text(encoding="utf-8"))
    result = solver(naam).los_op(_instantie(case), Beleid(), 30)
    assert str(result.status) == case["verwacht"]["status"]
    assert list(result.unassigned) == case["verwacht"]["unassigned"]
    assert case["verwacht"]["conflict"] in {c.beperking for c in result.conflicts}
