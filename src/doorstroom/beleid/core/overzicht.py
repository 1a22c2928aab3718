"""A regime as one row of a listing, and its parameters as rows: what every output shows of it.

Every output names the regime's sources and marks plainly what is not law in force (issue 24:
"a clear mark on anything that is not law in force"); dates are Dutch (``dd-mm-jjjj``).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from doorstroom.beleid.core.combineren import Combinatie
from doorstroom.beleid.core.schema import Aanname, Bron, Regime, Status

KOLOMMEN = ("id", "titel", "status", "geldend_recht", "begin", "eind", "soort", "bronnen", "onbevestigd")
"""The columns of ``doorstroom beleid lijst`` (and the web page's table)."""
PARAMETERKOLOMMEN = ("parameter", "waarde", "gezet_door")
GEEN_GELDEND_RECHT = "GEEN GELDEND RECHT"


def datumtekst(datum: date | None) -> str:
    """A date the Dutch way; an empty text for none (no start date known, or no end)."""
    return f"{datum:%d-%m-%Y}" if datum else ""


def brontekst(bron: Bron) -> str:
    """One source as a line: its title, reference, date and link; marked when not confirmed."""
    delen = [bron.titel, bron.kenmerk or "", datumtekst(bron.datum), bron.link]
    tekst = ", ".join(deel for deel in delen if deel)
    return f"{tekst} [onbevestigd]" if bron.onbevestigd else tekst


def geldend_recht(regime: Regime) -> str:
    """``ja`` for law in force, otherwise the plain mark that it is not (a bill, a plan, withdrawn)."""
    return "ja" if regime.status is Status.in_werking else GEEN_GELDEND_RECHT


def als_record(regime: Regime, versie: int = 0) -> dict[str, Any]:
    """One regime as a listing row (sources joined by `` | ``)."""
    return {
        "id": regime.id,
        "titel": regime.titel,
        "status": regime.status.value,
        "geldend_recht": geldend_recht(regime),
        "begin": datumtekst(regime.begin),
        "eind": datumtekst(regime.eind),
        "soort": regime.soort,
        "bronnen": " | ".join(brontekst(b) for b in regime.bronnen),
        "onbevestigd": " | ".join(regime.onbevestigd),
        "versie": versie,
    }


def waardetekst(waarde: object) -> str:
    """A parameter value in Dutch: ja/nee, a list, an assumption with its provenance."""
    if waarde is None:
        return "niet gezet"
    if isinstance(waarde, bool):
        return "ja" if waarde else "nee"
    if isinstance(waarde, Aanname):
        return f"{waarde.waarde:g} ({waarde.herkomst.value})".replace(".", ",")
    if isinstance(waarde, tuple):
        return ", ".join(str(w) for w in waarde) or "geen"
    return str(waarde)


def parameterrecords(regime: Regime) -> list[dict[str, Any]]:
    """The parameters a regime sets, one row each (``sectie.naam``, value, the regime itself)."""
    return [
        {"parameter": naam, "waarde": waardetekst(waarde), "gezet_door": regime.id}
        for naam, waarde in regime.gezet().items()
    ]


def combinatierecords(combinatie: Combinatie) -> list[dict[str, Any]]:
    """Every parameter of a complete rule set and the regime that set it."""
    herkomst: Mapping[str, str] = combinatie.herkomst
    return [
        {"parameter": naam, "waarde": waardetekst(waarde), "gezet_door": herkomst[naam]}
        for naam, waarde in combinatie.parameters.items()
    ]
