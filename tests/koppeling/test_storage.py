"""Stored runs keep what a review needs and not more; the personal part goes after its term."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine

from doorstroom.koppeling import repository, service
from doorstroom.koppeling.models import KoppelingBesluitRecord, KoppelingVoorstelRecord
from doorstroom.koppeling.service import Beoordeling, Selectie
from doorstroom.platform import audit
from doorstroom.platform.db import transaction
from doorstroom.platform.errors import NotFound


def _run(engine: Engine, invoer: tuple[Path, Path]) -> int:
    uitkomst = service.voorstel(service.Verzoek(*invoer), engine)
    assert uitkomst.run_id is not None
    return uitkomst.run_id


def test_run_keeps_settings_capacity_fingerprints_and_the_facts_of_the_hard_criteria(
    engine: Engine, invoer: tuple[Path, Path]
) -> None:
    run_id = _run(engine, invoer)
    with transaction(engine) as session:
        run = repository.run(session, run_id)
        assert run is not None
        assert run.solver == "highs" and run.status == "optimal"
        assert run.instellingen["gewichten"]["regio"] == 3.0
        assert "huishoudens" not in run.invoer  # no education, sector, network, preference
        assert (
            run.invoer["bestanden"]["huishoudens"]["sha256"]
            == hashlib.sha256(invoer[0].read_bytes()).hexdigest()
        )
        assert run.invoer["regio"]["GM0363"] == "Noord-Holland"
        voorstellen = {v.huishouden_id: v for v in repository.voorstellen(session, run_id)}
        assert voorstellen["H3"].gemeentecode == "GM0014"
        assert (voorstellen["H3"].binding, voorstellen["H3"].binding_gemeente) == ("werkcontract", "GM0014")
        assert voorstellen["H2"].opvang_gemeente == "GM0599" and voorstellen["H2"].personen == 4
        assert [r.object_type for r in audit.trail(session)] == ["koppeling_run"]


def test_stored_run_holds_no_household_reference_outside_its_proposals(
    engine: Engine, invoer: tuple[Path, Path]
) -> None:
    run_id = _run(engine, invoer)
    with transaction(engine) as session:
        run = repository.run(session, run_id)
        assert run is not None
        opgeslagen = json.dumps([run.invoer, run.instellingen, run.conflicten])
        assert not any(ident in opgeslagen for ident in ("H1", "H2", "H3"))


def _verouder(engine: Engine, run_id: int, dagen: int) -> None:
    with transaction(engine) as session:
        run = repository.run(session, run_id)
        assert run is not None
        run.aangemaakt_op = datetime.now(UTC) - timedelta(days=dagen)


def test_opschonen_removes_personal_data_after_the_term_and_keeps_counts(
    engine: Engine, invoer: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    oud, nieuw = _run(engine, invoer), _run(engine, invoer)
    service.beoordeel(engine, oud, Selectie(("H1",)), Beoordeling("A. Jansen"))
    service.beoordeel(engine, oud, Selectie(("H2",)), Beoordeling("A. Jansen", "netwerk", "GM0344"))
    _verouder(engine, oud, 400)
    voor = service.samenvatting(engine, oud)
    assert service.opschonen(engine, proef=True)[0]["run"] == oud
    assert service.voorstellen(engine, oud)  # a trial run removes nothing

    [verwijderd] = service.opschonen(engine)
    assert (verwijderd["run"], verwijderd["huishoudens"], verwijderd["besluiten"]) == (oud, 3, 2)
    assert service.samenvatting(engine, oud) == voor  # the counts per municipality remain
    with pytest.raises(NotFound, match="verwijderd"):
        service.voorstellen(engine, oud)
    with pytest.raises(NotFound, match="verwijderd"):
        service.beoordeel(engine, oud, Selectie(("H1",)), Beoordeling("B. Bakker", "x"))
    with transaction(engine) as session:
        assert not [v for v in repository.voorstellen(session, oud)]
        assert session.query(KoppelingBesluitRecord).count() == 0
        assert session.query(KoppelingVoorstelRecord).filter_by(run_id=nieuw).count() == 3
        regel = [r for r in audit.trail(session) if r.action == "delete"]
        assert [(r.object_type, r.aantal) for r in regel] == [("koppeling_run", 3)]
    runs = {r["run"]: r for r in service.runs(engine)}
    assert runs[oud]["voorstellen"] == 3 and runs[oud]["open"] == 1 and runs[oud]["opgeschoond_op"]
    assert service.opschonen(engine) == []  # nothing left past the term

    monkeypatch.setenv("DOORSTROOM_KOPPELING_BEWAARTERMIJN_DAGEN", "1")
    from doorstroom.platform.settings import get_settings

    get_settings.cache_clear()
    _verouder(engine, nieuw, 2)
    assert [r["run"] for r in service.opschonen(engine)] == [nieuw]
