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
