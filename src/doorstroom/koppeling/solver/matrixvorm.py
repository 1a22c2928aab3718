"""The koppeling's program in matrix form (rows, columns, bounds) for a backend; no solver here.

The model (:mod:`doorstroom.koppeling.solver.koppelmodel`) says what is decided; this module writes it as a
matrix. Rows: one assignment row per household (``= 1``), then the shared rows (capacity, dwellings
and the valid overflow inequalities), named by :class:`Rij`. Columns: the pairs, then the ``u``
slacks (unlinked), then the ``o`` overflow columns. Every pair column, those of the first program
and those pricing adds later, is built by one function (:func:`kolombouwer`) from a table of where
each municipality's rows are, with array operations: building the program and adding columns used
to be a Python loop per pair (weekly benchmark: 0.16 s per program, 0.06 s per pricing round).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from doorstroom.koppeling.solver.koppelmodel import ONBEPERKT, FloatArray, IntArray, Koppelmodel


@dataclass(frozen=True)
class Rij:
    """A named constraint row, so binding and conflicting constraints can be reported.

    ``klasse`` is the dwelling class of a ``woningen`` row and the parameter of an
    ``overschrijding`` row (t, or −d for a rounding row; see :func:`_overschrijdingsrijen`).
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


def programma(model: Koppelmodel, *, geheel: bool, alle_rijen: bool = False) -> Programma:
    """The matrix form of ``model`` (module docstring).

    The ``o`` columns are one per municipality (empty, with upper bound 0, where it has no room
    above its share or no capacity row; none at all when no municipality has such room, see
    ``Koppelmodel.n_overloop``). ``alle_rijen`` keeps every capacity and dwelling row and every
    overflow inequality any household could need, so pricing can add columns later.
    """
    n, p, n_o = model.n_huishoudens, len(model.paar_h), model.n_overloop
    rijen, limieten = _rijen(model, alle_rijen)
    n_rijen = n + len(rijen)
    tabel = _rijtabel(model, rijen)
    ruimte = np.zeros(len(model.capaciteit))
    heeft = tabel.capaciteit >= 0
    ruimte[heeft] = model.ruimte[heeft]
    matrix = sparse.hstack(
        [
            _kolommen(model, n_rijen, tabel, model.paar_h, model.paar_g),
            sparse.csc_matrix((np.ones(n), (np.arange(n), np.arange(n))), shape=(n_rijen, n)),
            _overloopkolommen(tabel, ruimte, n_rijen, n_o),
        ],
        format="csc",
    )
    return Programma(
        kosten=np.concatenate([model.waarde, -model.straf, np.full(n_o, -model.boete)]),
        kolom_onder=np.zeros(p + n + n_o),
        kolom_boven=np.concatenate([np.ones(p + n), ruimte[:n_o]]),
        matrix=matrix,
        rij_onder=np.concatenate([np.ones(n), np.full(len(rijen), -np.inf)]),
        rij_boven=np.concatenate([np.ones(n), np.array(limieten, dtype=np.float64)]),
        geheel=geheel,
        rijen=tuple(rijen),
    )


def _overloopkolommen(tabel: _Rijtabel, ruimte: FloatArray, n_rijen: int, n_o: int) -> sparse.csc_matrix:
    """The ``o_g`` columns: −1 in g's capacity row and in each of g's overflow inequalities."""
    if n_o == 0:
        return sparse.csc_matrix((n_rijen, 0))
    g = np.flatnonzero(ruimte > 0)
    overloop = tabel.overloop[g]
    raak = overloop >= 0
    rijen = np.concatenate([tabel.capaciteit[g], overloop[raak]])
    kolommen = np.concatenate([g, np.broadcast_to(g[:, None], overloop.shape)[raak]])
    return sparse.csc_matrix((-np.ones(len(rijen)), (rijen, kolommen)), shape=(n_rijen, n_o))


def _rijen(model: Koppelmodel, alle_rijen: bool) -> tuple[list[Rij], list[int]]:
    """Shared rows that can bind given the candidate pairs (all with ``alle_rijen``), and limits."""
    n_g = len(model.capaciteit)
    grootte, klasse = model.grootte[model.paar_h], model.klasse[model.paar_h]
    vraag = np.bincount(model.paar_g, weights=grootte, minlength=n_g)
    aantal = np.zeros((n_g, 4), dtype=np.int64)
    np.add.at(aantal, (model.paar_g, klasse), 1)
    vanaf = np.cumsum(aantal[:, ::-1], axis=1)[:, ::-1]
    woningen_vanaf = np.cumsum(model.woningen[:, ::-1], axis=1)[:, ::-1]
    if alle_rijen:
        vraag = np.full(n_g, np.inf)
        vanaf = np.where(woningen_vanaf < ONBEPERKT, ONBEPERKT * 4, 0)
    capaciteit = np.flatnonzero(vraag > model.capaciteit)
    rijen = [Rij("capaciteit", g) for g in capaciteit.tolist()]
    limieten = model.capaciteit[capaciteit].tolist()
    woning_g, woning_k = np.nonzero(vanaf > woningen_vanaf)
    rijen += [Rij("woningen", g, k) for g, k in zip(woning_g.tolist(), woning_k.tolist(), strict=True)]
    limieten += woningen_vanaf[woning_g, woning_k].tolist()
    grootste = np.zeros(n_g, dtype=np.int64)
    np.maximum.at(grootste, model.paar_g, grootte)
    if alle_rijen:
        grootste[:] = model.grootte.max(initial=0)
    zacht = capaciteit[model.ruimte[capaciteit] > 0]
    for g in zacht.tolist():
        for rij in _overschrijdingsrijen(g, int(model.capaciteit[g]), int(grootste[g])):
            rijen.append(rij)
            limieten.append(overschrijdingsgrens(rij, int(model.capaciteit[g])))
    return rijen, limieten


