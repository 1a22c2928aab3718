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
cannot bind given the candidates (capacity above every candidate's possible demand) are omitted.
:mod:`doorstroom.koppeling.decompose` prices the pruned pairs against the LP duals, so the proven
bound holds for the unpruned problem.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import numpy as np
import numpy.typing as npt
from scipy import sparse

from doorstroom.koppeling.bezetting import overschrijding, personen_per_gemeente
from doorstroom.koppeling.domain import WONINGKLASSEN, Beleid, Instantie
from doorstroom.koppeling.score import Scoreblok, UitkomstVoorspeller, scoreblok

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


@dataclass(frozen=True)
class Rij:
    """A named constraint row, so binding and conflicting constraints can be reported.

    ``klasse`` is the dwelling class of a ``woningen`` row and the threshold t of an
    ``overschrijding`` row (see :func:`_overschrijdingsrijen`).
    """

    soort: str
    index: int
    klasse: int = 0


@dataclass(frozen=True)
class Programma:
    """A linear program in matrix form (maximise): what every backend receives."""

    kosten: FloatArray
    kolom_onder: FloatArray
    kolom_boven: FloatArray
    matrix: sparse.csc_matrix
    rij_onder: FloatArray
    rij_boven: FloatArray
    geheel: bool
    rijen: tuple[Rij, ...]


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


def programma(model: Koppelmodel, *, geheel: bool, alle_rijen: bool = False) -> Programma:
    """The matrix form; rows as in the module doc.

    Columns: the pairs, then the ``u`` slacks, then one ``o`` overflow column per municipality
    (empty, with upper bound 0, where the municipality has no room above its share or no
    capacity row; none at all when no municipality has such room, see ``n_overloop``). The
    first ``n_huishoudens`` rows are the assignment rows; ``rijen`` names the rows after them.
    ``alle_rijen`` keeps every capacity and dwelling row, so columns can be added.
    """
    n, p, n_g = model.n_huishoudens, len(model.paar_h), model.n_overloop
    rij_i = [model.paar_h, np.arange(n)]
    kolom_i = [np.arange(p, dtype=np.int64), p + np.arange(n)]
    waarde_i = [np.ones(p), np.ones(n)]
    namen: list[Rij] = []
    limieten: list[int] = []
    ruimte = np.zeros(len(model.capaciteit))
    for rij, leden, coeff, limiet in _beperkingen(model, alle_rijen):
        if rij.soort == "capaciteit" and model.ruimte[rij.index] > 0:
            ruimte[rij.index] = model.ruimte[rij.index]
            leden, coeff = np.append(leden, p + n + rij.index), np.append(coeff, -1.0)
        rij_i.append(np.full(len(leden), n + len(namen)))
        kolom_i.append(leden)
        waarde_i.append(coeff)
        namen.append(rij)
        limieten.append(limiet)
    for rij, leden, coeff in _overschrijdingsrijen(model, ruimte > 0, p + n):
        rij_i.append(np.full(len(leden), n + len(namen)))
        kolom_i.append(leden)
        waarde_i.append(coeff)
        namen.append(rij)
        limieten.append(overschrijdingsgrens(rij, int(model.capaciteit[rij.index])))
    matrix = sparse.csc_matrix(
        (np.concatenate(waarde_i), (np.concatenate(rij_i), np.concatenate(kolom_i))),
        shape=(n + len(namen), p + n + n_g),
    )
    return Programma(
        kosten=np.concatenate([model.waarde, -model.straf, np.full(n_g, -model.boete)]),
        kolom_onder=np.zeros(p + n + n_g),
        kolom_boven=np.concatenate([np.ones(p + n), ruimte[:n_g]]),
        matrix=matrix,
        rij_onder=np.concatenate([np.ones(n), np.full(len(namen), -np.inf)]),
        rij_boven=np.concatenate([np.ones(n), np.array(limieten, dtype=np.float64)]),
        geheel=geheel,
        rijen=tuple(namen),
    )


def _beperkingen(model: Koppelmodel, alle_rijen: bool = False) -> list[tuple[Rij, IntArray, FloatArray, int]]:
    """Capacity and dwelling rows that can bind given the candidate pairs: (name, columns, coeffs, limit)."""
    n_g = len(model.capaciteit)
    grootte = model.grootte[model.paar_h]
    klasse = model.klasse[model.paar_h]
    volgorde = np.argsort(model.paar_g, kind="stable")
    grenzen = np.searchsorted(model.paar_g[volgorde], np.arange(n_g + 1))
    vraag = np.bincount(model.paar_g, weights=grootte, minlength=n_g)
    aantal = np.zeros((n_g, 4), dtype=np.int64)
    np.add.at(aantal, (model.paar_g, klasse), 1)
    vanaf = np.cumsum(aantal[:, ::-1], axis=1)[:, ::-1]
    woningen_vanaf = np.cumsum(model.woningen[:, ::-1], axis=1)[:, ::-1]
    rows: list[tuple[Rij, IntArray, FloatArray, int]] = []
    if alle_rijen:
        vraag = np.full(n_g, np.inf)
        vanaf = np.where(woningen_vanaf < ONBEPERKT, ONBEPERKT * 4, 0)
    for g in np.flatnonzero(vraag > model.capaciteit):
        leden = volgorde[grenzen[g] : grenzen[g + 1]]
        rows.append(
            (Rij("capaciteit", int(g)), leden, grootte[leden].astype(np.float64), int(model.capaciteit[g]))
        )
    for g, k in zip(*np.nonzero(vanaf > woningen_vanaf), strict=True):
        leden = volgorde[grenzen[g] : grenzen[g + 1]]
        leden = leden[klasse[leden] >= k]
        rows.append((Rij("woningen", int(g), int(k)), leden, np.ones(len(leden)), int(woningen_vanaf[g, k])))
    return rows


def _overschrijdingsrijen(
    model: Koppelmodel, zacht: npt.NDArray[np.bool_], eerste_o: int
) -> list[tuple[Rij, IntArray, FloatArray]]:
    """Valid inequalities ``Σ_h a(grootte_h) · x_hg − o_g ≤ rhs`` that tighten the soft capacity.

    Why: the capacity row lets the LP split families over slivers of several batch shares without
    overflow, which makes the LP bound weak on weekly batches. Two families, each valid for every
    integer plan (so the LP stays a relaxation and its value a proven bound):

    * threshold t (1 ≤ t ≤ capaciteit): a(s) = (s − t)⁺, rhs = capaciteit − t. If some linked
      household exceeds t, Σ (s − t)⁺ ≤ load − t ≤ o + capaciteit − t; otherwise the left side ≤ 0.
    * mixed-integer rounding of the capacity row with divisor d (2 ≤ d, r = capaciteit mod d > 0):
      a(s) = (d − r)·⌊s/d⌋ + (s mod d − r)⁺, rhs = (d − r)·⌊capaciteit/d⌋ (MIR, scaled by d − r).

    Only for municipalities with overflow room (``zacht``) and parameters below the largest
    candidate household. ``Rij.klasse`` holds t, or −d for a rounding row; see
    :func:`overschrijdingscoefficient`, which pricing uses too.
    """
    grootte = model.grootte[model.paar_h]
    volgorde = np.argsort(model.paar_g, kind="stable")
    grenzen = np.searchsorted(model.paar_g[volgorde], np.arange(len(model.capaciteit) + 1))
    rows = []
    for g in np.flatnonzero(zacht).tolist():
        leden = volgorde[grenzen[g] : grenzen[g + 1]]
        grootste, capaciteit = (int(grootte[leden].max()) if len(leden) else 0), int(model.capaciteit[g])
        parameters = [t for t in range(1, min(capaciteit, grootste - 1) + 1)]
        parameters += [-d for d in range(2, grootste + 1) if capaciteit % d]
        for parameter in parameters:
            rij = Rij("overschrijding", g, parameter)
            coeff = overschrijdingscoefficient(rij, capaciteit, grootte[leden])
            deel = coeff > 0
            rows.append((rij, np.append(leden[deel], eerste_o + g), np.append(coeff[deel], -1.0)))
    return rows


def overschrijdingscoefficient(rij: Rij, capaciteit: int, grootte: IntArray) -> FloatArray:
    """Coefficient a(s) of households of ``grootte`` persons in an overflow row (see above)."""
    if rij.klasse > 0:
        result: FloatArray = np.maximum(grootte - rij.klasse, 0).astype(np.float64)
        return result
    d = -rij.klasse
    r = capaciteit % d
    result = ((d - r) * (grootte // d) + np.maximum(grootte % d - r, 0)).astype(np.float64)
    return result


def overschrijdingsgrens(rij: Rij, capaciteit: int) -> int:
    """Right-hand side of an overflow row."""
    if rij.klasse > 0:
        return capaciteit - rij.klasse
    d = -rij.klasse
    return (d - capaciteit % d) * (capaciteit // d)


def kolombouwer(model: Koppelmodel, prog: Programma) -> Callable[[IntArray, IntArray], sparse.csc_matrix]:
    """Builds matrix columns of extra pairs for ``prog`` (built with ``alle_rijen``).

    Column generation adds pairs in many rounds; the row positions and overflow coefficient tables
    are the same in every round, so they are computed once here.
    """
    n = model.n_huishoudens
    positie = {(rij.soort, rij.index, rij.klasse): n + i for i, rij in enumerate(prog.rijen)}
    overloop = _overlooptabellen(model, prog, positie)
    return lambda paar_h, paar_g: _kolommen(model, prog, positie, overloop, paar_h, paar_g)


def _kolommen(
    model: Koppelmodel,
    prog: Programma,
    positie: dict[tuple[str, int, int], int],
    overloop: dict[int, tuple[IntArray, FloatArray]],
    paar_h: IntArray,
    paar_g: IntArray,
) -> sparse.csc_matrix:
    rijen, kolommen, waarden = [], [], []
    for j, (h, g) in enumerate(zip(paar_h.tolist(), paar_g.tolist(), strict=True)):
        rijen += [h, positie[("capaciteit", g, 0)]]
        kolommen += [j, j]
        waarden += [1.0, float(model.grootte[h])]
        for k in range(int(model.klasse[h]) + 1):
            if ("woningen", g, k) in positie:
                rijen.append(positie[("woningen", g, k)])
                kolommen.append(j)
                waarden.append(1.0)
        if g in overloop:
            posities, tabel = overloop[g]
            coefficient = tabel[:, int(model.grootte[h])]
            raak = coefficient > 0
            rijen += posities[raak].tolist()
            kolommen += [j] * int(raak.sum())
            waarden += coefficient[raak].tolist()
    return sparse.csc_matrix((waarden, (rijen, kolommen)), shape=(prog.matrix.shape[0], len(paar_h)))


def _overlooptabellen(
    model: Koppelmodel, prog: Programma, positie: dict[tuple[str, int, int], int]
) -> dict[int, tuple[IntArray, FloatArray]]:
    """Per municipality its overflow rows: (row positions, coefficient per household size).

    Computed once per call so adding thousands of columns does not recompute a(s) per pair.
    """
    groottes = np.arange(int(model.grootte.max(initial=1)) + 1)
    verzameld: dict[int, tuple[list[int], list[FloatArray]]] = {}
    for rij in prog.rijen:
        if rij.soort == "overschrijding":
            posities, regels = verzameld.setdefault(rij.index, ([], []))
            posities.append(positie[(rij.soort, rij.index, rij.klasse)])
            regels.append(overschrijdingscoefficient(rij, int(model.capaciteit[rij.index]), groottes))
    return {g: (np.array(pos, dtype=np.int64), np.vstack(regels)) for g, (pos, regels) in verzameld.items()}


def beschrijf_rij(rij: Rij, codes: Sequence[str]) -> str:
    """Human-readable name of a constraint row."""
    if rij.soort == "capaciteit":
        return f"capaciteit {codes[rij.index]}"
    if rij.soort == "overschrijding":
        return f"overschrijding van het batchaandeel van {codes[rij.index]} ({rij.klasse})"
    return f"woningen klasse {WONINGKLASSEN[rij.klasse]} of groter in {codes[rij.index]}"
