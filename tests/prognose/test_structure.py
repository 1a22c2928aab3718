"""The pure core stays pure, no module reaches the delivery layers, and the docs cover every parameter."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from doorstroom.prognose.core.scenario import SPECS

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "doorstroom" / "prognose"
DOCS = Path(__file__).resolve().parents[2] / "docs" / "prognose.md"
ALLOWED = {
    "__future__",
    "calendar",
    "collections",
    "concurrent",
    "dataclasses",
    "enum",
    "math",
    "re",
    "numpy",
    "ctypes",
    "functools",
    "typing",
    "doorstroom",
}
PURE = sorted(path.name for path in (PACKAGE / "core").glob("*.py"))
ADAPTERS = (
    "doorstroom.files.tabular",
    "doorstroom.platform.db",
    "doorstroom.prognose.gepubliceerd",
    "doorstroom.prognose.historie",
    "doorstroom.prognose.standaard",
    "doorstroom.prognose.service",
    "doorstroom.taakstelling",
)


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    names |= {node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    return names


@pytest.mark.parametrize("module", PURE)
def test_pure_core_has_no_io_and_no_delivery_layer(module: str) -> None:
    for name in _imports(PACKAGE / "core" / module):
        assert name.split(".")[0] in ALLOWED, name
        assert not name.startswith(ADAPTERS), name


def test_no_prognose_module_imports_a_delivery_layer() -> None:
    for path in PACKAGE.rglob("*.py"):
        for name in _imports(path):
            assert not name.startswith(("doorstroom.cli", "doorstroom.api", "doorstroom.web")), path.name


def test_every_parameter_is_documented() -> None:
    page = DOCS.read_text(encoding="utf-8")
    missing = [name for name in SPECS if f"`{name}`" not in page]
    assert not missing


def test_freed_memory_is_kept_for_reuse_where_the_c_library_allows() -> None:
    """glibc is told once per process to keep freed blocks (speed only: results never depend on it)."""
    import platform

    from doorstroom.prognose.core import geheugen

    assert geheugen.hergebruik() is geheugen.hergebruik()
    if platform.libc_ver()[0] == "glibc":
        assert geheugen.hergebruik()
