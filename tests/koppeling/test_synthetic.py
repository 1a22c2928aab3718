"""Synthetic instances: seeded, labelled, realistically shaped."""

from __future__ import annotations

from collections import Counter

from doorstroom.koppeling.core.synthetic import synthetisch
from doorstroom.reference.io import embedded_gemeenten


def test_same_seed_same_instance_and_labelled() -> None:
    a = synthetisch(embedded_gemeenten(), 200, seed=7)
    b = synthetisch(embedded_gemeenten(), 200, seed=7)
    assert a == b and a.synthetisch
    assert synthetisch(embedded_gemeenten(), 200, seed=8) != a
    assert all(h.id.startswith("SYN-") for h in a.huishoudens)


def test_shapes_are_realistic() -> None:
    instantie = synthetisch(embedded_gemeenten(), 2000, seed=1)
    grootte = Counter(h.grootte for h in instantie.huishoudens)
    personen = sum(h.grootte for h in instantie.huishoudens)
    assert 0.4 < grootte[1] / 2000 < 0.6
    assert sum(n for g, n in grootte.items() if g >= 6) > 0
    assert 2.2 < personen / 2000 < 2.8
    assert len({h.opvang_gemeente for h in instantie.huishoudens}) > 40
    capaciteit = sum(g.capaciteit for g in instantie.gemeenten)
    assert capaciteit == round(personen * 1.03)
    assert len(instantie.gemeenten) == 342
