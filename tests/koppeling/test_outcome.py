"""The optional outcome model: trained on (synthetic) history, calibrated, validated, pluggable."""

from __future__ import annotations

import numpy as np
import pytest

from doorstroom.koppeling.core.domain import Beleid, Gewichten, Instantie
from doorstroom.koppeling.core.outcome import KENMERKEN, train
from doorstroom.koppeling.core.synthetic import synthetisch
from doorstroom.koppeling.core.validate import check_result
from doorstroom.koppeling.solver.registry import solver
from doorstroom.reference.io import embedded_gemeenten


def _geschiedenis(seed: int = 3) -> tuple[Instantie, list[str], list[int]]:
    """SYNTHETIC history: work is likelier where the labour-market fit is high."""
    instantie = synthetisch(embedded_gemeenten(), 1500, seed=seed)
    rng = np.random.default_rng(seed)
    codes = [g.code for g in instantie.gemeenten]
    geplaatst = [str(rng.choice(codes)) for _ in instantie.huishoudens]
    vraag = {
        g.code: instantie.vraag.get((g.arbeidsmarktregio or "", "zorg"), 0.5) for g in instantie.gemeenten
    }
    kans = [1 / (1 + np.exp(-(4 * vraag[c] - 2))) for c in geplaatst]
    return instantie, geplaatst, [int(rng.random() < p) for p in kans]


def test_trained_model_is_validated_and_calibrated() -> None:
    instantie, geplaatst, uitkomst = _geschiedenis()
    model = train(instantie, instantie.huishoudens, geplaatst, uitkomst)
    assert model.validatie.rijen == 375
    assert model.validatie.ece < 0.1
    assert 0.0 < model.validatie.brier < 0.25
    assert set(model.validatie.per_soort) >= {"alleenstaand"}
    assert not any(woord in k for k in KENMERKEN for woord in ("nationaliteit", "religie", "herkomst"))


def test_model_plugs_in_as_criterion() -> None:
    instantie, geplaatst, uitkomst = _geschiedenis()
    model = train(instantie, instantie.huishoudens, geplaatst, uitkomst)
    klein = synthetisch(embedded_gemeenten(), 60, seed=9)
    kans = model.voorspel(klein, klein.huishoudens[:5])
    assert kans.shape == (5, 342) and np.all((kans >= 0) & (kans <= 1))
    beleid = Beleid(gewichten=Gewichten(uitkomst=2.0))
    result = solver("highs").los_op(klein, beleid, 30, uitkomst=model)
    assert check_result(klein, beleid, result) == []
    assert any(t.criteria["uitkomst"] > 0 for t in result.assignments)


def test_too_little_history_is_refused() -> None:
    instantie, geplaatst, uitkomst = _geschiedenis()
    with pytest.raises(ValueError, match="at least"):
        train(instantie, instantie.huishoudens[:50], geplaatst[:50], uitkomst[:50])
