"""One JSON case per reported bug in the spreiding context (``data/issue_*.json``)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from doorstroom.platform.errors import InputError
from doorstroom.reference.io import embedded_gemeenten
from doorstroom.spreiding.io import lees_correctie, lees_locaties, lees_plan

CASES = sorted((Path(__file__).parent / "data").glob("issue_*.json"))
LEZERS: dict[str, Callable[..., object]] = {
    "locaties": lees_locaties,
    "plan": lees_plan,
    "correctie": lees_correctie,
}


def _inhoud(tekst: str) -> str:
    """The file's text; the correction case is generated: every municipality 0, GM0014 out of domain."""
    if not tekst.startswith("ALLE_GEMEENTEN"):
        return tekst
    rijen = [f"{g.code},{'1.5' if g.code == 'GM0014' else '0'}" for g in embedded_gemeenten()]
    rijen.sort(key=lambda r: r != "GM0014,1.5")
    return "gemeentecode,ses_woa\n" + "\n".join(rijen) + "\n"


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_file_regressions(path: Path, csv_file: Callable[[str, str], Path]) -> None:
    for index, case in enumerate(json.loads(path.read_text(encoding="utf-8"))["cases"]):
        bestand = csv_file(f"geval{index}.csv", _inhoud(case["inhoud"]))
        with pytest.raises(InputError) as error:
            LEZERS[case["lezer"]](bestand, list(embedded_gemeenten()))
        assert sorted([p.row, p.field] for p in error.value.problems) == sorted(case["problemen"])
