"""The parameters no embedded published figure supports: judgements, each with its reasoning.

They are labelled ``herkomst = oordeel`` and named in every output, so a planner knows which
numbers to challenge or replace with their own (a scenario file, or ``prognose kalibreer``).
"""

from __future__ import annotations

from doorstroom.prognose.core.scenario import Parameter, Verdeling
from doorstroom.prognose.startstand import OOR, parameter

WET_INBURGERING = "Wet inburgering 2021"

ONZEKER: dict[str, tuple[Verdeling, float, float]] = {
    "herhaalde_aanvragen": (Verdeling.uniform, 50.0, 300.0),
    "vertrektermijn": (Verdeling.driehoek, 3.0, 12.0),
    "inburgering_duur": (Verdeling.uniform, 24.0, 36.0),
    "inburgering_geslaagd": (Verdeling.uniform, 0.65, 0.85),
}
"""The judgements drawn from a distribution (name: distribution, low, high); the others are fixed."""

OORDELEN: dict[str, tuple[float, str]] = {
    "herhaalde_aanvragen": (
        150.0,
        "geen gepubliceerde reeks in de meegeleverde data; het ministerie telt ze in de totale asielinstroom",
    ),
    "vertrektermijn": (
        6.0,
        "wettelijke vertrektermijn 4 weken (Vw 2000 art. 62); feitelijk vertrek duurt langer",
    ),
    "inburgeringsplicht": (0.6, f"kinderen en ouderen zijn niet inburgeringsplichtig ({WET_INBURGERING})"),
    "inburgering_duur": (30.0, f"inburgeringstermijn 3 jaar ({WET_INBURGERING}); gemiddelde: oordeel"),
    "inburgering_geslaagd": (0.75, "geen cijfer in de meegeleverde data"),
    "begin_inburgering": (60000.0, "geen cijfer in de meegeleverde data"),
    "flexbuffer": (3000.0, "Uitvoeringsagenda Flexibilisering Asielketen vraagt om buffercapaciteit"),
    "kosten_regulier": (120.0, "geen kostprijs in de meegeleverde data"),
    "kosten_nood": (200.0, "noodopvang is duurder dan regulier (geen kostprijs in de data)"),
    "kosten_flex": (60.0, "een leegstaande bufferplaats kost minder dan een bezette"),
    "kosten_overloop": (300.0, "crisisnoodopvang boven de capaciteit"),
}
"""Every judgement: its central value and its reasoning."""


def oordelen() -> dict[str, Parameter]:
    """The judged parameters, labelled ``oordeel``, with their spread where one is judged too."""
    return {naam: _oordeel(naam, waarde, reden) for naam, (waarde, reden) in OORDELEN.items()}


def _oordeel(naam: str, waarde: float, reden: str) -> Parameter:
    if naam not in ONZEKER:
        return parameter(naam, waarde, OOR, reden)
    verdeling, laag, hoog = ONZEKER[naam]
    return parameter(naam, waarde, OOR, reden, verdeling=verdeling, laag=laag, hoog=hoog)
