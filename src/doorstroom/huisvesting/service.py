"""The one door of the housing plan (huisvesting): every use case and value a delivery layer needs.

Delivery layers import this module only. The use cases live beside it: the supply register
(:mod:`~doorstroom.huisvesting.register`: import a municipality's sheet, record a line, history),
the plan (:mod:`~doorstroom.huisvesting.planning`), a province's overview
(:mod:`~doorstroom.huisvesting.overzicht`), the money table (:mod:`~doorstroom.huisvesting.regelingen`)
and the plan's money (:mod:`~doorstroom.huisvesting.geldplan`), its workbook
(:mod:`~doorstroom.huisvesting.werkboek`); the pure rules are ``core/``.
"""

from __future__ import annotations

from doorstroom.huisvesting import regelingen, werkboek
from doorstroom.huisvesting.bereik import mag_beheren as mag_beheren
from doorstroom.huisvesting.core import rijen as rijen
from doorstroom.huisvesting.core.aanbod import Eenheid as Eenheid
from doorstroom.huisvesting.core.aanbod import EenheidVersie as EenheidVersie
from doorstroom.huisvesting.core.aanbod import Meetellen as Meetellen
from doorstroom.huisvesting.core.aanbod import Soort as Soort
from doorstroom.huisvesting.core.aanbod import Status as Status
from doorstroom.huisvesting.core.behoefte import Scenario as Scenario
from doorstroom.huisvesting.geldplan import Geldoverzicht as Geldoverzicht
from doorstroom.huisvesting.geldplan import geld as geld
from doorstroom.huisvesting.kolommen import GELDKOLOMMEN as GELDKOLOMMEN
from doorstroom.huisvesting.kolommen import KOLOMMEN as KOLOMMEN
from doorstroom.huisvesting.overzicht import Overzicht as Overzicht
from doorstroom.huisvesting.overzicht import leesbare_gemeenten as leesbare_gemeenten
from doorstroom.huisvesting.overzicht import overzicht as overzicht
from doorstroom.huisvesting.planning import Huisvestingsplan as Huisvestingsplan
from doorstroom.huisvesting.planning import Planverzoek as Planverzoek
from doorstroom.huisvesting.planning import controleer as controleer
from doorstroom.huisvesting.planning import plan as plan
from doorstroom.huisvesting.regelingen import Regelingtabel as Regelingtabel
from doorstroom.huisvesting.regelingen import huidige_regelingen as huidige_regelingen
from doorstroom.huisvesting.register import Historieregel as Historieregel
from doorstroom.huisvesting.register import Importresultaat as Importresultaat
from doorstroom.huisvesting.register import aanbod as aanbod
from doorstroom.huisvesting.register import historie as historie
from doorstroom.huisvesting.register import importeer as importeer
from doorstroom.huisvesting.register import leg_vast as leg_vast

regelingversies = regelingen.versies
"""Every version of the money table, the embedded one first."""
werk_regelingen_bij = regelingen.werk_bij
"""The operator replaces the money table from a file (validated whole, a new version with who and why)."""
werkboek_bytes = werkboek.als_bytes
"""The plan, its money, the sources and an explanation as an .xlsx workbook."""
schrijf_werkboek = werkboek.schrijf
