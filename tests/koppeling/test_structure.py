"""The koppeling's pure rules stay pure; no module of the context reaches into a delivery layer.

Pure: every module in ``core/`` and ``explain/``, and the solver modules that only compute on
arrays (the program, prices and bounds, the start plan, rounding, the time budget, the greedy
baseline). They take plain values and return plain values: no database, no files, no settings,
no solver backend, and none of the context's adapters or use cases.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "doorstroom" / "koppeling"
PURE_SOLVER = (
    "koppelmodel", "matrixvorm", "lagrange", "startplan", "afronding", "tijdsbudget", "prijsschatting",
    "stand", "greedy",
)  # fmt: skip
PURE = sorted(
    [f"core/{p.name}" for p in (PACKAGE / "core").glob("*.py")]
    + [f"explain/{p.name}" for p in (PACKAGE / "explain").glob("*.py")]
    + [f"solver/{name}.py" for name in PURE_SOLVER]
)
IO_OR_DB = (
    "sqlalchemy",
    "doorstroom.platform.db",
    "doorstroom.files",
    "doorstroom.platform.audit",
    "doorstroom.platform.settings",
)
DELIVERY = ("doorstroom.cli", "doorstroom.api", "doorstroom.web", "doorstroom.demo", "doorstroom.server")
ADAPTERS = (
    *(f"doorstroom.koppeling.{p.stem}" for p in PACKAGE.glob("*.py") if p.stem != "__init__"),
    "doorstroom.koppeling.solver.backends",
    "doorstroom.koppeling.solver.registry",
    "doorstroom.koppeling.solver.exact",
    "doorstroom.koppeling.solver.decompose",
    "doorstroom.koppeling.solver.afmaken",
    "doorstroom.koppeling.solver.buurten",
    "doorstroom.koppeling.solver.scenario_lp",
    "doorstroom.koppeling.solver.geprijsd",
)


def _imports(path: Path) -> set[str]:
    """Every module ``path`` imports, a ``from package import module`` counted as the module."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            names |= {node.module} | {f"{node.module}.{alias.name}" for alias in node.names}
    return names


def test_the_pure_modules_exist() -> None:
    assert len(PURE) > 25
    assert all((PACKAGE / module).exists() for module in PURE)


@pytest.mark.parametrize("module", PURE)
def test_pure_module_has_no_io_database_or_adapter(module: str) -> None:
    for name in _imports(PACKAGE / module):
        assert not name.startswith(IO_OR_DB + DELIVERY + ADAPTERS), f"{module} imports {name}"


@pytest.mark.parametrize("module", sorted(p.name for p in (PACKAGE / "core").glob("*.py")))
def test_core_needs_no_solver_and_no_explanation(module: str) -> None:
    for name in _imports(PACKAGE / "core" / module):
        assert not name.startswith(("doorstroom.koppeling.solver", "doorstroom.koppeling.explain")), name


def test_no_koppeling_module_imports_a_delivery_layer() -> None:
    for path in PACKAGE.rglob("*.py"):
        assert not any(name.startswith(DELIVERY) for name in _imports(path)), path.name
