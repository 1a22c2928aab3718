"""Stored runs: inputs, settings and results are kept; a person accepts or overrides proposals."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine

from doorstroom import audit
from doorstroom.db import transaction
from doorstroom.errors import InputError, NotFound
from doorstroom.koppeling import repository, service


def _run(engine: Engine, invoer: tuple[Path, Path]) -> int:
    uitkomst = service.voorstel(service.Verzoek(*invoer), engine)
    assert uitkomst.run_id is not None
    return uitkomst.run_id


def test_run_keeps_inputs_settings_and_results(engine: Engine, invoer: tuple[Path, Path]) -> None:
    run_id = _run(engine, invoer)
    with transaction(engine) as session:
        run = repository.run(session, run_id)
        assert run is not None
        assert run.solver == "highs" and run.status == "optimal"
        assert run.instellingen["gewichten"]["regio"] == 3.0
        assert [h["huishouden_id"] for h in run.invoer["huishoudens"]] == ["H1", "H2", "H3"]
        assert {v.huishouden_id: v.gemeentecode for v in run.voorstellen}["H3"] == "GM0014"
        assert [r.object_type for r in audit.trail(session)] == ["koppeling_run"]


def test_accept_and_override_with_reason(engine: Engine, invoer: tuple[Path, Path]) -> None:
    run_id = _run(engine, invoer)
    geaccepteerd = service.beoordeel(engine, run_id, "H1", "A. Jansen")
    assert geaccepteerd["beoordeling"] == "geaccepteerd"
    overschreven = service.beoordeel(
        engine, run_id, "H2", "B. de Vries", gemeentecode="GM0344", toelichting="netwerk in Utrecht"
    )
    assert overschreven["beoordeling"] == "overschreven" and overschreven["definitief"] == "GM0344"
    assert service.runs(engine)[0]["open"] == 1


def test_override_must_respect_capacity_ties_and_reason(engine: Engine, invoer: tuple[Path, Path]) -> None:
    run_id = _run(engine, invoer)
    with pytest.raises(InputError) as error:
        service.beoordeel(engine, run_id, "H3", "A. Jansen", gemeentecode="GM0363")
    velden = [p.message for p in error.value.problems]
    assert any("toelichting" in m for m in velden) and any("harde binding" in m for m in velden)
    with pytest.raises(InputError, match="doet niet mee"):
        service.beoordeel(engine, run_id, "H1", "A. Jansen", gemeentecode="GM0200", toelichting="x")
    with pytest.raises(NotFound):
        service.beoordeel(engine, run_id, "ONBEKEND", "A. Jansen")
