"""The one door of the koppeling: every use case and value a delivery layer (CLI, API, web) needs.

Delivery layers import this module only (an import-linter contract says so). The use cases live
beside it — one run (:mod:`~doorstroom.koppeling.voorstel`), the review of its proposals
(:mod:`~doorstroom.koppeling.beoordeling`), batches priced over a half year
(:mod:`~doorstroom.koppeling.periode`), a run with its report for the web's review
(:mod:`~doorstroom.koppeling.vergelijking`) — and the rules below them (``core/``, ``solver/``,
``explain/``). A proposal is advice: nothing is final until a person accepts or overrides it.
"""

from __future__ import annotations

from doorstroom.koppeling import periode
from doorstroom.koppeling.beoordeling import Beoordeling as Beoordeling
from doorstroom.koppeling.beoordeling import Selectie as Selectie
from doorstroom.koppeling.beoordeling import beoordeel as beoordeel
from doorstroom.koppeling.beoordeling import beoordeel_in as beoordeel_in
from doorstroom.koppeling.beoordeling import geschiedenis as geschiedenis
from doorstroom.koppeling.beoordeling import opschonen as opschonen
from doorstroom.koppeling.beoordeling import samenvatting as samenvatting
from doorstroom.koppeling.beoordeling import voorstellen as voorstellen
from doorstroom.koppeling.core import evenwicht
from doorstroom.koppeling.core.domain import CRITERIA as CRITERIA
from doorstroom.koppeling.core.domain import Beleid as Beleid
from doorstroom.koppeling.core.domain import Gewichten as Gewichten
from doorstroom.koppeling.core.domain import HardeBinding as HardeBinding
from doorstroom.koppeling.core.domain import Huishouden as Huishouden
from doorstroom.koppeling.core.domain import RegioBinding as RegioBinding
from doorstroom.koppeling.core.domain import RegioSoort as RegioSoort
from doorstroom.koppeling.core.domain import Volwassene as Volwassene
from doorstroom.koppeling.core.woorden import woord as woord
from doorstroom.koppeling.explain import prijsuitleg
from doorstroom.koppeling.explain import rapport as rapportage
from doorstroom.koppeling.explain.uitleg import met_namen as met_namen
from doorstroom.koppeling.inzage import over_huishouden as over_huishouden
from doorstroom.koppeling.io import HUISHOUDEN_KOLOMMEN as HUISHOUDEN_KOLOMMEN
from doorstroom.koppeling.kolommen import KOLOMMEN as KOLOMMEN
from doorstroom.koppeling.kolommen import REGELS as REGELS
from doorstroom.koppeling.kolommen import kop as kop
from doorstroom.koppeling.kolommen import titel as titel
from doorstroom.koppeling.periode import METHODE as METHODE
from doorstroom.koppeling.periode import Periodeuitkomst as Periodeuitkomst
from doorstroom.koppeling.periode import Prijsverzoek as Prijsverzoek
from doorstroom.koppeling.periode import voorstel_in_periode as voorstel_in_periode
from doorstroom.koppeling.solver.prijsschatting import SCENARIOS as SCENARIOS
from doorstroom.koppeling.solver.registry import SOLVERS as SOLVERS
from doorstroom.koppeling.solver.registry import STANDAARD_SOLVER as STANDAARD_SOLVER
from doorstroom.koppeling.solver.registry import TIJDSLIMIET as TIJDSLIMIET
from doorstroom.koppeling.solver.registry import available_solvers as available_solvers
from doorstroom.koppeling.vergelijking import rapporten as rapporten
from doorstroom.koppeling.vergelijking import ruimte as ruimte
from doorstroom.koppeling.vergelijking import voorstel_met_rapport as voorstel_met_rapport
from doorstroom.koppeling.voorstel import OngeldigResultaat as OngeldigResultaat
from doorstroom.koppeling.voorstel import Uitkomst as Uitkomst
from doorstroom.koppeling.voorstel import Verzoek as Verzoek
from doorstroom.koppeling.voorstel import advies as advies
from doorstroom.koppeling.voorstel import genereer as genereer
from doorstroom.koppeling.voorstel import laad as laad
from doorstroom.koppeling.voorstel import rapport as rapport
from doorstroom.koppeling.voorstel import runs as runs
from doorstroom.koppeling.voorstel import runs_pagina as runs_pagina
from doorstroom.koppeling.voorstel import uitkomstmodel as uitkomstmodel
from doorstroom.koppeling.voorstel import voorstel as voorstel

evenwichtstoelichting = evenwicht.toelichting
prijstoelichting = prijsuitleg.toelichting
rapportregels = rapportage.regels
periodeoverzicht = periode.overzicht
