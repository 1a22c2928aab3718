"""How many households are still expected in a period after this batch: from the prognose.

The price estimate needs the volume of the arrivals still to come (issue 14). By default it comes
from the prognose context — its expected persons housed from COA reception per month
(``huisvesting_uit_coa``, P50 of the default scenario's deterministic path) — asked through the
prognose service, not recomputed here. Persons become households with the mean household size of
the sample the scenarios are drawn from. A user can give the number instead (``--verwacht``).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from doorstroom.prognose import service as prognose
from doorstroom.prognose import standaard
from doorstroom.values.periode import Periode

REEKS = "huisvesting_uit_coa"
"""The prognose series of persons leaving reception for a home: the people COA links."""
DAGEN_PER_WEEK = 7


@dataclass(frozen=True)
class Verwachting:
    """Households expected after this batch, and where that number came from (for the report)."""

    huishoudens: float
    bron: str


def weken_na_batch(periode: Periode, vandaag: date, dagen: int = DAGEN_PER_WEEK) -> float:
    """Weeks of the period left after a batch of ``dagen`` days starting ``vandaag`` (≥ 0)."""
    if vandaag > periode.end:
        return 0.0
    over = (periode.end - max(vandaag, periode.start)).days + 1
    return max(over - dagen, 0) / DAGEN_PER_WEEK


def uit_prognose(periode: Periode, vandaag: date, personen_per_huishouden: float) -> Verwachting:
    """The prognose's expected persons per week over the rest of the period, as households."""
    weken = weken_na_batch(periode, vandaag)
    if weken <= 0:
        return Verwachting(0.0, f"geen weken meer in {periode} na deze batch")
    per_week = personen_per_week(periode)
    huishoudens = per_week * weken / max(personen_per_huishouden, 1.0)
    bron = (
        f"prognose (standaardscenario, {REEKS}): {per_week:.0f} personen per week × {weken:.1f} weken "
        f"/ {personen_per_huishouden:.2f} personen per huishouden"
    )
    return Verwachting(huishoudens, bron)


def personen_per_week(periode: Periode) -> float:
    """Expected persons linked per week in the months of ``periode`` the forecast covers (P50).

    A period before the forecast's start uses its first months; one past its horizon its last.
    """
    scenario = standaard.standaard()
    uitkomst = prognose.prognose(
        scenario, prognose.opvang(None, scenario), paden=1, maanden=None, seed=1, deterministisch=True
    )
    maanden = list(uitkomst.maanden)
    reeks = uitkomst.kwantielen[REEKS][1]
    gewenst = [f"{jaar:04d}-{maand:02d}" for jaar, maand in periode.months()]
    gekozen = [i for i, m in enumerate(maanden) if m in gewenst] or (
        list(range(min(6, len(maanden))))
        if gewenst[-1] < maanden[0]
        else list(range(max(len(maanden) - 6, 0), len(maanden)))
    )
    per_maand = [float(reeks[i]) / _weken_in(maanden[i]) for i in gekozen]
    return sum(per_maand) / len(per_maand)


def _weken_in(maand: str) -> float:
    jaar, nummer = int(maand[:4]), int(maand[5:7])
    return calendar.monthrange(jaar, nummer)[1] / DAGEN_PER_WEEK
