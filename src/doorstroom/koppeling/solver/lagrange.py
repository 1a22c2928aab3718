"""Prices on the shared rows, and the upper bound every set of prices proves (Lagrangian relaxation).

The koppeling couples households only through a few hundred rows (capacity per municipality,
dwellings per municipality and class, the valid overflow inequalities of ``model``). Give each
such row a price y ≥ 0 and move it into the objective: what is left falls apart per household
(take the municipality of largest *reduced value* ``persons × score − prices``, or stay unlinked)
and per municipality (use its overflow room only if the prices pay more than the penalty). For
**any** prices that relaxed problem is worth at least as much as every plan, so its value
``L(y)`` is a proven upper bound on the whole, unpruned problem (weak duality; Geoffrion 1974,
Fisher 1981 "The Lagrangian relaxation method for solving integer programming problems";
for assignment problems with capacities: Ross & Soland 1975). Its best value equals the LP bound,
because the per-household problem is integral.

This module evaluates ``L(y)`` on the full score matrix (every allowed pair, so pruning never
weakens the bound), returns the reduced values the optimiser uses to price columns and to build
plans, and improves prices by projected subgradient steps when no LP duals are at hand.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from doorstroom.koppeling.core.bezetting import overschrijding, personen_per_gemeente
from doorstroom.koppeling.core.domain import Beleid, Instantie
from doorstroom.koppeling.core.score import Scoreblok
from doorstroom.koppeling.solver.koppelmodel import ONBEPERKT, FloatArray, IntArray, woningmatrix

STAPDOEL = 0.1
"""The subgradient step aims this share below the best bound so far when the known plan is
worse (a weak plan would make the steps far too long: the classic target-level rule). A smaller
share makes every step short: with 0.01 the national benchmark's bound fell 1 % per step at most
and stayed 5 % above the LP's after 12 steps; with 0.1 it is 1.7 % above after 50."""


@dataclass(frozen=True)
class Probleem:
    """The whole problem, dense: ``waarde[h, g]`` is persons × score (−inf where not allowed).

    ``woningen[g, k]`` counts dwellings of class k (:data:`ONBEPERKT` where dwellings do not limit
    g: those rows never bind and carry no price).
    """

    waarde: FloatArray
    grootte: IntArray
    klasse: IntArray
    capaciteit: IntArray
    maximum: IntArray
    woningen: IntArray
    straf: FloatArray
    boete: float

    @property
    def woningen_vanaf(self) -> IntArray:
        """Dwellings of class k or larger per municipality (the right-hand sides of Hall's rows)."""
        result: IntArray = np.cumsum(self.woningen[:, ::-1], axis=1)[:, ::-1]
        return result

    @property
    def n_huishoudens(self) -> int:
        """Number of households."""
        return len(self.grootte)

    @property
    def n_gemeenten(self) -> int:
        """Number of municipalities."""
        return len(self.capaciteit)

    @property
    def ruimte(self) -> IntArray:
        """Persons each municipality may take above its batch share."""
        result: IntArray = np.maximum(self.maximum - self.capaciteit, 0)
        return result

    @property
    def begrensd(self) -> np.ndarray:
        """Dwelling rows that can bind (finite dwellings)."""
        return self.woningen_vanaf < ONBEPERKT

    def bezetting(self, gemeente: IntArray) -> IntArray:
        """Persons per municipality in a plan (``gemeente[h]``: index, or -1 for unlinked)."""
        return personen_per_gemeente(gemeente, self.grootte, self.n_gemeenten)

    def objectief(self, gemeente: IntArray) -> float:
        """Σ persons × score − penalty for the unlinked − penalty per person above a batch share."""
        gekoppeld = gemeente >= 0
        waarde = float(self.waarde[np.flatnonzero(gekoppeld), gemeente[gekoppeld]].sum())
        boven = overschrijding(self.bezetting(gemeente), self.capaciteit)
        return waarde - float(self.straf[~gekoppeld].sum()) - self.boete * float(boven.sum())

    def haalbaar(self, gemeente: IntArray) -> bool:
        """Every hard rule holds: allowed pairs, the maximum, and a fitting dwelling for everyone."""
        gekoppeld = gemeente >= 0
        if not np.isfinite(self.waarde[np.flatnonzero(gekoppeld), gemeente[gekoppeld]]).all():
            return False
        if (self.bezetting(gemeente) > self.maximum).any():
            return False
        aantal = np.zeros((self.n_gemeenten, 4), dtype=np.int64)
        np.add.at(aantal, (gemeente[gekoppeld], self.klasse[gekoppeld]), 1)
        vanaf = np.cumsum(aantal[:, ::-1], axis=1)[:, ::-1]
        return bool((vanaf <= self.woningen_vanaf).all())


