"""The parameters no embedded published figure supports: judgements, each with its reasoning.

They are labelled ``herkomst = oordeel`` and named in every output, so a planner knows which
numbers to challenge or replace with their own (a scenario file, or ``prognose kalibreer``).
"""

from __future__ import annotations

from doorstroom.prognose.core.scenario import Parameter, Verdeling
from doorstroom.prognose.startstand import OOR, parameter


def oordelen() -> dict[str, Parameter]:
    law = "Wet inburgering 2021"
    return {
        "herhaalde_aanvragen": parameter(
            "herhaalde_aanvragen",
            150.0,
            OOR,
            "geen gepubliceerde reeks in de meegeleverde data; het ministerie telt ze in de "
            "totale asielinstroom",
            verdeling=Verdeling.uniform,
            laag=50.0,
            hoog=300.0,
        ),
        "vertrektermijn": parameter(
            "vertrektermijn",
            6.0,
            OOR,
            "wettelijke vertrektermijn 4 weken (Vw 2000 art. 62); feitelijk vertrek duurt langer",
            verdeling=Verdeling.driehoek,
            laag=3.0,
            hoog=12.0,
        ),
        "inburgeringsplicht": parameter(
            "inburgeringsplicht", 0.6, OOR, f"kinderen en ouderen zijn niet inburgeringsplichtig ({law})"
        ),
        "inburgering_duur": parameter(
            "inburgering_duur",
            30.0,
            OOR,
            f"inburgeringstermijn 3 jaar ({law}); gemiddelde: oordeel",
            verdeling=Verdeling.uniform,
            laag=24.0,
            hoog=36.0,
        ),
        "inburgering_geslaagd": parameter(
            "inburgering_geslaagd",
            0.75,
            OOR,
            "geen cijfer in de meegeleverde data",
            verdeling=Verdeling.uniform,
            laag=0.65,
            hoog=0.85,
        ),
        "begin_inburgering": parameter(
            "begin_inburgering", 60000.0, OOR, "geen cijfer in de meegeleverde data"
        ),
        "flexbuffer": parameter(
            "flexbuffer",
            3000.0,
            OOR,
            "Uitvoeringsagenda Flexibilisering Asielketen vraagt om buffercapaciteit",
        ),
        "kosten_regulier": parameter("kosten_regulier", 120.0, OOR, "geen kostprijs in de meegeleverde data"),
        "kosten_nood": parameter(
            "kosten_nood", 200.0, OOR, "noodopvang is duurder dan regulier (geen kostprijs in de data)"
        ),
        "kosten_flex": parameter(
            "kosten_flex", 60.0, OOR, "een leegstaande bufferplaats kost minder dan een bezette"
        ),
        "kosten_overloop": parameter("kosten_overloop", 300.0, OOR, "crisisnoodopvang boven de capaciteit"),
    }
