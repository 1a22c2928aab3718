"""Name the constraints that make an instance infeasible (nobody is silently left unlinked).

Checked before and after solving, from the input alone: total capacity against total demand,
households that no municipality may take (and which hard criterion empties their list), binding
municipalities and care facilities without room for the households that need them, and — under
the hard region rule — regions whose capacity is below the demand of their reception locations.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable

import numpy as np

from doorstroom.koppeling.core.domain import Beleid, Huishouden, Instantie, RegioBinding
from doorstroom.koppeling.core.result import Conflict
from doorstroom.koppeling.core.score import Mask, toegestaan


def conflicten(instantie: Instantie, beleid: Beleid, mask: Mask | None = None) -> tuple[Conflict, ...]:
    """Every conflict detectable from the input; empty when nothing obviously conflicts.

    ``mask`` (households × municipalities, the allowed pairs) saves recomputing it when known.
    """
    return (
        *_totaal(instantie),
        *_zonder_gemeente(instantie, beleid, mask),
        *_groep_capaciteit(instantie, _groepen(instantie, lambda h: h.binding_gemeente), "harde binding aan"),
        *_groep_capaciteit(instantie, _groepen(instantie, lambda h: h.zorg), "zorg"),
        *_regio_conflicten(instantie, beleid),
    )


def _totaal(instantie: Instantie) -> list[Conflict]:
    vraag = sum(h.grootte for h in instantie.huishoudens)
    aanbod = sum(g.bovengrens for g in instantie.gemeenten)
    if vraag <= aanbod:
        return []
    return [Conflict("capaciteit totaal", f"{aanbod} plaatsen voor {vraag} personen")]


def _zonder_gemeente(instantie: Instantie, beleid: Beleid, mask: Mask | None) -> list[Conflict]:
    """Households with no allowed municipality, grouped by the criterion that excludes them."""
    mask = toegestaan(instantie, instantie.huishoudens, beleid) if mask is None else mask
    groepen: dict[str, list[str]] = defaultdict(list)
    for row in np.flatnonzero(~mask.any(axis=1)):
        huishouden = instantie.huishoudens[row]
        groepen[_reden(instantie, huishouden)].append(huishouden.id)
    return [Conflict(reden, "geen gemeente toegestaan", tuple(ids)) for reden, ids in groepen.items()]


def _reden(instantie: Instantie, huishouden: Huishouden) -> str:
    """The first hard criterion that, on its own, leaves no municipality."""
    gemeenten = instantie.gemeenten
    if huishouden.binding_gemeente is not None:
        gebonden = [g for g in gemeenten if g.code == huishouden.binding_gemeente]
        if not gebonden or gebonden[0].bovengrens < huishouden.grootte:
            return f"{huishouden.binding} {huishouden.binding_gemeente}: geen plaats in deze run"
    if huishouden.zorg is not None and not any(huishouden.zorg in g.zorg for g in gemeenten):
        return f"zorg '{huishouden.zorg}': geen gemeente met deze zorg"
    if not any(g.bovengrens >= huishouden.grootte for g in gemeenten):
        return f"capaciteit: geen gemeente met {huishouden.grootte} plaatsen"
    return "woning: geen passende woning bij de toegestane gemeenten"


def _groepen(
    instantie: Instantie, sleutel: Callable[[Huishouden], str | None]
) -> dict[str, list[Huishouden]]:
    """Households grouped by ``sleutel`` (a tied municipality, a kind of care); None: no group."""
    groepen: dict[str, list[Huishouden]] = defaultdict(list)
    for huishouden in instantie.huishoudens:
        waarde = sleutel(huishouden)
        if waarde is not None:
            groepen[waarde].append(huishouden)
    return groepen


def _groep_capaciteit(
    instantie: Instantie, groepen: dict[str, list[Huishouden]], soort: str
) -> list[Conflict]:
    """Groups needing more persons' room than the municipalities open to them have in total."""
    result = []
    for sleutel, leden in sorted(groepen.items()):
        aanbod = sum(g.bovengrens for g in instantie.gemeenten if sleutel in (g.code, *g.zorg))
        vraag = sum(h.grootte for h in leden)
        if 0 < aanbod < vraag:
            toelichting = f"{aanbod} plaatsen voor {vraag} personen"
            result.append(Conflict(f"{soort} {sleutel}", toelichting, _ids(leden)))
    return result


def _regio_conflicten(instantie: Instantie, beleid: Beleid) -> list[Conflict]:
    if beleid.regio_binding is not RegioBinding.hard:
        return []
    groepen: dict[str, list[Huishouden]] = defaultdict(list)
    for huishouden in instantie.huishoudens:
        if huishouden.binding_gemeente is None:
            groepen[instantie.opvang_regio(huishouden)].append(huishouden)
    result = []
    for regio, leden in sorted(groepen.items()):
        aanbod = sum(g.bovengrens for g in instantie.gemeenten if g.regio == regio)
        vraag = sum(h.grootte for h in leden)
        if aanbod < vraag:
            result.append(
                Conflict(f"regiobinding {regio}", f"{aanbod} plaatsen voor {vraag} personen", _ids(leden))
            )
    return result


def _ids(huishoudens: Iterable[Huishouden]) -> tuple[str, ...]:
    return tuple(h.id for h in huishoudens)


def conflicten_voor(
    instantie: Instantie, beleid: Beleid, onbekoppeld: Iterable[str], mask: Mask | None = None
) -> tuple[Conflict, ...]:
    """Conflicts explaining the unlinked households; a catch-all names their full municipalities."""
    gevonden = conflicten(instantie, beleid, mask)
    verklaard = {h for conflict in gevonden for h in conflict.huishoudens}
    rest = tuple(h for h in onbekoppeld if h not in verklaard)
    if rest and not any(c.beperking == "capaciteit totaal" for c in gevonden):
        gevonden += (Conflict("capaciteit/woningen", "alle toegestane gemeenten zijn vol", rest),)
    elif rest:
        gevonden = tuple(
            Conflict(c.beperking, c.toelichting, rest) if c.beperking == "capaciteit totaal" else c
            for c in gevonden
        )
    return gevonden
