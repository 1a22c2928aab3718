"""A run with its report beside the greedy baseline, kept with the run; and the room left per municipality.

The report (:func:`doorstroom.koppeling.explain.rapport.rapport`) needs the full households (education,
sectors, network), which a stored run does not keep after solving (only what the hard criteria
need). So when a run is made for review in the web application, both reports — the optimiser's and
the greedy baseline's (current practice) on the same instance — are computed at once and stored
with the run (``invoer["rapporten"]``), as part of creating it; nothing about a decision changes
them. *Room left* is the stored capacity (the maximum, else the batch share) minus the persons the
run places now, decisions included.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from doorstroom.koppeling import repository
from doorstroom.koppeling.explain import rapport as rapportage
from doorstroom.koppeling.models import KoppelingRunRecord
from doorstroom.koppeling.opgeslagen import Opgeslagen, namen_van
from doorstroom.koppeling.solver.registry import solver
from doorstroom.koppeling.voorstel import Verzoek, voorstel
from doorstroom.platform.db import schrijf, transaction
from doorstroom.platform.errors import NotFound
from doorstroom.values.domains import RUNNUMMER


def voorstel_met_rapport(verzoek: Verzoek, engine: Engine) -> int:
    """Solve and store a run (:func:`doorstroom.koppeling.service.voorstel`) with both reports; its id."""
    uitkomst = voorstel(verzoek, engine)
    basis = solver("greedy").los_op(uitkomst.instantie, verzoek.beleid, verzoek.tijdslimiet)
    rapporten = [
        rapportage.rapport(uitkomst.instantie, verzoek.beleid, r).as_dict() for r in (uitkomst.result, basis)
    ]
    run_id = uitkomst.run_id
    assert run_id is not None  # stored: an engine was given

    def met_rapporten(session: Session) -> None:
        run = session.get(KoppelingRunRecord, run_id)
        if run is not None:
            run.invoer = {**run.invoer, "rapporten": rapporten, "capaciteitsbron": uitkomst.capaciteitsbron}

    schrijf(engine, met_rapporten)
    return run_id


def _run(session: Any, run_id: int) -> KoppelingRunRecord:
    RUNNUMMER.check(run_id, field="run")
    run = repository.run(session, run_id)
    if run is None:
        raise NotFound(f"run {run_id} bestaat niet")
    return run


def _geplaatst(opgeslagen: Opgeslagen) -> dict[str, int]:
    """Persons per municipality as the run stands: decided municipality, else the proposal."""
    personen = {v.huishouden_id: v.personen for v in opgeslagen.voorstellen}
    uit: dict[str, int] = {}
    for huishouden, code in opgeslagen.plan().items():
        uit[code] = uit.get(code, 0) + personen[huishouden]
    return uit


def rapporten(engine: Engine, run_id: int) -> list[dict[str, Any]]:
    """The stored reports of a run (optimiser first, greedy second); empty for runs made elsewhere."""
    with transaction(engine) as session:
        return list(_run(session, run_id).invoer.get("rapporten", []))


def ruimte(engine: Engine, run_id: int) -> list[dict[str, object]]:
    """Per municipality of a run: capacity, maximum, persons placed as the run stands, room left
    (a run whose per-household data was removed after its term places nobody any more)."""
    with transaction(engine) as session:
        run = _run(session, run_id)
        namen = namen_van(run)
        geplaatst = _geplaatst(Opgeslagen.van(run, repository.voorstellen(session, run_id)))
        rijen = []
        for record in run.invoer.get("capaciteit", []):
            code = str(record["gemeentecode"])
            grens = int(record.get("maximum") or record["capaciteit"])
            personen = int(geplaatst.get(code, 0))
            rijen.append(
                {
                    "gemeentecode": code,
                    "gemeentenaam": namen.get(code, ""),
                    "capaciteit": int(record["capaciteit"]),
                    "maximum": grens,
                    "geplaatst": personen,
                    "ruimte": grens - personen,
                }
            )
        return rijen
