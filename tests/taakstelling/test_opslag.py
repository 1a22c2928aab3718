"""The store: fixing is history, later periods go stale and are recomputed, swaps and mergers count."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Engine, func, select

from doorstroom.platform.db import transaction
from doorstroom.taakstelling.models import RuilRecord, TaakstellingRecord, VaststellingRecord
from tests.cli_helpers import run

Csv = Callable[[str, str], Path]


def vaststellen(*args: str) -> dict[str, dict[str, object]]:
    result = run("taakstelling", "vaststellen", *args, "-f", "json")
    assert result.exit_code == 0, result.output
    return {row["gemeentecode"]: row for row in json.loads(result.stdout)}


def aantal(engine: Engine, model: type) -> int:
    with transaction(engine, schrijven=False) as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def test_fixing_again_needs_a_revision_with_a_reason_and_keeps_the_earlier_version(engine: Engine) -> None:
    vaststellen("-p", "2025-1", "--door", "P. Jansen")
    opnieuw = run("taakstelling", "vaststellen", "-p", "2025-1", "-t", "17000")
    assert opnieuw.exit_code == 2 and "al vastgesteld (versie 1, 15.000, door P. Jansen" in opnieuw.stderr
    zonder_reden = run("taakstelling", "vaststellen", "-p", "2025-1", "-t", "17000", "--herzien")
    assert zonder_reden.exit_code == 2 and "--reden" in zonder_reden.stderr
    assert aantal(engine, VaststellingRecord) == 1
    herzien = vaststellen(
        "-p", "2025-1", "-t", "17700", "--herzien", "--reden", "eerdere circulaire", "--door", "K. Bakker"
    )
    assert herzien["GM0344"]["landelijk"] == 17700
    geschiedenis = run("taakstelling", "geschiedenis", "-p", "2025-1", "-f", "json")
    versies = json.loads(geschiedenis.stdout)
    assert [(v["versie"], v["door"], v["reden"], v["landelijk"], v["huidig"]) for v in versies] == [
        (1, "P. Jansen", "", 15000, False),
        (2, "K. Bakker", "eerdere circulaire", 17700, True),
    ]
    assert aantal(engine, TaakstellingRecord) == 2 * 342


def test_a_realisation_import_marks_later_fixed_periods_stale_and_herbereken_fixes_them(
    engine: Engine, csv_file: Csv
) -> None:
    vaststellen("-p", "2025-1")
    vaststellen("-p", "2025-2")
    vaststellen("-p", "2026-1", "-t", "16500")
    realisatie = csv_file("r.csv", "gemeentecode,maand,gehuisvest\nGM0344,2025-03,40\n")
    result = run("taakstelling", "importeer", "realisatie", str(realisatie))
    assert result.exit_code == 0, result.output
    assert "2025-2 (versie 1) is verouderd" in result.stderr
    assert "2026-1 (versie 1) is verouderd" in result.stderr, "the chain: 2025-2's carry-over changes too"
    assert "doorstroom taakstelling herbereken --periode 2025-2" in result.stderr
    stale = json.loads(run("taakstelling", "geschiedenis", "-f", "json").stdout)
    assert [v["periode"] for v in stale if v["verouderd"]] == ["2025-2", "2026-1"]
    herberekend = run("taakstelling", "herbereken", "-p", "2025-2", "--reden", "realisatie maart")
    assert herberekend.exit_code == 0, herberekend.output
    assert "2026-1 (versie 1) is verouderd" in herberekend.stderr
    assert run("taakstelling", "herbereken", "-p", "2026-1").exit_code == 0
    assert not [
        v for v in json.loads(run("taakstelling", "geschiedenis", "-f", "json").stdout) if v["verouderd"]
    ]
    toezicht = json.loads(
        run("taakstelling", "toezicht", "-p", "2025-2", "-g", "Utrecht", "-f", "json").stdout
    )
    utrecht_2025_1 = json.loads(
        run("taakstelling", "toezicht", "-p", "2025-1", "-g", "Utrecht", "-f", "json").stdout
    )
    assert toezicht[0]["achterstand"] == utrecht_2025_1[0]["achterstand_nu"]


def test_revising_an_earlier_period_marks_the_later_one_stale(engine: Engine) -> None:
    vaststellen("-p", "2025-1")
    vaststellen("-p", "2025-2")
    result = run(
        "taakstelling", "vaststellen", "-p", "2025-1", "-t", "17700", "--herzien", "--reden", "circulaire"
    )
    assert result.exit_code == 0 and "2025-2 (versie 1) is verouderd" in result.stderr


def test_a_recorded_swap_is_a_column_of_supervision_and_enters_the_corrected_number(
    engine: Engine, csv_file: Csv
) -> None:
    vaststellen("-p", "2025-2")
    ruil = csv_file("ruil.csv", "gemeentecode,wijziging\nGM0344,-12\nGM0307,12\n")
    result = run("taakstelling", "ruil", str(ruil), "-p", "2025-2", "--kenmerk", "regio Utrecht 2025-06-01")
    assert result.exit_code == 0, result.output
    rows = {
        r["gemeentecode"]: r
        for r in json.loads(run("taakstelling", "toezicht", "-p", "2025-2", "-f", "json").stdout)
    }
    assert rows["GM0344"]["ruil"] == -12 and rows["GM0307"]["ruil"] == 12
    assert rows["GM0344"]["gecorrigeerde_taakstelling"] == rows["GM0344"]["taakstelling"] - 12
    assert sum(r["ruil"] for r in rows.values()) == 0
    lijst = json.loads(run("taakstelling", "ruilen", "-p", "2025-2", "-f", "json").stdout)
    assert {(r["gemeentenaam"], r["wijziging"], r["kenmerk"]) for r in lijst} == {
        ("Utrecht", -12, "regio Utrecht 2025-06-01"),
        ("Amersfoort", 12, "regio Utrecht 2025-06-01"),
    }


def test_a_bad_swap_exits_2_naming_every_problem_and_stores_nothing(engine: Engine, csv_file: Csv) -> None:
    ruil = csv_file("ruil.csv", "gemeentecode,wijziging\nGM0344,-12\nGM9999,10\nGM0307,1\n")
    result = run("taakstelling", "ruil", str(ruil), "-p", "2025-2", "--kenmerk", "x")
    assert result.exit_code == 2
    assert (
        "rij 3" in result.stderr
        and "GM9999 bestaat niet" in result.stderr
        and "tellen op tot -1" in result.stderr
    )
    assert aantal(engine, RuilRecord) == 0


def test_a_swap_may_not_take_a_number_below_zero(engine: Engine, csv_file: Csv) -> None:
    vaststellen("-p", "2025-2")
    ruil = csv_file("ruil.csv", "gemeentecode,wijziging\nGM0088,-500\nGM0344,500\n")
    result = run("taakstelling", "ruil", str(ruil), "-p", "2025-2", "--kenmerk", "x")
    assert result.exit_code == 2 and "GM0088 Schiermonnikoog" in result.stderr and "negatief" in result.stderr


def test_mergers_carry_arrears_to_the_successor_and_supervision_shows_it(
    engine: Engine, csv_file: Csv
) -> None:
    samenvoeging = csv_file(
        "s.csv",
        "ingangsdatum,gemeentecode,gemeentenaam,onderdelen,inwoners\n"
        "2027-01-01,GM0402,Hilversum,GM0402 GM1696,119500\n",
    )
    assert run("gemeenten", "samenvoegen", str(samenvoeging)).exit_code == 0
    vorig = vaststellen("-p", "2026-2", "-t", "10000")
    assert len(vorig) == 342
    realisatie = csv_file("r.csv", "gemeentecode,maand,gehuisvest\nGM1696,2026-08,2\nGM0402,2026-09,1\n")
    assert run("taakstelling", "importeer", "realisatie", str(realisatie)).exit_code == 0
    oud = {
        r["gemeentecode"]: r
        for r in json.loads(run("taakstelling", "toezicht", "-p", "2026-2", "-f", "json").stdout)
    }
    nieuw = vaststellen("-p", "2027-1", "-t", "10000")
    assert len(nieuw) == 341 and "GM1696" not in nieuw
    hilversum = nieuw["GM0402"]
    assert hilversum["achterstand"] == oud["GM0402"]["achterstand_nu"] + oud["GM1696"]["achterstand_nu"]
    assert hilversum["achterstand_overgenomen"] == oud["GM1696"]["achterstand_nu"]
    assert sum(r["achterstand"] for r in nieuw.values()) == sum(r["achterstand_nu"] for r in oud.values())
    toezicht = run("taakstelling", "toezicht", "-p", "2027-1", "-g", "Hilversum", "-f", "json")
    assert json.loads(toezicht.stdout)[0]["achterstand_overgenomen"] == oud["GM1696"]["achterstand_nu"]
    assert "namen achterstand of voorsprong over" in toezicht.stderr


def test_a_merger_recorded_after_fixing_makes_the_period_stale(engine: Engine, csv_file: Csv) -> None:
    vaststellen("-p", "2027-1", "-t", "10000")
    samenvoeging = csv_file(
        "s.csv",
        "ingangsdatum,gemeentecode,gemeentenaam,onderdelen\n2027-01-01,GM0402,Hilversum,GM0402 GM1696\n",
    )
    assert run("gemeenten", "samenvoegen", str(samenvoeging)).exit_code == 0
    geschiedenis = json.loads(run("taakstelling", "geschiedenis", "-f", "json").stdout)
    assert "indeling is gewijzigd" in geschiedenis[0]["verouderd"]
    weigering = run("taakstelling", "herbereken", "-p", "2027-1")
    assert weigering.exit_code == 2 and "als herziening" in weigering.stderr


def test_a_bad_merger_file_stores_nothing(engine: Engine, csv_file: Csv) -> None:
    fout = csv_file(
        "s.csv", "ingangsdatum,gemeentecode,gemeentenaam,onderdelen\n2027-01-01,GM0402,H,GM0402 GM9999\n"
    )
    result = run("gemeenten", "samenvoegen", str(fout))
    assert result.exit_code == 2 and "GM9999 bestaat niet" in result.stderr
    assert "GM0402" not in run("gemeenten", "samenvoegingen", "-f", "csv").stdout


def test_a_loaded_vintage_makes_the_next_year_computable(engine: Engine, tmp_path: Path) -> None:
    from doorstroom.reference.io import embedded_path

    lijst = tmp_path / "gemeenten-2027.csv"
    lijst.write_text(embedded_path("gemeenten.csv").read_text(encoding="utf-8"), encoding="utf-8")
    voor = run("taakstelling", "bereken", "-p", "2028-1", "-t", "10000")
    assert voor.exit_code == 2 and "1 januari 2027 ontbreekt" in voor.stderr
    geladen = run("gemeenten", "importeer", str(lijst), "--peildatum", "2027-01-01")
    assert geladen.exit_code == 0 and "bevolking van 1 januari 2027 bewaard" in geladen.stderr
    na = run("taakstelling", "bereken", "-p", "2028-1", "-t", "10000", "-f", "csv")
    assert na.exit_code == 0, na.output
    assert f"bevolking op 1 januari 2027: {lijst}" in na.stderr


def test_texts_longer_than_their_column_are_refused_the_same_on_both_databases(engine: Engine) -> None:
    lang = run("taakstelling", "vaststellen", "-p", "2025-2", "--door", "x" * 101)
    assert lang.exit_code == 2 and "'--door'" in lang.stderr and "langer dan 100" in lang.stderr
    nul = run("taakstelling", "vaststellen", "-p", "2025-2", "--door", "P.\x00Jansen")
    assert nul.exit_code == 2 and "stuurteken" in nul.stderr
    assert aantal(engine, VaststellingRecord) == 0
