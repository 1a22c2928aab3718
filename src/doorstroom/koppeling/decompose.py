"""Solve the koppeling exactly enough, fast: LP relaxation → fix the integral part → exact finish.

Why this works. The constraint matrix is an assignment structure plus one capacity row per
municipality and a few dwelling rows. A vertex of the LP has at most as many fractional
households as there are binding capacity/dwelling rows, so on a national instance almost every
household is already integral in the LP optimum (a few hundred of 8,000 are fractional).

Steps (numbered as in the code):

1. Solve the LP of the pruned model with dual simplex (a vertex solution).
2. *Pricing*: compute the reduced cost ``c − Aᵀy`` of every pair pruned away; if any is positive,
   add those pairs and go to 1. When none is positive, the LP optimum is the LP optimum of the
   **unpruned** problem too, so its value is a proven upper bound ``bound`` on every plan.
3. Fix the households that are integral in the LP (linked, or unlinked) and subtract their persons
   and dwellings from the capacities (batch share and maximum: overflow room is residual too).
4. Solve the small remaining MIP (only the fractional households) exactly.

Soft capacity: the overflow columns ``o_g`` are always in the LP and the overflow rows' duals
enter the reduced cost of every priced pair, so step 2's bound stays proven (see ``model``).
5. The combined plan is feasible; ``gap = (bound − objective) / |bound|`` is proven. Only when the
   gap exceeds the target is the full MIP solved, warm-started from this plan, within the time left.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace

import numpy as np

from doorstroom.koppeling.backends import Backend, Oplossing
from doorstroom.koppeling.domain import Beleid, Instantie
from doorstroom.koppeling.model import (
    BLOK,
    FloatArray,
    IntArray,
    Koppelmodel,
    Programma,
    deelmodel,
    kolombouwer,
    met_paren,
    overschrijdingscoefficient,
    programma,
)
from doorstroom.koppeling.result import SolveStatus
from doorstroom.koppeling.score import Scoreblok

INTEGRAAL = 1e-6
Dualen = tuple[FloatArray, FloatArray, FloatArray, FloatArray]
"""Duals per household (assignment), per municipality (capacity), per (municipality, class), and
per (municipality, household size) the summed overflow-row duals times their coefficients."""
PRIJS_TOLERANTIE = 1e-7
MAX_PRIJSRONDES = 25
PRIJS_PER_HUISHOUDEN = 5
VRIJ_PER_GEMEENTE = 4
MIN_MIP_SECONDEN = 0.5
MAX_MIP_PER_HUISHOUDEN = 20
RUIME_MIP_SECONDEN = 20.0
MAX_GROOTTE_VRIJ = 1


@dataclass
class Plan:
    """A plan over a model: ``keuze[h]`` is a pair index or -1 (unlinked)."""

    keuze: IntArray
    objectief: float
    grens: float
    status: SolveStatus
    details: dict[str, float] = field(default_factory=dict)


def los_op(
    instantie: Instantie,
    beleid: Beleid,
    model: Koppelmodel,
    backend: Backend,
    tijdslimiet: float,
    blokken: Sequence[Scoreblok],
) -> tuple[Koppelmodel, Plan]:
    """Run steps 1-5; returns the (possibly extended) model and the plan over it."""
    begin = time.perf_counter()
    deadline = begin + tijdslimiet
    model, lp, rondes, dualen = _lp_met_prijzen(model, backend, deadline, blokken)
    lp_klaar = time.perf_counter()
    if lp.x is None or lp.status is not SolveStatus.optimal:
        return model, _zonder_lp(model)
    keuze, open_ = _rond_af(model, lp.x)
    marge = 0.5 * beleid.gap_doel * abs(lp.objectief)
    plan = _maak_af(model, keuze, open_, lp.x, backend, deadline, (marge, lp.objectief - marge))
    plan.grens = lp.objectief
    plan.details.update(
        {
            "lp_objective": lp.objectief,
            "fractional": float(len(open_)),
            "pricing_rounds": float(abs(rondes)),
            "bound_covers_pruned_pairs": float(rondes >= 0),
            "lp_seconds": lp_klaar - begin,
            "finish_seconds": time.perf_counter() - lp_klaar,
        }
    )
    if _gap(plan) > beleid.gap_doel and deadline - time.perf_counter() > MIN_MIP_SECONDEN:
        bruikbaar = dualen if rondes >= 0 else None
        model, plan = _volledige_mip(model, plan, backend, deadline, blokken, bruikbaar, beleid.gap_doel)
    plan.status = SolveStatus.optimal if _gap(plan) <= beleid.gap_doel else SolveStatus.feasible
    return model, plan


def _zonder_lp(model: Koppelmodel) -> Plan:
    """No LP optimum within the time limit: a feasible heuristic plan, no bound (status feasible)."""
    x = np.zeros(len(model.paar_h))
    keuze = _als_keuze(model, startoplossing(model, x))
    return Plan(keuze, model.objectief(keuze), float("inf"), SolveStatus.feasible, {"lp_solved": 0.0})


def _als_keuze(model: Koppelmodel, vector: FloatArray) -> IntArray:
    keuze = np.full(model.n_huishoudens, -1, dtype=np.int64)
    gekozen = np.flatnonzero(vector[: len(model.paar_h)] > 0.5)
    keuze[model.paar_h[gekozen]] = gekozen
    return keuze


def _gap(plan: Plan) -> float:
    return max(0.0, plan.grens - plan.objectief) / max(abs(plan.grens), 1.0)


def _lp_met_prijzen(
    model: Koppelmodel, backend: Backend, deadline: float, blokken: Sequence[Scoreblok]
) -> tuple[Koppelmodel, Oplossing, int, Dualen | None]:
    """Steps 1-2. The round count is negative when pricing was cut short (bound then unproven)."""
    prog = programma(model, geheel=False, alle_rijen=True)
    sessie = backend.lp(prog)
    kolommen = kolombouwer(model, prog)
    huidig, extra, dualen = model, _Extra(), None
    for ronde in range(MAX_PRIJSRONDES):
        lp = sessie.los_op(_rest(deadline))
        if lp.x is None or lp.rij_duaal is None or lp.status is not SolveStatus.optimal:
            return (*_samen(model, extra, lp), -ronde, dualen)
        dualen = _dualen(huidig, prog, lp.rij_duaal)
        nieuw = _prijs(huidig, dualen, blokken)
        if len(nieuw[0]) == 0:
            return (*_samen(model, extra, lp), ronde, dualen)
        sessie.voeg_toe(model.grootte[nieuw[0]] * nieuw[2], kolommen(nieuw[0], nieuw[1]))
        extra.voeg_toe(*nieuw)
        huidig = _samen(model, extra, None)[0]
    return (*_samen(model, extra, lp), -MAX_PRIJSRONDES, dualen)


@dataclass
class _Extra:
    """Pairs added by pricing, in the order their columns were added."""

    h: list[IntArray] = field(default_factory=list)
    g: list[IntArray] = field(default_factory=list)
    s: list[FloatArray] = field(default_factory=list)

    def voeg_toe(self, h: IntArray, g: IntArray, s: FloatArray) -> None:
        self.h.append(h)
        self.g.append(g)
        self.s.append(s)

    def arrays(self) -> tuple[IntArray, IntArray, FloatArray]:
        leeg_i, leeg_f = np.zeros(0, dtype=np.int64), np.zeros(0)
        return (
            np.concatenate([leeg_i, *self.h]),
            np.concatenate([leeg_i, *self.g]),
            np.concatenate([leeg_f, *self.s]),
        )


def _samen(model: Koppelmodel, extra: _Extra, lp: Oplossing | None) -> tuple[Koppelmodel, Oplossing]:
    """The extended model (pairs sorted) and the LP solution in its column layout."""
    samen, volgorde = met_paren(model, *extra.arrays())
    if lp is None or lp.x is None:
        return samen, lp if lp is not None else Oplossing(SolveStatus.error, None, float("nan"), float("inf"))
    p0, n = len(model.paar_h), model.n_huishoudens
    vast = n + model.n_overloop
    paren = np.concatenate([lp.x[:p0], lp.x[p0 + vast :]])[volgorde]
    return samen, replace(lp, x=np.concatenate([paren, lp.x[p0 : p0 + vast]]))


def _rest(deadline: float) -> float:
    return max(deadline - time.perf_counter(), 0.05)


def _prijs(
    model: Koppelmodel, dualen: Dualen, blokken: Sequence[Scoreblok], drempel: float | None = None
) -> tuple[IntArray, IntArray, FloatArray]:
    """Allowed pairs outside the model worth adding.

    Without ``drempel``: the best with positive reduced cost (column generation). With it: every
    pair whose reduced cost is at least ``drempel`` (≤ 0), i.e. every pair that reduced-cost fixing
    cannot exclude from a plan better than ``LP bound + drempel``.
    """
    hs, gs, ss = [], [], []
    for start, blok, gereduceerd in _gereduceerd(model, dualen, blokken):
        if drempel is None:
            h, g = _beste(gereduceerd, PRIJS_PER_HUISHOUDEN, PRIJS_TOLERANTIE)
        elif not np.isfinite(drempel):
            h, g = _beste(gereduceerd, MAX_MIP_PER_HUISHOUDEN, -np.inf)
        else:
            h, g = np.nonzero(gereduceerd >= drempel)
        hs.append(h + start)
        gs.append(g)
        ss.append(blok.totaal[h, g])
    return np.concatenate(hs).astype(np.int64), np.concatenate(gs).astype(np.int64), np.concatenate(ss)


def _gereduceerd(
    model: Koppelmodel, dualen: Dualen, blokken: Sequence[Scoreblok]
) -> Iterator[tuple[int, Scoreblok, FloatArray]]:
    """Per block: reduced cost ``c − Aᵀy`` of every allowed pair not in the model (else −inf)."""
    y_h, y_cap, y_won, y_ov = dualen
    aanwezig = np.zeros((model.n_huishoudens, len(model.capaciteit)), dtype=bool)
    aanwezig[model.paar_h, model.paar_g] = True
    for index, blok in enumerate(blokken):
        start = index * BLOK
        rij = slice(start, start + blok.totaal.shape[0])
        grootte = model.grootte[rij][:, None]
        gereduceerd = grootte * blok.totaal - y_h[rij][:, None] - grootte * y_cap[None, :]
        gereduceerd -= y_won[:, model.klasse[rij]].T
        gereduceerd -= y_ov[:, model.grootte[rij]].T
        gereduceerd[~(blok.toegestaan & ~aanwezig[rij])] = -np.inf
        yield start, blok, gereduceerd


def _beste(gereduceerd: FloatArray, aantal: int, minimum: float) -> tuple[IntArray, IntArray]:
    """Per household the ``aantal`` allowed pairs of largest reduced cost above ``minimum``."""
    aantal = min(aantal, gereduceerd.shape[1])
    beste = np.argpartition(-gereduceerd, aantal - 1, axis=1)[:, :aantal]
    rijen = np.repeat(np.arange(gereduceerd.shape[0]), aantal)
    kolommen = beste.ravel()
    houden = gereduceerd[rijen, kolommen] > minimum
    return rijen[houden], kolommen[houden]


def _dualen(model: Koppelmodel, prog: Programma, duaal: FloatArray) -> Dualen:
    """Split row duals into per-household, per-capacity and per-(municipality, class) arrays.

    ``y_won[g, k]`` is the summed dual of the dwelling rows that a class-k household uses at g.
    ``y_ov[g, s]`` is Σ dual · a(s) over the overflow rows of g: what a household of s persons
    pays there (its coefficients a(s) in those rows, see ``model._overschrijdingsrijen``).
    """
    n_g = len(model.capaciteit)
    y_h = duaal[: model.n_huishoudens]
    y_cap, y_won = np.zeros(n_g), np.zeros((n_g, 4))
    y_ov = np.zeros((n_g, int(model.grootte.max(initial=1)) + 1))
    grootte = np.arange(y_ov.shape[1])
    for rij, waarde in zip(prog.rijen, duaal[model.n_huishoudens :], strict=True):
        if rij.soort == "capaciteit":
            y_cap[rij.index] = waarde
        elif rij.soort == "woningen":
            y_won[rij.index, rij.klasse :] += waarde
        elif waarde != 0.0:  # most valid inequalities are slack: nothing to add
            y_ov[rij.index] += waarde * overschrijdingscoefficient(
                rij, int(model.capaciteit[rij.index]), grootte
            )
    return y_h, y_cap, y_won, y_ov


def _rond_af(model: Koppelmodel, x: FloatArray) -> tuple[IntArray, IntArray]:
    """Step 3: the pair chosen by every integral household (-1: unlinked) and the open ones."""
    p = len(model.paar_h)
    keuze = np.full(model.n_huishoudens, -1, dtype=np.int64)
    een = np.flatnonzero(x[:p] >= 1 - INTEGRAAL)
    keuze[model.paar_h[een]] = een
    onbekoppeld = x[p : p + model.n_huishoudens] >= 1 - INTEGRAAL
    open_ = np.flatnonzero((keuze < 0) & ~onbekoppeld)
    return keuze, np.union1d(open_, _beweeglijk(model, x, keuze, open_))


def _beweeglijk(model: Koppelmodel, x: FloatArray, keuze: IntArray, open_: IntArray) -> IntArray:
    """A few singles linked in municipalities the fractional households touch.

    Freeing them lets the exact finish move a single to make room for a family that the LP split
    over two municipalities (persons are whole; slivers of capacity are not). At most
    ``VRIJ_PER_GEMEENTE`` singles per touched municipality, those with the lowest score there.
    """
    p = len(model.paar_h)
    geraakt = np.zeros(len(model.capaciteit), dtype=bool)
    fractioneel = (x[:p] > INTEGRAAL) & np.isin(model.paar_h, open_)
    geraakt[model.paar_g[fractioneel]] = True
    gekoppeld = np.flatnonzero(keuze >= 0)
    gemeente = model.paar_g[keuze[gekoppeld]]
    kandidaat = gekoppeld[(model.grootte[gekoppeld] <= MAX_GROOTTE_VRIJ) & geraakt[gemeente]]
    volgorde = np.lexsort((model.score[keuze[kandidaat]], model.paar_g[keuze[kandidaat]]))
    kandidaat = kandidaat[volgorde]
    g = model.paar_g[keuze[kandidaat]]
    rang = np.arange(len(g)) - np.searchsorted(g, g)
    vrij: IntArray = kandidaat[rang < VRIJ_PER_GEMEENTE]
    return vrij


def _maak_af(
    model: Koppelmodel,
    keuze: IntArray,
    open_: IntArray,
    x: FloatArray,
    backend: Backend,
    deadline: float,
    stop: tuple[float, float],
) -> Plan:
    """Step 4: exact MIP over the open households with the capacity that is left.

    ``stop`` is (absolute gap, objective target of the whole plan). The sub-MIP may stop as soon
    as the whole plan reaches the target: its gap to the LP bound is then proven small enough, so
    time is not spent proving the sub-MIP's own, tighter gap.

    "Left" is both the batch share and the room up to the maximum (residual overflow room), so
    the finish can still place a family above a municipality's share at the overflow penalty.

    The MIP starts from a feasible plan: freed singles where the LP put them, the fractional
    households placed greedily by LP value; HiGHS then only has to improve it.
    """
    vast = keuze.copy()
    vast[open_] = -1
    if len(open_):
        deel, paren = deelmodel(model, open_, restcapaciteit(model, vast))
        start = startoplossing(deel, x[paren])
        doel = stop[1] - model.objectief(vast) + deel.objectief(np.full(deel.n_huishoudens, -1))
        mip = backend.los_op(programma(deel, geheel=True), _rest(deadline), start, stop[0], doel)
        vast[open_] = _deelkeuze(model, deel, open_, mip)
    return Plan(vast, model.objectief(vast), float("inf"), SolveStatus.feasible)


def startoplossing(deel: Koppelmodel, x: FloatArray) -> FloatArray:
    """A feasible 0/1 vector for the sub-model, so the exact finish starts from a good plan.

    Families first, largest first, each where the LP put most of it; then singles by augmenting
    paths (a single may move to another of its candidates to make room), which places as many
    singles as the remaining room allows. All within the batch shares; then whoever is still
    unlinked goes to its best place within the maximum (overflow beats unlinked). Finally single
    moves that raise the objective are applied (:func:`_verbeter`).
    """
    keuze = _boven_aandeel(deel, x, _binnen_aandeel(deel, x))
    return _als_vector(deel, _verbeter(deel, keuze))


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


def _deelkeuze(model: Koppelmodel, deel: Koppelmodel, open_: IntArray, mip: Oplossing) -> IntArray:
    """Map the sub-MIP's pairs back to pair indices of the full model."""
    keuze = np.full(len(open_), -1, dtype=np.int64)
    if mip.x is None:
        return keuze
    gekozen = np.flatnonzero(mip.x[: len(deel.paar_h)] > 0.5)
    breedte = len(model.capaciteit)
    sleutels = model.paar_h * breedte + model.paar_g
    gezocht = open_[deel.paar_h[gekozen]] * breedte + deel.paar_g[gekozen]
    keuze[deel.paar_h[gekozen]] = np.searchsorted(sleutels, gezocht)
    return keuze


