"""Chart specifications for Plotly (drawn in the browser by ``static/doorstroom.js``), each with the
rows of the table that is its text alternative (WCAG 1.1.1: every chart has a table beside it).

A fan chart shows P10–P90 as a band and P50 as a line; published history, where there is any, is
drawn as points in another colour, so forecast and fact are never confused.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from doorstroom.prognose.service import reeksnaam
from doorstroom.values.number_text import format_nl
from doorstroom.values.record import Record

WAAIERS = ("coa_bezetting", "vergunninghouders_coa", "huisvesting_totaal", "achterstand")
"""The chain's fan charts; each titled by the forecast's one table of series names."""
BAND, LIJN, HISTORIE = "rgba(0, 94, 184, 0.2)", "#005eb8", "#b35900"


@dataclass(frozen=True)
class Grafiek:
    """One chart: an id for the page, a title, the Plotly figure, and its table."""

    id: str
    titel: str
    figuur: Record
    kolommen: tuple[str, ...]
    rijen: list[Record]


def waaier(
    reeks: str,
    punten: Sequence[Mapping[str, Any]],
    historie: Sequence[Mapping[str, Any]] = (),
    titel: str = "",
) -> Grafiek:
    """A fan chart of one series (points: maand, p10, p50, p90) with published history."""
    maanden = [str(p["maand"]) for p in punten]
    data: list[Record] = [
        {
            "x": maanden,
            "y": [p["p90"] for p in punten],
            "mode": "lines",
            "line": {"width": 0},
            "name": "P90",
            "showlegend": False,
            "hoverinfo": "skip",
        },
        {
            "x": maanden,
            "y": [p["p10"] for p in punten],
            "mode": "lines",
            "line": {"width": 0},
            "fill": "tonexty",
            "fillcolor": BAND,
            "name": "P10–P90 (80 % van de paden)",
        },
        {
            "x": maanden,
            "y": [p["p50"] for p in punten],
            "mode": "lines",
            "line": {"color": LIJN},
            "name": "P50 (mediaan)",
        },
    ]
    eerdere = [h for h in historie if maanden and str(h["maand"]) >= _jaren_terug(maanden[0], 3)]
    if eerdere:
        data.append(
            {
                "x": [h["maand"] for h in eerdere],
                "y": [h["waarde"] for h in eerdere],
                "mode": "markers",
                "marker": {"color": HISTORIE, "size": 8, "symbol": "diamond"},
                "name": "gepubliceerd",
            }
        )
    naam = titel or reeksnaam(reeks, hoofdletter=True)
    figuur = {"data": data, "layout": _layout(naam)}
    rijen = [{"maand": h["maand"], "gepubliceerd": h["waarde"]} for h in eerdere] + [
        {"maand": p["maand"], "p10": p["p10"], "p50": p["p50"], "p90": p["p90"]} for p in punten
    ]
    return Grafiek(f"grafiek-{reeks}", naam, figuur, ("maand", "gepubliceerd", "p10", "p50", "p90"), rijen)


def _jaren_terug(maand: str, jaren: int) -> str:
    return f"{int(maand[:4]) - jaren}{maand[4:]}"


def _layout(titel: str) -> Record:
    """Layout without a title: the figure's caption names the chart (``titel`` is for the reader)."""
    return {
        "meta": {"titel": titel},
        "margin": {"l": 60, "r": 10, "t": 10, "b": 40},
        "height": 300,
        "legend": {"orientation": "h", "y": -0.2},
        "separators": ",.",
        "yaxis": {"rangemode": "tozero", "tickformat": ",~f"},  # 50.000, not Plotly's SI "50k"
    }


def staven(id_: str, titel: str, labels: Sequence[str], waarden: Sequence[float], eenheid: str) -> Grafiek:
    """A bar chart with its table (label, value)."""
    figuur = {
        "data": [
            {"type": "bar", "x": list(labels), "y": list(waarden), "marker": {"color": LIJN}, "name": eenheid}
        ],
        "layout": _layout(titel),
    }
    rijen = [{"label": label, eenheid: waarde} for label, waarde in zip(labels, waarden, strict=True)]
    return Grafiek(id_, titel, figuur, ("label", eenheid), rijen)


def ketenwaaiers(
    document: Mapping[str, Any], provincie: str | None, historie: Mapping[str, Any]
) -> list[Grafiek]:
    """The chain's fan charts from a stored forecast: national, or one province's own series."""
    if provincie is None:
        reeksen = document.get("reeksen", {})
        return [waaier(r, reeksen.get(r, []), historie.get(r, ())) for r in WAAIERS if r in reeksen]
    punten: dict[str, list[Record]] = {}
    for rij in document.get("provincies", []):
        if rij.get("provincie") == provincie:
            punten.setdefault(str(rij["reeks"]), []).append(rij)
    return [
        waaier(r, punten[r], (), f"{reeksnaam(r, hoofdletter=True)} — {provincie}")
        for r in WAAIERS
        if r in punten
    ]


def monitorstaven(naam: str, titel: str, eenheid: str, rijen: Sequence[Any]) -> list[Grafiek]:
    """Per cohort year a bar chart of the totals (municipality, size class, province, country); its
    table holds every bar, a withheld one as '< 10' or 'afgeschermd' (no bar is drawn for it)."""
    jaren = sorted({r.jaar for r in rijen})
    uit = []
    for jaar in jaren:
        totalen = [r for r in rijen if r.jaar == jaar and r.uitsplitsing == "totaal"]
        labels = [f"{r.eenheid} ({r.eenheidsoort})" for r in totalen]
        figuur = {
            "data": [
                {
                    "type": "bar",
                    "x": labels,
                    "y": [r.waarde for r in totalen],
                    "marker": {"color": LIJN},
                    "name": eenheid,
                }
            ],
            "layout": _layout(f"{titel}, cohort {jaar}"),
        }
        tabel = [
            {
                "eenheid": label,
                "personen": r.personen,
                eenheid: _tekst(r.waarde) if isinstance(r.personen, int) else r.personen,
            }
            for label, r in zip(labels, totalen, strict=True)
        ]
        uit.append(
            Grafiek(
                f"monitor-{naam}-{jaar}",
                f"{titel}, cohort {jaar}",
                figuur,
                ("eenheid", "personen", eenheid),
                tabel,
            )
        )
    return uit


def _tekst(waarde: float | None) -> str:
    """A value with one decimal the Dutch way, as the page's full table shows it ('–' for none)."""
    return "–" if waarde is None else format_nl(waarde, 1)


def lijnen(id_: str, titel: str, maanden: Sequence[str], reeksen: Mapping[str, Sequence[float]]) -> Grafiek:
    """A line chart of a few series over the same months, with its table (maand and one column each)."""
    data: list[Record] = [
        {"x": list(maanden), "y": list(waarden), "mode": "lines+markers", "name": naam}
        for naam, waarden in reeksen.items()
    ]
    rijen: list[Record] = [
        {"maand": maand, **{naam: waarden[i] for naam, waarden in reeksen.items()}}
        for i, maand in enumerate(maanden)
    ]
    return Grafiek(id_, titel, {"data": data, "layout": _layout(titel)}, ("maand", *reeksen), rijen)
