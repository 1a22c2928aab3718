"""One JSON case per reported bug in the taakstelling (``data/issue_*.json``), run through the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import Engine

from tests.cli_helpers import run

CASES = sorted((Path(__file__).parent / "data").glob("issue_*.json"))


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_reported_bug_stays_fixed(path: Path, engine: Engine) -> None:
    for stap in json.loads(path.read_text(encoding="utf-8"))["stappen"]:
        result = run(*stap["args"])
        assert result.exit_code == stap["exit"], (stap, result.output)
        assert stap.get("stderr", "") in result.stderr
        assert not stap.get("stdout_niet") or stap["stdout_niet"] not in result.stdout
        assert "Traceback" not in result.output