def restcapaciteit(model: Koppelmodel, keuze: IntArray) -> tuple[IntArray, IntArray, IntArray]:
    """Batch share, maximum and dwellings per municipality left after the households in ``keuze``.

    The share left is floored at 0: overflow already used by the fixed households is a sunk
    penalty, so in the residual problem every further person above the share costs the penalty,
    exactly as in the full problem.
    """
    gekozen = keuze[keuze >= 0]
    gemeente, huishouden = model.paar_g[gekozen], model.paar_h[gekozen]
    bezet = model.bezetting(keuze)
    capaciteit: IntArray = np.maximum(model.capaciteit - bezet, 0)
    return capaciteit, model.maximum - bezet, _restwoningen(model, gemeente, model.klasse[huishouden])


def _restwoningen(model: Koppelmodel, gemeente: IntArray, klasse: IntArray) -> IntArray:
    """Dwellings left, such that the residual Hall rows are exactly the original ones.

    The model only uses the sums ``Σ_{j≥k} woningen[g, j]``; subtracting the linked households of
    class ≥ k from each sum keeps the residual problem exact (a class may go negative: a small
    household then took a larger dwelling).
    """
    vanaf = np.cumsum(model.woningen[:, ::-1], axis=1)[:, ::-1]
    gebruikt = np.zeros_like(vanaf)
    np.add.at(gebruikt, (gemeente, klasse), 1)
    rest = vanaf - np.cumsum(gebruikt[:, ::-1], axis=1)[:, ::-1]
    result: IntArray = rest - np.concatenate([rest[:, 1:], np.zeros((len(rest), 1), dtype=np.int64)], axis=1)
    return result


