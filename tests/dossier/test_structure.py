"""Import boundaries: the dossier's pure core has no I/O, and no context imports a delivery layer."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src" / "doorstroom"
PURE = [
    "dossier/bsn.py",
    "dossier/gebeurtenissen.py",
    "dossier/tijdlijn.py",
    "dossier/termijnen.py",
    "accounts/toegang.py",
    "platform/paging.py",
    "accounts/domain.py",
]
NIET_PUUR = (
    "sqlalchemy",
    "doorstroom.platform.db",
    "doorstroom.files.tabular",
    "fastapi",
    "httpx",
    "httpx2",
    "doorstroom.platform.settings",
)


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    return names | {node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}


@pytest.mark.parametrize("module", PURE)
def test_pure_core_has_no_database_web_or_settings(module: str) -> None:
    for name in _imports(SRC / module):
        assert not name.startswith(NIET_PUUR), (module, name)
        assert not name.startswith(("doorstroom.dossier.repository", "doorstroom.dossier.service")), (
            module,
            name,
        )


@pytest.mark.parametrize("context", ["dossier", "accounts"])
def test_contexts_never_import_delivery_layers(context: str) -> None:
    for path in (SRC / context).glob("*.py"):
        for name in _imports(path):
            assert not name.startswith(("doorstroom.api", "doorstroom.web", "doorstroom.cli")), (
                path.name,
                name,
            )


def test_the_api_reaches_records_only_through_services() -> None:
    for path in (SRC / "api").glob("*.py"):
        for name in _imports(path):
            assert not name.startswith(
                ("sqlalchemy.orm", "doorstroom.dossier.repository", "doorstroom.dossier.models")
            ), (
                path.name,
                name,
            )
