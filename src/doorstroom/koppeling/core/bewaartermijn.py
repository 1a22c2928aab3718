"""The retention rule of koppeling runs: how long a run keeps its per-household data.

AVG art. 5(1)(e) (storage limitation): personal data is kept no longer than its purpose needs. A
run's proposals and decisions serve the review and objections to it; after the term set by
``DOORSTROOM_KOPPELING_BEWAARTERMIJN_DAGEN`` (counted from the run's creation) they are removed by
``doorstroom koppeling opschonen`` and only counts per municipality remain.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta


def grens(nu: datetime, dagen: int) -> datetime:
    """Runs created before this moment are past their term."""
    if dagen < 1:
        raise ValueError(f"a retention term is at least one day, got {dagen}")
    moment = nu if nu.tzinfo else nu.replace(tzinfo=UTC)
    return moment - timedelta(days=dagen)
