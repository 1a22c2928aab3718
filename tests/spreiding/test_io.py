"""The spreiding's files: every problem named with file, row and field; nothing half-read."""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction
from pathlib import Path

import pytest
from openpyxl import Workbook

from doorstroom.platform.errors import InputError
from doorstroom.reference.io import embedded_gemeenten
from doorstroom.spreiding.core.correctie import Correctiesoort
from doorstroom.spreiding.core.domain import Soort
from doorstroom.spreiding.io import lees_correctie, lees_locaties, lees_plan, ramingen

LIJST = list(embedded_gemeenten())
KOP = (
    "locatie_id,naam,soort,gemeente,capaciteit,bezetting,vergunninghouders,amv_capaciteit,opening,sluiting,"
    "duurzaam\n"
)
CsvFile = Callable[[str, str], Path]


def _problemen(error: pytest.ExceptionInfo[InputError]) -> set[tuple[int | None, str | None]]:
    return {(p.row, p.field) for p in error.value.problems}


def test_locations_by_code_or_name_with_defaults(csv_file: CsvFile) -> None:
    path = csv_file(
        "l.csv",
        KOP
        + "TA,Aanmeldcentrum Ter Apel,azc,Westerwolde,2000,2100,150,,2000-01-01,,ja\n"
        + "A1,Amv-groepswonen,AMV,GM0344,40,30,0,,1-3-2024,31-12-2026,\n",
    )
    regels = lees_locaties(path, LIJST)
    ter_apel, amv = (r.locatie for r in regels)
    assert ter_apel.gemeentecode == "GM1950" and ter_apel.duurzaam is True and ter_apel.bezetting == 2100
    assert amv.soort is Soort.amv and amv.amv_capaciteit == 40 and amv.duurzaam is None
    assert amv.sluiting is not None and amv.sluiting.year == 2026


def test_every_bad_field_of_every_row_is_named(csv_file: CsvFile) -> None:
    path = csv_file(
        "l.csv",
        KOP
        + "L1,Een,azc,Utrecht,-5,0,0,,2024-01-01,2023-01-01,\n"
        + "L2,Twee,hotel,Utrect,100,10,20,200,2024-01-01,,misschien\n"
        + "L1,Drie,azc,Utrecht,100,10,0,,geen datum,,\n",
    )
    with pytest.raises(InputError) as error:
        lees_locaties(path, LIJST)
    assert {(2, "capaciteit"), (3, "soort"), (3, "gemeente"), (3, "duurzaam"), (4, "opening"),
            (4, "locatie_id")} <= _problemen(error)  # fmt: skip
    assert all(p.file == str(path) for p in error.value.problems)
    berichten = " ".join(p.message for p in error.value.problems)
    assert "Utrecht" in berichten  # the closest municipality is suggested
    assert "azc" in berichten  # valid kinds are listed


def test_cross_field_problems_are_named(csv_file: CsvFile) -> None:
    path = csv_file("l.csv", KOP + "L1,Een,azc,Utrecht,100,10,20,200,2024-01-01,2023-12-31,\n")
    with pytest.raises(InputError) as error:
        lees_locaties(path, LIJST)
    assert _problemen(error) == {(2, "sluiting"), (2, "vergunninghouders"), (2, "amv_capaciteit")}


def test_a_location_file_needs_its_columns(csv_file: CsvFile) -> None:
    with pytest.raises(InputError) as error:
        lees_locaties(csv_file("l.csv", "locatie_id,naam\nL1,Een\n"), LIJST)
    assert {(1, "soort"), (1, "capaciteit"), (1, "opening")} <= _problemen(error)
    with pytest.raises(InputError, match="geen locaties"):
        lees_locaties(csv_file("leeg.csv", KOP), LIJST)


def test_locations_from_xlsx_with_date_cells(tmp_path: Path) -> None:
    from datetime import datetime

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["locatie_id", "naam", "soort", "gemeentecode", "capaciteit", "opening"])
    sheet.append(["X1", "Azc", "azc", "GM0014", 500, datetime(2024, 5, 1)])
    workbook.save(tmp_path / "l.xlsx")
    (regel,) = lees_locaties(tmp_path / "l.xlsx", LIJST)
    assert regel.locatie.opening.isoformat() == "2024-05-01" and regel.locatie.capaciteit == 500


def _correctie(scores: dict[str, str], kolom: str = "ses_woa") -> str:
    """A semicolon CSV as Dutch Excel saves it (decimal commas allowed)."""
    return f"gemeentecode;{kolom}\n" + "".join(f"{code};{score}\n" for code, score in scores.items())


def test_correction_scores_become_factors(csv_file: CsvFile) -> None:
    scores = {g.code: "0" for g in LIJST}
    scores["GM0917"] = "-0,30"
    correctie = lees_correctie(csv_file("c.csv", _correctie(scores)), LIJST)
    assert correctie.soort is Correctiesoort.ses_woa
    assert correctie.factoren["GM0917"] == Fraction(7, 10)
    assert correctie.factoren["GM0014"] == 1


def test_correction_missing_municipalities_are_each_named(csv_file: CsvFile) -> None:
    scores = {g.code: "0.1" for g in LIJST[2:]}
    scores["GM9999"] = "0.2"
    with pytest.raises(InputError) as error:
        lees_correctie(csv_file("c.csv", _correctie(scores)), LIJST)
    berichten = [p.message for p in error.value.problems]
    assert sum("ontbreekt" in b for b in berichten) == 2
    assert any(LIJST[0].naam in b for b in berichten) and any(LIJST[1].naam in b for b in berichten)
    assert any(p.field == "gemeentecode" and p.row == len(scores) + 1 for p in error.value.problems)


def test_correction_out_of_domain_and_ambiguous_columns(csv_file: CsvFile) -> None:
    scores = {g.code: "0" for g in LIJST}
    scores["GM0014"] = "1.5"
    with pytest.raises(InputError) as error:
        lees_correctie(csv_file("c.csv", _correctie(scores)), LIJST)
    assert _problemen(error) == {(2, "ses_woa")}
    with pytest.raises(InputError, match="precies een"):
        lees_correctie(csv_file("d.csv", "gemeentecode;ses_woa;factor\nGM0014;0;1\n"), LIJST)
    factoren = lees_correctie(csv_file("f.csv", _correctie({g.code: "1.25" for g in LIJST}, "factor")), LIJST)
    assert factoren.soort is Correctiesoort.factor and factoren.factoren["GM0014"] == Fraction(5, 4)


def test_plan_rows_are_checked(csv_file: CsvFile) -> None:
    path = csv_file(
        "p.csv", "gemeente,plaatsen,amv\nUtrecht,500,40\nGM0014,-1,\nAmersfort,10,\nUtrecht,5,9\n"
    )
    with pytest.raises(InputError) as error:
        lees_plan(path, LIJST)
    assert {(3, "plaatsen"), (4, "gemeente"), (5, "amv"), (5, "gemeente")} <= _problemen(error)
    plan = lees_plan(csv_file("q.csv", "gemeente,plaatsen\nUtrecht,500\n"), LIJST)
    assert plan.regels["GM0344"].plaatsen == 500 and plan.regels["GM0344"].amv is None


def test_embedded_estimates_have_dates_and_sources() -> None:
    eerste, *_, laatste = ramingen()
    assert (eerste.totaal, eerste.amv, eerste.datum.isoformat()) == (96_000, 8_140, "2024-02-01")
    assert laatste.totaal == 88_000 and laatste.datum.year == 2026
    assert all(r.bron for r in ramingen())
