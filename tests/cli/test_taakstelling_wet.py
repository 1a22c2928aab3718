"""``taakstelling bereken`` by the letter of the law: reference date, rule, national number, mergers."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.cli_helpers import run

Csv = Callable[[str, str], Path]
WIJDEMEREN = (
    "ingangsdatum,gemeentecode,gemeentenaam,onderdelen,inwoners,bron\n"
    "2027-01-01,GM0402,Hilversum,GM0402 GM1696,119500,GS Noord-Holland (voorbeeld)\n"
)


def rows_of(result: object) -> dict[str, dict[str, object]]:
    return {row["gemeentecode"]: row for row in json.loads(result.stdout)}  # type: ignore[attr-defined]


def test_2026_1_without_a_published_number_refuses_and_names_it() -> None:
    result = run("taakstelling", "bereken", "--periode", "2026-1")
    assert result.exit_code == 2
    assert "2026-1" in result.stderr and "geen gepubliceerde landelijke taakstelling" in result.stderr
    assert "--totaal" in result.stderr


def test_2025_2_uses_13000_and_the_population_of_1_january_2024_and_says_both() -> None:
    result = run("taakstelling", "bereken", "--periode", "2025-2", "-f", "json")
    assert result.exit_code == 0, result.output
    rows = rows_of(result)
    assert len(rows) == 342
    utrecht = rows["GM0344"]
    assert (utrecht["landelijk"], utrecht["bevolking_peildatum"], utrecht["regel"]) == (
        13000,
        "2024-01-01",
        "afronden",
    )
    assert utrecht["som_taakstelling"] == sum(row["taakstelling"] for row in rows.values())  # type: ignore[misc]
    assert "landelijke taakstelling: 13.000 (gepubliceerd" in result.stderr
    assert "bevolking op 1 januari 2024" in result.stderr
    assert "som van de gemeenten: 13.010" in result.stderr


def test_a_given_number_that_differs_from_the_published_one_is_used_and_both_are_said() -> None:
    result = run("taakstelling", "bereken", "--periode", "2025-1", "--totaal", "17.700", "-f", "csv")
    assert result.exit_code == 0, result.output
    assert "17.700 (opgegeven totaal; gepubliceerd is 15.000)" in result.stderr


@pytest.mark.parametrize(("regel", "som"), [("wet", 13_164), ("afronden", 13_010), ("hamilton", 13_000)])
def test_every_rule_states_itself_and_its_sum(regel: str, som: int) -> None:
    result = run("taakstelling", "bereken", "-p", "2025-2", "--regel", regel, "-f", "csv")
    assert result.exit_code == 0, result.output
    table = list(csv.DictReader(io.StringIO(result.stdout)))
    assert sum(int(row["taakstelling"]) for row in table) == som
    assert {row["regel"] for row in table} == {regel} and {row["som_taakstelling"] for row in table} == {
        str(som)
    }


def test_2022_needs_the_1_january_2021_population_and_says_how_to_load_it() -> None:
    result = run("taakstelling", "bereken", "-p", "2022-1")
    assert result.exit_code == 2
    assert "1 januari 2021 ontbreekt" in result.stderr and "gemeenten importeer" in result.stderr


def test_a_period_in_2022_uses_the_345_municipality_division(csv_file: Csv) -> None:
    keuze = run("taakstelling", "bereken", "-p", "2022-1", "--bevolking", "2022", "-f", "json")
    assert keuze.exit_code == 0, keuze.output
    assert len(json.loads(keuze.stdout)) == 345 and "niet de wettelijke grondslag" in keuze.stderr
    codes = [row["gemeentecode"] for row in json.loads(keuze.stdout)]
    sleutel = csv_file("inwoners-2021.csv", "gemeentecode,waarde\n" + "".join(f"{c},1000\n" for c in codes))
    eigen = run("taakstelling", "bereken", "-p", "2022-1", "--sleutel", str(sleutel), "-f", "json")
    assert eigen.exit_code == 0, eigen.output
    assert len(json.loads(eigen.stdout)) == 345 and "GM0457" in {
        r["gemeentecode"] for r in json.loads(eigen.stdout)
    }


def test_2027_with_the_merger_file_has_341_and_carries_wijdemeren_arrears_to_hilversum(csv_file: Csv) -> None:
    samenvoegingen = csv_file("herindeling.csv", WIJDEMEREN)
    vorige = csv_file("vorige.csv", "gemeentecode,achterstand\nGM1696,7\nGM0402,3\nGM0344,-2\n")
    result = run(
        "taakstelling", "bereken", "-p", "2027-1", "-t", "10000", "--regel", "wet",
        "--samenvoegingen", str(samenvoegingen), "--vorige", str(vorige), "-f", "json",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    rows = rows_of(result)
    assert len(rows) == 341 and "GM1696" not in rows
    hilversum = rows["GM0402"]
    assert hilversum["inwoners"] == 119_500 and "GS (art. 30" in hilversum["toelichting"]  # type: ignore[operator]
    assert (hilversum["achterstand"], hilversum["achterstand_overgenomen"]) == (10, 7)
    assert rows["GM0344"]["achterstand"] == -2
    assert sum(row["achterstand"] for row in rows.values()) == 8  # type: ignore[misc]


def test_voorne_aan_zee_in_2023_works_without_a_file_and_says_the_sum_stands_in() -> None:
    result = run("taakstelling", "bereken", "-p", "2023-1", "-f", "json")
    assert result.exit_code == 0, result.output
    voorne = rows_of(result)["GM1992"]
    assert voorne["inwoners"] == 17_704 + 40_574 + 14_960
    assert "som van Brielle, Hellevoetsluis en Westvoorne" in voorne["toelichting"]  # type: ignore[operator]
    assert "GM1992 Voorne aan Zee: inwoners: som van" in result.stderr


def test_a_merger_whose_components_do_not_exist_exits_2_naming_every_problem(csv_file: Csv) -> None:
    fout = csv_file(
        "fout.csv",
        "ingangsdatum,gemeentecode,gemeentenaam,onderdelen\n2027-01-01,GM2999,Nergens,GM9998 GM9997\n",
    )
    result = run("taakstelling", "bereken", "-p", "2027-1", "-t", "100", "--samenvoegingen", str(fout))
    assert result.exit_code == 2
    assert "GM9998 bestaat niet" in result.stderr and "GM9997 bestaat niet" in result.stderr
    assert "rij 2" in result.stderr


def test_a_swap_file_shows_as_its_own_column_and_enters_the_corrected_number(csv_file: Csv) -> None:
    ruil = csv_file("ruil.csv", "gemeentecode,wijziging\nGM0344,-10\nGM0307,10\n")
    result = run("taakstelling", "bereken", "-p", "2025-2", "--ruil", str(ruil), "-f", "json")
    assert result.exit_code == 0, result.output
    rows = rows_of(result)
    assert rows["GM0344"]["ruil"] == -10 and rows["GM0307"]["ruil"] == 10
    utrecht = rows["GM0344"]
    assert utrecht["gecorrigeerde_taakstelling"] == utrecht["taakstelling"] - 10  # type: ignore[operator]


@pytest.mark.parametrize(
    ("inhoud", "fragment"),
    [
        ("gemeentecode,wijziging\nGM0344,-10\nGM0307,9\n", "tellen op tot -1"),
        ("gemeentecode,wijziging\nGM0344,-10\nGM9999,10\n", "GM9999 bestaat niet"),
        ("gemeentecode,wijziging\nGM0344,-10\n", "ten minste twee gemeenten"),
    ],
)
def test_a_bad_swap_exits_2(csv_file: Csv, inhoud: str, fragment: str) -> None:
    ruil = csv_file("ruil.csv", inhoud)
    result = run("taakstelling", "bereken", "-p", "2025-2", "--ruil", str(ruil))
    assert result.exit_code == 2 and fragment in result.stderr and "Traceback" not in result.output


def test_published_national_numbers_table() -> None:
    result = run("taakstelling", "landelijk", "-f", "json")
    assert result.exit_code == 0, result.output
    rows = {row["periode"]: row for row in json.loads(result.stdout)}
    assert rows["2019-1"]["eerder_bekendgemaakt"] == 8000 and rows["2023-1"]["gerealiseerd"] == 14296
    assert "2024-2" not in rows and "2026-1" not in rows


@pytest.mark.parametrize(("per", "groepen"), [("arbeidsmarktregio", 35), ("corop", 40)])
def test_regions_work_out_of_the_box_without_unknown_rows(per: str, groepen: int) -> None:
    result = run("taakstelling", "bereken", "-p", "2025-2", "--per", per, "-f", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert len(rows) == groepen and "(onbekend)" not in {row[next(iter(row))] for row in rows}
    assert "onbekend" not in result.stderr


def test_unknown_regions_are_warned_about(csv_file: Csv) -> None:
    lijst = csv_file(
        "lijst.csv", "gemeentecode,gemeentenaam,provincie,inwoners\nGM0344,Utrecht,Utrecht,100\n"
    )
    result = run("taakstelling", "bereken", "-p", "2025-2", "--gemeenten", str(lijst), "--per", "corop")
    assert result.exit_code == 0, result.output
    assert "1 gemeenten zonder coropgebied staan onder '(onbekend)': GM0344 Utrecht" in result.stderr


def test_missing_municipalities_in_a_realisation_file_are_reported(csv_file: Csv) -> None:
    realisatie = csv_file("r.csv", "gemeentecode,maand,gehuisvest\nGM0344,2025-07,5\nGM0363,2025-08,9\n")
    result = run("taakstelling", "bereken", "-p", "2025-2", "--realisatie", str(realisatie), "-f", "json")
    assert result.exit_code == 0, result.output
    assert "geen realisatie gemeld voor 340 van 342 gemeenten" in result.stderr
    rows = rows_of(result)
    assert rows["GM0344"]["realisatie_gemeld"] is True and rows["GM0014"]["realisatie_gemeld"] is False


@pytest.mark.parametrize("naam", ["Utrecht", "GM0344", "utrecht"])
def test_listings_accept_a_municipality_by_name_or_code(naam: str) -> None:
    result = run("taakstelling", "bereken", "-p", "2025-2", "--gemeente", naam, "-f", "json")
    assert result.exit_code == 0, result.output
    assert [row["gemeentecode"] for row in json.loads(result.stdout)] == ["GM0344"]


def test_an_unknown_municipality_lists_the_closest_names() -> None:
    result = run("taakstelling", "bereken", "-p", "2025-2", "--gemeente", "Utreht")
    assert result.exit_code == 2 and "Utrecht" in result.stderr


@pytest.mark.parametrize("totaal", ["²", "١٦٥٠٠", "1_000", "100000000000000000000", "-5", "16.5"])
def test_odd_totals_exit_2_without_traceback(totaal: str) -> None:
    result = run("taakstelling", "bereken", "-p", "2025-2", "--totaal", totaal)
    assert result.exit_code == 2 and "'--totaal'" in result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)
