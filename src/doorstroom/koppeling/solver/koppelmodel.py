"""The integer program of the koppeling, built as plain arrays (no solver imported here).

Variables: ``x[h,g] ∈ {0,1}`` for every candidate pair, ``u[h] ∈ {0,1}`` ("unlinked") and
``o[g] ∈ [0, maximum_g − capaciteit_g]`` (persons above the batch share, "overschrijding").
Maximise   Σ grootte_h · score_hg · x_hg  −  Σ straf · grootte_h · u_h  −  Σ boete · o_g
subject to

* assignment:  Σ_g x_hg + u_h = 1 for every household (exactly one municipality, or unlinked);
* capacity:    Σ_h grootte_h · x_hg − o_g ≤ capaciteit_g (persons). ``capaciteit`` is the run's
  pro-rated share of the remaining taakstelling, a soft target; ``maximum`` (the whole remaining
  taakstelling) is the hard ceiling. With maximum = capaciteit, ``o_g`` is fixed at 0 and the
  capacity is hard, exactly as before;
* dwellings:   for every size class k, Σ_{h: klasse_h ≥ k} x_hg ≤ Σ_{j ≥ k} woningen_gj.
  A household fits a dwelling of its class or larger; by Hall's theorem for such nested classes
  these inequalities are exactly the condition that every linked household gets a fitting dwelling.

Hard criteria (family, reunification, care, contract, study place, hard region rule) are applied by
leaving forbidden pairs out. The ``u`` columns are the penalised slack that keeps every instance
solvable: an infeasible instance yields the best relaxed plan plus named conflicts.

Candidate pruning keeps the ``kandidaten`` best allowed municipalities per household; rows that
cannot bind given the candidates (capacity above every candidate's possible demand) are omitted
from the matrix form (:mod:`doorstroom.koppeling.solver.matrixvorm`);
:mod:`doorstroom.koppeling.solver.decompose` prices the pruned pairs against the LP duals, so the
proven bound holds for the unpruned problem.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np
import numpy.typing as npt

from doorstroom.koppeling.core.bezetting import overschrijding, personen_per_gemeente
from doorstroom.koppeling.core.domain import Beleid, Instantie
from doorstroom.koppeling.core.score import Scoreblok, UitkomstVoorspeller, scoreblok

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
BLOK = 1000
ONBEPERKT = 10**9
"""Dwellings per class when dwellings do not limit a municipality (rows then never bind)."""


@dataclass(frozen=True)
class Koppelmodel:
    """The pruned model as arrays; pair ``p`` links household ``paar_h[p]`` to ``paar_g[p]``."""

    grootte: IntArray
    klasse: IntArray
    capaciteit: IntArray
    woningen: IntArray
    paar_h: IntArray
    paar_g: IntArray
    score: FloatArray
    straf: FloatArray
    maximum: IntArray
    boete: float = 0.0

    @property
    def n_huishoudens(self) -> int:
        """Number of households in the model."""
        return len(self.grootte)

    @property
    def waarde(self) -> FloatArray:
        """Objective coefficient of every pair: every person of the household counts."""
        result: FloatArray = self.grootte[self.paar_h] * self.score
        return result

    @property
    def ruimte(self) -> IntArray:
        """Persons each municipality may take above its batch share (upper bound of ``o_g``)."""
        result: IntArray = np.maximum(self.maximum - self.capaciteit, 0)
        return result

    @property
    def n_overloop(self) -> int:
        """Number of overflow columns: one per municipality, none when every capacity is hard.

        Leaving them out when no municipality has room above its share keeps the program of a
        hard-capacity instance exactly as it was (same LP vertex, same timings).
        """
        return len(self.capaciteit) if bool(np.any(self.ruimte > 0)) else 0

    def objectief(self, keuze: IntArray) -> float:
        """Objective of a plan: ``keuze[h]`` is a pair index, or -1 for unlinked."""
        gekozen = keuze[keuze >= 0]
        boete = self.boete * float(self.overschrijding(keuze).sum())
        return float(self.waarde[gekozen].sum() - self.straf[keuze < 0].sum()) - boete

    def bezetting(self, keuze: IntArray) -> IntArray:
        """Persons linked per municipality in a plan (``keuze[h]``: pair index or -1)."""
        gemeente = np.where(keuze >= 0, self.paar_g[np.maximum(keuze, 0)], -1) if len(self.paar_g) else keuze
        return personen_per_gemeente(gemeente, self.grootte, len(self.capaciteit))

    def overschrijding(self, keuze: IntArray) -> IntArray:
        """Persons above the batch share per municipality (the optimal ``o_g`` for the plan)."""
        return overschrijding(self.bezetting(keuze), self.capaciteit)


def scoreblokken(
    instantie: Instantie, beleid: Beleid, uitkomst: UitkomstVoorspeller | None = None
) -> list[Scoreblok]:
    """Scores of every household against every municipality, in blocks of :data:`BLOK` rows."""
    return [
        scoreblok(instantie, instantie.huishoudens[start : start + BLOK], beleid, uitkomst)
        for start in range(0, len(instantie.huishoudens), BLOK)
    ]


def bouw_model(
    instantie: Instantie, beleid: Beleid, blokken: Sequence[Scoreblok] | None = None
) -> Koppelmodel:
    """Keep the best ``beleid.kandidaten`` allowed municipalities per household (pruning)."""
    paren_h, paren_g, scores = [], [], []
    for index, blok in enumerate(blokken if blokken is not None else scoreblokken(instantie, beleid)):
        start = index * BLOK
        h, g, s = beste_paren(blok, beleid.kandidaten)
        paren_h.append(h + start)
        paren_g.append(g)
        scores.append(s)
    return _model(instantie, beleid, np.concatenate(paren_h), np.concatenate(paren_g), np.concatenate(scores))


def beste_paren(blok: Scoreblok, aantal: int) -> tuple[IntArray, IntArray, FloatArray]:
    """Indices and scores of the ``aantal`` best allowed municipalities of every household."""
    score = np.where(blok.toegestaan, blok.totaal, -np.inf)
    aantal = min(aantal, score.shape[1])
    beste = np.argpartition(-score, aantal - 1, axis=1)[:, :aantal]
    rijen = np.repeat(np.arange(score.shape[0]), aantal)
    kolommen = beste.ravel()
    gekozen = score[rijen, kolommen]
    houden = np.isfinite(gekozen)
    return rijen[houden].astype(np.int64), kolommen[houden].astype(np.int64), gekozen[houden]


def _model(
    instantie: Instantie, beleid: Beleid, paar_h: IntArray, paar_g: IntArray, score: FloatArray
) -> Koppelmodel:
    grootte = np.array([h.grootte for h in instantie.huishoudens], dtype=np.int64)
    volgorde = np.lexsort((paar_g, paar_h))
    return Koppelmodel(
        grootte=grootte,
        klasse=np.array([h.woningklasse for h in instantie.huishoudens], dtype=np.int64),
        capaciteit=np.array([g.capaciteit for g in instantie.gemeenten], dtype=np.int64),
        woningen=woningmatrix(instantie),
        paar_h=paar_h[volgorde],
        paar_g=paar_g[volgorde],
        score=score[volgorde],
        straf=beleid.straf_onbekoppeld * grootte.astype(np.float64),
        maximum=np.array([g.bovengrens for g in instantie.gemeenten], dtype=np.int64),
        boete=beleid.overschrijding_boete,
    )


def woningmatrix(instantie: Instantie) -> IntArray:
    """Dwellings per municipality and class; :data:`ONBEPERKT` when not limiting."""
    rows = [g.woningen if g.woningen is not None else (ONBEPERKT,) * 4 for g in instantie.gemeenten]
    return np.array(rows, dtype=np.int64).reshape(len(instantie.gemeenten), 4)


def met_paren(
    model: Koppelmodel, paar_h: IntArray, paar_g: IntArray, score: FloatArray
) -> tuple[Koppelmodel, IntArray]:
    """The model with extra pairs added (column generation), and the permutation applied.

    ``volgorde[i]`` is the position, in old pairs followed by new pairs, of the i-th sorted pair.
    """
    h = np.concatenate([model.paar_h, paar_h])
    g = np.concatenate([model.paar_g, paar_g])
    volgorde = np.lexsort((g, h))
    s = np.concatenate([model.score, score])
    return replace(model, paar_h=h[volgorde], paar_g=g[volgorde], score=s[volgorde]), volgorde


def deelmodel(
    model: Koppelmodel, huishoudens: IntArray, rest: tuple[IntArray, IntArray, IntArray]
) -> tuple[Koppelmodel, IntArray]:
    """The model restricted to ``huishoudens`` (renumbered 0..k-1) with residual room.

    ``rest`` is (batch share left, maximum left, dwellings left), see ``bezetting.rest_na``.
    Also returns, per pair of the sub-model, the index of that pair in ``model``.
    """
    capaciteit, maximum, woningen = rest
    nieuw = np.full(model.n_huishoudens, -1, dtype=np.int64)
    nieuw[huishoudens] = np.arange(len(huishoudens))
    houden = nieuw[model.paar_h] >= 0
    deel = Koppelmodel(
        grootte=model.grootte[huishoudens],
        klasse=model.klasse[huishoudens],
        capaciteit=capaciteit,
        woningen=woningen,
        paar_h=nieuw[model.paar_h[houden]],
        paar_g=model.paar_g[houden],
        score=model.score[houden],
        straf=model.straf[huishoudens],
        maximum=maximum,
        boete=model.boete,
    )
    return deel, np.flatnonzero(houden)


def prijsvector(instantie: Instantie, prijzen: Mapping[str, float] | None) -> FloatArray | None:
    """Given capacity prices as a vector over the municipalities (0 where none is given)."""
    if prijzen is None:
        return None
    index = {g.code: i for i, g in enumerate(instantie.gemeenten)}
    onbekend = sorted(set(prijzen) - set(index))
    if onbekend or any(not np.isfinite(p) or p < 0 for p in prijzen.values()):
        raise ValueError(f"prijzen must be finite, ≥ 0 and for municipalities of the run: {onbekend[:5]}")
    vector = np.zeros(len(instantie.gemeenten))
    for code, prijs in prijzen.items():
        vector[index[code]] = prijs
    return vector
