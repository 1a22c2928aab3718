"""The chain flow model: one month at a time, every Monte-Carlo path and every province at once.

Each province has its own reception stocks — ``Q`` waiting for the IND, ``V`` permit holders
waiting for a home, ``A`` rejected applicants — held as (provinces, paths) arrays; persons in
inburgering ``I`` are counted nationally. National totals are the sums of the provinces. The only
Python loop runs over months. One month, in this order::

    inflow     E, H, N  first applications, repeat applications, nareizigers (national draws)
               λ = level · season · exp(W) ; W a random walk on the log scale (drift), shared;
               nareizigers add their own walk, so theirs moves by nareizigers_drift
               count ~ Poisson(λ · G), G ~ Gamma(k, 1/k)   (negative binomial: over-dispersed)
               E + H go to the provinces by reception places, N by population (their family lives there)
    IND        D = min(Binomial(ΣQ, 1/doorlooptijd), capaciteit), divided by the provinces' queues
               G_ = Binomial(D, inwilligingspercentage) divided by decisions; R = D − G_
    housing    per province (see :mod:`~doorstroom.prognose.core.huisvesting`): own waiting permit holders
               first; room left in one province takes permit holders left waiting in another
               (koppeling outside the region), in proportion to both
    departure  L = Binomial(ΣA, 1/vertrektermijn) divided by the provinces' stocks
    inburgering  O = Binomial(housed, inburgeringsplicht) start; C = Binomial(I, 1/duur) finish,
               S = Binomial(C, geslaagd) pass
    COA        bezetting = Q + V + A per province; capacity = national capacity × reception share

National flows are drawn once and divided over provinces in whole persons by
:mod:`~doorstroom.prognose.core.hele_personen`, so nobody is created or lost between provinces.

With ``rng=None`` every draw is replaced by its expectation (``Binomial(n, p) -> n·p``,
``Poisson(λG) -> λ``, ``W = 0``, no rounding), which gives the deterministic path that can be
checked by hand.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np

from doorstroom.prognose.core import hele_personen, huisvesting
from doorstroom.prognose.core.reeksen import ABSORBING, INFLOWS
from doorstroom.prognose.core.scenario import FloatArray, Kalender
from doorstroom.prognose.core.trekkingen import Draws
from doorstroom.values.domains import REALISATIEGRAAD

Series = dict[str, FloatArray]
Consumer = Callable[[int, Series, Series], None]
"""Receives each month: its index, national series (paths,) and provincial series (provinces, paths)."""


@dataclass(frozen=True)
class Regios:
    """The provinces of the model and their fixed shares (each summing to 1)."""

    namen: tuple[str, ...]
    opvang: FloatArray  # share of reception places: new applicants and capacity
    bevolking: FloatArray  # population share: taakstelling (Huisvestingswet art. 29) and nareizigers
    start: FloatArray  # share of the start stocks (reception occupancy)
    start_wachtend: FloatArray | None = None  # share of the waiting permit holders, when counted

    @staticmethod
    def nationaal() -> Regios:
        """One region, the whole country."""
        one = np.ones(1)
        return Regios(("Nederland",), one, one, one)


@dataclass(frozen=True)
class ModelInput:
    """Per-path draws ``waarden`` (paths,), monthly ``factor``/``plus`` (months,), provinces."""

    waarden: Mapping[str, FloatArray]
    factor: Mapping[str, FloatArray]
    plus: Mapping[str, FloatArray]
    seizoen: FloatArray  # inflow factor of each forecast month
    kalender: Kalender
    realisatie: FloatArray  # realisation rate (half years, paths)
    regios: Regios

    @property
    def paden(self) -> int:
        """Number of paths."""
        return int(next(iter(self.waarden.values())).shape[0])

    @property
    def maanden(self) -> int:
        """Number of forecast months."""
        return int(self.kalender.dagen.shape[0])

    def op(self, naam: str, maand: int) -> FloatArray:
        """The parameter's value on every path in month ``maand`` (0-based)."""
        value: FloatArray = self.waarden[naam] * self.factor[naam][maand] + self.plus[naam][maand]
        return value

    def realisatiegraad(self, maand: int) -> FloatArray:
        """The month's realisation rate per path: its half year's draw, with the scenario's changes."""
        draw = self.realisatie[self.kalender.halfjaar[maand]]
        rate = draw * self.factor["realisatiegraad"][maand] + self.plus["realisatiegraad"][maand]
        clipped: FloatArray = np.clip(rate, 0.0, REALISATIEGRAAD.maximum)
        return clipped


