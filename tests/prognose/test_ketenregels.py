"""The forecast's chain rules (issue 24): the law in force changes nothing; the two-status rules
split nareizigers by status type and only lower them; permit endings follow the term."""

from __future__ import annotations

import numpy as np

from doorstroom.prognose.core.ketenregels import HUIDIG, Nareisregels, aflopend, nareisfactoren, per_status


def test_under_the_law_in_force_every_month_keeps_all_nareizigers() -> None:
    vluchteling, subsidiair = nareisfactoren(HUIDIG.nareis, 24)
    assert np.allclose(vluchteling + subsidiair, 1.0)


def test_the_two_status_rules_wait_then_admit_the_share_meeting_the_requirements() -> None:
    regels = Nareisregels(
        aandeel_subsidiair=0.5, kerngezin=0.8, wachttijd_subsidiair=24, voorwaarden_subsidiair=0.25
    )
    vluchteling, subsidiair = nareisfactoren(regels, 30)
    assert np.allclose(vluchteling, 0.4)
    assert np.allclose(subsidiair[:24], 0.0) and np.allclose(subsidiair[24:], 0.5 * 0.8 * 0.25)
    reeks = np.full(30, 100.0)
    eerste, tweede = per_status(reeks, regels)
    assert np.allclose(eerste + tweede, reeks)


def test_a_stop_closes_nareis_for_its_months_only() -> None:
    vluchteling, subsidiair = nareisfactoren(Nareisregels(stop_vanaf_maand=3, stop_maanden=2), 6)
    assert list(vluchteling + subsidiair) == [1.0, 1.0, 0.0, 0.0, 1.0, 1.0]


def test_permits_end_after_their_term_within_the_horizon() -> None:
    inwilligingen = np.arange(1.0, 7.0)
    assert list(aflopend(inwilligingen, 4)) == [0.0, 0.0, 0.0, 0.0, 1.0, 2.0]
    assert not aflopend(inwilligingen, 6).any()