def probleem(
    instantie: Instantie, beleid: Beleid, blokken: Sequence[Scoreblok], prijs: FloatArray | None = None
) -> Probleem:
    """The dense problem; ``prijs[g]`` (per person) is subtracted from every score at g."""
    grootte = np.array([h.grootte for h in instantie.huishoudens], dtype=np.int64)
    score = np.vstack([b.totaal for b in blokken]) if blokken else np.zeros((0, len(instantie.gemeenten)))
    toegestaan = np.vstack([b.toegestaan for b in blokken]) if blokken else score.astype(bool)
    if prijs is not None:
        score = score - prijs[None, :]
    woningen = woningmatrix(instantie) if instantie.gemeenten else np.zeros((0, 4), dtype=np.int64)
    return Probleem(
        waarde=np.where(toegestaan, grootte[:, None] * score, -np.inf),
        grootte=grootte,
        klasse=np.array([h.woningklasse for h in instantie.huishoudens], dtype=np.int64),
        capaciteit=np.array([g.capaciteit for g in instantie.gemeenten], dtype=np.int64),
        maximum=np.array([g.bovengrens for g in instantie.gemeenten], dtype=np.int64),
        woningen=woningen,
        straf=beleid.straf_onbekoppeld * grootte.astype(np.float64),
        boete=beleid.overschrijding_boete,
    )


@dataclass(frozen=True)
class Prijzen:
    """Prices (≥ 0) of the shared rows, per person or per dwelling.

    ``capaciteit[g]``: per person linked to g. ``woningen[g, k]``: per household of class ≥ k at g
    (ignored where dwellings do not limit g: such a row cannot bind).
    ``overloop[g, s]``: what a household of s persons pays in g's overflow inequalities
    (Σ price × coefficient); ``overloop_kolom[g]`` their summed price (the overflow column's
    coefficient is −1 in each) and ``overloop_rhs[g]`` Σ price × right-hand side.
    """

    capaciteit: FloatArray
    woningen: FloatArray
    overloop: FloatArray
    overloop_kolom: FloatArray
    overloop_rhs: FloatArray

    @classmethod
    def nul(cls, probleem: Probleem) -> Prijzen:
        """All prices zero (the bound is then: everyone at his best place)."""
        g = probleem.n_gemeenten
        grootste = int(probleem.grootte.max(initial=0)) + 1
        return cls(np.zeros(g), np.zeros((g, 4)), np.zeros((g, grootste)), np.zeros(g), np.zeros(g))

    def per_huishouden(self, probleem: Probleem) -> FloatArray:
        """Price each household pays at each municipality, shape (households, municipalities).

        The price depends on a household only through its size (its class follows from it), so
        one row per size is computed and copied to the households of that size.
        """
        woning = np.cumsum(self.woningen * probleem.begrensd, axis=1)  # a class-k household: rows 0..k
        groottes = np.arange(self.overloop.shape[1])
        klasse = np.zeros(len(groottes), dtype=np.int64)
        klasse[probleem.grootte] = probleem.klasse
        tabel = groottes[:, None] * self.capaciteit[None, :] + woning[:, klasse].T + self.overloop.T
        result: FloatArray = tabel[probleem.grootte]
        return result


@dataclass(frozen=True)
class Relaxatie:
    """``L(y)`` and what the relaxed problem chose: the best place per household (-1: unlinked),
    the reduced values, and each household's best reduced value (or −penalty when unlinked)."""

    grens: float
    keuze: IntArray
    gereduceerd: FloatArray
    beste: FloatArray