@dataclass
class State:
    """Stocks at the start of a month: provincial (provinces, paths) and national (paths,).

    National totals are kept beside the provinces and moved by the national flows, which the
    provinces' parts add up to exactly; that saves summing the provinces every month.
    """

    q: FloatArray
    v: FloatArray
    a: FloatArray
    i: FloatArray
    w: FloatArray  # log-level of inflow (shared by every inflow series)
    wn: FloatArray  # the nareizigers' own log-level on top of ``w``
    achterstand: FloatArray  # arrears carried into the current half year, per province
    gerealiseerd: FloatArray  # housed in the half year so far (nareizigers included), per province
    nq: FloatArray  # national IND queue
    nv: FloatArray  # national permit holders waiting
    na: FloatArray  # national rejected applicants in reception
    n_achterstand: FloatArray  # national arrears carried into the half year
    n_gerealiseerd: FloatArray  # national housed in the half year so far
    quotum: FloatArray  # national taakstelling of the half year's months so far (provinces: × share)


class Shares:
    """Cumulative fixed shares, computed once per run."""

    def __init__(self, regios: Regios) -> None:
        self.opvang = hele_personen.cumulatieve_aandelen(regios.opvang)
        self.bevolking = hele_personen.cumulatieve_aandelen(regios.bevolking)
        self.start = hele_personen.cumulatieve_aandelen(regios.start)
        waiting = regios.start if regios.start_wachtend is None else regios.start_wachtend
        self.start_wachtend = hele_personen.cumulatieve_aandelen(waiting)
        self.bevolking_aandeel = np.asarray(regios.bevolking, dtype=np.float64)[:, None] / np.sum(
            regios.bevolking
        )
        self.opvang_aandeel = np.asarray(regios.opvang, dtype=np.float64)[:, None] / np.sum(regios.opvang)


def begin(inp: ModelInput, draws: Draws, shares: Shares) -> State:
    """Start stocks from the ``begin_*`` parameters, divided by the start shares."""

    def split(name: str, cumulative: FloatArray) -> FloatArray:
        return hele_personen.verdeel_vast(draws.persons(inp.waarden[name]), cumulative, hele=draws.hele)

    q = split("begin_ind_wachtrij", shares.start)
    v = split("begin_vergunninghouders_coa", shares.start_wachtend)
    a = split("begin_afgewezen_coa", shares.start)
    arrears = inp.waarden["begin_achterstand"]
    return State(
        q=q,
        v=v,
        a=a,
        i=draws.persons(inp.waarden["begin_inburgering"]),
        w=np.zeros(inp.paden),
        wn=np.zeros(inp.paden),
        achterstand=shares.bevolking_aandeel * arrears,
        gerealiseerd=np.zeros((len(inp.regios.namen), inp.paden)),
        nq=np.sum(q, axis=0),
        nv=np.sum(v, axis=0),
        na=np.sum(a, axis=0),
        n_achterstand=arrears.copy(),
        n_gerealiseerd=np.zeros(inp.paden),
        quotum=np.zeros(inp.paden),
    )


def simulate(inp: ModelInput, rng: np.random.Generator | None, consumer: Consumer) -> None:
    """Run the model, handing each month's national and provincial series to ``consumer``.

    Stocks are end-of-month values; flows are totals over the month; cumulative stocks
    (``vertrokken``, ...) count from the start of the forecast. Arrays handed out are never
    changed afterwards, so a consumer may keep them or summarise them on another thread.
    """
    draws = Draws(rng)
    shares = Shares(inp.regios)
    state = begin(inp, draws, shares)
    totals = {name: np.zeros(inp.paden) for name in ABSORBING}
    for t in range(inp.maanden):
        if inp.kalender.eerste[t] and t > 0:
            _close_half_year(state, shares)
        national, regional = step(inp, t, state, draws, shares)
        totals = _accumulate(totals, national)
        national |= totals
        _capacity(national, regional, inp, t, shares, draws)
        consumer(t, national, regional)


def _close_half_year(s: State, shares: Shares) -> None:
    """What was not realised carries over as arrears (Huisvestingswet 2014)."""
    s.achterstand = s.achterstand + shares.bevolking_aandeel * s.quotum - s.gerealiseerd
    s.n_achterstand = s.n_achterstand + s.quotum - s.n_gerealiseerd
    s.quotum = np.zeros_like(s.quotum)
    s.gerealiseerd = np.zeros_like(s.gerealiseerd)
    s.n_gerealiseerd = np.zeros_like(s.n_gerealiseerd)


