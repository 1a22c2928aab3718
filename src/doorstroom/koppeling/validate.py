"""Checks run on every result before it is saved or shown: capacity, hard criteria, dwellings.

Each ``check_*`` returns the violations it finds (empty: fine), like ``check_validity`` in the
``matching`` library; :func:`check_result` combines them. A solver bug thus never reaches a case
worker as a proposal that breaks a COA hard criterion or a municipality's capacity.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from doorstroom.koppeling.domain import Beleid, Instantie, RegioBinding
from doorstroom.koppeling.result import KoppelingResult


def personen_per_gemeente(result: KoppelingResult) -> Counter[str]:
    """Persons linked per municipality code."""
    personen: Counter[str] = Counter()
    for t in result.assignments:
        personen[t.gemeentecode] += t.personen
    return personen


def overschrijding(instantie: Instantie, result: KoppelingResult) -> dict[str, int]:
    """Persons linked above each municipality's batch share (only where there are any)."""
    personen = personen_per_gemeente(result)
    return {
        g.code: personen[g.code] - g.capaciteit
        for g in instantie.gemeenten
        if personen[g.code] > g.capaciteit
    }


def check_capaciteit(instantie: Instantie, result: KoppelingResult) -> list[str]:
    """Persons linked never exceed the hard maximum, and the reported overflow is the real one.

    The batch share (``capaciteit``) is a soft target; the maximum (the remaining taakstelling,
    equal to ``capaciteit`` when none is given) is hard.
    """
    personen = personen_per_gemeente(result)
    problemen = [
        f"capaciteit {g.code}: {personen[g.code]} personen gekoppeld, maximum {g.bovengrens} plaatsen"
        for g in instantie.gemeenten
        if personen[g.code] > g.bovengrens
    ]
    if result.overschrijding != overschrijding(instantie, result):
        problemen.append("gerapporteerde overschrijding klopt niet met de voorstellen")
    return problemen


def check_harde_criteria(instantie: Instantie, beleid: Beleid, result: KoppelingResult) -> list[str]:
    """Binding municipality, care and (if set) the hard region rule hold for every proposal."""
    gemeenten = {g.code: g for g in instantie.gemeenten}
    huishoudens = {h.id: h for h in instantie.huishoudens}
    problemen = []
    for t in result.assignments:
        h, g = huishoudens[t.huishouden_id], gemeenten[t.gemeentecode]
        if h.binding_gemeente is not None and h.binding_gemeente != g.code:
            problemen.append(f"{h.id}: {h.binding} bindt aan {h.binding_gemeente}, voorstel {g.code}")
        if h.zorg is not None and h.zorg not in g.zorg:
            problemen.append(f"{h.id}: zorg '{h.zorg}' ontbreekt in {g.code}")
        regel = beleid.regio_binding is RegioBinding.hard and h.binding_gemeente is None
        if regel and g.regio != instantie.opvang_regio(h):
            problemen.append(f"{h.id}: buiten de opvangregio {instantie.opvang_regio(h)}")
    return problemen


def check_woningen(instantie: Instantie, result: KoppelingResult) -> list[str]:
    """Every linked household gets a dwelling of its class or larger (Hall's condition per class)."""
    huishoudens = {h.id: h for h in instantie.huishoudens}
    klassen: dict[str, list[int]] = defaultdict(list)
    for t in result.assignments:
        klassen[t.gemeentecode].append(huishoudens[t.huishouden_id].woningklasse)
    problemen = []
    for g in instantie.gemeenten:
        if g.woningen is None:
            continue
        for k in range(4):
            nodig = sum(1 for klasse in klassen[g.code] if klasse >= k)
            beschikbaar = sum(g.woningen[k:])
            if nodig > beschikbaar:
                problemen.append(
                    f"woningen {g.code}: {nodig} huishoudens klasse ≥ {k}, {beschikbaar} woningen"
                )
    return problemen


def check_volledig(instantie: Instantie, result: KoppelingResult) -> list[str]:
    """Every household appears exactly once: linked to one municipality or listed as unlinked."""
    gezien = Counter([t.huishouden_id for t in result.assignments] + list(result.unassigned))
    fouten = [f"{ident}: {aantal} keer in het resultaat" for ident, aantal in gezien.items() if aantal != 1]
    fouten += [f"{h.id}: ontbreekt in het resultaat" for h in instantie.huishoudens if h.id not in gezien]
    return fouten


def check_result(instantie: Instantie, beleid: Beleid, result: KoppelingResult) -> list[str]:
    """All checks together; a non-empty list means the result must not be saved."""
    return [
        *check_volledig(instantie, result),
        *check_capaciteit(instantie, result),
        *check_harde_criteria(instantie, beleid, result),
        *check_woningen(instantie, result),
    ]
