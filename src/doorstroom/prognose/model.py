"""The chain flow model: one month at a time, every Monte-Carlo path at once.

Stocks are held as NumPy arrays with one element per path; the only Python loop runs over months.
One month, in this order (stocks at the start of the month are ``Q`` IND queue, ``V`` permit
holders waiting in COA, ``A`` rejected applicants in COA, ``I`` persons in inburgering)::

    inflow     E, H, N  first applications, repeat applications, nareizigers
               λ = level · season · exp(W) ; W a mean-preserving random walk (drift)
               count ~ Poisson(λ · G), G ~ Gamma(k, 1/k)   (negative binomial: over-dispersed)
    IND        D = min(Binomial(Q, 1/doorlooptijd), capaciteit)   decisions
               G_ = Binomial(D, inwilligingspercentage), R = D - G_
               Q' = Q - D + E + H
    housing    room = taakstelling/6 · realisatiegraad - N   (nareizigers count toward the task)
               U = min(V, max(room, 0))                       housed from COA
               V' = V - U + G_
    departure  L = Binomial(A, 1/vertrektermijn), A' = A - L + R
    municipality  M = U + N housed; O = Binomial(M, inburgeringsplicht) start inburgering
    inburgering   C = Binomial(I, 1/inburgering_duur), S = Binomial(C, geslaagd), I' = I - C + O
    COA        bezetting = Q' + V' + A' ; capaciteit = regulier + nood + flexbuffer
    cost       dagen · (regulier·c_r + nood·c_n + flex·c_f + overschrijding·c_o)

With ``rng=None`` every draw is replaced by its expectation (``Binomial(n, p) -> n·p``,
``Poisson(λG) -> λ``, ``W = 0``), which gives the deterministic path that can be checked by hand.
People are conserved: every flow leaves one stock and enters another, so the start stocks plus
cumulative inflow always equal the sum of all stocks, absorbing ones included.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

FloatArray = NDArray[np.float64]

STOCKS = (
    "ind_wachtrij",
    "vergunninghouders_coa",
    "afgewezen_coa",
    "inburgering",
    "gehuisvest_zonder_plicht",
    "vertrokken",
    "inburgering_geslaagd_totaal",
    "inburgering_niet_geslaagd_totaal",
)
"""Stocks that together hold every person in the model (the last four absorb)."""
ABSORBING = STOCKS[4:]

INFLOWS = ("instroom_eerste_aanvragen", "instroom_herhaalde_aanvragen", "instroom_nareizigers")
FLOWS = (
    *INFLOWS,
    "beslissingen",
    "inwilligingen",
    "afwijzingen",
    "huisvesting_uit_coa",
    "huisvesting_totaal",
    "vertrek",
    "start_inburgering",
    "inburgering_geslaagd",
    "inburgering_niet_geslaagd",
)
DERIVED = ("coa_bezetting", "instroom_totaal", "capaciteit", "overschrijding", "kosten")
SERIES = (*STOCKS, *FLOWS, *DERIVED)


@dataclass(frozen=True)
class ModelInput:
    """Per-path parameter draws ``waarden`` (P,) and per-month ``factor``/``plus`` profiles (T,)."""

    waarden: Mapping[str, FloatArray]
    factor: Mapping[str, FloatArray]
    plus: Mapping[str, FloatArray]
    seizoen: FloatArray  # inflow factor of each forecast month
    dagen: FloatArray  # days in each forecast month

    @property
    def paden(self) -> int:
        """Number of paths."""
        return int(next(iter(self.waarden.values())).shape[0])

    @property
    def maanden(self) -> int:
        """Number of forecast months."""
        return int(self.dagen.shape[0])

    def op(self, naam: str, maand: int) -> FloatArray:
        """The parameter's value on every path in month ``maand`` (0-based)."""
        value: FloatArray = self.waarden[naam] * self.factor[naam][maand] + self.plus[naam][maand]
        return value


