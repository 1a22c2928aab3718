"""From LP values to a feasible plan quickly: the start of the exact finish, and local moves.

Used by :mod:`doorstroom.koppeling.solver.decompose` on the (sub-)model of the households the LP left
fractional. Every function keeps the hard limits (maximum, dwellings); the batch share is soft.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from doorstroom.koppeling.solver.koppelmodel import FloatArray, IntArray, Koppelmodel


def startoplossing(deel: Koppelmodel, x: FloatArray) -> FloatArray:
    """A feasible 0/1 vector for the sub-model, so the exact finish starts from a good plan.

    Families first, largest first, each where the LP put most of it; then singles by augmenting
    paths (a single may move to another of its candidates to make room), which places as many
    singles as the remaining room allows. All within the batch shares; then whoever is still
    unlinked goes to its best place within the maximum (overflow beats unlinked). Finally single
    moves that raise the objective are applied (:func:`_verbeter`).
    """
    keuze = _boven_aandeel(deel, x, _binnen_aandeel(deel, x))
    return als_vector(deel, _verbeter(deel, keuze))


def _binnen_aandeel(deel: Koppelmodel, x: FloatArray) -> IntArray:
    """The start plan's first pass (see ``startoplossing``).

    A family goes where the LP put most of it if that is within the batch share; if no candidate
    has room within its share, to its best place within the maximum (:func:`_beste_boven`).
    """
    capaciteit = deel.capaciteit.astype(np.int64).copy()
    vanaf = np.cumsum(deel.woningen[:, ::-1], axis=1)[:, ::-1]
    grenzen = np.searchsorted(deel.paar_h, np.arange(deel.n_huishoudens + 1))
    keuze = np.full(deel.n_huishoudens, -1, dtype=np.int64)
    for h in sorted(range(deel.n_huishoudens), key=lambda h: -deel.grootte[h]):
        paren = np.arange(grenzen[h], grenzen[h + 1])
        paren = paren[np.lexsort((-deel.score[paren], -x[paren]))]
        if deel.grootte[h] == 1:
            _plaats_single(deel, (capaciteit, vanaf, keuze, grenzen), int(h), paren)
            continue
        gekozen = next((int(p) for p in paren if _past(deel, capaciteit, vanaf, int(p))), None)
        if gekozen is None:
            gekozen = _beste_boven(deel, paren, deel.capaciteit - capaciteit, vanaf, x)
        if gekozen is not None:
            keuze[h] = gekozen
            capaciteit[deel.paar_g[gekozen]] -= deel.grootte[h]
            vanaf[deel.paar_g[gekozen], : deel.klasse[h] + 1] -= 1
    return keuze


def _boven_aandeel(deel: Koppelmodel, x: FloatArray, keuze: IntArray) -> IntArray:
    """Second pass: households still unlinked, largest first, each to :func:`_beste_boven`."""
    bezet = deel.bezetting(keuze)
    vanaf = np.cumsum(deel.woningen[:, ::-1], axis=1)[:, ::-1]
    np.subtract.at(vanaf, (deel.paar_g[keuze[keuze >= 0]],), _klasse_vanaf(deel, keuze))
    grenzen = np.searchsorted(deel.paar_h, np.arange(deel.n_huishoudens + 1))
    for h in sorted(np.flatnonzero(keuze < 0).tolist(), key=lambda h: -deel.grootte[h]):
        gekozen = _beste_boven(deel, np.arange(grenzen[h], grenzen[h + 1]), bezet, vanaf, x)
        if gekozen is not None:
            keuze[h] = gekozen
            bezet[deel.paar_g[gekozen]] += deel.grootte[h]
            vanaf[deel.paar_g[gekozen], : deel.klasse[h] + 1] -= 1
    return keuze


def _beste_boven(
    deel: Koppelmodel, paren: IntArray, bezet: IntArray, vanaf: IntArray, x: FloatArray
) -> int | None:
    """The household's best pair within the maximum and a fitting dwelling (None: none left).

    "Best" is the marginal objective: persons × score minus the penalty for the persons it puts
    above the batch share there (ties: where the LP put most of it). ``bezet`` is the load so far.
    """
    if len(paren) == 0:
        return None
    h = int(deel.paar_h[paren[0]])
    g, grootte = deel.paar_g[paren], int(deel.grootte[h])
    past = (bezet[g] + grootte <= deel.maximum[g]) & (vanaf[g, : deel.klasse[h] + 1].min(axis=1) >= 1)
    if not past.any():
        return None
    extra = np.maximum(bezet[g] + grootte - np.maximum(deel.capaciteit[g], bezet[g]), 0)
    winst = grootte * deel.score[paren] - deel.boete * extra + 1e-6 * x[paren]
    return int(paren[np.argmax(np.where(past, winst, -np.inf))])


def _verbeter(deel: Koppelmodel, keuze: IntArray, rondes: int = 3) -> IntArray:
    """Local search: move one household at a time to another candidate if the objective rises.

    A move counts the score, the unlinked penalty and the overflow penalty at both municipalities,
    and keeps every hard limit (maximum, dwellings). It only polishes the start of the exact
    finish, which is why a few rounds suffice.
    """
    bezet = deel.bezetting(keuze).tolist()
    vanaf = np.cumsum(deel.woningen[:, ::-1], axis=1)[:, ::-1]
    np.subtract.at(vanaf, (deel.paar_g[keuze[keuze >= 0]],), _klasse_vanaf(deel, keuze))
    stand = _Zoekstand(deel, bezet, vanaf.tolist())
    grenzen = np.searchsorted(deel.paar_h, np.arange(deel.n_huishoudens + 1)).tolist()
    for _ in range(rondes):
        verbeterd = False
        for h in range(deel.n_huishoudens):
            nieuw = stand.beste_zet(h, int(keuze[h]), range(grenzen[h], grenzen[h + 1]))
            if nieuw != keuze[h]:
                stand.verplaats(h, int(keuze[h]), nieuw)
                keuze[h], verbeterd = nieuw, True
        if not verbeterd:
            break
    return keuze


@dataclass
class _Zoekstand:
    """Load and dwellings left per municipality during :func:`_verbeter` (plain lists: fast)."""

    deel: Koppelmodel
    bezet: list[int]
    vanaf: list[list[int]]

    def _boete(self, g: int, bezet: int) -> float:
        return self.deel.boete * max(0, bezet - int(self.deel.capaciteit[g]))

    def waarde(self, h: int, paar: int, erbij: bool) -> float:
        """What pair ``paar`` (-1: unlinked) of household h is worth, given the others."""
        grootte = int(self.deel.grootte[h])
        if paar < 0:
            return -float(self.deel.straf[h])
        g = int(self.deel.paar_g[paar])
        zonder = self.bezet[g] - (0 if erbij else grootte)
        extra = self._boete(g, zonder + grootte) - self._boete(g, zonder)
        return grootte * float(self.deel.score[paar]) - extra

    def beste_zet(self, h: int, huidig: int, paren: range) -> int:
        """The best pair for h with the others fixed (``huidig`` unless another is better)."""
        beste, waarde = huidig, self.waarde(h, huidig, False) + 1e-9
        g_nu = int(self.deel.paar_g[huidig]) if huidig >= 0 else -1
        grootte, klasse = int(self.deel.grootte[h]), int(self.deel.klasse[h])
        for paar in paren:
            g = int(self.deel.paar_g[paar])
            if g == g_nu or self.bezet[g] + grootte > int(self.deel.maximum[g]):
                continue
            if min(self.vanaf[g][: klasse + 1]) < 1:
                continue
            kandidaat = self.waarde(h, paar, True)
            if kandidaat > waarde:
                beste, waarde = paar, kandidaat
        return beste

    def verplaats(self, h: int, van: int, naar: int) -> None:
        """Move household h from pair ``van`` to pair ``naar`` (-1: unlinked)."""
        grootte, klasse = int(self.deel.grootte[h]), int(self.deel.klasse[h])
        for paar, teken in ((van, -1), (naar, 1)):
            if paar >= 0:
                g = int(self.deel.paar_g[paar])
                self.bezet[g] += teken * grootte
                for k in range(klasse + 1):
                    self.vanaf[g][k] -= teken


def _klasse_vanaf(deel: Koppelmodel, keuze: IntArray) -> IntArray:
    """Per linked household, a 0/1 row over classes: 1 for every class ≤ its own (dwellings used)."""
    klasse = deel.klasse[deel.paar_h[keuze[keuze >= 0]]]
    result: IntArray = (np.arange(4)[None, :] <= klasse[:, None]).astype(np.int64)
    return result


def _plaats_single(
    deel: Koppelmodel, stand: tuple[IntArray, IntArray, IntArray, IntArray], h: int, paren: IntArray
) -> None:
    """Place a single, moving other singles along an augmenting path if that makes room.

    ``stand`` is (capacity left, dwellings left per class and up, choice per household, pair ranges).
    """
    capaciteit, vanaf, keuze, grenzen = stand
    bewoners: dict[int, list[int]] = {}
    for bewoner in np.flatnonzero((keuze >= 0) & (deel.grootte == 1)).tolist():
        bewoners.setdefault(int(deel.paar_g[keuze[bewoner]]), []).append(bewoner)
    ouder: dict[int, tuple[int, int]] = {}
    rij: list[tuple[int, int]] = [(int(p), h) for p in paren]
    for paar, wie in rij:
        g = int(deel.paar_g[paar])
        if g in ouder:
            continue
        ouder[g] = (paar, wie)
        if capaciteit[g] >= 1 and vanaf[g, 0] >= 1:
            _verschuif(deel, capaciteit, vanaf, keuze, ouder, g)
            return
        for ander in bewoners.get(g, []):
            rij.extend((p, ander) for p in range(int(grenzen[ander]), int(grenzen[ander + 1])))


def _verschuif(
    deel: Koppelmodel,
    capaciteit: IntArray,
    vanaf: IntArray,
    keuze: IntArray,
    ouder: dict[int, tuple[int, int]],
    g: int,
) -> None:
    """Apply the augmenting path ending at municipality ``g`` (which has room for one)."""
    capaciteit[g] -= 1
    vanaf[g, 0] -= 1
    while True:
        paar, wie = ouder[g]
        vorige = keuze[wie]
        keuze[wie] = paar
        if vorige < 0:
            return
        g = int(deel.paar_g[vorige])


def _past(deel: Koppelmodel, capaciteit: IntArray, vanaf: IntArray, paar: int) -> bool:
    g, h = deel.paar_g[paar], deel.paar_h[paar]
    return bool(capaciteit[g] >= deel.grootte[h] and vanaf[g, : deel.klasse[h] + 1].min() >= 1)


def als_vector(model: Koppelmodel, keuze: IntArray) -> FloatArray:
    """The column vector of a plan: pairs, ``u`` slacks, then the overflow ``o_g`` it implies."""
    p, n = len(model.paar_h), model.n_huishoudens
    x = np.zeros(p + n + model.n_overloop)
    x[keuze[keuze >= 0]] = 1.0
    x[p + np.flatnonzero(keuze < 0)] = 1.0
    if model.n_overloop:
        x[p + n :] = model.overschrijding(keuze)
    return x
