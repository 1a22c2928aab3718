"""Per-province breakdown: shares add up to the nation; a user's key is checked."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from doorstroom.errors import InputError
from doorstroom.prognose.montecarlo import Resultaat, bereken
from doorstroom.prognose.regions import REGIO_REEKSEN, bevolkingssleutel, lees_sleutel, opgaven, per_provincie
from doorstroom.prognose.scenario_io import standaard
from doorstroom.reference.loader import embedded_provincies


@pytest.fixture(scope="module")
def resultaat() -> Resultaat:
    return bereken(replace(standaard(), maanden=6), paden=100, seed=1)


def test_population_key_covers_twelve_provinces_and_sums_to_one() -> None:
    key = bevolkingssleutel()
    assert len(key.aandelen) == 12
    assert sum(key.aandelen.values()) == pytest.approx(1.0)
    assert max(key.aandelen, key=lambda name: key.aandelen[name]) == "Zuid-Holland"


def test_provinces_add_up_to_the_national_forecast(resultaat: Resultaat) -> None:
    records = per_provincie(resultaat, bevolkingssleutel())
    assert len(records) == 12 * len(REGIO_REEKSEN) * 6
    national = resultaat.kwantielen["coa_bezetting"][1, 0]
    first_month = [r["p50"] for r in records if r["reeks"] == "coa_bezetting" and r["maand"] == "2026-01"]
    assert sum(first_month) == pytest.approx(national)  # type: ignore[arg-type]
    tasks = opgaven(resultaat, bevolkingssleutel())
    total = sum(t["benodigde_taakstelling_per_halfjaar"] for t in tasks)  # type: ignore[misc]
    assert total == pytest.approx(resultaat.benodigde_taakstelling.per_halfjaar)


def test_user_key_is_normalised(tmp_path: Path) -> None:
    path = tmp_path / "sleutel.csv"
    rows = [f"{p.naam};{1 if p.naam != 'Utrecht' else 13}" for p in embedded_provincies()]
    path.write_text("provincie;gewicht\n" + "\n".join(rows) + "\n", encoding="utf-8")
    key = lees_sleutel(path)
    assert key.aandelen["Utrecht"] == pytest.approx(13 / 24)


def test_user_key_problems_name_file_and_field(tmp_path: Path) -> None:
    path = tmp_path / "sleutel.csv"
    path.write_text("provincie,gewicht\nUtrecht,1\nAtlantis,2\nDrenthe,-1\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        lees_sleutel(path)
    assert {(p.row, p.field) for p in caught.value.problems} == {(3, "provincie"), (4, "gewicht")}
    path.write_text("provincie,gewicht\nUtrecht,1\n", encoding="utf-8")
    with pytest.raises(InputError, match="provincie ontbreekt"):
        lees_sleutel(path)
