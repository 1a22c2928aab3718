"""``doorstroom spreiding ...`` in process, as a provincial planner would run it."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import Engine

from doorstroom.files.tabular import read_table
from doorstroom.reference.io import embedded_gemeenten
from tests.cli_helpers import run

CsvFile = Callable[[str, str], Path]
Bestand = Callable[..., Path]


def _json(*args: str) -> list[dict[str, object]]:
    result = run("spreiding", *args, "--format", "json")
    assert result.exit_code == 0, result.output
    rows: list[dict[str, object]] = json.loads(result.stdout)
    return rows


def test_96000_places_over_twelve_provinces_in_json() -> None:
    rows = _json("bereken", "--totaal", "96000")
    assert len(rows) == 12
    assert {"provincie", "inwoners", "opgave", "amv"} <= rows[0].keys()
    assert sum(int(str(r["opgave"])) for r in rows) == 96_000
    assert sum(int(str(r["amv"])) for r in rows) == 8_140
    assert all(r["correctie_toegepast"] is False for r in rows)


def test_per_municipality_and_with_the_embedded_estimate() -> None:
    rows = _json("bereken", "--raming", "2024-02-01", "--niveau", "gemeente")
    assert len(rows) == 342
    assert sum(int(str(r["opgave"])) for r in rows) == 96_000
    assert {"gemeentecode", "gemeentenaam", "provincie", "opgave", "amv", "positie"} <= rows[0].keys()


def test_the_output_says_whether_the_correction_was_applied(csv_file: CsvFile) -> None:
    scores = "".join(f"{g.code};{'0,3' if g.naam == 'Bloemendaal' else '0'}\n" for g in embedded_gemeenten())
    correctie = csv_file("ses.csv", "gemeentecode;ses_woa\n" + scores)
    result = run("spreiding", "bereken", "--totaal", "96000", "--correctie", str(correctie), "--niveau",
                 "gemeente", "--format", "json")  # fmt: skip
    assert result.exit_code == 0, result.output
    rows = {r["gemeentenaam"]: r for r in json.loads(result.stdout)}
    assert sum(r["opgave"] for r in rows.values()) == 96_000
    assert (
        rows["Bloemendaal"]["correctie_toegepast"] is True and rows["Bloemendaal"]["correctiefactor"] == 1.3
    )
    assert rows["Bloemendaal"]["opgave"] > 160
    assert "correctie: toegepast" in result.stderr


def test_existing_durable_places_count_and_ter_apel_provides_more(csv_file: CsvFile) -> None:
    locaties = csv_file(
        "l.csv",
        "locatie_id,naam,soort,gemeente,capaciteit,opening\n"
        "TA,Aanmeldcentrum Ter Apel,azc,Westerwolde,2000,2000-01-01\n",
    )
    rows = _json("bereken", "--totaal", "96000", "--locaties", str(locaties), "--niveau", "gemeente")
    westerwolde = next(r for r in rows if r["gemeentenaam"] == "Westerwolde")
    opgave = int(str(westerwolde["opgave"]))
    assert westerwolde["bestaand_duurzaam"] == 2000 and westerwolde["nog_te_realiseren"] == 0
    assert westerwolde["overschot"] == 2000 - opgave and westerwolde["positie"] == "meer"


def test_a_plan_that_adds_up_shows_who_provides_more_and_who_less(csv_file: CsvFile) -> None:
    provincies = {r["provincie"]: r for r in _json("bereken", "--totaal", "96000")}
    zeeland = int(str(provincies["Zeeland"]["opgave"]))
    plan = csv_file("plan.csv", f"gemeente,plaatsen\nMiddelburg (Z.),{zeeland - 100}\nVlissingen,100\n")
    rows = _json("bereken", "--totaal", "96000", "--plan", str(plan), "--niveau", "gemeente")
    middelburg = next(r for r in rows if r["gemeentenaam"] == "Middelburg (Z.)")
    goes = next(r for r in rows if r["gemeentenaam"] == "Goes")
    assert middelburg["positie"] == "meer" and middelburg["aanbod_volgens"] == "plan"
    assert goes["plan"] == 0 and goes["positie"] == "minder"
    utrecht = next(r for r in rows if r["gemeentenaam"] == "Utrecht")
    assert utrecht["plan"] is None and utrecht["aanbod_volgens"] == "bestaand"


def test_a_plan_that_does_not_add_up_is_refused_and_nothing_is_written(
    csv_file: CsvFile, tmp_path: Path
) -> None:
    plan = csv_file("plan.csv", "gemeente,plaatsen\nMiddelburg (Z.),100\n")
    out = tmp_path / "uit.xlsx"
    result = run(
        "spreiding",
        "bereken",
        "--totaal",
        "96000",
        "--plan",
        str(plan),
        "--format",
        "xlsx",
        "--out",
        str(out),
    )
    assert result.exit_code == 2
    assert "plan.csv" in result.stderr and "Zeeland" in result.stderr and "te weinig" in result.stderr
    assert not out.exists() and "Traceback" not in result.output


@pytest.mark.parametrize(
    ("regel", "veld", "tekst"),
    [
        ("L1,Azc,azc,Amsterdm,100,2024-01-01,", "gemeente", "Amsterdam"),
        ("L1,Azc,azc,Amsterdam,-100,2024-01-01,", "capaciteit", "kleiner dan 0"),
        ("L1,Azc,azc,Amsterdam,100,2024-01-01,2023-01-01", "sluiting", "voor opening"),
    ],
)
def test_bad_locations_exit_2_naming_file_row_and_field(
    csv_file: CsvFile, regel: str, veld: str, tekst: str
) -> None:
    path = csv_file("l.csv", "locatie_id,naam,soort,gemeente,capaciteit,opening,sluiting\n" + regel + "\n")
    result = run("spreiding", "bereken", "--totaal", "96000", "--locaties", str(path))
    assert result.exit_code == 2
    assert f"{path}, rij 2, veld '{veld}'" in result.stderr and tekst in result.stderr


def test_a_correction_file_missing_municipalities_names_each(csv_file: CsvFile) -> None:
    scores = "".join(f"{g.code},0\n" for g in list(embedded_gemeenten())[3:])
    result = run(
        "spreiding",
        "bereken",
        "--totaal",
        "96000",
        "--correctie",
        str(csv_file("c.csv", "gemeentecode,ses_woa\n" + scores)),
    )
    assert result.exit_code == 2
    for g in list(embedded_gemeenten())[:3]:
        assert f"gemeente ontbreekt: {g.code} {g.naam}" in result.stderr


@pytest.mark.parametrize(
    ("args", "tekst"),
    [
        ((), "--totaal"),
        (("--raming", "2023-01-01"), "2024-02-01"),
        (("--totaal", "96000", "--raming", "2024-02-01"), "niet allebei"),
        (("--totaal", "-5"), "--totaal"),
        (("--totaal", "96000", "--amv", "100001"), "meer dan het totaal"),
        (("--totaal", "96000", "--amv", "veel"), "percentage"),
        (("--totaal", "96000", "--bevolking", "2023"), "niet ingebouwd"),
        (("--totaal", "96000", "--format", "xlsx"), "--out"),
    ],
)
def test_bad_options_exit_2(args: tuple[str, ...], tekst: str) -> None:
    result = run("spreiding", "bereken", *args)
    assert result.exit_code == 2, result.output
    assert tekst in result.output and "Traceback" not in result.output


def test_amv_as_percentage_and_xlsx_with_explanation(tmp_path: Path) -> None:
    out = tmp_path / "spreiding.xlsx"
    result = run(
        "spreiding", "bereken", "--totaal", "88000", "--amv", "8,5%", "--format", "xlsx", "--out", str(out)
    )
    assert result.exit_code == 0, result.output
    workbook = load_workbook(out)
    assert workbook.sheetnames[1] == "toelichting"
    rows = read_table(out, sheet=workbook.sheetnames[0])  # Dutch labels read back as field names
    assert sum(int(row.values["amv"]) for row in rows) == 7480
    toelichting = {r.values["onderdeel"]: r.values["waarde"] for r in read_table(out, sheet="toelichting")}
    assert "niet toegepast" in str(toelichting["correctie"])


def test_csv_output_is_the_table() -> None:
    result = run("spreiding", "bereken", "--totaal", "96000", "--format", "csv")
    assert result.exit_code == 0
    regels = result.stdout.strip().splitlines()
    assert regels[0].startswith("provincie,gemeenten,inwoners") and len(regels) == 13


def test_register_import_show_and_history(engine: Engine, locatiebestand: Bestand) -> None:
    path = locatiebestand()
    result = run("spreiding", "locaties", "importeer", str(path), "--reden", "eerste stand")
    assert result.exit_code == 0, result.output
    assert "48 nieuw" in result.stderr
    rows = _json("locaties", "toon", "--provincie", "Utrecht")
    assert len(rows) == 4 and all(r["gemeentenaam"] for r in rows)
    historie = _json("locaties", "historie", str(rows[0]["locatie_id"]))
    assert historie[0]["reden"] == "eerste stand" and historie[0]["wijziging"] == "nieuw"
    assert run("spreiding", "locaties", "historie", "GEEN-ID").exit_code == 2
    gesloten = run("spreiding", "locaties", "sluit", str(rows[0]["locatie_id"]), "--datum", "2030-06-30",
                   "--reden", "huurcontract eindigt")  # fmt: skip
    assert gesloten.exit_code == 0, gesloten.output
    assert _json("locaties", "historie", str(rows[0]["locatie_id"]))[-1]["reden"] == "huurcontract eindigt"
    assert (
        run("spreiding", "locaties", "sluit", "GEEN-ID", "--datum", "2030-06-30", "--reden", "x").exit_code
        == 2
    )
    berekend = _json("bereken", "--totaal", "96000")
    assert sum(int(str(r["bestaand_duurzaam"])) for r in berekend) > 0  # the register is used


def test_register_commands_need_a_migrated_database() -> None:
    result = run("spreiding", "locaties", "toon")
    assert result.exit_code == 2 and "db upgrade" in result.stderr


def test_region_view_from_the_command_line(locatiebestand: Bestand) -> None:
    rows = _json("regio", "--totaal", "96000", "--locaties", str(locatiebestand()), "--periode", "2026-2",
                 "--taakstelling", "12000", "--peildatum", "2026-11-24")  # fmt: skip
    assert len(rows) == 12
    assert {"provincie", "plaatsen_nodig", "plaatsen_aanwezig", "bezetting", "vergunninghouders_in_opvang",
            "taakstelling", "huisvesting_in_regio", "buiten_regio"} <= rows[0].keys()  # fmt: skip
    rows = _json("regio", "--raming", "2024-02-01", "--per", "arbeidsmarktregio", "--peildatum", "2025-03-01")
    assert len(rows) == 35 and "arbeidsmarktregio" in rows[0]


def test_embedded_estimates_are_listed() -> None:
    rows = _json("ramingen")
    assert [r["totaal"] for r in rows] == [96_000, 88_000]


def test_correction_factors_of_zero_everywhere_are_refused(csv_file: CsvFile) -> None:
    factoren = "".join(f"{g.code},0\n" for g in embedded_gemeenten())
    path = csv_file("nul.csv", "gemeentecode,factor\n" + factoren)
    result = run("spreiding", "bereken", "--totaal", "96000", "--correctie", str(path))
    assert result.exit_code == 2 and "verdeelsleutel 0" in result.stderr


@pytest.mark.parametrize(
    ("args", "tekst"),
    [
        (("--taakstelling", "99999999999"), "1.000.000"),
        (("--periode", "2026-3"), "--periode"),
        (("--per", "gemeente"), "--per"),
        (("--peildatum", "gisteren"), "--peildatum"),
    ],
)
def test_bad_region_options_exit_2(args: tuple[str, ...], tekst: str) -> None:
    result = run("spreiding", "regio", "--totaal", "96000", *args)
    assert result.exit_code == 2, result.output
    assert tekst in result.output and "Traceback" not in result.output


@pytest.mark.parametrize("inhoud", [b"", b"\x00\xff\xfe binary", b"locatie_id,naam\n"])
def test_unreadable_location_files_exit_2(tmp_path: Path, inhoud: bytes) -> None:
    path = tmp_path / "l.csv"
    path.write_bytes(inhoud)
    result = run("spreiding", "bereken", "--totaal", "96000", "--locaties", str(path))
    assert result.exit_code == 2 and str(path) in result.stderr