def _overschrijdingsrijen(g: int, capaciteit: int, grootste: int) -> list[Rij]:
    """Valid inequalities ``Σ_h a(grootte_h) · x_hg − o_g ≤ rhs`` that tighten g's soft capacity.

    Why: the capacity row lets the LP split families over slivers of several batch shares without
    overflow, which makes the LP bound weak on weekly batches. Two families, each valid for every
    integer plan (so the LP stays a relaxation and its value a proven bound):

    * threshold t (1 ≤ t ≤ capaciteit): a(s) = (s − t)⁺, rhs = capaciteit − t. If some linked
      household exceeds t, Σ (s − t)⁺ ≤ load − t ≤ o + capaciteit − t; otherwise the left side ≤ 0.
    * mixed-integer rounding of the capacity row with divisor d (2 ≤ d, r = capaciteit mod d > 0):
      a(s) = (d − r)·⌊s/d⌋ + (s mod d − r)⁺, rhs = (d − r)·⌊capaciteit/d⌋ (MIR, scaled by d − r).

    Only for municipalities with overflow room and parameters below the largest household that may
    go there (``grootste``): the largest candidate, or with ``alle_rijen`` the largest household of
    the batch, because pricing may add any household later: a row left out for want of a large
    candidate is a price the bound never gets (weekly benchmark: LP bound 8,772 with rows for the
    first candidates only, 8,484 with every row; the optimum, proven by a 150 s MIP, is 8,436).
    """
    parameters = list(range(1, min(capaciteit, grootste - 1) + 1))
    parameters += [-d for d in range(2, grootste + 1) if capaciteit % d]
    return [Rij("overschrijding", g, parameter) for parameter in parameters]


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
    """Builds matrix columns of extra pairs for ``prog`` (built with ``alle_rijen``)."""
    tabel = _rijtabel(model, prog.rijen)
    return lambda paar_h, paar_g: _kolommen(model, prog.matrix.shape[0], tabel, paar_h, paar_g)


@dataclass(frozen=True)
class _Rijtabel:
    """Row positions of the shared rows per municipality (-1: no such row)."""

    capaciteit: IntArray
    woningen: IntArray
    """Shape (municipalities, 4): the dwelling row of class k or larger."""
    overloop: IntArray
    """Shape (municipalities, most overflow rows): padded with -1."""
    coefficient: FloatArray
    """Shape (municipalities, most overflow rows, largest household + 1): a(s) of each row."""


def _rijtabel(model: Koppelmodel, rijen: Sequence[Rij]) -> _Rijtabel:
    n, n_g = model.n_huishoudens, len(model.capaciteit)
    groottes = np.arange(int(model.grootte.max(initial=1)) + 1)
    capaciteit = np.full(n_g, -1, dtype=np.int64)
    woningen = np.full((n_g, 4), -1, dtype=np.int64)
    overloop: list[list[tuple[int, FloatArray]]] = [[] for _ in range(n_g)]
    for positie, rij in enumerate(rijen, start=n):
        if rij.soort == "capaciteit":
            capaciteit[rij.index] = positie
        elif rij.soort == "woningen":
            woningen[rij.index, rij.klasse] = positie
        else:
            a = overschrijdingscoefficient(rij, int(model.capaciteit[rij.index]), groottes)
            overloop[rij.index].append((positie, a))
    breedte = max((len(deze) for deze in overloop), default=0)
    posities = np.full((n_g, breedte), -1, dtype=np.int64)
    coefficient = np.zeros((n_g, breedte, len(groottes)))
    for g, deze in enumerate(overloop):
        for i, (positie, a) in enumerate(deze):
            posities[g, i], coefficient[g, i] = positie, a
    return _Rijtabel(capaciteit, woningen, posities, coefficient)


def _kolommen(
    model: Koppelmodel, n_rijen: int, tabel: _Rijtabel, paar_h: IntArray, paar_g: IntArray
) -> sparse.csc_matrix:
    """Columns of pairs (h, g): assignment row h, g's capacity row, g's dwelling rows of class up to
    h's, and g's overflow rows where a(persons of h) > 0."""
    j = np.arange(len(paar_h))
    grootte, klasse = model.grootte[paar_h], model.klasse[paar_h]
    capaciteit = tabel.capaciteit[paar_g]
    woningen = tabel.woningen[paar_g]
    in_woning = (woningen >= 0) & (np.arange(4)[None, :] <= klasse[:, None])
    overloop = tabel.overloop[paar_g]
    a = tabel.coefficient[paar_g, :, grootte] if overloop.shape[1] else np.zeros(overloop.shape)
    in_overloop = (overloop >= 0) & (a > 0)
    heeft = capaciteit >= 0
    rijen = [paar_h, capaciteit[heeft], woningen[in_woning], overloop[in_overloop]]
    kolommen = [j, j[heeft], np.nonzero(in_woning)[0], np.nonzero(in_overloop)[0]]
    een = np.ones(int(in_woning.sum()))
    waarden = [np.ones(len(j)), grootte[heeft].astype(np.float64), een, a[in_overloop]]
    return sparse.csc_matrix(
        (np.concatenate(waarden), (np.concatenate(rijen), np.concatenate(kolommen))),
        shape=(n_rijen, len(paar_h)),
    )
