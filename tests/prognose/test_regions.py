"""Provinces: reception places from a file or the documented default; a user's file is checked."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import numpy as np
import pytest
from sqlalchemy import Engine

from doorstroom.platform.errors import InputError
from doorstroom.prognose import regions, service
from doorstroom.prognose.core.opvang import OpvangProvincie, regios
from doorstroom.prognose.standaard import standaard
from doorstroom.prognose.startstand import laatste_bezetting
from doorstroom.reference.io import embedded_provincies
from doorstroom.spreiding import register
from doorstroom.spreiding.core.opvang import Opvang
from tests.cli_helpers import run
from tests.spreiding.conftest import schrijf_csv, synthetische_locaties


def _write(tmp_path: Path, header: str, rows: list[str]) -> Path:
    path = tmp_path / "opvang.csv"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def test_default_reception_places_follow_population_and_published_occupancy() -> None:
    places = regions.standaard_opvang("2026-01")
    assert len(places) == 12
    assert sum(p.plaatsen for p in places) == pytest.approx(laatste_bezetting("2026-01").waarde)
    assert max(places, key=lambda p: p.plaatsen).provincie == "Zuid-Holland"
    assert all("afgeleid" in p.bron and p.peildatum == "2024-12" for p in places)


def test_places_and_occupancy_give_the_model_its_shares(tmp_path: Path) -> None:
    rows = [f"{p.naam};{100 if p.naam != 'Utrecht' else 1200};{50}" for p in embedded_provincies()]
    places = regions.lees_opvang(_write(tmp_path, "provincie;plaatsen;bezetting", rows))
    model = regions.provincies(places)
    assert model.opvang[model.namen.index("Utrecht")] == pytest.approx(1200 / 2300)
    np.testing.assert_allclose(model.start, 1 / 12)
    assert model.bevolking.sum() == pytest.approx(1.0)


def test_a_weight_key_is_accepted_as_well(tmp_path: Path) -> None:
    rows = [f"{p.naam},{1 if p.naam != 'Utrecht' else 13}" for p in embedded_provincies()]
    model = regions.provincies(regions.lees_opvang(_write(tmp_path, "provincie,gewicht", rows)))
    assert model.opvang[model.namen.index("Utrecht")] == pytest.approx(13 / 24)


def test_user_file_problems_name_file_row_and_field(tmp_path: Path) -> None:
    path = _write(tmp_path, "provincie,gewicht", ["Utrecht,1", "Friesland,2", "Drenthe,-1", "Zeeland,1e308"])
    with pytest.raises(InputError) as caught:
        regions.lees_opvang(path)
    found = {(p.row, p.field): p.message for p in caught.value.problems}
    assert set(found) == {(3, "provincie"), (4, "gewicht"), (5, "gewicht")}
    assert "Fryslân" in found[(3, "provincie")].split(";")[1].split(",")[0]


def test_every_province_once(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="provincie ontbreekt"):
        regions.lees_opvang(_write(tmp_path, "provincie,plaatsen", ["Utrecht,1"]))
    rows = [f"{p.naam},1" for p in embedded_provincies()] + ["Utrecht,2"]
    with pytest.raises(InputError, match="dubbel"):
        regions.lees_opvang(_write(tmp_path, "provincie,plaatsen", rows))


def test_all_zero_places_are_refused(tmp_path: Path) -> None:
    rows = [f"{p.naam},0" for p in embedded_provincies()]
    with pytest.raises(InputError, match="tellen op tot 0"):
        regions.lees_opvang(_write(tmp_path, "provincie,plaatsen", rows))


def test_the_spreiding_input_type_is_plain_data() -> None:
    """The spreiding register can hand over per-province totals without files."""
    places = [
        OpvangProvincie(p.naam, 10.0 * (n + 1), None, "register", "2026-11-01")
        for n, p in enumerate(embedded_provincies())
    ]
    model = regios(places, regions.inwoners())
    assert model.namen == tuple(p.naam for p in embedded_provincies())
    assert model.opvang[-1] == pytest.approx(120 / 780)


def test_reception_from_the_spreiding_register_when_it_has_open_locations(
    engine: Engine, tmp_path: Path
) -> None:
    """Issue 15: reception places per province from the spreiding register when present."""
    scenario = standaard()
    assert service.opvang(None, scenario, engine)[0].bron.startswith("afgeleid")  # empty register: default
    register.importeer(engine, schrijf_csv(tmp_path / "locaties.csv", synthetische_locaties()))
    places = service.opvang(None, scenario, engine)
    on_start = register.opvang_per_provincie(engine, date(2026, 1, 1))
    assert len(places) == 12 and all(p.bron.startswith("spreidingsregister") for p in places)
    assert sum(p.plaatsen for p in places) == sum(o.plaatsen for o in on_start.values())
    model = regions.provincies(places)
    assert model.start_wachtend is not None and model.start_wachtend.sum() == pytest.approx(1.0)
    result = run("prognose", "bereken", "--paden", "20", "--maanden", "2", "--seed", "1", "--format", "json")
    assert result.exit_code == 0, result.output
    plaatsen = {r["provincie"]: r["plaatsen_invoer"] for r in json.loads(result.stdout)["provincie_opgaven"]}
    assert plaatsen == {name: o.plaatsen for name, o in on_start.items()}


def test_register_figures_become_the_plain_input() -> None:
    figures = {
        p.naam: Opvang(locaties=1, plaatsen=100, bezetting=80, vergunninghouders=n)
        for n, p in enumerate(embedded_provincies())
    }
    places = regions.uit_register(figures, date(2026, 1, 1))
    assert [p.vergunninghouders for p in places] == list(range(12))
    assert regions.uit_register({name: Opvang() for name in figures}, date(2026, 1, 1)) == []
