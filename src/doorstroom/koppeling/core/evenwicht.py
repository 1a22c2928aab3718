"""Balance across the half year: a little value traded so that this week fares like the weeks to come.

Prices keep room for later arrivals only as far as the expected value says: a week can still fare
clearly better or worse than the arrivals after it (issue 14, item 5). How well a group fares is
measured as its *share of the best*: Σ persons × score over Σ persons × their household's best
allowed score, for the persons it links of households with a choice (more than one allowed
municipality), so that a week with easier households is not counted as favoured. The level
aimed at is that share for the later arrivals in the scenarios' plans
(:meth:`~doorstroom.koppeling.solver.prijsschatting.Scenarioprijzen.aandeel_later`). With the *evenwicht*
option the batch's share must lie within ``marge`` (a fraction) of it. Where it does not, the
prices are scaled: up (at most :data:`SCHAAL_MAX` times) to keep more room for later when the batch
fares better, down (to none: the myopic batch) when it fares worse. The scale is searched in at
most :data:`STAPPEN` solves of the batch (steps away from 1 that double, then bisection) and is the
one nearest the band, then nearest 1, so the least value is given up and a scale that does not
help is not used. Group fairness costs about 1–5 % of value in the literature
(Freund, Lykouris, Paulson, Sturt & Weng, "Group fairness in dynamic refugee assignment", EC 2023,
arXiv 2301.10642: there the groups are kinds of households, here they are arrival weeks; Bansak &
Paulson, *Operations Research* 2024, balance allocations over time). The cost is estimated per batch
and shown: the batch's value at the unscaled prices (its scores minus the room it uses, minus the
penalty for whoever stays unlinked) with the balanced plan, against the unbalanced plan. The
benchmark measures it against hindsight.

Pure: the solve is passed in as a function of the scale.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

SCHAAL_MAX = 4.0
"""Prices are scaled up to at most this factor (and always kept below the ceiling of
:func:`~doorstroom.koppeling.solver.prijsschatting.plafond`: a linkable household is never left unlinked)."""
STAPPEN = 8
"""At most this many solves of the batch for one balanced batch (the unscaled one included)."""
EERSTE_STAP = 1 / 16
"""The first scale tried is 1 ± this; each next step away from 1 doubles."""
FIJN = 1 / 128
"""Bisection stops when the scale is known this closely (finer makes no difference worth a solve)."""

T = TypeVar("T")


@dataclass(frozen=True)
class Plan(Generic[T]):
    """A batch solved at one scale: the result, its share of the best, and its value at the
    unscaled prices."""

    result: T
    aandeel: float
    waarde: float


@dataclass(frozen=True)
class Afweging:
    """What balancing did to one batch: the scale chosen, the level aimed at, the batch's share of
    the best with and without balancing, and the estimated value given up (``kosten``, also as a
    percentage of the unbalanced batch's value)."""

    marge: float
    doel: float | None
    schaal: float
    aandeel: float
    zonder: float
    kosten: float
    kosten_pct: float
    binnen: bool
    solves: int

    def as_dict(self) -> dict[str, object]:
        return {
            "marge": self.marge, "doel": _rond(self.doel), "schaal": round(self.schaal, 4),
            "aandeel_van_beste": _rond(self.aandeel), "zonder_evenwicht": _rond(self.zonder),
            "kosten": round(self.kosten, 4), "kosten_pct": round(self.kosten_pct, 4),
            "binnen_marge": self.binnen, "solves": self.solves,
        }  # fmt: skip


def _rond(waarde: float | None) -> float | None:
    return None if waarde is None else round(waarde, 4)


def weeg_af(
    los: Callable[[float], Plan[T]], doel: float | None, marge: float, stappen: int = STAPPEN
) -> tuple[Plan[T], Afweging]:
    """Solve at scale 1; when its share of the best lies outside ``doel`` ± ``marge``, search the
    scale closest to 1 that brings it inside (module docstring). Without a level to aim at (nothing
    expected after this batch) the unscaled plan stands."""
    basis = los(1.0)
    band = None if doel is None else (doel * (1 - marge), doel * (1 + marge))
    if band is None or band[0] <= basis.aandeel <= band[1]:
        return basis, _afweging(basis, basis, 1.0, doel, marge, True, 1)
    zoektocht = _Zoektocht(los, band, omhoog=basis.aandeel > band[1], geprobeerd=[(1.0, basis)])
    zoektocht.verken(stappen)
    schaal, plan = zoektocht.beste()
    binnen = band[0] <= plan.aandeel <= band[1]
    return plan, _afweging(plan, basis, schaal, doel, marge, binnen, len(zoektocht.geprobeerd))


@dataclass
class _Zoektocht(Generic[T]):
    """The search for a scale: steps away from 1 that double (the share can react steeply to the
    first few per cent), then bisection between the last scale short of the band and the first
    past its near edge. Every plan tried is kept; the one nearest the band wins, then the one
    nearest scale 1, so a scale that does not help is never chosen over the unscaled prices."""

    los: Callable[[float], Plan[T]]
    band: tuple[float, float]
    omhoog: bool
    geprobeerd: list[tuple[float, Plan[T]]]

    def verken(self, stappen: int) -> None:
        kort, stap = 1.0, EERSTE_STAP
        while len(self.geprobeerd) < stappen:
            schaal = min(1.0 + stap, SCHAAL_MAX) if self.omhoog else max(1.0 - stap, 0.0)
            if self._proef(schaal):
                return self._verfijn(kort, schaal, stappen)
            if schaal in (SCHAAL_MAX, 0.0):
                return None
            kort, stap = schaal, stap * 2
        return None

    def _verfijn(self, kort: float, voorbij: float, stappen: int) -> None:
        while len(self.geprobeerd) < stappen and abs(voorbij - kort) > FIJN:
            midden = (kort + voorbij) / 2
            kort, voorbij = (kort, midden) if self._proef(midden) else (midden, voorbij)

    def _proef(self, schaal: float) -> bool:
        """Solve at ``schaal``; whether the share has reached the band's near edge (or beyond)."""
        plan = self.los(schaal)
        self.geprobeerd.append((schaal, plan))
        return plan.aandeel <= self.band[1] if self.omhoog else plan.aandeel >= self.band[0]

    def beste(self) -> tuple[float, Plan[T]]:
        def rang(poging: tuple[float, Plan[T]]) -> tuple[float, float]:
            aandeel = poging[1].aandeel
            return max(self.band[0] - aandeel, aandeel - self.band[1], 0.0), abs(poging[0] - 1.0)

        return min(self.geprobeerd, key=rang)


def _afweging(
    plan: Plan[T], basis: Plan[T], schaal: float, doel: float | None, marge: float, binnen: bool, solves: int
) -> Afweging:
    kosten = basis.waarde - plan.waarde  # ≥ 0 when the batch solves are optimal (tested)
    pct = 100 * kosten / abs(basis.waarde) if basis.waarde else 0.0
    return Afweging(marge, doel, schaal, plan.aandeel, basis.aandeel, kosten, pct, binnen, solves)


def toelichting(afweging: Afweging) -> str:
    """What balancing did to the batch, in a line (the cost is an estimate: see the module docstring)."""
    if afweging.doel is None:
        return "niets meer verwacht na deze batch: geen latere aankomsten om mee in evenwicht te brengen"
    niveau = f"latere aankomsten {_pct(afweging.doel)} ± {100 * afweging.marge:.1f} %"
    if afweging.schaal == 1.0:
        plaats = "binnen" if afweging.binnen else "buiten (geen schaal bracht de batch dichterbij)"
        return f"deze batch {_pct(afweging.aandeel)} van het beste, {plaats} {niveau}; prijzen ongewijzigd"
    bereikt = "binnen de marge" if afweging.binnen else "marge niet bereikt (dichtstbijzijnde schaal)"
    return (
        f"deze batch {_pct(afweging.aandeel)} van het beste (zonder evenwicht {_pct(afweging.zonder)}; "
        f"{niveau}, {bereikt}); prijzen ×{afweging.schaal:.3f}; geschatte kosten {afweging.kosten:.2f} "
        f"({afweging.kosten_pct:.2f} % van de waarde van de batch), {afweging.solves} solves"
    )


def _pct(aandeel: float) -> str:
    return f"{100 * aandeel:.1f} %"