class Draws:
    """Randomness of the model; ``rng=None`` gives expectations (deterministic mode)."""

    def __init__(self, rng: np.random.Generator | None) -> None:
        self.rng = rng

    def binomial(self, n: FloatArray, p: FloatArray) -> FloatArray:
        """How many of ``n`` persons make a move with probability ``p``."""
        p = np.clip(p, 0.0, 1.0)
        if self.rng is None:
            return n * p
        return self.rng.binomial(np.rint(n).astype(np.int64), p).astype(np.float64)

    def count(self, mean: FloatArray, shape: FloatArray) -> FloatArray:
        """Gamma-Poisson (negative binomial) count with mean ``mean`` and shape ``shape``."""
        if self.rng is None:
            return mean
        intensity = mean * self.rng.gamma(shape, 1.0 / shape)
        counts: FloatArray = self.rng.poisson(intensity).astype(np.float64)
        return counts

    def persons(self, x: FloatArray) -> FloatArray:
        """Stocks in whole persons when persons are whole."""
        return x.copy() if self.rng is None else np.rint(x)

    def whole(self, x: FloatArray) -> FloatArray:
        """Capacities in whole persons when persons are whole, exact values otherwise."""
        return x if self.rng is None else np.floor(x)

    def drift_step(self, sd: FloatArray) -> FloatArray:
        """One month of the log-level random walk, corrected so the mean level is kept."""
        if self.rng is None:
            return np.zeros_like(sd)
        return self.rng.normal(0.0, 1.0, sd.shape) * sd - sd**2 / 2.0


@dataclass
class State:
    """Stocks at the start of a month, one element per path."""

    q: FloatArray
    v: FloatArray
    a: FloatArray
    i: FloatArray
    w: FloatArray  # log-level of inflow


def begin(inp: ModelInput, draws: Draws) -> State:
    """Start stocks from the ``begin_*`` parameters."""
    return State(
        q=draws.persons(inp.waarden["begin_ind_wachtrij"]),
        v=draws.persons(inp.waarden["begin_vergunninghouders_coa"]),
        a=draws.persons(inp.waarden["begin_afgewezen_coa"]),
        i=draws.persons(inp.waarden["begin_inburgering"]),
        w=np.zeros(inp.paden),
    )


def simulate(
    inp: ModelInput,
    rng: np.random.Generator | None,
    on_month: Callable[[int], None] | None = None,
) -> dict[str, FloatArray]:
    """Run the model; returns every series in :data:`SERIES` as a (paths, months) array.

    Stocks are end-of-month values; flows are totals over the month; cumulative stocks
    (``vertrokken``, ...) count from the start of the forecast.
    """
    draws = Draws(rng)
    out = {name: np.zeros((inp.paden, inp.maanden)) for name in SERIES}
    state = begin(inp, draws)
    totals = {name: np.zeros(inp.paden) for name in ABSORBING}
    for t in range(inp.maanden):
        flows = step(inp, t, state, draws)
        _accumulate(totals, flows)
        _record(out, t, state, totals, flows)
        _capacity(out, inp, t)
        if on_month is not None:
            on_month(t)
    return out


def step(inp: ModelInput, t: int, s: State, draws: Draws) -> dict[str, FloatArray]:
    """Advance ``s`` by month ``t`` in place; return the month's flows."""
    flows = _inflow(inp, t, s, draws)
    flows |= _ind(inp, t, s, draws)
    flows |= _housing(inp, t, s, draws, flows["instroom_nareizigers"])
    flows |= _departure(inp, t, s, draws)
    flows |= _inburgering(inp, t, s, draws, flows["huisvesting_totaal"])
    s.q = s.q - flows["beslissingen"] + flows["instroom_eerste_aanvragen"]
    s.q = s.q + flows["instroom_herhaalde_aanvragen"]
    s.v = s.v - flows["huisvesting_uit_coa"] + flows["inwilligingen"]
    s.a = s.a - flows["vertrek"] + flows["afwijzingen"]
    s.i = s.i - flows["inburgering_geslaagd"] - flows["inburgering_niet_geslaagd"]
    s.i = s.i + flows["start_inburgering"]
    return flows


def _hazard(inp: ModelInput, duration: str, t: int) -> FloatArray:
    """Monthly probability of leaving a stock whose mean sojourn is ``duration`` months."""
    rate: FloatArray = 1.0 / np.maximum(inp.op(duration, t), 1e-6)
    return rate


