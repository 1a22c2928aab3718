"""One JSON case per reported bug in the reference context (``data/issue_*.json``)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from doorstroom.values.periode import Periode

CASES = sorted((Path(__file__).parent / "data").glob("issue_periode_*.json"))


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_periode_regressions(path: Path) -> None:
    for case in json.loads(path.read_text())["cases"]:
        periode = Periode.parse(case["periode"])
        assert str(periode.previous()) == case["previous"]
        assert str(periode.next()) == case["next"]
