"""The web application in Debian's Chromium (Playwright): every page per role, axe-core on each, a
screenshot of each (``test-artefacts/web/``), and the chain's full flow from a COA koppeling list to
the municipality's realisation."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine

from doorstroom.demo import laden
from doorstroom.platform.clock import vandaag
from doorstroom.server import create_app
from tests.server import gediend
from tests.web.browser import ARTEFACTEN, CHROMIUM, VLAGGEN, axe_schendingen, vereis_chromium
from tests.web.conftest import GEHEIM, WACHTWOORD

pytestmark = pytest.mark.parametrize("engine", ["sqlite"], indirect=True)

PAGINAS = {
    "utrecht": [
        "/",
        "/land",
        "/gemeente/GM0344",
        "/dossier",
        "/dossier/termijnen",
        "/dossier/tvs",
        "/dossier/signalen",
        "PERSOON",
        "/regio",
        "/scenario",
        "/scenario/prognoses/1",
        "/monitor",
        "/huisvesting/GM0344",
    ],
    "coa": [
        "/",
        "/land",
        "/gemeente/GM0344",
        "/koppeling",
        "/koppeling/runs/1",
        "/dossier",
        "/dossier/aanmeldingen",
        "PERSOON",
        "/regio?per=arbeidsmarktregio",
        "/scenario",
        "/scenario/prognoses/1",
    ],
    "prov-utrecht": [
        "/",
        "/land",
        "/gemeente",
        "/gemeente/GM0344",
        "/regio?per=coropgebied",
        "/scenario",
        "/monitor",
        "/beleid",
        "/beleid/vergelijk?maanden=6",
        "/huisvesting",
    ],
    "beheer": ["/beheer/gebruikers", "/beheer/gebruikers/utrecht/blokkering"],
}
VERBODEN = {
    "utrecht": ["/koppeling", "/beheer/gebruikers", "/dossier/aanmeldingen"],
    "prov-utrecht": ["/dossier", "/koppeling"],
    "beheer": ["/land", "/dossier"],
}


@pytest.fixture
def server(engine: Engine, gebruikers: dict[str, str]) -> Iterator[str]:
    """The application with the demo data, served on a free local port for the length of a test."""
    vereis_chromium()
    laden.vul(engine, vandaag())
    with gediend(create_app(engine, sessiegeheim=GEHEIM)) as basis:
        yield basis


@pytest.fixture
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=VLAGGEN)
        try:
            yield b
        finally:
            b.close()


class Pagina:
    """A browser tab that records console errors and CSP violations, logged in as one user."""

    def __init__(self, browser: Any, basis: str) -> None:
        self.basis, self.fouten = basis, []
        self.page = browser.new_page(viewport={"width": 1280, "height": 900})
        self.page.add_init_script(
            "document.addEventListener('securitypolicyviolation', "
            "e => console.error('CSP ' + e.violatedDirective + ' ' + e.sourceFile))"
        )
        self.page.on("console", lambda m: self.fouten.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.fouten.append(str(e)))

    def meld_aan(self, naam: str) -> None:
        self.open("/aanmelden")
        self.page.fill("#gebruikersnaam", naam)
        self.page.fill("#wachtwoord", WACHTWOORD)
        self.page.click("main button[type=submit]")
        self.page.wait_for_load_state("networkidle")

    def open(self, pad: str) -> int:
        antwoord = self.page.goto(self.basis + pad)
        self.page.wait_for_load_state("networkidle")
        return int(antwoord.status) if antwoord else 0

    def foto(self, naam: str) -> Path:
        ARTEFACTEN.mkdir(parents=True, exist_ok=True)
        pad = ARTEFACTEN / f"{re.sub(r'[^a-z0-9-]+', '_', naam.lower()).strip('_')}.png"
        self.page.screenshot(path=str(pad), full_page=True)
        return pad


def test_every_page_per_role_renders_is_accessible_and_photographed(server: str, browser: Any) -> None:
    problemen: list[str] = []
    for naam, paden in PAGINAS.items():
        tab = Pagina(browser, server)
        tab.open("/aanmelden")
        tab.foto("aanmelden")
        tab.meld_aan(naam)
        for pad in paden:
            label = pad
            if pad == "PERSOON":
                tab.open("/dossier")
                pad = tab.page.locator("table a[href^='/dossier/personen/']").first.get_attribute("href")
                label = "/dossier/persoon"
            status = tab.open(pad)
            if status != 200:
                problemen.append(f"{naam} {pad}: status {status}")
            problemen += [f"{naam} {pad}: {s}" for s in axe_schendingen(tab.page)]
            pad_deel, _, query = label.partition("?")
            tab.foto("-".join(d for d in (naam, pad_deel.strip("/") or "keten", query) if d))
        problemen += [f"{naam}: console: {f}" for f in tab.fouten]
        for pad in VERBODEN.get(naam, []):
            if tab.open(pad) != 403:
                problemen.append(f"{naam} {pad}: verwacht 403")
        tab.page.close()
    assert not problemen, "\n".join(problemen)


def test_a_province_never_sees_a_person(server: str, browser: Any) -> None:
    tab = Pagina(browser, server)
    tab.meld_aan("prov-utrecht")
    tab.open("/gemeente/GM0344")
    assert "Uw rol ziet alleen aantallen" in tab.page.content()
    assert not tab.page.locator("a[href^='/dossier/personen/']").count()
    assert tab.open("/dossier") == 403


def test_full_flow_from_coa_list_to_the_municipalitys_realisation(
    server: str, browser: Any, tmp_path: Path
) -> None:
    vandaag_ = vandaag()
    koppellijst = tmp_path / "koppellijst.csv"
    koppellijst.write_text(
        "huishouden_ref,vnummer,geslachtsnaam,voornamen,geboortedatum,gemeentecode,koppeldatum\n"
        f"FLOW-H-1,8800000001,Stroomtest,Anna,1990-05-01,GM0344,{vandaag_ - timedelta(days=10)}\n"
        f"FLOW-H-1,8800000002,Stroomtest,Bram,1988-03-02,GM0344,{vandaag_ - timedelta(days=10)}\n",
        encoding="utf-8",
    )
    huishoudens = tmp_path / "huishoudens.csv"
    huishoudens.write_text(
        "huishouden_id,volwassenen,kinderen,opvang_gemeente,binding_gemeente,binding\n"
        "FLOW-H-1,2,0,GM0344,GM0344,eerstegraads_familie\n"
        "FLOW-H-2,1,1,GM0307,,\nFLOW-H-3,2,2,GM0363,,\n",
        encoding="utf-8",
    )
    coa = Pagina(browser, server)
    coa.meld_aan("coa")
    coa.open("/dossier")
    coa.page.set_input_files("#koppellijst", str(koppellijst))
    coa.page.click("form[action='/dossier/importeer/koppellijst'] button")
    coa.page.wait_for_load_state("networkidle")
    assert "2 nieuwe personen" in coa.page.content()
    coa.foto("stroom-1-koppellijst")

    coa.open("/koppeling")
    coa.page.set_input_files("#huishoudens", str(huishoudens))
    coa.page.click("form[action='/koppeling/runs'] button")
    coa.page.wait_for_url(re.compile(r".*/koppeling/runs/\d+"), timeout=120_000)
    rij = coa.page.locator("tr", has_text="FLOW-H-1")
    assert "Utrecht" in rij.inner_text()
    coa.foto("stroom-2-koppelrun")
    rij.locator("input[type=checkbox]").check()
    coa.page.fill("#toelichting", "familie in Utrecht; voorstel akkoord")
    coa.page.click("form#beoordelen button[type=submit]")
    coa.page.wait_for_load_state("networkidle")
    assert (
        "familie in Utrecht; voorstel akkoord"
        in coa.page.locator("#geschiedenis").locator("xpath=..").inner_text()
    )
    coa.foto("stroom-3-besluit")

    gemeente = Pagina(browser, server)
    gemeente.meld_aan("utrecht")
    voor = _gehuisvest(gemeente)
    gemeente.open("/dossier?fase=gekoppeld")
    gemeente.page.click("text=Stroomtest, Anna")
    gemeente.page.wait_for_load_state("networkidle")
    gemeente.page.fill("#datum", vandaag_.isoformat())
    gemeente.page.select_option("#g_gemeentecode", "GM0344") if gemeente.page.locator(
        "select#g_gemeentecode"
    ).count() else gemeente.page.fill("#g_gemeentecode", "GM0344")
    gemeente.page.click("#gebeurtenisformulier button[type=submit]")
    gemeente.page.wait_for_load_state("networkidle")
    assert "huisvesting" in gemeente.page.locator("#tijdlijn").locator("xpath=..").inner_text()
    gemeente.page.select_option("#soort", "inburgeringsplicht")
    gemeente.page.wait_for_selector("#g_indicatorInburgeringsplicht")
    gemeente.page.fill("#datum", vandaag_.isoformat())
    gemeente.page.select_option("#g_indicatorInburgeringsplicht", "ja")
    gemeente.page.click("#gebeurtenisformulier button[type=submit]")
    gemeente.page.wait_for_load_state("networkidle")
    assert "inburgeringsplicht" in gemeente.page.locator("#tijdlijn").locator("xpath=..").inner_text()
    gemeente.foto("stroom-4-dossier")
    assert _gehuisvest(gemeente) == voor + 1
    gemeente.foto("stroom-5-realisatie")
    assert not coa.fouten and not gemeente.fouten, coa.fouten + gemeente.fouten


def _gehuisvest(tab: Pagina) -> int:
    tab.open("/gemeente/GM0344")
    tekst = tab.page.locator(".kerncijfer", has_text="Gehuisvest").locator(".kerncijfer__waarde").inner_text()
    return int(tekst.replace(".", ""))


def _tab_tot(tab: Pagina, selector: str, hoogstens: int = 400) -> list[str]:
    """Press Tab until the focused element matches ``selector``; the focused elements on the way."""
    onderweg: list[str] = []
    for _ in range(hoogstens):
        tab.page.keyboard.press("Tab")
        if tab.page.evaluate("s => document.activeElement.matches(s)", selector):
            return onderweg
        onderweg.append(tab.page.evaluate(_BESCHRIJF))
    raise AssertionError(f"{selector} niet bereikbaar met Tab; onderweg: {onderweg[-10:]}")


_BESCHRIJF = """() => {
  const e = document.activeElement, r = e.getBoundingClientRect(), s = getComputedStyle(e);
  return `${e.tagName} ${(e.getAttribute('aria-label') || e.textContent || e.name || '').trim().slice(0, 30)}`
    + (r.width * r.height === 0 ? ' ONZICHTBAAR' : '')
    + (s.outlineStyle === 'none' && s.boxShadow === 'none' ? ' GEEN-FOCUSRAND' : '');
}"""


def test_keyboard_alone_logs_in_navigates_and_decides_a_proposal(server: str, browser: Any) -> None:
    tab = Pagina(browser, server)
    tab.open("/aanmelden")
    tab.page.keyboard.press("Tab")
    assert tab.page.evaluate("document.activeElement.textContent.trim()") == "Naar de inhoud"
    tab.page.keyboard.press("Enter")
    assert tab.page.evaluate("document.activeElement.id") == "inhoud"
    _tab_tot(tab, "#gebruikersnaam", 5)
    tab.page.keyboard.type("coa")
    tab.page.keyboard.press("Tab")
    tab.page.keyboard.type(WACHTWOORD)
    tab.page.keyboard.press("Enter")
    tab.page.wait_for_url(server + "/")

    onderweg = _tab_tot(tab, "a.menu__link[href='/koppeling']")
    assert not [e for e in onderweg if "ONZICHTBAAR" in e or "GEEN-FOCUSRAND" in e], onderweg
    tab.page.keyboard.press("Enter")
    tab.page.wait_for_url(server + "/koppeling")
    _tab_tot(tab, "a[href='/koppeling/runs/1']")
    tab.page.keyboard.press("Enter")
    tab.page.wait_for_load_state("networkidle")

    onderweg = _tab_tot(tab, "#beoordelen input[type=checkbox]:not([disabled])")
    assert not [e for e in onderweg if "ONZICHTBAAR" in e or "GEEN-FOCUSRAND" in e], onderweg
    huishouden = tab.page.evaluate("document.activeElement.value")
    tab.page.keyboard.press("Space")
    _tab_tot(tab, "#toelichting")
    tab.page.keyboard.type("per toetsenbord beoordeeld")
    _tab_tot(tab, "#beoordelen button[type=submit]", 5)
    tab.page.keyboard.press("Enter")
    tab.page.wait_for_load_state("networkidle")
    geschiedenis = tab.page.locator("#geschiedenis").locator("xpath=..").inner_text()
    assert "per toetsenbord beoordeeld" in geschiedenis and huishouden in geschiedenis
    assert not tab.fouten, tab.fouten


def test_the_avg_inspection_is_a_printable_dutch_document_about_one_person(server: str, browser: Any) -> None:
    tab = Pagina(browser, server)
    tab.meld_aan("utrecht")
    tab.open("/dossier")
    tab.page.locator("table a[href^='/dossier/personen/']").first.click()
    tab.page.wait_for_load_state("networkidle")
    tab.page.click("button[name=vorm][value=html]")
    tab.page.wait_for_load_state("networkidle")
    assert tab.page.locator("h1").inner_text() == "Inzage in uw gegevens"
    assert tab.page.locator("text=Wie uw gegevens gebruikte").count() == 1
    assert not axe_schendingen(tab.page)
    tab.foto("utrecht-inzage")
    tab.page.emulate_media(media="print")
    assert not tab.page.locator("nav.menu").is_visible()  # the printed document has no navigation
    pdf = ARTEFACTEN / "utrecht-inzage.pdf"
    tab.page.pdf(path=str(pdf))
    assert pdf.stat().st_size > 1000 and not tab.fouten
