"""The one door of the prognose: every use case and value a delivery layer (CLI, API, web) needs.

Delivery layers import this module only. The use cases live beside it: one forecast
(:mod:`~doorstroom.prognose.berekening`), how good the model is (:mod:`~doorstroom.prognose.toetsing`:
fit, backtest, sweep), stored forecasts (:mod:`~doorstroom.prognose.opslag`), the chain's shared
forecast (:mod:`~doorstroom.prognose.deling`) and a planner's
adjusted scenario (:mod:`~doorstroom.prognose.aanpassing`); the model itself is ``core/``. Every
command parses its options, calls one function here and renders.
"""

from __future__ import annotations

from doorstroom.prognose import gepubliceerd, opslag
from doorstroom.prognose.aanpassing import aangepast as aangepast
from doorstroom.prognose.aanpassing import basis as basis
from doorstroom.prognose.aanpassing import basisnamen as basisnamen
from doorstroom.prognose.backtest import SCORE_KOLOMMEN as SCORE_KOLOMMEN
from doorstroom.prognose.berekening import binnen as binnen
from doorstroom.prognose.berekening import controleer_run as controleer_run
from doorstroom.prognose.berekening import kies_scenario as kies_scenario
from doorstroom.prognose.berekening import kies_seed as kies_seed
from doorstroom.prognose.berekening import met_doelen as met_doelen
from doorstroom.prognose.berekening import opvang as opvang
from doorstroom.prognose.berekening import prognose as prognose
from doorstroom.prognose.berekening import prognose_kop as prognose_kop
from doorstroom.prognose.berekening import scenario_tekst as scenario_tekst
from doorstroom.prognose.berekening import schrijf_json as schrijf_json
from doorstroom.prognose.berekening import schrijf_scenario as schrijf_scenario
from doorstroom.prognose.berekening import schrijf_uitvoer as schrijf_uitvoer
from doorstroom.prognose.berekening import werkboek as werkboek
from doorstroom.prognose.core import ketenregels
from doorstroom.prognose.core.ketenregels import Ketenregels as Ketenregels
from doorstroom.prognose.core.ketenregels import Nareisregels as Nareisregels
from doorstroom.prognose.core.montecarlo import DEFAULT_PADEN as DEFAULT_PADEN
from doorstroom.prognose.core.montecarlo import Resultaat as Resultaat
from doorstroom.prognose.core.opvang import OpvangProvincie as OpvangProvincie
from doorstroom.prognose.core.reeksen import reeksnaam as reeksnaam
from doorstroom.prognose.core.scenario import SPECS as SPECS
from doorstroom.prognose.core.scenario import FloatArray as FloatArray
from doorstroom.prognose.core.scenario import Scenario as Scenario
from doorstroom.prognose.core.scenario import Wijziging as Wijziging
from doorstroom.prognose.deling import Deling as Deling
from doorstroom.prognose.deling import deel as deel
from doorstroom.prognose.deling import delingen as delingen
from doorstroom.prognose.deling import gedeelde as gedeelde
from doorstroom.prognose.deling import mag_delen as mag_delen
from doorstroom.prognose.deling import voorgekozen as voorgekozen
from doorstroom.prognose.opslag import Runverzoek as Runverzoek
from doorstroom.prognose.opslag import bereken_en_bewaar as bereken_en_bewaar
from doorstroom.prognose.opslag import controleer as controleer
from doorstroom.prognose.opslag import document as document
from doorstroom.prognose.opslag import kwantielen_csv as kwantielen_csv
from doorstroom.prognose.opslag import provinciereeksen as provinciereeksen
from doorstroom.prognose.opslag import runs as runs
from doorstroom.prognose.standaard import standaard as standaard
from doorstroom.prognose.tekst import samenvatting_tekst as samenvatting_tekst
from doorstroom.prognose.tekst import waaier_tekst as waaier_tekst
from doorstroom.prognose.toetsing import Kalibratieresultaat as Kalibratieresultaat
from doorstroom.prognose.toetsing import backtest_json as backtest_json
from doorstroom.prognose.toetsing import kalibreer as kalibreer
from doorstroom.prognose.toetsing import mpp_vergelijking as mpp_vergelijking
from doorstroom.prognose.toetsing import schatting_records as schatting_records
from doorstroom.prognose.toetsing import schrijf_backtest as schrijf_backtest
from doorstroom.prognose.toetsing import voer_backtest as voer_backtest
from doorstroom.prognose.toetsing import voer_sweep as voer_sweep
from doorstroom.prognose.uitvoer import als_json as als_json
from doorstroom.prognose.uitvoer import kwantiel_records as kwantiel_records
from doorstroom.prognose.uitvoer import titel as titel
from doorstroom.prognose.verwachting import Verwachting as Verwachting
from doorstroom.prognose.verwachting import verwachting as verwachting

opgeslagen_werkboek = opslag.werkboek
gepubliceerde_reeks = gepubliceerd.reeks
"""The workbook of a stored forecast (``werkboek`` writes one for a forecast just computed)."""


def onder_regels(scenario: Scenario, regels: Ketenregels, maanden: int | None = None) -> Scenario:
    """``scenario`` under the chain rules ``regels`` (:func:`ketenregels.toepassen`)."""
    return ketenregels.toepassen(scenario, regels, maanden)


def vergunningen_aflopend(inwilligingen: FloatArray, vergunningsduur_maanden: int) -> FloatArray:
    """Permits granted in the forecast whose term ends in each month (:func:`ketenregels.aflopend`)."""
    return ketenregels.aflopend(inwilligingen, vergunningsduur_maanden)
