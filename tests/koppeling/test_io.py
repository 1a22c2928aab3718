"""Reading input: bad files are reported with file, row and field; nothing is half-read."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from doorstroom.koppeling import io
from doorstroom.koppeling.core.domain import RegioSoort
from doorstroom.koppeling.service import Verzoek, laad
from doorstroom.platform.errors import InputError
from doorstroom.reference.io import embedded_gemeenten
from tests.koppeling.conftest import HUISHOUDENS

BEKEND = {g.code: g for g in embedded_gemeenten()}
PROVINCIES = {g.provincie for g in embedded_gemeenten()}


def _problemen(error: pytest.ExceptionInfo[InputError]) -> list[tuple[int | None, str | None]]:
    return [(p.row, p.field) for p in error.value.problems]


def test_valid_files_load(invoer: tuple[Path, Path]) -> None:
    instantie = laad(Verzoek(*invoer))[0]
    assert [h.grootte for h in instantie.huishoudens] == [1, 4, 1]
    assert instantie.huishoudens[1].netwerk_gemeenten == frozenset({"GM0344"})
    assert instantie.gemeenten[0].woningen == (2, 1, 1, 0)
    assert not instantie.synthetisch


def test_missing_column_is_named(csv_file: Callable[[str, str], Path]) -> None:
    path = csv_file("h.csv", "huishouden_id,volwassenen,opvang_gemeente\nH1,1,GM0363\n")
    with pytest.raises(InputError) as error:
        io.lees_huishoudens(path, BEKEND, PROVINCIES)
    assert _problemen(error) == [(1, "kinderen")]
    assert error.value.problems[0].file == str(path)


def test_every_bad_row_is_reported(csv_file: Callable[[str, str], Path]) -> None:
    content = (
        HUISHOUDENS
        + "H4,-1,0,,,GM0363,,,,,\nH5,1,0,,,GM9999,,,,,\nH6,1,x,,,GM0363,,,,,\nH1,1,0,,,GM0363,,,,,\n"
    )
    path = csv_file("h.csv", content)
    with pytest.raises(InputError) as error:
        io.lees_huishoudens(path, BEKEND, PROVINCIES)
    assert _problemen(error) == [(5, "volwassenen"), (6, "opvang_gemeente"), (7, "kinderen")]


def test_duplicate_ids_are_reported(csv_file: Callable[[str, str], Path]) -> None:
    path = csv_file("h.csv", HUISHOUDENS + "H1,1,0,,,GM0363,,,,,\n")
    with pytest.raises(InputError) as error:
        io.lees_huishoudens(path, BEKEND, PROVINCIES)
    assert _problemen(error) == [(5, "huishouden_id")]


def test_list_lengths_must_match_adults(csv_file: Callable[[str, str], Path]) -> None:
    path = csv_file("h.csv", HUISHOUDENS.replace("middelbaar|basis", "middelbaar"))
    with pytest.raises(InputError) as error:
        io.lees_huishoudens(path, BEKEND, PROVINCIES)
    assert _problemen(error) == [(3, "opleidingen")]


def test_half_filled_dwellings_and_unknown_code_in_capacity(csv_file: Callable[[str, str], Path]) -> None:
    path = csv_file("c.csv", "gemeentecode,capaciteit,woningen_1\nGM0363,4,2\nGM9999,1,\nGM0599,-2,\n")
    with pytest.raises(InputError) as error:
        io.lees_capaciteit(path, BEKEND, {code: "x" for code in BEKEND})
    assert _problemen(error) == [(2, "woningen_2"), (3, "gemeentecode"), (4, "capaciteit")]


def test_malformed_csv_is_an_input_error(csv_file: Callable[[str, str], Path]) -> None:
    path = csv_file("h.csv", 'huishouden_id,volwassenen,kinderen,opvang_gemeente\n"H1,1,0,GM0363\n')
    with pytest.raises(InputError):
        io.lees_huishoudens(path, BEKEND, PROVINCIES)


def test_labour_market_regions_work_out_of_the_box() -> None:
    indeling = io.regio_indeling(embedded_gemeenten(), RegioSoort.arbeidsmarktregio)
    assert indeling["GM0344"] == "Midden-Utrecht" and len(set(indeling.values())) == 35


def test_region_kind_without_data_is_explicit() -> None:
    zonder = [replace(g, arbeidsmarktregio=None) for g in embedded_gemeenten()]
    with pytest.raises(InputError, match="arbeidsmarktregio"):
        io.regio_indeling(zonder, RegioSoort.arbeidsmarktregio)
    with pytest.raises(InputError, match="regiobestand"):
        io.regio_indeling(embedded_gemeenten(), RegioSoort.bestand)


def test_region_file_maps_every_municipality(csv_file: Callable[[str, str], Path]) -> None:
    regels = "".join(f"{g.code},COA-{i % 5}\n" for i, g in enumerate(embedded_gemeenten()))
    path = csv_file("regio.csv", "gemeentecode,regio\n" + regels)
    indeling = io.regio_indeling(embedded_gemeenten(), RegioSoort.bestand, io.lees_regios(path, BEKEND))
    assert set(indeling.values()) == {f"COA-{i}" for i in range(5)}


def test_written_instance_reads_back(tmp_path: Path) -> None:
    from doorstroom.koppeling.core.synthetic import synthetisch

    instantie = synthetisch(embedded_gemeenten(), 30, seed=5)
    paden = io.schrijf_instantie(instantie, tmp_path)
    terug = laad(Verzoek(paden[0], paden[1], paden[2]))[0]
    assert terug.synthetisch
    assert terug.huishoudens == instantie.huishoudens
    assert [g.capaciteit for g in terug.gemeenten] == [g.capaciteit for g in instantie.gemeenten]
    assert terug.vraag == instantie.vraag


def test_maximum_below_capacity_is_named(csv_file: Callable[[str, str], Path]) -> None:
    path = csv_file("c.csv", "gemeentecode,capaciteit,maximum\nGM0363,4,6\nGM0599,4,3\nGM0344,2,\n")
    with pytest.raises(InputError) as error:
        io.lees_capaciteit(path, BEKEND, {code: "x" for code in BEKEND})
    assert _problemen(error) == [(3, "maximum")]
    assert error.value.problems[0].file == str(path)


def test_maximum_is_optional_and_read(csv_file: Callable[[str, str], Path]) -> None:
    path = csv_file("c.csv", "gemeentecode,capaciteit,maximum\nGM0363,4,6\nGM0344,2,\n")
    gemeenten, _ = io.lees_capaciteit(path, BEKEND, {code: "x" for code in BEKEND})
    assert [(g.capaciteit, g.maximum, g.bovengrens) for g in gemeenten] == [(4, 6, 6), (2, None, 2)]
