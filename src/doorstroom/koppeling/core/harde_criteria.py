"""The hard COA criteria: which (household, municipality) pairs may be linked at all.

Hard criteria decide, they are never weighed (COA koppelingscriteria): a first-degree family tie,
family reunification, a work contract or a study place binds a household to one municipality; a
medical treatment needs a municipality offering that care; under ``--regiobinding hard`` only the
municipalities of the reception region are allowed (a binding tie wins over that rule); and a
household must fit within the municipality's hard maximum and find a dwelling of its class or
larger there.

This is the one home of that rule. The optimiser leaves forbidden pairs out of its model, the
validator checks every plan (a solver result or a person's override) against the same masks, and
a refused override lists the municipalities these masks allow. Each criterion has its own named
mask, so a refusal says which criterion was broken.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from doorstroom.koppeling.core.domain import Beleid, GemeenteCapaciteit, Huishouden, Instantie

Mask = npt.NDArray[np.bool_]

REGELS = ("binding", "zorg", "regiobinding", "past")
"""Named hard criteria; ``past`` = fits within the maximum and some dwelling of its class exists."""


def maskers(instantie: Instantie, huishoudens: Sequence[Huishouden], beleid: Beleid) -> dict[str, Mask]:
    """Per criterion of :data:`REGELS`: which pairs (households × municipalities) it allows."""
    gemeenten = instantie.gemeenten
    codes = np.array([g.code for g in gemeenten], dtype=object)
    regio = np.array([g.regio for g in gemeenten], dtype=object)
    bovengrens = np.array([g.bovengrens for g in gemeenten])
    woning = np.array([_woning_past(g.woningen) for g in gemeenten], dtype=bool).reshape(len(codes), 4)
    vorm = (len(huishoudens), len(codes))
    result = {naam: np.ones(vorm, dtype=bool) for naam in REGELS}
    for row, h in enumerate(huishoudens):
        result["past"][row] = (bovengrens >= h.grootte) & woning[:, h.woningklasse]
        if h.zorg is not None:
            result["zorg"][row] = [h.zorg in g.zorg for g in gemeenten]
        if h.binding_gemeente is not None:
            result["binding"][row] = codes == h.binding_gemeente
        elif beleid.regio_binding.is_regel:
            result["regiobinding"][row] = regio == instantie.opvang_regio(h)
    return result


def toegestaan(instantie: Instantie, huishoudens: Sequence[Huishouden], beleid: Beleid) -> Mask:
    """Pairs every hard criterion allows."""
    masks = maskers(instantie, huishoudens, beleid)
    result: Mask = np.logical_and.reduce([masks[naam] for naam in REGELS])
    return result


def _woning_past(woningen: tuple[int, int, int, int] | None) -> list[bool]:
    """Per class k: does the municipality have any dwelling of class k or larger?"""
    return [woningen is None or sum(woningen[k:]) > 0 for k in range(4)]


def reden(regel: str, instantie: Instantie, huishouden: Huishouden, gemeente: GemeenteCapaciteit) -> str:
    """Why criterion ``regel`` forbids this pair, in Dutch, without the household's reference."""
    plaats = f"{gemeente.code} {gemeente.naam}"
    if regel == "binding":
        gebonden = _label(instantie, huishouden.binding_gemeente or "")
        return f"harde binding ({huishouden.binding}) aan {gebonden}, niet {plaats}"
    if regel == "zorg":
        return f"de vereiste zorg ({huishouden.zorg}) ontbreekt in {plaats}"
    if regel == "regiobinding":
        return f"{plaats} ligt buiten de opvangregio {instantie.opvang_regio(huishouden)} (regiobinding hard)"
    return f"{plaats} heeft geen plaats of passende woning voor {huishouden.grootte} personen"


def _label(instantie: Instantie, code: str) -> str:
    naam = next((g.naam for g in instantie.gemeenten if g.code == code), "")
    return f"{code} {naam}".strip()
