"""The koppeling's pure core stays pure; no module of the context reaches into a delivery layer."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "doorstroom" / "koppeling"
PURE = (
    "domain.py", "score.py", "harde_criteria.py", "validate.py", "besluit.py", "capaciteit.py",
    "batchaandeel.py", "bewaartermijn.py", "explain.py", "model.py", "result.py", "diagnose.py",
    "bezetting.py", "lagrange.py", "startplan.py", "afronding.py", "tijdsbudget.py", "prijsschatting.py",
    "prijsuitleg.py", "eerlijkheid.py", "evenwicht.py",
)  # fmt: skip
IO_OR_DB = (
    "sqlalchemy",
    "doorstroom.platform.db",
    "doorstroom.files.tabular",
    "doorstroom.platform.audit",
    "doorstroom.platform.settings",
)
DELIVERY = ("doorstroom.cli", "doorstroom.api", "doorstroom.web")
ADAPTERS = tuple(
    f"doorstroom.koppeling.{name}"
    for name in (
        "io",
        "repository",
        "models",
        "service",
        "beoordeling",
        "opgeslagen",
        "backends",
        "highs_backend",
        "ortools_backend",
        "solvers",
        "scenario_lp",
        "dynamisch",
        "periode",
        "verwachting",
    )
)


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    names |= {node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    return names


@pytest.mark.parametrize("module", PURE)
def test_pure_core_has_no_io_database_or_adapter(module: str) -> None:
    for name in _imports(PACKAGE / module):
        assert not name.startswith(IO_OR_DB + DELIVERY + ADAPTERS), f"{module} imports {name}"


def test_no_koppeling_module_imports_a_delivery_layer() -> None:
    for path in PACKAGE.glob("*.py"):
        assert not any(name.startswith(DELIVERY) for name in _imports(path)), path.name
