"""``doorstroom huisvesting ...`` as a user runs it: the installed program in its own process."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.cli.test_console_script import assert_clean, run

KOP = (
    "Kenmerk;Naam;Soort;Aantal;Personen per eenheid;Beschikbaar per;Einddatum;Status;Bron;"
    "Kosten eenmalig (€)\n"
)
GOED = KOP + (
    "A1;Sociale huur Noord;sociale huur;4;1;1-1-2027;;beschikbaar;corporatie;\n"
    "A2;Flexwoningen Zuid;flexwoning;2;4;1-3-2027;28-2-2037;in voorbereiding;raadsbesluit;150.000\n"
)
FOUT = KOP + "A1;Woning;woonboot;1;1;1-1-2027;;plan;;\nA2;Flex;flexwoning;1;99;1-1-2027;;plan;;\n"


@pytest.fixture(scope="module")
def plek(tmp_path_factory: pytest.TempPathFactory) -> Path:
    place = tmp_path_factory.mktemp("huisvesting")
    assert_clean(run("db", "upgrade", cwd=place))
    (place / "goed.csv").write_text(GOED, encoding="utf-8")
    (place / "fout.csv").write_text(FOUT, encoding="utf-8")
    return place


def test_a_bad_sheet_exits_2_naming_every_row_and_column_and_stores_nothing(plek: Path) -> None:
    result = run("huisvesting", "importeer", "Utrecht", "fout.csv", cwd=plek)
    assert_clean(result, 2)
    assert "rij 2" in result.stderr and "Soort" in result.stderr and "woonboot" in result.stderr
    assert "rij 3" in result.stderr and "Personen per eenheid" in result.stderr
    leeg = run("huisvesting", "aanbod", "GM0344", "--format", "csv", cwd=plek)
    assert_clean(leeg)
    assert len(leeg.stdout.strip().splitlines()) == 1


def test_import_then_plan_and_the_workbook(plek: Path) -> None:
    assert_clean(run("huisvesting", "importeer", "Utrecht", "goed.csv", "--reden", "eerste invoer", cwd=plek))
    aanbod = run("huisvesting", "aanbod", "GM0344", "--format", "csv", cwd=plek)
    rijen = list(csv.DictReader(io.StringIO(aanbod.stdout.lstrip("\ufeff"))))
    assert [(r["kenmerk"], r["plaatsen"], r["reden"]) for r in rijen] == [
        ("A1", "4", "eerste invoer"),
        ("A2", "8", "eerste invoer"),
    ]
    plan = run(
        "huisvesting",
        "plan",
        "GM0344",
        "--peildatum",
        "2027-01-15",
        "--maanden",
        "3",
        "--format",
        "csv",
        cwd=plek,
    )
    assert_clean(plan)
    maanden = list(csv.DictReader(io.StringIO(plan.stdout.lstrip("\ufeff"))))
    assert [(m["maand"], m["aanbod"]) for m in maanden] == [
        ("2027-01", "4"),
        ("2027-02", "4"),
        ("2027-03", "12"),
    ]
    assert_clean(
        run(
            "huisvesting",
            "geld",
            "GM0344",
            "--peildatum",
            "2027-01-15",
            "-f",
            "xlsx",
            "-o",
            "plan.xlsx",
            cwd=plek,
        )
    )
    bladen = load_workbook(plek / "plan.xlsx").sheetnames
    assert len(bladen) >= 4 and "Toelichting" in bladen
