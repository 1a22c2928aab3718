"""The one validator of a koppeling plan: a solver's result and a person's override pass the same checks.

A plan (household → municipality) is valid when every linked pair meets the hard COA criteria
(:mod:`~doorstroom.koppeling.core.harde_criteria`: binding tie, care, the hard region rule), no
municipality gets more persons than its hard maximum, and every linked household gets a dwelling
of its class or larger (Hall's condition per class). :func:`check_result` adds what only a solver
result has to satisfy (every household exactly once, the reported overflow equals the real one);
:func:`controleer_plan` is what a review decision must pass; :func:`ruimte_voor` lists the
municipalities where one household may go, by the same rules. A solver bug or a mistaken override
thus never reaches a municipality as a plan that breaks a hard criterion or a maximum.

Messages never name a household (no personal references in errors or logs); each
:class:`Overtreding` carries the household id separately for the caller that needs it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from doorstroom.koppeling.core.bezetting import (
    Bezetting,
    overschrijding_per_code,
    per_plan,
    personen_per_code,
)
from doorstroom.koppeling.core.domain import Beleid, GemeenteCapaciteit, Huishouden, Instantie
from doorstroom.koppeling.core.harde_criteria import maskers, reden
from doorstroom.koppeling.core.result import KoppelingResult

PAARREGELS = ("binding", "zorg", "regiobinding")
"""Hard criteria checked per linked pair; room and dwellings are checked per municipality."""

Plan = Mapping[str, str]
"""Household id → municipality code of every linked household."""


@dataclass(frozen=True)
class Overtreding:
    """One broken rule; ``melding`` is Dutch and names no household."""

    regel: str
    melding: str
    gemeentecode: str | None = None
    huishouden_id: str | None = None


def maximum_overtreding(gemeente: GemeenteCapaciteit, bezet: Bezetting) -> Overtreding | None:
    """Persons linked may not exceed the hard maximum (the batch share itself is a soft target)."""
    if bezet.personen <= gemeente.bovengrens:
        return None
    melding = (
        f"{gemeente.code} {gemeente.naam}: {bezet.personen} personen gekoppeld, maximum {gemeente.bovengrens}"
    )
    return Overtreding("maximum", melding, gemeente.code)


def woning_overtredingen(gemeente: GemeenteCapaciteit, bezet: Bezetting) -> list[Overtreding]:
    """Households of class ≥ k may not outnumber dwellings of class ≥ k, for every k (Hall)."""
    if gemeente.woningen is None:
        return []
    result = []
    for k in range(4):
        nodig, beschikbaar = sum(bezet.klassen[k:]), sum(gemeente.woningen[k:])
        if nodig > beschikbaar:
            melding = (
                f"{gemeente.code} {gemeente.naam}: {nodig} huishoudens voor woningklasse ≥ {k + 1}, "
                f"{beschikbaar} woningen"
            )
            result.append(Overtreding("woningen", melding, gemeente.code))
    return result


def paar_overtredingen(instantie: Instantie, beleid: Beleid, plan: Plan) -> list[Overtreding]:
    """Every linked pair that a hard criterion forbids (binding, care, hard region rule)."""
    huishoudens = [h for h in instantie.huishoudens if h.id in plan]
    kolom = {g.code: index for index, g in enumerate(instantie.gemeenten)}
    masks = maskers(instantie, huishoudens, beleid)
    result = []
    for regel in PAARREGELS:
        for row, h in enumerate(huishoudens):
            g = kolom[plan[h.id]]
            if not masks[regel][row, g]:
                gemeente = instantie.gemeenten[g]
                melding = reden(regel, instantie, h, gemeente)
                result.append(Overtreding(regel, melding, gemeente.code, h.id))
    return result


def controleer_plan(instantie: Instantie, beleid: Beleid, plan: Plan) -> list[Overtreding]:
    """Every violation of the hard rules in ``plan``; empty: the plan may stand."""
    onbekend = [
        Overtreding("gemeente", f"gemeente {code} doet niet mee in deze run", code)
        for code in sorted(set(plan.values()) - {g.code for g in instantie.gemeenten})
    ]
    if onbekend:
        return onbekend
    bezet = per_plan(instantie, plan)
    result = paar_overtredingen(instantie, beleid, plan)
    for g in instantie.gemeenten:
        state = bezet.get(g.code, Bezetting())
        result += [o for o in (maximum_overtreding(g, state),) if o is not None]
        result += woning_overtredingen(g, state)
    return result


def ruimte_voor(
    instantie: Instantie, beleid: Beleid, plan: Plan, huishouden: Huishouden
) -> list[GemeenteCapaciteit]:
    """Municipalities ``huishouden`` may go to, given the rest of ``plan``: the same rules as above.

    Every hard criterion allows the pair, and adding the household keeps the municipality within
    its maximum and its dwellings. Ordered: the reception region first, then most room left.
    """
    rest = {ident: code for ident, code in plan.items() if ident != huishouden.id}
    bezet = per_plan(instantie, rest)
    toegestaan = np.logical_and.reduce(list(maskers(instantie, [huishouden], beleid).values()))[0]
    result = []
    for g, mag in zip(instantie.gemeenten, toegestaan, strict=True):
        state = bezet.get(g.code, Bezetting()).plus(huishouden)
        if mag and maximum_overtreding(g, state) is None and not woning_overtredingen(g, state):
            result.append((g, state))
    regio = instantie.opvang_regio(huishouden) if huishouden.opvang_gemeente in instantie.locaties else None
    result.sort(
        key=lambda paar: (paar[0].regio != regio, paar[1].personen - paar[0].bovengrens, paar[0].code)
    )
    return [g for g, _ in result]


def plan_van(result: KoppelingResult) -> dict[str, str]:
    """The plan of a solver result."""
    return {t.huishouden_id: t.gemeentecode for t in result.assignments}


def personen_per_gemeente(result: KoppelingResult) -> Counter[str]:
    """Persons linked per municipality code (the rule lives in ``bezetting``)."""
    return personen_per_code(result.assignments)


def overschrijding(instantie: Instantie, result: KoppelingResult) -> dict[str, int]:
    """Persons linked above each municipality's batch share (only where there are any)."""
    return overschrijding_per_code(instantie.gemeenten, personen_per_gemeente(result))


