"""Imports of any size, all or nothing, on SQLite and PostgreSQL (issue: an IN list of every key)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from doorstroom.platform.db import transaction
from doorstroom.reference.io import ingebouwde_bevolking
from doorstroom.taakstelling.models import KoppelingMeldingRecord, RealisatieRecord
from tests.cli_helpers import run

KOP = "gemeentecode,huishouden_ref,personen,koppeldatum,huisvestingsdatum\n"
CODES = [g.code for g in ingebouwde_bevolking(2026).gemeenten]  # type: ignore[union-attr]


def koppelingen(path: Path, n: int, extra: str = "", begin: int = 0) -> Path:
    """``n`` distinct koppelingen in 2026 (a third of them housed), then ``extra`` lines."""
    start = date(2026, 1, 1)
    with path.open("w", encoding="utf-8") as handle:
        handle.write(KOP)
        for i in range(begin, begin + n):
            gekoppeld = start + timedelta(days=i % 300)
            gehuisvest = (gekoppeld + timedelta(days=45)).isoformat() if i % 3 == 0 else ""
            handle.write(
                f"{CODES[i % len(CODES)]},HH-{i:09d},{1 + i % 5},{gekoppeld.isoformat()},{gehuisvest}\n"
            )
        handle.write(extra)
    return path


def opgeslagen(engine: Engine, model: type = KoppelingMeldingRecord) -> int:
    with transaction(engine, schrijven=False) as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


@pytest.mark.parametrize("n", [8_000, 200_000])
def test_large_koppeling_files_import_and_reimport_without_doubling(
    engine: Engine, tmp_path: Path, n: int
) -> None:
    path = koppelingen(tmp_path / "k.csv", n)
    result = run("taakstelling", "importeer", "koppelingen", str(path))
    assert result.exit_code == 0, result.output
    assert f"opgeslagen: {n} koppelingen" in result.stderr
    assert opgeslagen(engine) == n
    overlap = koppelingen(tmp_path / "k2.csv", 1_000, begin=n - 500)
    assert run("taakstelling", "importeer", "koppelingen", str(overlap)).exit_code == 0
    assert opgeslagen(engine) == n + 500


def test_a_bad_row_at_the_end_of_a_large_file_stores_nothing(engine: Engine, tmp_path: Path) -> None:
    slecht = "GM0344,HH-X,0,2026-01-05,\nGM9999,HH-Y,2,2026-01-05,\nGM0344,HH-000000003,4,2026-01-04,\n"
    path = koppelingen(tmp_path / "k.csv", 50_000, slecht)
    result = run("taakstelling", "importeer", "koppelingen", str(path))
    assert result.exit_code == 2
    assert "rij 50002, veld 'personen'" in result.stderr
    assert "rij 50003, veld 'gemeentecode'" in result.stderr
    assert (
        "rij 50004, veld 'huishouden_ref+koppeldatum': dubbel: zelfde huishouden_ref+koppeldatum als rij 5"
        in (result.stderr)
    )
    assert "HH-" not in result.stderr, "no household reference in an error message"
    assert opgeslagen(engine) == 0


def test_problems_are_capped_with_a_count_of_the_rest(engine: Engine, tmp_path: Path) -> None:
    slecht = "".join(f"GM0344,HH-B{i},0,2026-01-05,\n" for i in range(1_500))
    result = run("taakstelling", "importeer", "koppelingen", str(koppelingen(tmp_path / "k.csv", 10, slecht)))
    assert result.exit_code == 2
    assert "1500 problemen gevonden; de eerste 1000 staan hieronder, niets is opgeslagen" in result.stderr
    assert "... en nog" in result.stderr
    assert opgeslagen(engine) == 0


@pytest.mark.parametrize(
    ("regel", "veld", "fragment"),
    [
        (f"GM0344,{'R' * 41},2,2026-01-05,\n", "huishouden_ref", "langer dan 40"),
        ("GM0344,HH-\x00A,2,2026-01-05,\n", "huishouden_ref", "stuurteken"),
        ("GM0344,HH-A,2,2026-01-05,2026-01-04\n", "huisvestingsdatum", "vóór de koppeldatum"),
        ("GM0344,HH-A,١,2026-01-05,\n", "personen", "geen getal"),
        ("GM0457,HH-A,2,2026-01-05,\n", "gemeentecode", "1 januari 2026"),
    ],
)
def test_bad_values_are_refused_the_same_on_both_databases(
    engine: Engine, tmp_path: Path, regel: str, veld: str, fragment: str
) -> None:
    path = tmp_path / "k.csv"
    path.write_text(KOP + "GM0363,HH-OK,1,2026-01-02,\n" + regel, encoding="utf-8")
    result = run("taakstelling", "importeer", "koppelingen", str(path))
    assert result.exit_code == 2, result.output
    assert f"rij 3, veld '{veld}'" in result.stderr and fragment in result.stderr
    assert opgeslagen(engine) == 0


def test_codes_are_checked_against_the_division_of_their_year(engine: Engine, tmp_path: Path) -> None:
    path = tmp_path / "k.csv"
    path.write_text(KOP + "GM0457,HH-W,2,2022-02-01,\n", encoding="utf-8")
    assert run("taakstelling", "importeer", "koppelingen", str(path)).exit_code == 0, "Weesp existed in 2022"


def test_a_source_path_longer_than_its_column_is_refused(engine: Engine, tmp_path: Path) -> None:
    diep = tmp_path / ("d" * 120) / ("e" * 120)
    diep.mkdir(parents=True)
    path = koppelingen(diep / "koppelingen.csv", 3)
    result = run("taakstelling", "importeer", "koppelingen", str(path))
    assert result.exit_code == 2 and "langer dan 255" in result.stderr
    assert opgeslagen(engine) == 0


def test_a_realisation_import_reports_municipalities_without_a_figure(engine: Engine, tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("gemeentecode,maand,gehuisvest\nGM0344,2026-03,4\nGM0363,2026-03,9\n", encoding="utf-8")
    result = run("taakstelling", "importeer", "realisatie", str(path))
    assert result.exit_code == 0, result.output
    assert "2026-03: geen cijfer voor 340 gemeenten (GM0014 Groningen" in result.stderr
    assert opgeslagen(engine, RealisatieRecord) == 2
