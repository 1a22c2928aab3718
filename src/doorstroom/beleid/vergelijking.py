"""Side by side: the chain forecast under two rule sets, month by month (issue 24 item 3).

Both run the same scenario and reception places through the prognose's expected path (one
deterministic path, :func:`doorstroom.prognose.service.verwachting`), so the two differ only where
their rules differ. Each row names both rule sets and marks what is not law in force; the sources
of every regime travel with the result (:attr:`Vergelijking.bronnen`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from doorstroom.beleid.core.combineren import Combinatie
from doorstroom.beleid.core.overzicht import brontekst, geldend_recht
from doorstroom.beleid.prognoseregels import ketenregels
from doorstroom.prognose import service as prognose

REEKSEN: Mapping[str, str] = {
    "instroom_nareizigers": "nareizigers",
    "coa_bezetting": "in_opvang",
    "vergunninghouders_coa": "te_huisvesten",
    "huisvesting_totaal": "gehuisvest",
    "start_inburgering": "start_inburgering",
}
"""The forecast series compared, and the name each has in the comparison."""
AFLOPEND = "vergunningen_aflopend"
KOLOMMEN = (
    "maand",
    *(f"{naam}_{kant}" for naam in (*REEKSEN.values(), AFLOPEND) for kant in ("a", "b", "verschil")),
    "regimes_a",
    "regimes_b",
)
BRONKOLOMMEN = ("kant", "regime", "status", "geldend_recht", "bronnen")


@dataclass(frozen=True)
class Vergelijking:
    """Two rule sets' forecasts for the same input: per-month rows and the regimes' sources."""

    a: Combinatie
    b: Combinatie
    scenario: str
    rijen: list[dict[str, Any]]
    bronnen: list[dict[str, Any]]


def omschrijving(combinatie: Combinatie) -> str:
    """The rule set by name, with the plain mark when any part of it is not law in force."""
    markering = combinatie.markering()
    return f"{combinatie.naam} ({markering})" if markering else combinatie.naam


def _reeksen(
    scenario: prognose.Scenario,
    plaatsen: Sequence[prognose.OpvangProvincie],
    combinatie: Combinatie,
    maanden: int | None,
) -> tuple[tuple[str, ...], dict[str, Any]]:
    regels = ketenregels(combinatie, scenario.start)
    pad = prognose.verwachting(prognose.onder_regels(scenario, regels, maanden), plaatsen, maanden)
    reeksen = {naam: pad.nationaal[bron] for bron, naam in REEKSEN.items()}
    reeksen[AFLOPEND] = prognose.vergunningen_aflopend(
        pad.nationaal["inwilligingen"], regels.vergunningsduur_maanden
    )
    return pad.maanden, reeksen


def vergelijk(
    scenario: prognose.Scenario,
    plaatsen: Sequence[prognose.OpvangProvincie],
    a: Combinatie,
    b: Combinatie,
    maanden: int | None = None,
) -> Vergelijking:
    """``scenario`` under rule set ``a`` beside ``b``: per month each series, and b minus a."""
    labels, reeks_a = _reeksen(scenario, plaatsen, a, maanden)
    _, reeks_b = _reeksen(scenario, plaatsen, b, maanden)
    rijen = []
    for index, maand in enumerate(labels):
        rij: dict[str, Any] = {"maand": maand}
        for naam in reeks_a:
            waarde_a, waarde_b = float(np.round(reeks_a[naam][index])), float(np.round(reeks_b[naam][index]))
            rij |= {f"{naam}_a": waarde_a, f"{naam}_b": waarde_b, f"{naam}_verschil": waarde_b - waarde_a}
        rijen.append(rij | {"regimes_a": omschrijving(a), "regimes_b": omschrijving(b)})
    return Vergelijking(a, b, scenario.naam, rijen, bronrecords(a, b))


def bronrecords(a: Combinatie, b: Combinatie) -> list[dict[str, Any]]:
    """Per side, every regime with its status and sources (the workbook's Bronnen sheet)."""
    return [
        {
            "kant": kant,
            "regime": regime.id,
            "status": regime.status.value,
            "geldend_recht": geldend_recht(regime),
            "bronnen": " | ".join(brontekst(bron) for bron in regime.bronnen),
        }
        for kant, combinatie in (("a", a), ("b", b))
        for regime in combinatie.regimes
    ]
