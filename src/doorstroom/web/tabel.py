"""Sorting and filtering a table of aggregate rows for display (presentation only: the rows and
what they mean come from a service; here they are only put in the order a reader asked for)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from doorstroom.values.record import Record
from doorstroom.values.suggest import fold


def sorteer(
    rijen: Sequence[Record], sleutel: str | None, aflopend: bool, toegestaan: Sequence[str]
) -> list[Record]:
    """``rijen`` by column ``sleutel`` (one of ``toegestaan``; else unchanged), numbers as numbers."""
    if sleutel not in toegestaan:
        return list(rijen)

    def waarde(rij: Record) -> tuple[int, Any]:
        w = rij.get(sleutel or "")
        if w is None:
            return (1, 0)
        return (0, w) if isinstance(w, int | float) else (0, fold(str(w)))

    geordend = sorted(rijen, key=waarde, reverse=aflopend)
    return [r for r in geordend if r.get(sleutel or "") is not None] + [
        r for r in geordend if r.get(sleutel or "") is None
    ]


def filter_rijen(
    rijen: Sequence[Record], gelijk: Mapping[str, str | None], zoek: str | None, in_: str
) -> list[Record]:
    """Rows whose columns equal the given values (empty: any) and whose ``in_`` contains ``zoek``."""
    gezocht = fold(zoek or "")
    return [
        r
        for r in rijen
        if all(not w or str(r.get(k)) == w for k, w in gelijk.items())
        and gezocht in fold(str(r.get(in_, "")))
    ]
