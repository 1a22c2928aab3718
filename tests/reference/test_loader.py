"""The embedded CBS facts and loading a user's (newer) municipality list."""

from __future__ import annotations

from pathlib import Path

import pytest

from doorstroom.platform.errors import InputError
from doorstroom.reference.core.domain import compare
from doorstroom.reference.io import embedded_gemeenten, embedded_provincies, load_gemeenten

HEADER = "gemeentecode,gemeentenaam,provincie,inwoners,woningvoorraad\n"


def write(tmp_path: Path, body: str, name: str = "gemeenten.csv") -> Path:
    path = tmp_path / name
    path.write_text(HEADER + body, encoding="utf-8")
    return path


def test_embedded_list_matches_cbs_totals() -> None:
    gemeenten = embedded_gemeenten()
    assert len(gemeenten) == 342
    assert sum(g.inwoners for g in gemeenten) == 17_942_942
    provincies = embedded_provincies()
    assert len(provincies) == 12
    for provincie in provincies:
        eigen = [g for g in gemeenten if g.provincie == provincie.naam]
        assert len(eigen) == provincie.aantal_gemeenten
        assert sum(g.inwoners for g in eigen) == provincie.inwoners_som_gemeenten


def test_every_problem_is_named_with_row_and_field(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "GM0001,Een,Utrecht,100,40\n"
        "GM0001,Twee,Utrecht,200,80\n"
        "GM0003,Drie,Atlantis,300,90\n"
        "GM0004,Vier,Utrecht,-5,10\n"
        "XX12,Vijf,Utrecht,10,1\n"
        "GM0006,Zes,Utrecht,veel,1\n",
    )
    with pytest.raises(InputError) as info:
        load_gemeenten(path)
    found = {(p.row, p.field) for p in info.value.problems}
    assert {
        (3, "gemeentecode"),
        (4, "provincie"),
        (5, "inwoners"),
        (6, "gemeentecode"),
        (7, "inwoners"),
    } <= found
    assert all(p.file == str(path) for p in info.value.problems)


def test_missing_column_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "g.csv"
    path.write_text("gemeentecode,gemeentenaam,inwoners\nGM0001,Een,5\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_gemeenten(path)
    assert [(p.row, p.field) for p in info.value.problems] == [(1, "provincie")]


def test_cbs_statline_column_names_and_semicolons_are_accepted(tmp_path: Path) -> None:
    path = tmp_path / "cbs.csv"
    path.write_text(
        "Codering_3;Gemeentenaam_1;provincie;AantalInwoners_5\nGM0344;Utrecht;Utrecht;374238\n",
        encoding="utf-8",
    )
    [utrecht] = load_gemeenten(path)
    assert (utrecht.code, utrecht.inwoners) == ("GM0344", 374_238)


def test_merger_reports_disappeared_codes(tmp_path: Path) -> None:
    oud = list(embedded_gemeenten())
    nieuw = [g for g in oud if g.code not in {"GM0014", "GM0037"}]
    verschil = compare(oud, nieuw)
    assert [g.code for g in verschil.verdwenen] == ["GM0014", "GM0037"]
    assert not verschil.nieuw and not verschil.hernoemd and not verschil.ongewijzigd
