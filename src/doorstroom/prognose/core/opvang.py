"""Reception places per province: the plain input the prognose takes for its provinces.

:class:`OpvangProvincie` is deliberately small and free of any storage or file format, so the
spreiding context (the register of reception locations) can hand its per-province totals to the
prognose without either knowing the other's internals: one value per province with the number of
places, the occupancy when known, and where the numbers come from.

The national reception capacity of a scenario (``coa_regulier + coa_nood + flexbuffer``, with its
changes over time) is divided over the provinces in proportion to their places; the start stocks
in proportion to the occupancy (or the places when no occupancy is given), the waiting permit
holders in proportion to those counted per province when every province has a count; the
taakstelling and nareizigers by population (Huisvestingswet 2014 art. 29).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from doorstroom.prognose.core.model import Regios


@dataclass(frozen=True)
class OpvangProvincie:
    """Reception places (and occupancy, when known) in one province at a reference date."""

    provincie: str
    plaatsen: float
    bezetting: float | None = None
    bron: str = ""
    peildatum: str = ""
    vergunninghouders: float | None = None  # permit holders in reception there, when known


def regios(opvang: Sequence[OpvangProvincie], inwoners: Mapping[str, float]) -> Regios:
    """The model's provinces: reception shares from ``opvang``, population shares from ``inwoners``.

    Provinces appear in the order of ``inwoners``; every one of them must be in ``opvang``.
    """
    by_name = {item.provincie: item for item in opvang}
    names = tuple(inwoners)
    places = np.array([by_name[name].plaatsen for name in names], dtype=np.float64)
    occupied = [by_name[name].bezetting for name in names]
    start = places if any(o is None for o in occupied) else np.array(occupied, dtype=np.float64)
    if start.sum() <= 0:
        start = places
    population = np.array([inwoners[name] for name in names], dtype=np.float64)
    holders = [by_name[name].vergunninghouders for name in names]
    waiting = None
    if all(h is not None for h in holders) and sum(h or 0.0 for h in holders) > 0:
        waiting = np.array(holders, dtype=np.float64) / sum(h or 0.0 for h in holders)
    return Regios(names, places / places.sum(), population / population.sum(), start / start.sum(), waiting)