def step(inp: ModelInput, t: int, s: State, draws: Draws, shares: Shares) -> tuple[Series, Series]:
    """Advance ``s`` by month ``t``; return the month's national and provincial series."""
    national, regional = _inflow(inp, t, s, draws, shares)
    _ind(inp, t, s, draws, national, regional)
    _housing(inp, t, s, draws, shares, national, regional)
    _departure(inp, t, s, draws, national, regional)
    _inburgering(inp, t, s, draws, national)
    s.q = s.q - regional["beslissingen"] + regional["instroom_aanvragen"]
    s.v = s.v - regional["uit_opvang_gehuisvest"] + regional["inwilligingen"]
    s.a = s.a - regional["vertrek"] + regional["afwijzingen"]
    arrivals = national["instroom_eerste_aanvragen"] + national["instroom_herhaalde_aanvragen"]
    s.nq = s.nq - national["beslissingen"] + arrivals
    s.nv = s.nv - national["huisvesting_uit_coa"] + national["inwilligingen"]
    s.na = s.na - national["vertrek"] + national["afwijzingen"]
    _stocks(s, shares, national, regional)
    return national, regional


def _hazard(inp: ModelInput, duration: str, t: int) -> FloatArray:
    """Monthly probability of leaving a stock whose mean sojourn is ``duration`` months."""
    rate: FloatArray = 1.0 / np.maximum(inp.op(duration, t), 1e-6)
    return rate


def _inflow(inp: ModelInput, t: int, s: State, draws: Draws, shares: Shares) -> tuple[Series, Series]:
    drift = inp.op("instroom_drift", t)
    s.w = s.w + draws.drift_step(drift)
    s.wn = s.wn + draws.drift_step(_own_drift(inp.op("nareizigers_drift", t), drift))
    shape = np.maximum(inp.op("instroom_dispersie", t), 1e-6)
    levels = {"eerste_aanvragen": s.w, "herhaalde_aanvragen": s.w, "nareizigers": s.w + s.wn}
    national = {
        f"instroom_{name}": draws.count(np.maximum(inp.op(name, t), 0.0) * np.exp(w) * inp.seizoen[t], shape)
        for name, w in levels.items()
    }
    first, repeat, family = (national[name] for name in INFLOWS)
    national["instroom_totaal"] = first + repeat + family
    regional = {
        "instroom_aanvragen": hele_personen.verdeel_vast(first + repeat, shares.opvang, hele=draws.hele),
        "instroom_nareizigers": hele_personen.verdeel_vast(family, shares.bevolking, hele=draws.hele),
    }
    return national, regional


def _own_drift(nareizigers: FloatArray, shared: FloatArray) -> FloatArray:
    """The part of the nareizigers' drift beyond the walk they share with the applications: their
    log level moves by ``√(shared² + own²) = nareizigers_drift`` a month (at least the shared one)."""
    own: FloatArray = np.sqrt(np.maximum(nareizigers**2 - shared**2, 0.0))
    return own


def _ind(inp: ModelInput, t: int, s: State, draws: Draws, national: Series, regional: Series) -> None:
    ready = draws.binomial(s.nq, _hazard(inp, "ind_doorlooptijd", t))
    decided = np.minimum(ready, draws.whole(np.maximum(inp.op("ind_capaciteit", t), 0.0)))
    granted = draws.binomial(decided, inp.op("inwilligingspercentage", t))
    national |= {"beslissingen": decided, "inwilligingen": granted, "afwijzingen": decided - granted}
    per_province = hele_personen.verdeel(decided, s.q, hele=draws.hele)
    grants = hele_personen.verdeel(granted, per_province, hele=draws.hele)
    regional |= {"beslissingen": per_province, "inwilligingen": grants, "afwijzingen": per_province - grants}


def _housing(
    inp: ModelInput, t: int, s: State, draws: Draws, shares: Shares, national: Series, regional: Series
) -> None:
    kal = inp.kalender
    quota, months_left = inp.op("taakstelling", t), float(kal.resterend[t])
    task = huisvesting.maandtaak(quota, shares.bevolking_aandeel, s.achterstand, months_left)
    room = huisvesting.ruimte(task, inp.realisatiegraad(t))
    family = regional["instroom_nareizigers"]
    available = huisvesting.beschikbare_ruimte(room, family, hele=draws.hele)
    own = huisvesting.uit_coa(s.v, available)
    own_total = np.sum(own, axis=0)
    moved = np.minimum(s.nv - own_total, np.sum(available, axis=0) - own_total)
    moved_out, moved_in = _koppeling_elsewhere(moved, s.v - own, available - own, draws)
    from_coa = own + moved_in
    housed = from_coa + family
    housed_total = own_total + moved + national["instroom_nareizigers"]
    s.quotum = s.quotum + quota / 6.0
    s.gerealiseerd = s.gerealiseerd + housed
    s.n_gerealiseerd = s.n_gerealiseerd + housed_total
    regional |= {
        "uit_opvang_gehuisvest": own + moved_out,  # left this province's reception for a home
        "huisvesting_uit_coa": from_coa,  # housed by this province's municipalities
        "koppeling_uit_regio": moved_out,
        "koppeling_naar_regio": moved_in,
        "huisvesting_totaal": housed,
        "taak_maand": task,
    }
    national |= {
        "huisvesting_uit_coa": own_total + moved,
        "koppeling_buiten_regio": moved,
        "huisvesting_totaal": housed_total,
        "taak_maand": huisvesting.maandtaak(quota, 1.0, s.n_achterstand, months_left),
    }


