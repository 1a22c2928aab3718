"""The volume still expected after a batch: weeks left in the period, and the prognose as default."""

from __future__ import annotations

from datetime import date

import pytest

from doorstroom.koppeling import verwachting
from doorstroom.values.periode import Periode

PERIODE = Periode.parse("2026-2")


@pytest.mark.parametrize(
    ("dag", "weken"),
    [
        (date(2026, 7, 1), (184 - 7) / 7),  # the first week of the half year
        (date(2026, 6, 1), (184 - 7) / 7),  # before the period: it all lies ahead
        (date(2026, 12, 25), 0.0),  # the last week: nothing after it
        (date(2027, 1, 5), 0.0),  # after the period
    ],
)
def test_weeks_left_after_a_batch(dag: date, weken: float) -> None:
    assert verwachting.weken_na_batch(PERIODE, dag) == pytest.approx(weken)


def test_default_volume_is_the_prognose_per_week_times_the_weeks_left_in_households() -> None:
    per_week = verwachting.personen_per_week(PERIODE)
    assert per_week > 0
    uitkomst = verwachting.uit_prognose(PERIODE, date(2026, 7, 1), 2.5)
    assert uitkomst.huishoudens == pytest.approx(per_week * (184 - 7) / 7 / 2.5)
    assert verwachting.REEKS in uitkomst.bron and "prognose" in uitkomst.bron
    assert verwachting.uit_prognose(PERIODE, date(2027, 1, 5), 2.5).huishoudens == 0.0