def _volledige_mip(
    model: Koppelmodel,
    plan: Plan,
    backend: Backend,
    deadline: float,
    blokken: Sequence[Scoreblok],
    dualen: Dualen | None,
    gap_doel: float,
) -> tuple[Koppelmodel, Plan]:
    """Step 5 fallback: the MIP from the current plan, with every pair that could improve it.

    A pair with reduced cost d can only be in plans worth at most ``LP bound + d``; pairs with
    ``LP bound + d < current objective`` are left out safely, so the MIP's bound is a bound on the
    unpruned problem too. When that leaves too many pairs (more than ``MAX_MIP_PER_HUISHOUDEN``
    per household) and less than ``RUIME_MIP_SECONDEN`` remain (HiGHS overruns short limits on
    large MIPs), only the best of them are added and the MIP's bound is not used: it would only
    cover the pruned model.
    """
    geldig = False
    if dualen is not None:
        extra = _prijs(model, dualen, blokken, drempel=plan.objectief - plan.grens)
        ruim = deadline - time.perf_counter() >= RUIME_MIP_SECONDEN
        geldig = ruim or len(extra[0]) <= MAX_MIP_PER_HUISHOUDEN * model.n_huishoudens
        if not geldig:
            extra = _prijs(model, dualen, blokken, drempel=-np.inf)
        model, volgorde = met_paren(model, *extra)
        plan.keuze = np.where(plan.keuze >= 0, np.argsort(volgorde)[np.maximum(plan.keuze, 0)], -1)
    plan.details["mip_pairs"] = float(len(model.paar_h))
    start, abs_gap = _als_vector(model, plan.keuze), gap_doel * abs(plan.grens)
    mip = backend.los_op(programma(model, geheel=True), _rest(deadline), start, abs_gap=abs_gap)
    grens = min(plan.grens, mip.grens) if geldig else plan.grens
    if mip.x is None or mip.objectief <= plan.objectief:
        plan.grens = grens
        return model, plan
    keuze = _als_keuze(model, mip.x)
    return model, Plan(keuze, model.objectief(keuze), grens, mip.status, plan.details)


def _als_vector(model: Koppelmodel, keuze: IntArray) -> FloatArray:
    """The column vector of a plan: pairs, ``u`` slacks, then the overflow ``o_g`` it implies."""
    p, n = len(model.paar_h), model.n_huishoudens
    x = np.zeros(p + n + model.n_overloop)
    x[keuze[keuze >= 0]] = 1.0
    x[p + np.flatnonzero(keuze < 0)] = 1.0
    if model.n_overloop:
        x[p + n :] = model.overschrijding(keuze)
    return x
