"""Optional outcome model: a calibrated, validated prediction used as the ``uitkomst`` criterion.

A user who holds historical outcomes (for example "in paid work two years after housing") can
train a model on them. It only sees the same pair features the score already uses — region,
distance, labour-market fit, education access, network, preference — plus household size and the
number of adults; never nationality, religion, ethnicity, country or language of origin (there is
no such field to give it). The model is a scikit-learn pipeline (standardise → logistic
regression) calibrated with isotonic/sigmoid cross-validation, and validated on a held-out part:
AUC, Brier score, expected calibration error, and the same per household type (fairness). A model
that fails the minimum checks is returned with ``bruikbaar=False`` and must not be used. See
``docs/algoritmeregister.md`` for the register entry.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from doorstroom.koppeling.core.domain import CRITERIA, Beleid, Huishouden, Instantie
from doorstroom.koppeling.core.score import Matrix, criteriumwaarden

KENMERKEN = (*[c for c in CRITERIA if c != "uitkomst"], "grootte", "volwassenen")
MIN_RIJEN = 200
MIN_AUC = 0.6
MAX_ECE = 0.1


@dataclass(frozen=True)
class Validatie:
    """Held-out quality of an outcome model, overall and per household type."""

    rijen: int
    auc: float
    brier: float
    ece: float
    per_soort: dict[str, dict[str, float]] = field(default_factory=dict)

    @property
    def bruikbaar(self) -> bool:
        """Enough data, better than chance, and calibrated (checks in the module docstring)."""
        return self.rijen >= MIN_RIJEN // 4 and self.auc >= MIN_AUC and self.ece <= MAX_ECE


@dataclass
class UitkomstModel:
    """A trained model; implements :class:`~doorstroom.koppeling.core.score.UitkomstVoorspeller`."""

    schatter: Any
    validatie: Validatie

    def voorspel(self, instantie: Instantie, huishoudens: Sequence[Huishouden]) -> Matrix:
        """Predicted probability of a good outcome for every (household, municipality)."""
        kenmerken = paar_kenmerken(instantie, huishoudens)
        n, g, k = kenmerken.shape
        kans: Matrix = self.schatter.predict_proba(kenmerken.reshape(n * g, k))[:, 1].reshape(n, g)
        return kans


def paar_kenmerken(instantie: Instantie, huishoudens: Sequence[Huishouden]) -> Matrix:
    """Features per (household, municipality, feature) in the order of :data:`KENMERKEN`."""
    waarden = criteriumwaarden(instantie, huishoudens, Beleid())
    g = len(instantie.gemeenten)
    grootte = np.array([[h.grootte] * g for h in huishoudens], dtype=np.float64)
    volwassenen = np.array([[len(h.volwassenen)] * g for h in huishoudens], dtype=np.float64)
    lagen = [waarden[c] for c in KENMERKEN[:-2]] + [grootte, volwassenen]
    return np.stack(lagen, axis=-1).reshape(len(huishoudens), g, len(KENMERKEN))


def train(
    instantie: Instantie,
    huishoudens: Sequence[Huishouden],
    geplaatst: Sequence[str],
    uitkomst: Sequence[int],
    *,
    seed: int = 0,
) -> UitkomstModel:
    """Fit on historical placements (``geplaatst[i]`` is household i's municipality) and validate."""
    train_test_split = _sklearn("model_selection").train_test_split
    x = _kenmerken_van_plaatsing(instantie, huishoudens, geplaatst)
    y = np.asarray(uitkomst, dtype=np.int64)
    soort = np.array([h.soort for h in huishoudens])
    if len(y) < MIN_RIJEN or len(set(y.tolist())) < 2:
        raise ValueError(f"need at least {MIN_RIJEN} rows with both outcomes, got {len(y)}")
    x_fit, x_val, y_fit, y_val, _, s_val = train_test_split(
        x, y, soort, test_size=0.25, random_state=seed, stratify=y
    )
    schatter = _schatter(len(y_fit)).fit(x_fit, y_fit)
    kans = schatter.predict_proba(x_val)[:, 1]
    return UitkomstModel(schatter, _valideer(y_val, kans, s_val))


def _kenmerken_van_plaatsing(
    instantie: Instantie, huishoudens: Sequence[Huishouden], geplaatst: Sequence[str]
) -> Matrix:
    index = {g.code: i for i, g in enumerate(instantie.gemeenten)}
    kenmerken = paar_kenmerken(instantie, huishoudens)
    kolom = np.array([index[code] for code in geplaatst])
    gekozen: Matrix = kenmerken[np.arange(len(huishoudens)), kolom]
    return gekozen


def _schatter(rijen: int) -> Any:
    pipeline, voorbewerking = _sklearn("pipeline"), _sklearn("preprocessing")
    regressie = _sklearn("linear_model").LogisticRegression(max_iter=1000)
    basis = pipeline.make_pipeline(voorbewerking.StandardScaler(), regressie)
    methode = "isotonic" if rijen >= 1000 else "sigmoid"
    return _sklearn("calibration").CalibratedClassifierCV(basis, method=methode, cv=5)


def _sklearn(module: str) -> Any:
    """A scikit-learn module, imported on use (the plug-in is optional and sklearn is untyped)."""
    return importlib.import_module(f"sklearn.{module}")


def _valideer(y: np.ndarray, kans: np.ndarray, soort: np.ndarray) -> Validatie:
    metrics = _sklearn("metrics")
    per_soort = {
        str(s): {
            "rijen": float((soort == s).sum()),
            "waargenomen": round(float(y[soort == s].mean()), 3),
            "voorspeld": round(float(kans[soort == s].mean()), 3),
        }
        for s in sorted(set(soort.tolist()))
    }
    auc, brier = float(metrics.roc_auc_score(y, kans)), float(metrics.brier_score_loss(y, kans))
    return Validatie(len(y), auc, brier, _ece(y, kans), per_soort)


def _ece(y: np.ndarray, kans: np.ndarray, bakken: int = 10) -> float:
    """Expected calibration error: the mean gap between predicted and observed rate per bin."""
    grens = np.minimum((kans * bakken).astype(int), bakken - 1)
    fout = 0.0
    for b in range(bakken):
        in_bak = grens == b
        if in_bak.any():
            fout += in_bak.mean() * abs(kans[in_bak].mean() - y[in_bak].mean())
    return float(fout)
