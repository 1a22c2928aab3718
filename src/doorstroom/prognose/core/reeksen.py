"""The series the chain model counts: stocks, flows and derived figures, national and per province.

Every output (tables, JSON, workbooks, fan charts) names its series by these names, so they are
listed once here.
"""

from __future__ import annotations

STOCKS = (
    "ind_wachtrij",
    "vergunninghouders_coa",
    "afgewezen_coa",
    "inburgering",
    "gehuisvest_zonder_plicht",
    "vertrokken",
    "inburgering_geslaagd_totaal",
    "inburgering_niet_geslaagd_totaal",
)
"""Stocks that together hold every person in the model (the last four absorb)."""
ABSORBING = STOCKS[4:]

INFLOWS = ("instroom_eerste_aanvragen", "instroom_herhaalde_aanvragen", "instroom_nareizigers")
FLOWS = (
    *INFLOWS,
    "beslissingen",
    "inwilligingen",
    "afwijzingen",
    "huisvesting_uit_coa",
    "huisvesting_totaal",
    "koppeling_buiten_regio",
    "vertrek",
    "start_inburgering",
    "inburgering_geslaagd",
    "inburgering_niet_geslaagd",
)
DERIVED = (
    "coa_bezetting",
    "instroom_totaal",
    "taak_maand",
    "achterstand",
    "capaciteit",
    "overschrijding",
    "kosten",
)
SERIES = (*STOCKS, *FLOWS, *DERIVED)
"""National series, each (paths, months)."""

REGIO_SERIES = (
    "ind_wachtrij",
    "vergunninghouders_coa",
    "afgewezen_coa",
    "coa_bezetting",
    "capaciteit",
    "overschrijding",
    "huisvesting_totaal",
    "taak_maand",
    "achterstand",
    "koppeling_naar_regio",
    "koppeling_uit_regio",
)
"""Series per province, each (provinces, paths, months); national ones are their sums."""

REEKSNAMEN = {
    "ind_wachtrij": "wachtend op een IND-besluit",
    "vergunninghouders_coa": "vergunninghouders in de opvang",
    "afgewezen_coa": "afgewezen asielzoekers in de opvang",
    "inburgering": "inburgeringsplichtigen die inburgeren",
    "gehuisvest_zonder_plicht": "gehuisvest zonder inburgeringsplicht",
    "vertrokken": "vertrokken",
    "inburgering_geslaagd_totaal": "inburgering geslaagd (totaal)",
    "inburgering_niet_geslaagd_totaal": "inburgering niet geslaagd (totaal)",
    "instroom_eerste_aanvragen": "eerste asielaanvragen per maand",
    "instroom_herhaalde_aanvragen": "herhaalde asielaanvragen per maand",
    "instroom_nareizigers": "nareizigers per maand",
    "beslissingen": "IND-beslissingen per maand",
    "inwilligingen": "inwilligingen per maand",
    "afwijzingen": "afwijzingen per maand",
    "huisvesting_uit_coa": "uit de opvang gehuisvest per maand",
    "huisvesting_totaal": "gehuisvest per maand",
    "koppeling_buiten_regio": "buiten de eigen regio gekoppeld per maand",
    "vertrek": "vertrek per maand",
    "start_inburgering": "gestart met inburgeren per maand",
    "inburgering_geslaagd": "inburgering geslaagd per maand",
    "inburgering_niet_geslaagd": "inburgering niet geslaagd per maand",
    "coa_bezetting": "COA-bezetting (personen)",
    "instroom_totaal": "instroom per maand",
    "taak_maand": "taakstelling per maand",
    "achterstand": "achterstand op de taakstelling",
    "capaciteit": "opvangcapaciteit",
    "overschrijding": "bezetting boven de capaciteit",
    "kosten": "kosten (euro)",
    "koppeling_naar_regio": "naar de regio gekoppeld per maand",
    "koppeling_uit_regio": "uit de regio gekoppeld per maand",
}
"""Every series in words, for titles, captions and column labels (the files keep the names above)."""


def reeksnaam(reeks: str, hoofdletter: bool = False) -> str:
    """A series in words; a title starts with a capital ("COA-bezetting" keeps its own)."""
    tekst = REEKSNAMEN.get(reeks, reeks.replace("_", " "))
    return tekst[:1].upper() + tekst[1:] if hoofdletter else tekst
