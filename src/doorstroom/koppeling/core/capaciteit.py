"""The capacity rule: how many persons each municipality may take in one batch of the koppeling.

Huisvestingswet 2014 art. 28 splits the national taakstelling by population; what a municipality
still has to house in the period is its remaining corrected taakstelling. A batch covering a share
of the rest of the period may use that share of every municipality's remainder, so early batches
do not exhaust the best places (:func:`uit_taakstelling`). Without a stored taakstelling the
batch's own persons, plus some room, are split by population (:func:`standaard`). Both split in
whole persons with the largest-remainder rule of the taakstelling itself
(:func:`~doorstroom.taakstelling.core.verdeling.verdeel`). This module is the one home of these rules;
the service and the synthetic generator call it.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from doorstroom.koppeling.core.domain import GemeenteCapaciteit, Huishouden
from doorstroom.reference.core.domain import Gemeente
from doorstroom.taakstelling.core.verdeling import verdeel

RUIMTE = 1.03
"""Fallback capacity: the batch's persons plus 3 %, so a plan is not forced into one shape."""


def naar_rato(totaal: int, resterend: Mapping[str, int]) -> dict[str, int]:
    """Split ``totaal`` persons in proportion to what each municipality still has to house."""
    sleutel = {code: max(aantal, 0) for code, aantal in resterend.items()}
    if totaal <= 0 or sum(sleutel.values()) == 0:
        return dict.fromkeys(sleutel, 0)
    return verdeel(totaal, sleutel).aantallen


def batch_totaal(resterend: Mapping[str, int], aandeel: float) -> int:
    """Persons a batch covering ``aandeel`` of the rest of the period may link: rounded up."""
    if not 0.0 < aandeel <= 1.0:
        raise ValueError(f"aandeel must lie in (0, 1], got {aandeel!r}")
    return math.ceil(aandeel * sum(max(aantal, 0) for aantal in resterend.values()) - 1e-9)


def uit_taakstelling(
    gemeenten: Sequence[Gemeente],
    resterend: Mapping[str, int],
    aandeel: float,
    regio: Mapping[str, str],
) -> list[GemeenteCapaciteit]:
    """Capacity for a batch: the remaining corrected taakstelling, pro-rated to the batch.

    The batch share is a soft target; the hard ``maximum`` is the whole remaining quota, and
    persons above the share cost ``Beleid.overschrijding_boete`` each.
    """
    sleutel = {g.code: max(resterend.get(g.code, 0), 0) for g in gemeenten}
    aantallen = naar_rato(batch_totaal(sleutel, aandeel), sleutel)
    return [
        _capaciteit(g, aantallen[g.code], regio, maximum=max(sleutel[g.code], aantallen[g.code]))
        for g in gemeenten
    ]


def standaard(
    gemeenten: Sequence[Gemeente],
    huishoudens: Sequence[Huishouden],
    regio: Mapping[str, str],
    ruimte: float = RUIMTE,
) -> list[GemeenteCapaciteit]:
    """Fallback capacity: this batch's persons (plus ``ruimte``) split by population."""
    personen = round(sum(h.grootte for h in huishoudens) * ruimte)
    aantallen = verdeel(personen, {g.code: g.inwoners for g in gemeenten}).aantallen
    return [_capaciteit(g, aantallen[g.code], regio) for g in gemeenten]


def _capaciteit(
    gemeente: Gemeente, aantal: int, regio: Mapping[str, str], *, maximum: int | None = None
) -> GemeenteCapaciteit:
    return GemeenteCapaciteit(
        gemeente.code,
        gemeente.naam,
        aantal,
        regio[gemeente.code],
        gemeente.arbeidsmarktregio or gemeente.provincie,
        latitude=gemeente.latitude,
        longitude=gemeente.longitude,
        maximum=maximum,
    )