def _koppeling_elsewhere(
    moved: FloatArray, waiting: FloatArray, room: FloatArray, draws: Draws
) -> tuple[FloatArray, FloatArray]:
    """Permit holders left waiting in one province fill room left in another, in proportion to both.

    The number linked outside the region, ``moved``, is the smaller of what is left on either side
    nationally, so the country houses min(national waiting, national room): regions only decide where.
    """
    if not np.any(moved > 0):
        zero = np.zeros_like(waiting)
        return zero, zero
    moved_out = hele_personen.verdeel(moved, waiting, hele=draws.hele)
    moved_in = hele_personen.verdeel(moved, room, hele=draws.hele)
    return moved_out, moved_in


def _departure(inp: ModelInput, t: int, s: State, draws: Draws, national: Series, regional: Series) -> None:
    leaving = draws.binomial(s.na, _hazard(inp, "vertrektermijn", t))
    national["vertrek"] = leaving
    regional["vertrek"] = hele_personen.verdeel(leaving, s.a, hele=draws.hele)


def _inburgering(inp: ModelInput, t: int, s: State, draws: Draws, national: Series) -> None:
    start = draws.binomial(national["huisvesting_totaal"], inp.op("inburgeringsplicht", t))
    done = draws.binomial(s.i, _hazard(inp, "inburgering_duur", t))
    passed = draws.binomial(done, inp.op("inburgering_geslaagd", t))
    national |= {
        "start_inburgering": start,
        "inburgering_geslaagd": passed,
        "inburgering_niet_geslaagd": done - passed,
    }
    s.i = s.i - done + start


def _stocks(s: State, shares: Shares, national: Series, regional: Series) -> None:
    regional |= {
        "ind_wachtrij": s.q,
        "vergunninghouders_coa": s.v,
        "afgewezen_coa": s.a,
        "coa_bezetting": s.q + s.v + s.a,
        "achterstand": s.achterstand + shares.bevolking_aandeel * s.quotum - s.gerealiseerd,
    }
    national |= {
        "ind_wachtrij": s.nq,
        "vergunninghouders_coa": s.nv,
        "afgewezen_coa": s.na,
        "coa_bezetting": s.nq + s.nv + s.na,
        "achterstand": s.n_achterstand + s.quotum - s.n_gerealiseerd,
        "inburgering": s.i,
    }


def _accumulate(totals: Series, national: Series) -> Series:
    """New arrays each month (never in place), so consumers may keep the previous ones."""
    return {
        "gehuisvest_zonder_plicht": totals["gehuisvest_zonder_plicht"]
        + national["huisvesting_totaal"]
        - national["start_inburgering"],
        "vertrokken": totals["vertrokken"] + national["vertrek"],
        "inburgering_geslaagd_totaal": totals["inburgering_geslaagd_totaal"]
        + national["inburgering_geslaagd"],
        "inburgering_niet_geslaagd_totaal": totals["inburgering_niet_geslaagd_totaal"]
        + national["inburgering_niet_geslaagd"],
    }


def _capacity(
    national: Series, regional: Series, inp: ModelInput, t: int, shares: Shares, draws: Draws
) -> None:
    """Reception places (whole places on random paths), divided over provinces by their places."""
    regular, emergency, flex = (inp.op(n, t) for n in ("coa_regulier", "coa_nood", "flexbuffer"))
    capacity = draws.whole(np.maximum(regular + emergency + flex, 0.0))
    excess = np.maximum(national["coa_bezetting"] - capacity, 0.0)
    provincial = hele_personen.verdeel_vast(capacity, shares.opvang, hele=draws.hele)
    national |= {
        "capaciteit": capacity,
        "vaste_capaciteit": draws.whole(np.maximum(regular + emergency, 0.0)),  # without the flex buffer
        "overschrijding": excess,
        "kosten": inp.kalender.dagen[t]
        * (
            regular * inp.op("kosten_regulier", t)
            + emergency * inp.op("kosten_nood", t)
            + flex * inp.op("kosten_flex", t)
            + excess * inp.op("kosten_overloop", t)
        ),
    }
    regional |= {
        "capaciteit": provincial,
        "overschrijding": np.maximum(regional["coa_bezetting"] - provincial, 0.0),
    }
