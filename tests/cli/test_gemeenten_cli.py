"""``doorstroom gemeenten``: listing, comparing and importing municipality lists."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import Engine

from doorstroom.reference.io import embedded_path
from tests.cli_helpers import run


def test_lists_one_province_as_json() -> None:
    result = run("gemeenten", "--provincie", "zeeland", "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert len(rows) == 13 and {row["provincie"] for row in rows} == {"Zeeland"}


def test_unknown_province_is_a_clear_error() -> None:
    result = run("gemeenten", "--provincie", "Atlantis")
    assert result.exit_code == 2
    assert "onbekende provincie 'Atlantis'" in result.stderr and "Fryslân" in result.stderr


def merged_list(tmp_path: Path) -> Path:
    """The embedded list with Stadskanaal (GM0037) merged away and Veendam renamed."""
    lines = embedded_path("gemeenten.csv").read_text(encoding="utf-8").splitlines()
    kept = [line for line in lines if not line.startswith("GM0037,")]
    kept = [line.replace("GM0047,Veendam,", "GM0047,Veendam-Oost,") for line in kept]
    path = tmp_path / "gemeenten-2026.csv"
    path.write_text("\n".join(kept) + "\n", encoding="utf-8")
    return path


def test_compare_reports_merged_and_renamed_as_a_finding(tmp_path: Path) -> None:
    result = run("gemeenten", "vergelijk", str(merged_list(tmp_path)))
    assert result.exit_code == 1, result.output  # a documented finding (docs/cli.md), said on stderr
    assert "opgeheven: GM0037 Stadskanaal" in result.stderr
    assert "hernoemd: GM0047 Veendam → Veendam-Oost" in result.stderr
    assert "verschillen gevonden (exitcode 1)" in result.stderr


def test_compare_with_the_same_list_is_done() -> None:
    from doorstroom.reference.io import embedded_path

    result = run("gemeenten", "vergelijk", str(embedded_path("gemeenten.csv")))
    assert result.exit_code == 0, result.output
    assert "geen verschil" in result.stderr


def test_import_replaces_the_list_in_use_and_old_codes_are_rejected_afterwards(
    engine: Engine, tmp_path: Path
) -> None:
    result = run("gemeenten", "importeer", str(merged_list(tmp_path)), "--peildatum", "2026-01-01")
    assert result.exit_code == 0, result.output
    assert "opgeheven: GM0037" in result.stderr
    realisatie = tmp_path / "r.csv"
    realisatie.write_text("gemeentecode,maand,gehuisvest\nGM0037,2026-01,3\n", encoding="utf-8")
    imported = run("taakstelling", "importeer", "realisatie", str(realisatie))
    assert imported.exit_code == 2 and "GM0037" in imported.stderr and "rij 2" in imported.stderr
    zonder_samenvoeging = run("taakstelling", "vaststellen", "-p", "2026-1", "-t", "1000", "-f", "json")
    assert zonder_samenvoeging.exit_code == 2
    assert "GM0037 Stadskanaal" in zonder_samenvoeging.stderr and "samenvoegen" in zonder_samenvoeging.stderr
    samenvoeging = tmp_path / "s.csv"
    samenvoeging.write_text(
        "ingangsdatum,gemeentecode,gemeentenaam,onderdelen\n2026-01-01,GM0047,Veendam-Oost,GM0037 GM0047\n",
        encoding="utf-8",
    )
    assert run("gemeenten", "samenvoegen", str(samenvoeging)).exit_code == 0
    vastgesteld = run("taakstelling", "vaststellen", "-p", "2026-1", "-t", "1000", "-f", "json")
    assert vastgesteld.exit_code == 0, vastgesteld.output
    rows = {row["gemeentecode"]: row for row in json.loads(vastgesteld.stdout)}
    assert len(rows) == 341 and "GM0037" not in rows
    assert "Stadskanaal" in rows["GM0047"]["toelichting"]


def test_the_division_and_population_of_a_year_and_a_municipality_by_name() -> None:
    result = run("gemeenten", "--jaar", "2022", "--gemeente", "Weesp", "-f", "json")
    assert result.exit_code == 0, result.output
    assert [(r["gemeentecode"], r["inwoners"]) for r in json.loads(result.stdout)] == [("GM0457", 20_766)]
    assert "CBS 37259ENG, 1 januari 2022" in result.stderr
    assert run("gemeenten", "--jaar", "99999").exit_code == 2


def test_known_mergers_are_listed() -> None:
    result = run("gemeenten", "samenvoegingen", "-f", "json")
    assert result.exit_code == 0, result.output
    assert {r["gemeentecode"] for r in json.loads(result.stdout)} == {"GM0363", "GM1992"}
