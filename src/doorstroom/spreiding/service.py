"""The spreiding's one door: the distribution of reception places, the region view, the locations
register, and what a logged-in user may consult of them.

The command line computes as the operator (:mod:`~doorstroom.spreiding.opgaven`,
:mod:`~doorstroom.spreiding.regio_overzicht`, :mod:`~doorstroom.spreiding.register`); the API and the
web app consult with the user's role and scope applied (:mod:`~doorstroom.spreiding.raadplegen`).
Delivery layers import this module only.
"""

from __future__ import annotations

from doorstroom.spreiding.core.opvang import Opvang, opvang_per_regio
from doorstroom.spreiding.core.report import kolommen, toelichting_records
from doorstroom.spreiding.io import ramingen
from doorstroom.spreiding.opgaven import (
    INGEBOUWDE_BEVOLKING,
    Spreiding,
    Toelichting,
    Verzoek,
    amv_voor,
    bereken,
    gemeenten_voor,
    locaties_voor,
    raming_op,
    totaal_voor,
)
from doorstroom.spreiding.raadplegen import locaties, opgaven, ramingen_voor, regio, standaard_raming, versies
from doorstroom.spreiding.regio_overzicht import RegioOverzicht, Regiosoort, RegioVerzoek
from doorstroom.spreiding.regio_overzicht import regio as bereken_regio
from doorstroom.spreiding.register import (
    historielijst,
    huidige_locaties,
    importeer,
    locatielijst,
    opvang_per_provincie,
    sluit,
)
from doorstroom.values.record import Record

__all__ = [
    "INGEBOUWDE_BEVOLKING",
    "Opvang",
    "Record",
    "RegioOverzicht",
    "RegioVerzoek",
    "Regiosoort",
    "Spreiding",
    "Toelichting",
    "Verzoek",
    "amv_voor",
    "bereken",
    "bereken_regio",
    "gemeenten_voor",
    "historielijst",
    "huidige_locaties",
    "importeer",
    "kolommen",
    "locatielijst",
    "locaties",
    "locaties_voor",
    "opgaven",
    "opvang_per_provincie",
    "opvang_per_regio",
    "raming_op",
    "ramingen",
    "ramingen_voor",
    "regio",
    "sluit",
    "standaard_raming",
    "toelichting_records",
    "totaal_voor",
    "versies",
]
