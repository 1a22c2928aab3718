"""A stored forecast is its maker's until a national planner shares it (issue 20, item 8).

Before, one COA user's trial ("test minder instroom") was every role's default on the chain page,
and its workbook was titled after the scenario it started from ("Prognose 'standaard'").
"""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook
from sqlalchemy import Engine, select

from doorstroom.accounts.domain import Gebruiker, Rol
from doorstroom.keten import service as keten
from doorstroom.platform.audit import AuditRecord
from doorstroom.platform.db import transaction
from doorstroom.platform.errors import InputError, NotFound, PermissionDenied
from doorstroom.prognose import service as prognose
from tests.gebruikers import SYSTEEM

PLANNER = Gebruiker("planner", Rol.coa)
COLLEGA = Gebruiker("collega", Rol.coa)
UTRECHT = Gebruiker("utrecht", Rol.gemeente, gemeentecode="GM0344")
PROVINCIE = Gebruiker("prov", Rol.provincie, provincie="Utrecht")


def _bewaar(engine: Engine, wie: Gebruiker, naam: str) -> int:
    verzoek = prognose.Runverzoek(prognose.standaard(), naam, paden=5, maanden=2, seed=7)
    return prognose.bereken_en_bewaar(engine, wie, verzoek)


@pytest.fixture
def proef(engine: Engine) -> dict[str, int]:
    """The server's own forecast (the built-in default), then a planner's trial, stored last."""
    return {
        "ingebouwd": _bewaar(engine, SYSTEEM, "standaardprognose"),
        "proef": _bewaar(engine, PLANNER, "test minder instroom"),
    }


def test_a_users_trial_is_not_everyones_default(engine: Engine, proef: dict[str, int]) -> None:
    for wie in (UTRECHT, PROVINCIE, COLLEGA):
        beeld = keten.ketenbeeld(engine, wie)
        assert beeld.prognose is not None and beeld.prognose["id"] == proef["ingebouwd"], wie
        assert beeld.gedeeld is None
    assert [r["id"] for r in prognose.runs(engine, UTRECHT)] == [proef["ingebouwd"]]
    with pytest.raises(NotFound, match="buiten uw bereik"):
        prognose.document(engine, UTRECHT, proef["proef"])
    with pytest.raises(NotFound):
        prognose.opgeslagen_werkboek(engine, PROVINCIE, proef["proef"])


def test_the_maker_keeps_their_own_and_a_national_planner_sees_every_one(
    engine: Engine, proef: dict[str, int]
) -> None:
    eigen = _bewaar(engine, UTRECHT, "utrecht probeert")
    assert {r["id"] for r in prognose.runs(engine, UTRECHT)} == {eigen, proef["ingebouwd"]}
    assert next(r for r in prognose.runs(engine, UTRECHT) if r["id"] == eigen)["eigen"] is True
    assert {r["id"] for r in prognose.runs(engine, COLLEGA)} == {eigen, *proef.values()}
    assert keten.ketenbeeld(engine, UTRECHT, prognose_id=eigen).prognose["id"] == eigen  # type: ignore[index]


def test_a_planner_shares_a_forecast_with_who_when_and_why_as_history(
    engine: Engine, proef: dict[str, int]
) -> None:
    eerste = prognose.deel(engine, PLANNER, proef["proef"], "planning voorjaar")
    assert (eerste.naam, eerste.door, eerste.reden) == (
        "test minder instroom",
        "gebruiker:planner",
        "planning voorjaar",
    )
    beeld = keten.ketenbeeld(engine, UTRECHT)
    assert beeld.prognose is not None and beeld.prognose["id"] == proef["proef"]
    assert beeld.gedeeld is not None and beeld.gedeeld.door == "gebruiker:planner" and beeld.gedeeld.op
    prognose.deel(engine, COLLEGA, proef["ingebouwd"], "terug naar de standaard")
    historie = prognose.delingen(engine, UTRECHT)
    assert [(d.prognose_id, d.door) for d in historie] == [
        (proef["ingebouwd"], "gebruiker:collega"),
        (proef["proef"], "gebruiker:planner"),
    ]
    with pytest.raises(NotFound):  # no longer shared: the planner's trial again
        prognose.document(engine, UTRECHT, proef["proef"])


def test_sharing_is_audited(engine: Engine, proef: dict[str, int]) -> None:
    gedeeld = prognose.deel(engine, PLANNER, proef["proef"], "planning voorjaar")
    with transaction(engine) as session:
        regels = list(
            session.scalars(select(AuditRecord).where(AuditRecord.object_type == "prognose_deling"))
        )
    assert len(regels) == 1 and regels[0].action == "write"
    assert gedeeld.prognose_id == proef["proef"]


def test_only_a_national_planner_shares_and_always_with_a_reason(
    engine: Engine, proef: dict[str, int]
) -> None:
    for wie in (UTRECHT, PROVINCIE):
        with pytest.raises(PermissionDenied):
            prognose.deel(engine, wie, proef["ingebouwd"], "wij vinden deze beter")
    with pytest.raises(InputError) as fout:
        prognose.deel(engine, PLANNER, proef["proef"], "  ")
    assert fout.value.problems[0].field == "reden"
    with pytest.raises(NotFound):
        prognose.deel(engine, PLANNER, 999, "bestaat niet")
    assert prognose.delingen(engine, PLANNER) == []


def test_withdrawing_the_marking_brings_back_the_built_in_default(
    engine: Engine, proef: dict[str, int]
) -> None:
    prognose.deel(engine, PLANNER, proef["proef"], "planning voorjaar")
    prognose.deel(engine, PLANNER, None, "was een proef")
    beeld = keten.ketenbeeld(engine, UTRECHT)
    assert beeld.gedeeld is None and beeld.prognose is not None
    assert beeld.prognose["id"] == proef["ingebouwd"]


def test_the_workbook_is_titled_with_the_forecast_used(engine: Engine, proef: dict[str, int]) -> None:
    boek = load_workbook(io.BytesIO(prognose.opgeslagen_werkboek(engine, PLANNER, proef["proef"])))
    teksten = [str(c.value) for rij in boek.worksheets[0].iter_rows(max_row=3) for c in rij if c.value]
    assert any("Prognose 'test minder instroom'" in t for t in teksten), teksten
    assert not any("Prognose 'standaard'" in t for t in teksten)
