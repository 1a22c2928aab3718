"""Every filter form submitted as it stands, and every sort link followed (issue 20, item 1).

A case worker met 400 "Ongeldig verzoek" with English text on the default filters: the "alle"
option of Fase, Status and Provincie sends an empty value, and *Regio* invites leaving the period
blank. Each role opens its pages with the demo data, submits every GET form with the values the
page shows (selects at their chosen or first option), submits it again with each option, and
follows every sort link; every answer must be a page, in Dutch, without command-line syntax.
"""

from __future__ import annotations

import re
import time
from html.parser import HTMLParser
from urllib.parse import urlencode

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from doorstroom.demo import laden
from doorstroom.platform.clock import vandaag
from doorstroom.web.middleware import zonder_lege_parameters
from tests.web.conftest import meld_aan

PAGINAS = {
    "utrecht": ["/dossier", "/dossier/termijnen", "/land", "/regio"],
    "coa": ["/dossier", "/land", "/regio"],
    "prov-utrecht": ["/land", "/regio"],
}
ENGELS = re.compile(r"Input should|String should|Field required|should match pattern|valid integer")


class Formulieren(HTMLParser):
    """The GET forms of a page (action; each field's values, the one shown first), and its ``?`` links."""

    def __init__(self) -> None:
        super().__init__()
        self.formulieren: list[tuple[str, dict[str, list[str]]]] = []
        self.links: list[str] = []
        self._select: list[str] | None = None
        self._optie: tuple[bool, str | None] | None = None  # (selected, value attribute)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form" and a.get("method", "get").lower() == "get" and a.get("action"):
            self.formulieren.append((a["action"], {}))
        elif tag == "a" and a.get("href", "").startswith("?"):
            self.links.append(a["href"])
        elif self.formulieren and tag == "input" and a.get("name"):
            self.formulieren[-1][1][a["name"]] = [a.get("value", "")]
        elif self.formulieren and tag == "select":
            self._select = self.formulieren[-1][1].setdefault(a.get("name", ""), [])
        elif self._select is not None and tag == "option":
            self._optie = ("selected" in a, dict(attrs).get("value"))

    def handle_data(self, data: str) -> None:
        if self._select is None or self._optie is None:
            return
        gekozen, waarde = self._optie
        tekst = data.strip() if waarde is None else waarde
        self._select.insert(0, tekst) if gekozen else self._select.append(tekst)
        self._optie = None

    def handle_endtag(self, tag: str) -> None:
        if tag == "option" and self._optie is not None:
            self.handle_data("")
        if tag == "select":
            self._select = None


def _ontleed(html: str) -> Formulieren:
    ontleder = Formulieren()
    ontleder.feed(html)
    return ontleder


def _in_orde(antwoord: object, waar: str) -> None:
    status, tekst = antwoord.status_code, antwoord.text  # type: ignore[attr-defined]
    assert status == 200, (waar, status, tekst[:500])
    assert not ENGELS.search(tekst), (waar, ENGELS.search(tekst))
    assert not re.search(r"(?<![\w-])--[a-z]", re.sub(r"<[^>]+>", " ", tekst)), waar


@pytest.fixture
def demo(engine: Engine, gebruikers: dict[str, str]) -> None:
    laden.vul(engine, vandaag())


@pytest.mark.parametrize("naam", list(PAGINAS))
def test_every_filter_form_works_on_its_defaults_and_each_option(
    web: TestClient, demo: None, naam: str
) -> None:
    meld_aan(web, naam)
    for pad in PAGINAS[naam]:
        pagina = web.get(pad)
        _in_orde(pagina, pad)
        for actie, velden in _ontleed(pagina.text).formulieren:
            standaard = {veld: (keuzes or [""])[0] for veld, keuzes in velden.items()}
            _in_orde(web.get(f"{actie}?{urlencode(standaard)}"), f"{actie} standaard")
            for veld, keuzes in velden.items():
                for keuze in keuzes[1:]:
                    gekozen = urlencode({**standaard, veld: keuze})
                    _in_orde(web.get(f"{actie}?{gekozen}"), f"{actie} {veld}={keuze}")


@pytest.mark.parametrize("naam", ["utrecht", "prov-utrecht"])
def test_every_sort_and_page_link_of_land_in_beeld_works(web: TestClient, demo: None, naam: str) -> None:
    meld_aan(web, naam)
    links = _ontleed(web.get("/land").text).links
    assert len(links) >= 8
    for link in links:
        _in_orde(web.get(f"/land{link}"), link)


def test_a_blank_period_is_the_current_one(web: TestClient, demo: None) -> None:
    meld_aan(web, "prov-utrecht")
    _in_orde(web.get("/regio?per=provincie&periode="), "regio zonder periode")
    _in_orde(web.get("/regio?per=provincie&periode=+"), "regio met een spatie als periode")


def test_empty_and_blank_parameters_are_left_out_and_others_kept() -> None:
    assert zonder_lege_parameters(b"fase=&status=+&zoek=%20&p=2026-1&a") == b"p=2026-1&a"
    assert zonder_lege_parameters(b"provincie=Noord-Holland&&sorteer=status") == (
        b"provincie=Noord-Holland&sorteer=status"
    )


def test_the_scenario_form_accepts_the_values_it_shows(web: TestClient, demo: None) -> None:
    """Unchanged, the form gave 7 errors such as ``taakstelling: '13.000' is dubbelzinnig``."""
    meld_aan(web, "coa")
    html = web.get("/scenario").text
    formulier = html[html.index('<form method="post" action="/scenario"') :]
    formulier = formulier[: formulier.index("</form>")]
    velden = dict(re.findall(r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"', formulier))
    assert velden["p_taakstelling"] == "13.000" and len([v for v in velden if v.startswith("p_")]) > 20
    start = web.post("/scenario", data={**velden, "paden": "50", "maanden": "12"}, follow_redirects=False)
    assert start.status_code == 303, re.findall(r"utrecht-form-field-error-message[^>]*>([^<]+)", start.text)
    for _ in range(600):
        stand = web.get(start.headers["location"] + "/stand")
        if "HX-Redirect" in stand.headers:
            break
        time.sleep(0.1)
    assert "Prognose: " in web.get(stand.headers["HX-Redirect"]).text


def test_whole_numbers_of_the_run_are_read_in_dutch_notation(web: TestClient, demo: None) -> None:
    meld_aan(web, "coa")
    html = web.get("/scenario").text
    token = re.search(r'name="csrf" value="([^"]+)"', html[html.index('action="/scenario"') :])
    assert token
    data = {"csrf": token.group(1), "basis": "standaard", "paden": "1.000.001", "maanden": "12"}
    te_veel = web.post("/scenario", data=data, follow_redirects=False)
    assert te_veel.status_code == 422 and "groter dan" in te_veel.text and "aantal paden" in te_veel.text


def test_a_parameter_outside_the_schema_is_explained_in_dutch(
    web: TestClient, gebruikers: dict[str, str]
) -> None:
    meld_aan(web, "prov-utrecht")
    antwoord = web.get("/land?status=onzin&periode=2026-3")
    assert antwoord.status_code == 400 and not ENGELS.search(antwoord.text)
    tekst = antwoord.text.replace("&#39;", "'")
    assert "status: kies uit 'op schema', 'licht achter' of 'ver achter'" in tekst
    assert "periode: geef een periode als 2026-1" in tekst
