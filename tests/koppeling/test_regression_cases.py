"""Regression cases kept as JSON: input files (``data/invoer``), policies (``data/beleid``), reviews
(``data/beoordeling``). Each case names the bug it pins; it must stay fixed."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine

from doorstroom.koppeling import service
from doorstroom.koppeling.core.domain import Beleid, RegioBinding, RegioSoort
from doorstroom.koppeling.service import Beoordeling, Selectie
from doorstroom.platform.errors import InputError

DATA = Path(__file__).parent / "data"


def _cases(soort: str) -> list[Path]:
    return sorted((DATA / soort).glob("*.json"))


def _verzoek(
    case: dict[str, Any], map_: Path, binding: RegioBinding = RegioBinding.gewicht
) -> service.Verzoek:
    paden = {}
    for naam, inhoud in case["bestanden"].items():
        paden[naam] = map_ / f"{naam}.csv"
        paden[naam].write_text(inhoud, encoding="utf-8")
    return service.Verzoek(
        paden["huishoudens"],
        paden.get("capaciteit"),
        paden.get("arbeidsmarkt"),
        RegioSoort(case.get("opties", {}).get("regiosoort", "provincie")),
        paden.get("regiobestand"),
        beleid=Beleid(regio_binding=binding),
    )


@pytest.mark.parametrize("pad", _cases("invoer"), ids=lambda p: p.stem)
def test_input_case(pad: Path, tmp_path: Path) -> None:
    case = json.loads(pad.read_text(encoding="utf-8"))
    verzoek = _verzoek(case, tmp_path)
    if not case["verwacht"]:
        huishouden = service.laad(verzoek)[0].huishoudens[0]
        assert {veld: getattr(huishouden, veld) for veld in case["huishouden"]} == case["huishouden"]
        return
    with pytest.raises(InputError) as error:
        service.laad(verzoek)
    problemen = error.value.problems
    assert len(problemen) == len(case["verwacht"]), problemen
    for problem, verwacht in zip(problemen, case["verwacht"], strict=True):
        assert problem.file == str(tmp_path / f"{verwacht['bestand']}.csv")
        assert (problem.row, problem.field) == (verwacht["rij"], verwacht["veld"])
        assert problem.message.startswith(verwacht["begint"]), problem.message
        assert "niet" not in verwacht or verwacht["niet"] not in str(error.value)


@pytest.mark.parametrize("pad", _cases("beleid"), ids=lambda p: p.stem)
def test_policy_case(pad: Path, tmp_path: Path) -> None:
    case = json.loads(pad.read_text(encoding="utf-8"))
    for binding, code in case["verwacht"].items():
        uitkomst = service.voorstel(_verzoek(case, tmp_path, RegioBinding(binding)), bewaren=False)
        assert [t.gemeentecode for t in uitkomst.result.assignments] == [code], binding


@pytest.mark.parametrize("pad", _cases("beoordeling"), ids=lambda p: p.stem)
def test_review_case(pad: Path, tmp_path: Path, engine: Engine) -> None:
    case = json.loads(pad.read_text(encoding="utf-8"))
    verzoek = _verzoek(case, tmp_path, RegioBinding(case["regiobinding"]))
    run_id = service.voorstel(verzoek, engine).run_id
    assert run_id is not None
    for stap in case["stappen"]:
        selectie = Selectie(tuple(stap["huishoudens"]))
        beoordeling = Beoordeling(stap["door"], stap.get("toelichting"), stap.get("gemeente"))
        if stap["verwacht"] == "ok":
            service.beoordeel(engine, run_id, selectie, beoordeling)
            continue
        with pytest.raises(InputError) as error:
            service.beoordeel(engine, run_id, selectie, beoordeling)
        assert [p.message for p in error.value.problems] == stap["verwacht"]
    assert len(service.geschiedenis(engine, run_id)) == case["geschiedenis"]
