"""A province's plan: its number distributed over its municipalities, checked against the total.

Spreidingswet: each province reports (due 1 November) how its municipalities will provide the
province's number; a municipality may take more or fewer places than its own share by agreement,
as long as the province's total is met. Municipalities that provide more than their share receive
an incentive payment. A plan may cover some provinces only; within a covered province a municipality
that the plan does not name plans 0 places. A plan whose municipalities do not add up to the
province's number is refused, naming the province, the sum, the number and the difference.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from doorstroom.platform.errors import Problem
from doorstroom.spreiding.core.verdeling import Verdeling
from doorstroom.values.number_text import format_nl


@dataclass(frozen=True)
class Planregel:
    """One municipality's agreed places (amv optional) and the file row it came from."""

    gemeentecode: str
    plaatsen: int
    amv: int | None
    rij: int


@dataclass(frozen=True)
class Plan:
    """Agreed places per municipality code, from one file."""

    regels: Mapping[str, Planregel]
    bron: str


class Positie(StrEnum):
    """Whether a municipality provides more than its share, less, or exactly its share."""

    meer = "meer"
    minder = "minder"
    gelijk = "gelijk"


def positie(aanbod: int, opgave: int) -> Positie:
    """More, fewer or exactly the municipality's number (more qualifies for the incentive payment)."""
    if aanbod > opgave:
        return Positie.meer
    return Positie.minder if aanbod < opgave else Positie.gelijk


def controleer(plan: Plan, verdeling: Verdeling) -> list[Problem]:
    """Every covered province whose plan does not add up to its number (places, and amv if given)."""
    provincie_van = {a.gemeente.code: a.gemeente.provincie for a in verdeling.gemeenten}
    gedekt = {provincie_van[code] for code in plan.regels}
    problemen: list[Problem] = []
    for provincie in verdeling.provincies:
        if provincie.provincie not in gedekt:
            continue
        regels = [r for code, r in plan.regels.items() if provincie_van[code] == provincie.provincie]
        problemen += _verschil(
            plan.bron, provincie.provincie, "plaatsen", sum(r.plaatsen for r in regels), provincie.opgave
        )
        if any(r.amv is not None for r in regels):
            som_amv = sum(r.amv or 0 for r in regels)
            problemen += _verschil(plan.bron, provincie.provincie, "amv", som_amv, provincie.amv)
    return problemen


def _verschil(bron: str, provincie: str, veld: str, som: int, opgave: int) -> list[Problem]:
    if som == opgave:
        return []
    richting = "te veel" if som > opgave else "te weinig"
    bericht = (
        f"het plan voor {provincie} telt op tot {format_nl(som)} {veld}, de opgave van de "
        f"provincie is {format_nl(opgave)}: {format_nl(abs(som - opgave))} {richting}"
    )
    return [Problem(bericht, file=bron, field=veld)]


def aanbod_per_gemeente(plan: Plan, verdeling: Verdeling) -> dict[str, int]:
    """Planned places per code for every municipality of a covered province (0 when not named)."""
    gedekt = {a.gemeente.provincie for a in verdeling.gemeenten if a.gemeente.code in plan.regels}
    return {
        a.gemeente.code: plan.regels[a.gemeente.code].plaatsen if a.gemeente.code in plan.regels else 0
        for a in verdeling.gemeenten
        if a.gemeente.provincie in gedekt
    }


def som_per_provincie(aanbod: Mapping[str, int], provincie_van: Mapping[str, str]) -> dict[str, int]:
    """Planned places summed per province."""
    result: dict[str, int] = {}
    for code, aantal in aanbod.items():
        result[provincie_van[code]] = result.get(provincie_van[code], 0) + aantal
    return result