def _inflow(inp: ModelInput, t: int, s: State, draws: Draws) -> dict[str, FloatArray]:
    s.w = s.w + draws.drift_step(inp.op("instroom_drift", t))
    level = np.exp(s.w) * inp.seizoen[t]
    shape = np.maximum(inp.op("instroom_dispersie", t), 1e-6)
    return {
        f"instroom_{name}": draws.count(np.maximum(inp.op(name, t), 0.0) * level, shape)
        for name in ("eerste_aanvragen", "herhaalde_aanvragen", "nareizigers")
    }


def _ind(inp: ModelInput, t: int, s: State, draws: Draws) -> dict[str, FloatArray]:
    ready = draws.binomial(s.q, _hazard(inp, "ind_doorlooptijd", t))
    decided = np.minimum(ready, draws.whole(np.maximum(inp.op("ind_capaciteit", t), 0.0)))
    granted = draws.binomial(decided, inp.op("inwilligingspercentage", t))
    return {"beslissingen": decided, "inwilligingen": granted, "afwijzingen": decided - granted}


def _housing(
    inp: ModelInput, t: int, s: State, draws: Draws, nareizigers: FloatArray
) -> dict[str, FloatArray]:
    task = inp.op("taakstelling", t) / 6.0 * inp.op("realisatiegraad", t)
    housed = np.minimum(s.v, draws.whole(np.maximum(task - nareizigers, 0.0)))
    return {"huisvesting_uit_coa": housed, "huisvesting_totaal": housed + nareizigers}


def _departure(inp: ModelInput, t: int, s: State, draws: Draws) -> dict[str, FloatArray]:
    return {"vertrek": draws.binomial(s.a, _hazard(inp, "vertrektermijn", t))}


def _inburgering(
    inp: ModelInput, t: int, s: State, draws: Draws, housed: FloatArray
) -> dict[str, FloatArray]:
    start = draws.binomial(housed, inp.op("inburgeringsplicht", t))
    done = draws.binomial(s.i, _hazard(inp, "inburgering_duur", t))
    passed = draws.binomial(done, inp.op("inburgering_geslaagd", t))
    return {
        "start_inburgering": start,
        "inburgering_geslaagd": passed,
        "inburgering_niet_geslaagd": done - passed,
    }


def _accumulate(totals: dict[str, FloatArray], flows: Mapping[str, FloatArray]) -> None:
    totals["gehuisvest_zonder_plicht"] += flows["huisvesting_totaal"] - flows["start_inburgering"]
    totals["vertrokken"] += flows["vertrek"]
    totals["inburgering_geslaagd_totaal"] += flows["inburgering_geslaagd"]
    totals["inburgering_niet_geslaagd_totaal"] += flows["inburgering_niet_geslaagd"]


def _record(
    out: dict[str, FloatArray],
    t: int,
    s: State,
    totals: Mapping[str, FloatArray],
    flows: Mapping[str, FloatArray],
) -> None:
    stocks = {"ind_wachtrij": s.q, "vergunninghouders_coa": s.v, "afgewezen_coa": s.a}
    for name, values in {**stocks, "inburgering": s.i, **totals, **flows}.items():
        out[name][:, t] = values
    out["coa_bezetting"][:, t] = s.q + s.v + s.a
    first, repeat, family = (flows[name] for name in INFLOWS)
    out["instroom_totaal"][:, t] = first + repeat + family


def _capacity(out: dict[str, FloatArray], inp: ModelInput, t: int) -> None:
    regular, emergency, flex = (inp.op(n, t) for n in ("coa_regulier", "coa_nood", "flexbuffer"))
    capacity = regular + emergency + flex
    excess = np.maximum(out["coa_bezetting"][:, t] - capacity, 0.0)
    out["capaciteit"][:, t] = capacity
    out["overschrijding"][:, t] = excess
    out["kosten"][:, t] = inp.dagen[t] * (
        regular * inp.op("kosten_regulier", t)
        + emergency * inp.op("kosten_nood", t)
        + flex * inp.op("kosten_flex", t)
        + excess * inp.op("kosten_overloop", t)
    )
