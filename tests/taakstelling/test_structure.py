"""The taakstelling's pure core stays pure, no module imports a delivery layer, and each rule has one home."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src" / "doorstroom"
PURE = {
    "taakstelling": [
        f"core/{name}.py"
        for name in (
            "correctie",
            "domain",
            "grondslag",
            "overdracht",
            "ruil",
            "verdeling",
            "realisatiebronnen",
            "overzicht",
            "report",
        )
    ],
    "reference": ["core/samenvoeging.py", "core/indeling.py", "core/domain.py", "core/lookup.py"],
}
ADAPTERS = (
    "doorstroom.platform.db",
    "doorstroom.files.tabular",
    "sqlalchemy",
    "doorstroom.cli",
    "doorstroom.api",
    "doorstroom.web",
)


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    return names | {node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}


@pytest.mark.parametrize(("context", "module"), [(c, m) for c, modules in PURE.items() for m in modules])
def test_pure_core_has_no_database_file_or_delivery_imports(context: str, module: str) -> None:
    for name in _imports(SRC / context / module):
        assert not name.startswith(ADAPTERS), f"{context}/{module} imports {name}"
        assert not name.endswith((".io", ".repository", ".service", ".models")), name


@pytest.mark.parametrize("context", ["taakstelling", "reference"])
def test_no_module_imports_a_delivery_layer(context: str) -> None:
    for path in (SRC / context).rglob("*.py"):
        assert not any(
            n.startswith(("doorstroom.cli", "doorstroom.api", "doorstroom.web")) for n in _imports(path)
        )


def test_the_reference_context_does_not_depend_on_the_taakstelling() -> None:
    for path in (SRC / "reference").rglob("*.py"):
        assert not any(n.startswith("doorstroom.taakstelling") for n in _imports(path)), path.name


def test_the_correction_rule_lives_in_one_module() -> None:
    """Issue 7, item 11: the remaining advance was recomputed inline in the service."""
    for path in (SRC / "taakstelling").rglob("*.py"):
        if path.name == "correctie.py":
            continue
        source = path.read_text(encoding="utf-8")
        assert "max(-(" not in source.replace(" ", "") and "max(-saldo" not in source, path.name
