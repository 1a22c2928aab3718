"""The chain's shared forecast in the browser (issue 20, item 8): a trial stays its maker's until a
national planner marks one, with a reason, and every page says which forecast it shows and why."""

from __future__ import annotations

import io

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from sqlalchemy import Engine

from doorstroom.accounts.domain import Gebruiker, Rol
from doorstroom.prognose import service as prognose
from tests.gebruikers import SYSTEEM
from tests.web.conftest import formtoken, meld_aan, meld_af

COA = Gebruiker("coa", Rol.coa)


def _bewaar(engine: Engine, wie: Gebruiker, naam: str) -> int:
    verzoek = prognose.Runverzoek(prognose.standaard(), naam, paden=5, maanden=2, seed=7)
    return prognose.bereken_en_bewaar(engine, wie, verzoek)


@pytest.fixture
def proef(engine: Engine, gebruikers: dict[str, str]) -> dict[str, int]:
    return {
        "ingebouwd": _bewaar(engine, SYSTEEM, "standaardprognose"),
        "proef": _bewaar(engine, COA, "test minder instroom"),
    }


def _prognosekop(html: str) -> str:
    begin = html.index('id="prognose-kop"')
    return html[begin : html.index("</p>", html.index('id="gedeelde-prognose"'))]


def test_a_coa_trial_is_not_the_municipalitys_default(web: TestClient, proef: dict[str, int]) -> None:
    meld_aan(web, "utrecht")
    kop = _prognosekop(web.get("/").text)
    assert "standaardprognose" in kop and "geen gedeelde prognose" in kop
    assert "test minder instroom" not in web.get("/").text
    assert web.get(f"/scenario/prognoses/{proef['proef']}").status_code == 404
    assert web.get(f"/scenario/prognoses/{proef['proef']}/prognose.xlsx").status_code == 404


def test_a_national_planner_shares_a_forecast_and_everyone_sees_who_and_when(
    web: TestClient, proef: dict[str, int]
) -> None:
    meld_aan(web, "coa")
    pad = f"/scenario/prognoses/{proef['proef']}"
    token = formtoken(web.get(pad).text.split('action="' + pad + '/delen"', 1)[1])
    assert web.post(pad + "/delen", data={"reden": "x"}, follow_redirects=False).status_code == 403
    leeg = web.post(pad + "/delen", data={"csrf": token, "reden": " "}, follow_redirects=False)
    assert leeg.status_code == 422 and "reden" in leeg.text
    gedeeld = web.post(
        pad + "/delen", data={"csrf": token, "reden": "voorjaarsplanning"}, follow_redirects=False
    )
    assert gedeeld.status_code == 303
    assert "Dit is de gedeelde prognose van de keten" in web.get(pad).text
    meld_af(web)
    meld_aan(web, "utrecht")
    kop = _prognosekop(web.get("/").text)
    assert (
        "test minder instroom" in kop
        and "aangewezen door gebruiker:coa" in kop
        and "voorjaarsplanning" in kop
    )
    assert "Aanwijzen als gedeelde prognose" not in web.get(pad).text
    token = formtoken(web.get("/").text)
    assert web.post(pad + "/delen", data={"csrf": token, "reden": "wij ook"}).status_code == 403


def test_the_workbook_names_the_forecast_it_holds(web: TestClient, proef: dict[str, int]) -> None:
    meld_aan(web, "coa")
    inhoud = web.get(f"/scenario/prognoses/{proef['proef']}/prognose.xlsx").content
    blad = load_workbook(io.BytesIO(inhoud)).worksheets[0]
    teksten = [str(c.value) for rij in blad.iter_rows(max_row=3) for c in rij if c.value]
    assert any("Prognose 'test minder instroom'" in t for t in teksten), teksten
