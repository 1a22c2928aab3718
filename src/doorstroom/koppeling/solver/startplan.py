"""A good plan before any LP: greedy by reduced value, then local moves (the run's first incumbent).

Why first: whatever happens later (a busy machine, an LP that does not finish), the run then
already holds a valid plan at least as good as the greedy baseline, and every later phase may only
replace it by a better one (issue 7, item 4).

*Greedy.* Households that have most to lose go first (largest difference between their best and
second-best reduced value, ``lagrange``), each to the place of highest reduced value minus the
penalty for the persons it puts above a batch share, among places with room up to the maximum and
a fitting dwelling. With prices from a relaxation, the reduced value steers households away from
municipalities that others need more (a Lagrangian heuristic, Fisher 1981, section 5).

*Local moves.* One household at a time moves to the candidate (or from unlinked to a place) that
raises the true objective most, keeping every hard limit, until no move helps or time is up.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np

from doorstroom.koppeling.solver.koppelmodel import FloatArray, IntArray
from doorstroom.koppeling.solver.lagrange import Probleem

KANDIDATEN = 24
"""Places per household the greedy and the moves consider first (by reduced value)."""
CONTROLE = 256
"""Households between two looks at the clock in the loops below."""


@dataclass
class Stand:
    """Load and dwellings left per municipality for a plan (plain lists: fast single updates)."""

    probleem: Probleem
    bezet: list[int]
    vrij: list[list[int]]
    """Dwellings of class ≥ k left at g (only meaningful where dwellings are limited)."""

    @classmethod
    def van(cls, probleem: Probleem, gemeente: IntArray) -> Stand:
        """The state of plan ``gemeente``."""
        gekoppeld = gemeente >= 0
        aantal = np.zeros((probleem.n_gemeenten, 4), dtype=np.int64)
        np.add.at(aantal, (gemeente[gekoppeld], probleem.klasse[gekoppeld]), 1)
        vrij = probleem.woningen_vanaf - np.cumsum(aantal[:, ::-1], axis=1)[:, ::-1]
        return cls(probleem, probleem.bezetting(gemeente).tolist(), vrij.tolist())

    def past(self, h: int, g: int) -> bool:
        """Household h fits at g: room up to the maximum and a dwelling of its class or larger."""
        p = self.probleem
        if self.bezet[g] + int(p.grootte[h]) > int(p.maximum[g]):
            return False
        rij = self.vrij[g]
        return all(rij[k] >= 1 for k in range(int(p.klasse[h]) + 1))

    def boete(self, g: int, erbij: int) -> float:
        """Extra overflow penalty at g for ``erbij`` more persons (negative: fewer)."""
        p = self.probleem
        aandeel = int(p.capaciteit[g])
        oud = max(0, self.bezet[g] - aandeel)
        return p.boete * (max(0, self.bezet[g] + erbij - aandeel) - oud)

    def zet(self, h: int, g: int, teken: int) -> None:
        """Add (teken 1) or remove (teken -1) household h at g."""
        p = self.probleem
        self.bezet[g] += teken * int(p.grootte[h])
        rij = self.vrij[g]
        for k in range(int(p.klasse[h]) + 1):
            rij[k] -= teken


def kandidaten(gereduceerd: FloatArray, aantal: int = KANDIDATEN) -> IntArray:
    """Per household its ``aantal`` places of highest reduced value, best first."""
    aantal = min(aantal, gereduceerd.shape[1])
    if aantal == 0:
        return np.zeros((gereduceerd.shape[0], 0), dtype=np.int64)
    beste = np.argpartition(-gereduceerd, aantal - 1, axis=1)[:, :aantal]
    volgorde = np.argsort(-np.take_along_axis(gereduceerd, beste, axis=1), axis=1)
    result: IntArray = np.take_along_axis(beste, volgorde, axis=1).astype(np.int64)
    return result


def greedy(
    probleem: Probleem, gereduceerd: FloatArray, deadline: float, start: IntArray | None = None
) -> IntArray:
    """The greedy plan above; households not reached before ``deadline`` stay unlinked.

    ``start``: a partial plan whose linked households stay where they are (only the others are
    placed), e.g. the integral part of an LP solution.
    """
    lijst = kandidaten(gereduceerd)
    gemeente = np.full(probleem.n_huishoudens, -1, dtype=np.int64) if start is None else start.copy()
    stand = Stand.van(probleem, gemeente)
    overal = _Overal.van(stand)
    volgorde = _volgorde(gereduceerd, lijst)
    for teller, h in enumerate(volgorde[gemeente[volgorde] < 0].tolist()):
        if teller % CONTROLE == 0 and time.perf_counter() >= deadline:
            break
        g = _beste_plek(stand, h, lijst[h].tolist(), gereduceerd[h])
        if g is None and np.isfinite(gereduceerd[h]).sum() > lijst.shape[1]:
            g = overal.beste_plek(stand, h, gereduceerd[h])
        if g is not None:
            gemeente[h] = g
            stand.zet(h, g, 1)
            overal.zet(stand, g)
    return gemeente


def _volgorde(gereduceerd: FloatArray, lijst: IntArray) -> IntArray:
    """Households by regret, largest first (a household with one allowed place: first of all)."""
    if lijst.shape[1] == 0:
        return np.arange(gereduceerd.shape[0])
    rijen = np.arange(gereduceerd.shape[0])
    eerste = gereduceerd[rijen, lijst[:, 0]]
    tweede = gereduceerd[rijen, lijst[:, 1]] if lijst.shape[1] > 1 else np.full(len(rijen), -np.inf)
    beide = np.isfinite(eerste) & np.isfinite(tweede)
    spijt = np.full(len(rijen), np.inf)  # one allowed place only: first of all
    spijt[beide] = eerste[beide] - tweede[beide]
    spijt[~np.isfinite(eerste)] = -np.inf  # no allowed place: last (stays unlinked)
    result: IntArray = np.argsort(-spijt, kind="stable")
    return result


def _beste_plek(stand: Stand, h: int, plekken: list[int], waarde: FloatArray) -> int | None:
    """Among ``plekken`` (best value first), the fitting place of highest value minus the extra
    overflow penalty; stops once no later place can win (the penalty is never negative)."""
    grootte = int(stand.probleem.grootte[h])
    beste, beste_waarde = None, -np.inf
    for g in plekken:
        w = float(waarde[g])
        if w <= beste_waarde or not np.isfinite(w):
            break
        if stand.past(h, g):
            w -= stand.boete(g, grootte)
            if w > beste_waarde:
                beste, beste_waarde = g, w
    return beste


@dataclass
class _Overal:
    """Load and dwellings left as arrays, for :meth:`beste_plek` over every municipality at once
    (kept up to date by the greedy: converting the lists for every household cost more than the
    greedy's own work)."""

    bezet: IntArray
    vrij: IntArray
    """``vrij[g, k]``: the fewest dwellings left over the classes 0..k (a class-k household needs
    one in each of those rows, Hall's condition)."""

    @classmethod
    def van(cls, stand: Stand) -> _Overal:
        """The arrays of ``stand``."""
        vrij = np.minimum.accumulate(np.array(stand.vrij, dtype=np.int64).reshape(-1, 4), axis=1)
        return cls(np.array(stand.bezet, dtype=np.int64), vrij)

    def zet(self, stand: Stand, g: int) -> None:
        """Copy municipality g's state from ``stand`` after a change there."""
        self.bezet[g] = stand.bezet[g]
        self.vrij[g] = np.minimum.accumulate(stand.vrij[g])

    def beste_plek(self, stand: Stand, h: int, waarde: FloatArray) -> int | None:
        """As :func:`_beste_plek` over every municipality (when no candidate fits)."""
        p = stand.probleem
        grootte, klasse = int(p.grootte[h]), int(p.klasse[h])
        past = (self.bezet + grootte <= p.maximum) & (self.vrij[:, klasse] >= 1) & np.isfinite(waarde)
        if not past.any():
            return None
        extra = np.maximum(self.bezet + grootte - np.maximum(p.capaciteit, self.bezet), 0)
        return int(np.argmax(np.where(past, waarde - p.boete * extra, -np.inf)))


def verbeter(probleem: Probleem, gemeente: IntArray, lijst: IntArray, deadline: float) -> IntArray:
    """Local moves (module docstring) until none helps or ``deadline``; returns the new plan."""
    gemeente = gemeente.copy()
    stand = Stand.van(probleem, gemeente)
    for _ in range(20):
        verbeterd = False
        for h in range(probleem.n_huishoudens):
            if h % CONTROLE == 0 and time.perf_counter() >= deadline:
                return gemeente
            nieuw = _beste_zet(stand, h, int(gemeente[h]), lijst[h].tolist())
            if nieuw != gemeente[h]:
                if gemeente[h] >= 0:
                    stand.zet(h, int(gemeente[h]), -1)
                if nieuw >= 0:
                    stand.zet(h, nieuw, 1)
                gemeente[h], verbeterd = nieuw, True
        geholpen = verbeterd or _verdring_pass(stand, gemeente, lijst, deadline)
        if not (geholpen or _ruil_pass(stand, gemeente, lijst, deadline)):
            break
    return gemeente


def _ruil_pass(stand: Stand, gemeente: IntArray, lijst: IntArray, deadline: float) -> bool:
    """Swap two linked households between their municipalities where that raises the objective.

    A swap lets a family take a single's place (and the single the family's) when neither fits
    anywhere else: with small batch shares the moves of one household cannot do that.
    """
    bewoners: list[list[int]] = [[] for _ in range(stand.probleem.n_gemeenten)]
    for h, g in enumerate(gemeente.tolist()):
        if g >= 0:
            bewoners[g].append(h)
    verbeterd = False
    for h1 in np.flatnonzero(gemeente >= 0).tolist():
        if h1 % CONTROLE == 0 and time.perf_counter() >= deadline:
            break
        g1 = int(gemeente[h1])
        for g2 in lijst[h1].tolist():
            h2 = _beste_ruil(stand, h1, g1, g2, bewoners[g2]) if g2 != g1 else None
            if h2 is not None:
                for h, van in ((h1, g1), (h2, g2)):
                    stand.zet(h, van, -1)
                    bewoners[van].remove(h)
                for h, naar in ((h1, g2), (h2, g1)):
                    stand.zet(h, naar, 1)
                    bewoners[naar].append(h)
                gemeente[h1], gemeente[h2], verbeterd = g2, g1, True
                break
    return verbeterd


def _beste_ruil(stand: Stand, h1: int, g1: int, g2: int, anderen: list[int]) -> int | None:
    """The resident h2 of g2 whose swap with h1 (at g1) gains most, if any gains."""
    p = stand.probleem
    if not np.isfinite(p.waarde[h1, g2]):
        return None
    beste, beste_winst = None, 1e-9
    s1 = int(p.grootte[h1])
    for h2 in anderen:
        if not np.isfinite(p.waarde[h2, g1]):
            continue
        s2 = int(p.grootte[h2])
        winst = float(p.waarde[h1, g2] + p.waarde[h2, g1] - p.waarde[h1, g1] - p.waarde[h2, g2])
        winst -= stand.boete(g1, s2 - s1) + stand.boete(g2, s1 - s2)
        if winst > beste_winst and _ruil_past(stand, h1, g1, h2, g2):
            beste, beste_winst = h2, winst
    return beste


def _ruil_past(stand: Stand, h1: int, g1: int, h2: int, g2: int) -> bool:
    """Whether h1 fits at g2 and h2 at g1 once both have left."""
    stand.zet(h1, g1, -1)
    stand.zet(h2, g2, -1)
    try:
        return stand.past(h1, g2) and stand.past(h2, g1)
    finally:
        stand.zet(h1, g1, 1)
        stand.zet(h2, g2, 1)


def _verdring_pass(stand: Stand, gemeente: IntArray, lijst: IntArray, deadline: float) -> bool:
    """Link unlinked households by moving one resident out of a full place (an ejection move).

    With hard capacities a household is often left out because every place it may go to is full,
    while one resident there could just as well live elsewhere; moving one household is then not
    enough, moving two is. Applies every move that raises the objective; True if any did.
    """
    bewoners: list[list[int]] = [[] for _ in range(stand.probleem.n_gemeenten)]
    for h, g in enumerate(gemeente.tolist()):
        if g >= 0:
            bewoners[g].append(h)
    verbeterd = False
    for h in np.flatnonzero(gemeente < 0).tolist():
        if time.perf_counter() >= deadline:
            break
        zet = _beste_verdringing(stand, h, lijst, bewoners)
        if zet is not None:
            g, r, g2 = zet
            stand.zet(r, g, -1)
            stand.zet(h, g, 1)
            bewoners[g].remove(r)
            bewoners[g].append(h)
            gemeente[h], gemeente[r] = g, g2
            if g2 >= 0:
                stand.zet(r, g2, 1)
                bewoners[g2].append(r)
            verbeterd = True
    return verbeterd


def _beste_verdringing(
    stand: Stand, h: int, lijst: IntArray, bewoners: list[list[int]]
) -> tuple[int, int, int] | None:
    """The best (place g, resident r, r's new place or -1) that links h, if it gains anything."""
    p = stand.probleem
    beste, beste_winst = None, 1e-9
    for g in lijst[h].tolist():
        if not np.isfinite(p.waarde[h, g]):
            break
        for r in bewoners[g]:
            winst = _winst_verdringing(stand, h, g, r, lijst[r].tolist())
            if winst is not None and winst[0] > beste_winst:
                beste, beste_winst = (g, r, winst[1]), winst[0]
    return beste


def _winst_verdringing(stand: Stand, h: int, g: int, r: int, plekken: list[int]) -> tuple[float, int] | None:
    """Gain of: r leaves g, h (unlinked) takes g, r goes to its best other place (or unlinked)."""
    p = stand.probleem
    winst = -float(p.waarde[r, g]) - stand.boete(g, -int(p.grootte[r]))
    stand.zet(r, g, -1)
    try:
        if not stand.past(h, g):
            return None
        winst += float(p.waarde[h, g]) - stand.boete(g, int(p.grootte[h])) + float(p.straf[h])
        stand.zet(h, g, 1)
        elders = _beste_zet(stand, r, -1, [x for x in plekken if x != g])
        stand.zet(h, g, -1)
    finally:
        stand.zet(r, g, 1)
    if elders >= 0:
        stand.zet(h, g, 1)
        stand.zet(r, g, -1)
        winst += float(p.waarde[r, elders]) - stand.boete(elders, int(p.grootte[r]))
        stand.zet(r, g, 1)
        stand.zet(h, g, -1)
    else:
        winst -= float(p.straf[r])
    return winst, elders


def _beste_zet(stand: Stand, h: int, huidig: int, plekken: list[int]) -> int:
    """The best place for h with everyone else fixed (``huidig`` unless another is better)."""
    p = stand.probleem
    grootte = int(p.grootte[h])
    if huidig >= 0:
        hier = float(p.waarde[h, huidig]) + stand.boete(huidig, -grootte)
        stand.zet(h, huidig, -1)
    else:
        hier = -float(p.straf[h])
    beste, beste_waarde = huidig, hier + 1e-9
    if huidig >= 0 and -float(p.straf[h]) > beste_waarde:  # only with given prices above the penalty
        beste, beste_waarde = -1, -float(p.straf[h])
    for g in plekken:
        if g == huidig or not stand.past(h, g):
            continue
        w = float(p.waarde[h, g]) - stand.boete(g, grootte)
        if w > beste_waarde:
            beste, beste_waarde = g, w
    if huidig >= 0:
        stand.zet(h, huidig, 1)
    return beste
