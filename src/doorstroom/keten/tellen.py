"""Sums of supervision rows (pure): per region, per schedule status, in total."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from doorstroom.taakstelling.core.domain import Schema

Record = dict[str, Any]
SOMMEN = ("taakstelling", "ruil", "achterstand", "gecorrigeerde_taakstelling", "gerealiseerd", "resterend")


def optellen(rijen: Iterable[Record]) -> Record:
    """The summed columns of ``rijen``, with the realisation as a share of the corrected quota."""
    totaal: Record = {kolom: 0 for kolom in SOMMEN}
    for rij in rijen:
        for kolom in SOMMEN:
            totaal[kolom] += int(rij.get(kolom) or 0)
    noemer = totaal["gecorrigeerde_taakstelling"]
    totaal["percentage"] = round(100 * totaal["gerealiseerd"] / noemer, 1) if noemer > 0 else None
    return totaal


def statussen(rijen: Iterable[Record]) -> dict[str, int]:
    """How many municipalities are on schedule, slightly behind and far behind."""
    tellers = Counter(str(r.get("status")) for r in rijen)
    return {status.value: tellers.get(status.value, 0) for status in Schema}


def per_regio(rijen: Sequence[Record], kolom: str) -> list[Record]:
    """Sums per value of ``kolom`` (province, labour-market region), by name."""
    groepen: dict[str, list[Record]] = {}
    for rij in rijen:
        groepen.setdefault(str(rij.get(kolom) or "(onbekend)"), []).append(rij)
    return [
        {"regio": naam, "gemeenten": len(groep), **optellen(groep), "statussen": statussen(groep)}
        for naam, groep in sorted(groepen.items())
    ]