def relaxatie(probleem: Probleem, prijzen: Prijzen) -> Relaxatie:
    """Solve the relaxed problem at ``prijzen``: a proven upper bound on every plan."""
    gereduceerd = probleem.waarde - prijzen.per_huishouden(probleem)
    n = probleem.n_huishoudens
    if probleem.n_gemeenten == 0 or n == 0:
        beste, keuze = np.full(n, -np.inf), np.full(n, -1, dtype=np.int64)
    else:
        keuze = np.argmax(gereduceerd, axis=1).astype(np.int64)
        beste = gereduceerd[np.arange(n), keuze]
    gekoppeld = beste > -probleem.straf
    keuze = np.where(gekoppeld, keuze, -1)
    beste = np.where(gekoppeld, beste, -probleem.straf)
    huishoudens = float(beste.sum())
    overloop = prijzen.capaciteit + prijzen.overloop_kolom - probleem.boete
    gemeenten = (
        float(prijzen.capaciteit @ probleem.capaciteit)
        + float((prijzen.woningen * np.where(probleem.begrensd, probleem.woningen_vanaf, 0)).sum())
        # rows that cannot bind are not priced: per_huishouden leaves their prices out too
        + float(prijzen.overloop_rhs.sum())
        + float(probleem.ruimte @ np.maximum(overloop, 0.0))
    )
    return Relaxatie(huishoudens + gemeenten, keuze, gereduceerd, beste)


def subgradient(
    probleem: Probleem, start: Prijzen, ondergrens: float, stappen: int
) -> tuple[Prijzen, Relaxatie]:
    """Improve capacity and dwelling prices by projected subgradient steps (Polyak step length).

    ``ondergrens`` is the value of a known plan (the step aims at it). Returns the prices of the
    lowest bound seen and their relaxation. A quick, rough method: the optimiser uses it for a
    first bound and first prices; LP duals then take over.
    """
    prijzen, beste = start, relaxatie(probleem, start)
    huidig, theta, zonder = beste, 1.0, 0
    for _ in range(stappen):
        richting_c, richting_w = _subgradient(probleem, prijzen, huidig.keuze)
        norm = float((richting_c**2).sum() + (richting_w**2).sum())
        if norm == 0.0:
            break
        doel = max(ondergrens, beste.grens - STAPDOEL * abs(beste.grens))
        stap = theta * max(huidig.grens - doel, 1e-4 * abs(huidig.grens)) / norm
        prijzen = Prijzen(
            np.maximum(prijzen.capaciteit - stap * richting_c, 0.0),
            np.maximum(prijzen.woningen - stap * richting_w, 0.0),
            prijzen.overloop, prijzen.overloop_kolom, prijzen.overloop_rhs,
        )  # fmt: skip
        huidig = relaxatie(probleem, prijzen)
        if huidig.grens < beste.grens - 1e-9 * abs(beste.grens):
            beste, start, zonder = huidig, prijzen, 0
        else:
            zonder += 1
            theta, zonder = (theta / 2, 0) if zonder >= 2 else (theta, zonder)
    return start, beste


def _subgradient(probleem: Probleem, prijzen: Prijzen, keuze: IntArray) -> tuple[FloatArray, FloatArray]:
    """Slack of every priced row in the relaxed solution (negative: the row is overfull)."""
    gekoppeld = keuze >= 0
    g = keuze[gekoppeld]
    last = probleem.bezetting(keuze)
    overloop = (prijzen.capaciteit + prijzen.overloop_kolom - probleem.boete) > 0
    richting_c: FloatArray = (probleem.capaciteit + probleem.ruimte * overloop - last).astype(np.float64)
    aantal = np.zeros((probleem.n_gemeenten, 4))
    np.add.at(aantal, (g, probleem.klasse[gekoppeld]), 1.0)
    vanaf = np.cumsum(aantal[:, ::-1], axis=1)[:, ::-1]
    richting_w: FloatArray = np.where(probleem.begrensd, probleem.woningen_vanaf - vanaf, 0.0)
    richting_c = np.where((prijzen.capaciteit <= 0) & (richting_c > 0), 0.0, richting_c)
    richting_w = np.where((prijzen.woningen <= 0) & (richting_w > 0), 0.0, richting_w)
    return richting_c, richting_w
