"""The forecast as a few Dutch sentences for the terminal: no JSON, whole persons, Dutch digits."""

from __future__ import annotations

import math

from doorstroom.prognose.core.montecarlo import Resultaat
from doorstroom.prognose.core.scenario import FloatArray, Herkomst
from doorstroom.prognose.uitvoer import titel
from doorstroom.values.number_text import format_nl


def samenvatting_tekst(resultaat: Resultaat) -> str:
    """A few Dutch sentences for the terminal (no JSON, no decimals on persons)."""
    s, q = resultaat.scenario, resultaat.kwantielen
    t = min(12, len(resultaat.maanden)) - 1
    month = resultaat.maanden[t]
    kans = f"{s.doelen.kans:.0%}"
    lines = [
        f"{titel(resultaat)}.",
        f"{len(resultaat.maanden)} maanden, {format_nl(resultaat.paden)} paden"
        + (f", seed {resultaat.seed}." if resultaat.seed is not None else ", zonder onzekerheid."),
    ]
    judged = [n for n, p in s.parameters.items() if p.herkomst is Herkomst.oordeel]
    if judged:
        lines.append(f"Oordeel (geen gepubliceerd cijfer): {', '.join(judged)}.")
    lines.append(
        f"In {month}: COA-bezetting {waaier_tekst(q['coa_bezetting'], t)}, vergunninghouders in de opvang "
        f"{waaier_tekst(q['vergunninghouders_coa'], t)}; "
        f"kans boven de capaciteit {resultaat.kans_overschrijding[t]:.0%}."
    )
    lines.append(
        f"Flexbuffer voor {kans} zekerheid over de hele horizon: "
        f"{format_nl(resultaat.flexbuffer_horizon)} plaatsen."
    )
    lines += _needed_lines(resultaat, kans)
    cost = resultaat.kosten_totaal
    lines.append(
        f"Kosten over de horizon: € {format_nl(cost[1])} "
        f"(P10 € {format_nl(cost[0])} – P90 € {format_nl(cost[2])})."
    )
    return "\n".join(lines) + "\n"


def waaier_tekst(q: FloatArray, t: int) -> str:
    return f"{format_nl(q[1][t])} (P10 {format_nl(q[0][t])} – P90 {format_nl(q[2][t])})"


def _needed_lines(resultaat: Resultaat, kans: str) -> list[str]:
    lines = []
    if resultaat.benodigd_per_halfjaar:
        first = resultaat.benodigd_per_halfjaar[0]
        value = "niet haalbaar" if first.benodigd is None else format_nl(first.benodigd)
        lines.append(
            f"Benodigde landelijke taakstelling {first.periode} ({kans} zeker, "
            f"doel {format_nl(first.doel)} wachtenden "
            f"aan het eind): {value}; gepland {format_nl(first.gepland)}."
        )
    needed = resultaat.benodigde_taakstelling
    value = (
        "niet haalbaar"
        if not math.isfinite(needed.per_halfjaar)
        else f"{format_nl(needed.per_halfjaar)} per halfjaar"
    )
    lines.append(
        f"Vaste taakstelling om uiterlijk {needed.maand} op {format_nl(needed.doel)} wachtenden te komen "
        f"({kans} zeker): "
        f"{value}."
    )
    return lines