def check_volledig(instantie: Instantie, result: KoppelingResult) -> list[str]:
    """Every household appears exactly once: linked to one municipality or listed as unlinked."""
    gezien = Counter([t.huishouden_id for t in result.assignments] + list(result.unassigned))
    dubbel = sum(1 for aantal in gezien.values() if aantal != 1)
    bekend = {h.id for h in instantie.huishoudens}
    ontbreekt = sum(1 for ident in bekend if ident not in gezien)
    vreemd = sum(1 for ident in gezien if ident not in bekend)
    fouten = [f"{dubbel} huishoudens staan meer dan eens in het resultaat"] if dubbel else []
    fouten += [f"{ontbreekt} huishoudens ontbreken in het resultaat"] if ontbreekt else []
    return fouten + ([f"{vreemd} onbekende huishoudens in het resultaat"] if vreemd else [])


def check_result(instantie: Instantie, beleid: Beleid, result: KoppelingResult) -> list[str]:
    """All checks of a solver result; a non-empty list means the result must not be saved."""
    volledig = check_volledig(instantie, result)
    if volledig:
        return volledig
    fouten = [o.melding for o in controleer_plan(instantie, beleid, plan_van(result))]
    if result.overschrijding != overschrijding(instantie, result):
        fouten.append("gerapporteerde overschrijding klopt niet met de voorstellen")
    return fouten


def samengevat(overtredingen: Sequence[Overtreding]) -> list[str]:
    """Violations grouped by message, with a count when several households share one."""
    tellingen = Counter(o.melding for o in overtredingen)
    return [melding if n == 1 else f"{melding} ({n} huishoudens)" for melding, n in tellingen.items()]
