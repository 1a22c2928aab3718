"""Import boundary of the spreiding context: a pure core, adapters apart, no delivery layer."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "src" / "doorstroom" / "spreiding"
PURE = ("afronding", "correctie", "domain", "duurzaam", "historie", "opvang", "plan", "regio", "verdeling")
PURE_ALLOWED = {
    "__future__",
    "collections.abc",
    "dataclasses",
    "datetime",
    "enum",
    "fractions",
    "math",
    "doorstroom.platform.errors",
    "doorstroom.values.grootste_overschot",
    "doorstroom.reference.core.domain",
    "doorstroom.values.maand",
    "doorstroom.values.number_text",
    "doorstroom.values",  # the pure value layer (from doorstroom.values import wijziging)
    *(f"doorstroom.spreiding.core.{name}" for name in PURE),
}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    names |= {node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    return names


@pytest.mark.parametrize("module", PURE)
def test_pure_core_has_no_io_database_or_delivery_layer(module: str) -> None:
    assert _imports(PACKAGE / "core" / f"{module}.py") <= PURE_ALLOWED


def test_no_spreiding_module_imports_a_delivery_layer() -> None:
    for path in PACKAGE.rglob("*.py"):
        for name in _imports(path):
            assert not name.startswith(("doorstroom.cli", "doorstroom.api", "doorstroom.web")), (
                path.name,
                name,
            )


def test_the_taakstelling_is_only_read_through_its_service_and_published_figures() -> None:
    """The region view reads the taakstelling; it never imports its tables or queries."""
    for path in PACKAGE.rglob("*.py"):
        for name in _imports(path):
            assert not name.startswith(
                ("doorstroom.taakstelling.models", "doorstroom.taakstelling.repository")
            )


def test_every_column_of_the_output_is_documented() -> None:
    from datetime import UTC, date, datetime

    from doorstroom.spreiding.core.domain import Locatie, LocatieVersie, Registratie, Soort
    from doorstroom.spreiding.core.report import historie_record
    from doorstroom.spreiding.regio_overzicht import RegioVerzoek, regio
    from doorstroom.spreiding.service import Verzoek, bereken
    from doorstroom.values.periode import Periode

    page = (ROOT / "docs" / "spreiding.md").read_text(encoding="utf-8")
    uitkomst = bereken(Verzoek(totaal=1000))
    regio_rijen = regio(
        RegioVerzoek(Verzoek(totaal=1000), periode=Periode(2026, 2), taakstelling=100)
    ).records
    versie = LocatieVersie(
        Locatie("L", "Azc", Soort.azc, "GM0344", 10, date(2024, 1, 1)),
        1,
        Registratie(datetime(2026, 1, 1, tzinfo=UTC), "planner", "reden", "bron.csv"),
    )
    kolommen = {
        *uitkomst.provincies[0],
        *uitkomst.gemeenten[0],
        *regio_rijen[0],
        *historie_record(versie, "nieuw", {}),
    }
    assert [k for k in sorted(kolommen) if f"`{k}`" not in page] == []
