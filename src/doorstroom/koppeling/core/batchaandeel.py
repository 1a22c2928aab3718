"""The batch-share rule: which part of the rest of a taakstelling period one koppeling batch covers.

COA links households in weekly batches. A batch may use the share of each municipality's remaining
taakstelling that matches the share of the rest of the half-year it covers (see
:mod:`~doorstroom.koppeling.core.capaciteit`): a week out of the remaining days, all of it in the last
week or after the period has ended.
"""

from __future__ import annotations

from datetime import date

from doorstroom.values.periode import Periode

WEEK = 7


def batch_aandeel(periode: Periode, vandaag: date, dagen: int = WEEK) -> float:
    """Share of the rest of ``periode`` that a batch of ``dagen`` days starting ``vandaag`` covers."""
    if vandaag > periode.end:
        return 1.0
    over = (periode.end - max(vandaag, periode.start)).days + 1
    return min(1.0, dagen / over)
