"""The koppeling's pure core imports no storage, web or command line; no context imports a UI."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import doorstroom.koppeling

MAP = Path(doorstroom.koppeling.__file__).parent
ADAPTERS = {
    "io",
    "repository",
    "models",
    "service",
    "highs_backend",
    "ortools_backend",
    "backends",
    "solvers",
}
"""Modules that talk to files, the store or solver libraries; everything else is pure core."""
VERBODEN_KERN = ("sqlalchemy", "doorstroom.db", "highspy", "ortools", "doorstroom.koppeling.io",
                 "doorstroom.koppeling.repository", "doorstroom.koppeling.models",
                 "doorstroom.koppeling.service")  # fmt: skip
VERBODEN_OVERAL = ("doorstroom.cli", "doorstroom.api", "doorstroom.web")


def _imports(pad: Path) -> set[str]:
    namen: set[str] = set()
    for knoop in ast.walk(ast.parse(pad.read_text(encoding="utf-8"))):
        if isinstance(knoop, ast.Import):
            namen.update(alias.name for alias in knoop.names)
        elif isinstance(knoop, ast.ImportFrom) and knoop.module:
            namen.add(knoop.module)
            namen.update(f"{knoop.module}.{alias.name}" for alias in knoop.names)
    return namen


@pytest.mark.parametrize("pad", sorted(MAP.glob("*.py")), ids=lambda p: p.stem)
def test_import_boundaries(pad: Path) -> None:
    namen = _imports(pad)
    verboden = VERBODEN_OVERAL + (() if pad.stem in ADAPTERS else VERBODEN_KERN)
    fout = sorted(n for n in namen if any(n == v or n.startswith(v + ".") for v in verboden))
    assert fout == [], f"{pad.name} imports {fout}"
