"""Monte Carlo over the chain model: draw parameters per path, run, summarise.

Each path draws every scenario parameter once from its distribution (parameter uncertainty),
draws a realisation rate for each half year, and then meets month-to-month randomness in inflow
and transitions (process uncertainty). All paths share one seeded :class:`numpy.random.Generator`,
so the same seed gives the same result.

The planners' questions answered here:

* P10/P50/P90 per month of every national series and of the provinces' own stocks;
* the probability that COA occupancy exceeds capacity, nationally and per province;
* the *flex buffer*: extra places that keep occupancy under capacity with a chosen probability;
* the *needed taakstelling* (:mod:`~doorstroom.prognose.core.benodigd`);
* the cost of the scenario.

Summarising 10,000 paths is as much work as simulating them, so :func:`bereken` summarises each
month on a second thread while the model computes the next one; afterwards the two needed-
taakstelling searches run one on each thread. NumPy releases the interpreter lock in array work,
so two cores are used. Both entry points first ask the C library to keep freed memory for reuse
(:mod:`~doorstroom.prognose.core.geheugen`): page faults on fresh 1 MB arrays otherwise cost a third of
the time.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np

from doorstroom.prognose.core import benodigd, geheugen, kwantielen
from doorstroom.prognose.core.model import ModelInput, Regios, Series, simulate
from doorstroom.prognose.core.reeksen import REGIO_SERIES, SERIES
from doorstroom.prognose.core.scenario import SPECS, FloatArray, Scenario, kalender, profiel, trek
from doorstroom.values.maand import maand_labels

QUANTILES = kwantielen.KWANTIELEN
DEFAULT_PADEN = 1000
BEWAARD = ("inwilligingen", "instroom_nareizigers")
"""National series kept path by path, as (months, paths), for the needed taakstelling (the rest is
summarised)."""
REGIO_KWANTIELEN = ("coa_bezetting", "vergunninghouders_coa", "huisvesting_totaal", "achterstand")
"""Provincial series summarised into quantiles by :func:`bereken`."""
NIET_HEEL = ("taak_maand", "achterstand", "kosten")
"""Series with fractions on random paths (tasks are shares of a half year; euros); all others are
whole persons or places, which lets the quantiles be counted (tested against NumPy)."""


@dataclass(frozen=True)
class Resultaat:
    """Summary of a Monte-Carlo run; ``kwantielen[name]`` has rows P10, P50, P90 per month."""

    scenario: Scenario
    maanden: tuple[str, ...]
    paden: int
    seed: int | None
    kwantielen: Mapping[str, FloatArray]  # (3, months)
    regios: tuple[str, ...]
    regio_kwantielen: Mapping[str, FloatArray]  # (3, provinces, months)
    kans_overschrijding: FloatArray  # (months,)
    regio_kans_overschrijding: FloatArray  # (provinces, months)
    flexbuffer_per_maand: FloatArray
    flexbuffer_horizon: float
    benodigde_taakstelling: benodigd.BenodigdeTaakstelling
    benodigd_per_halfjaar: tuple[benodigd.Halfjaartaak, ...]
    kosten_totaal: FloatArray  # P10, P50, P90 of the cost over the whole horizon


def invoer(
    scenario: Scenario, rng: np.random.Generator | None, paden: int, maanden: int, regios: Regios
) -> ModelInput:
    """Draw each parameter per path (in :data:`SPECS` order, for reproducibility), then each
    half year's realisation rate from the path's own level."""
    waarden = {naam: trek(scenario.parameters[naam], rng, paden) for naam in SPECS}
    profiles = {naam: profiel(scenario, naam, maanden) for naam in SPECS}
    kal = kalender(scenario.start, maanden)
    return ModelInput(
        waarden=waarden,
        factor={naam: profile[0] for naam, profile in profiles.items()},
        plus={naam: profile[1] for naam, profile in profiles.items()},
        seizoen=np.asarray(scenario.seizoen, dtype=np.float64)[kal.maand],
        kalender=kal,
        realisatie=realisatie_trekkingen(waarden, rng, len(kal.perioden)),
        regios=regios,
    )


def realisatie_trekkingen(
    waarden: Mapping[str, FloatArray], rng: np.random.Generator | None, halfjaren: int
) -> FloatArray:
    """Each half year's realisation rate per path (half years, paths), on the log scale as fitted
    (:func:`~doorstroom.prognose.core.ketenfit.realisatiegraad`): the path's level ``realisatiegraad``
    walks by ``realisatie_drift`` from one half year to the next (the first forecast half year is
    one step after the fitted end), and each half year deviates by ``realisatie_spreiding``; the
    median is kept (zero-mean steps), the result clipped to the domain. Without randomness: the
    level itself."""
    level = waarden["realisatiegraad"]
    if rng is None:
        return np.tile(level, (halfjaren, 1))
    shape = (halfjaren, level.shape[0])
    walk = np.cumsum(rng.standard_normal(shape) * waarden["realisatie_drift"], axis=0)
    own = rng.standard_normal(shape) * waarden["realisatie_spreiding"]
    draws: FloatArray = np.clip(level * np.exp(walk + own), 0.0, SPECS["realisatiegraad"].domein.maximum)
    return draws


@dataclass(frozen=True)
class Paden:
    """Every path of every series: national (paths, months), provincial (provinces, paths, months)."""

    invoer: ModelInput
    nationaal: Mapping[str, FloatArray]
    regionaal: Mapping[str, FloatArray]

    def __getitem__(self, naam: str) -> FloatArray:
        return self.nationaal[naam]


def simuleer(
    scenario: Scenario,
    *,
    paden: int = DEFAULT_PADEN,
    maanden: int | None = None,
    seed: int | None = None,
    deterministisch: bool = False,
    regios: Regios | None = None,
) -> Paden:
    """Run all paths and keep them all; ``deterministisch`` gives one expected path."""
    geheugen.hergebruik()
    horizon = maanden or scenario.maanden
    rng = None if deterministisch else np.random.default_rng(seed)
    inp = invoer(scenario, rng, 1 if deterministisch else paden, horizon, regios or Regios.nationaal())
    national = {name: np.zeros((inp.paden, horizon)) for name in SERIES}
    regional = {name: np.zeros((len(inp.regios.namen), inp.paden, horizon)) for name in REGIO_SERIES}

    def keep(t: int, nat: Series, reg: Series) -> None:
        for name in SERIES:
            national[name][:, t] = nat[name]
        for name in REGIO_SERIES:
            regional[name][:, :, t] = reg[name]

    simulate(inp, rng, keep)
    return Paden(inp, national, regional)


class _Samenvatter:
    """Summarises each month on a worker thread while the model runs the next one."""

    def __init__(self, inp: ModelInput, kans: float, pool: ThreadPoolExecutor) -> None:
        self.inp, self.kans, self.pool = inp, kans, pool
        self.months: list[Future[tuple[FloatArray, FloatArray, FloatArray]]] = []
        self.kept = {name: np.zeros((inp.maanden, inp.paden)) for name in BEWAARD}
        self.exceeds = np.zeros(inp.maanden)
        self.regional_exceeds = np.zeros((len(inp.regios.namen), inp.maanden))
        self.worst = np.full(inp.paden, -np.inf)
        self.cost = np.zeros(inp.paden)
        self.heel = np.ones(1, dtype=bool)
        self.heel_nationaal = np.array([name not in NIET_HEEL for name in SERIES])
        provinces = len(inp.regios.namen)
        self.heel_regionaal = np.repeat([name not in NIET_HEEL for name in REGIO_KWANTIELEN], provinces)

    def __call__(self, t: int, national: Series, regional: Series) -> None:
        for name in BEWAARD:
            self.kept[name][t] = national[name]
        self.cost = self.cost + national["kosten"]
        self.months.append(self.pool.submit(self._month, t, national, regional))

    def _month(self, t: int, national: Series, regional: Series) -> tuple[FloatArray, FloatArray, FloatArray]:
        shortfall = national["coa_bezetting"] - national["vaste_capaciteit"]
        self.worst = np.maximum(self.worst, shortfall)
        self.exceeds[t] = np.mean(national["coa_bezetting"] > national["capaciteit"])
        self.regional_exceeds[:, t] = np.mean(regional["overschrijding"] > 0, axis=1)
        rows = np.stack([national[name] for name in SERIES])
        per_province = np.concatenate([regional[name] for name in REGIO_KWANTIELEN])
        flex = kwantielen.per_rij(shortfall[None, :], (self.kans,), heel=self.heel[:1])[0]
        national_q = kwantielen.per_rij(rows, heel=self.heel_nationaal)
        return national_q, kwantielen.per_rij(per_province, heel=self.heel_regionaal), flex

    def resultaat(self) -> tuple[dict[str, FloatArray], dict[str, FloatArray], FloatArray]:
        done = [future.result() for future in self.months]
        national = np.stack([d[0] for d in done], axis=-1)  # (3, series, months)
        provincial = np.stack([d[1] for d in done], axis=-1)  # (3, series × provinces, months)
        flex = np.maximum(np.concatenate([d[2] for d in done]), 0.0)
        provinces = len(self.inp.regios.namen)
        return (
            {name: national[:, n, :] for n, name in enumerate(SERIES)},
            {
                name: provincial[:, n * provinces : (n + 1) * provinces, :]
                for n, name in enumerate(REGIO_KWANTIELEN)
            },
            flex,
        )


def bereken(
    scenario: Scenario,
    *,
    paden: int = DEFAULT_PADEN,
    maanden: int | None = None,
    seed: int | None = None,
    deterministisch: bool = False,
    regios: Regios | None = None,
    on_month: Callable[[int], None] | None = None,
) -> Resultaat:
    """Run the Monte Carlo and answer the planning questions of the scenario's ``doelen``."""
    geheugen.hergebruik()
    horizon = maanden or scenario.maanden
    rng = None if deterministisch else np.random.default_rng(seed)
    inp = invoer(scenario, rng, 1 if deterministisch else paden, horizon, regios or Regios.nationaal())
    kans = scenario.doelen.kans
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="samenvatten") as pool:
        summary = _Samenvatter(inp, kans, pool)

        def consume(t: int, national: Series, regional: Series) -> None:
            summary(t, national, regional)
            if on_month is not None:
                on_month(t)

        simulate(inp, rng, consume)
        months = benodigd.Maanden.van(inp, summary.kept)
        constant = pool.submit(benodigd.constant, scenario, inp, months, hele=rng is not None)
        per_half_year = benodigd.per_halfjaar(scenario, inp, months, hele=rng is not None)
        national, provincial, flex = summary.resultaat()
        needed = constant.result()
    return Resultaat(
        scenario=scenario,
        maanden=tuple(maand_labels(scenario.start, horizon)),
        paden=inp.paden,
        seed=None if deterministisch else seed,
        kwantielen=national,
        regios=inp.regios.namen,
        regio_kwantielen=provincial,
        kans_overschrijding=summary.exceeds,
        regio_kans_overschrijding=summary.regional_exceeds,
        flexbuffer_per_maand=flex,
        flexbuffer_horizon=max(float(kwantielen.per_rij(summary.worst[None, :], (kans,))[0, 0]), 0.0),
        benodigde_taakstelling=needed,
        benodigd_per_halfjaar=per_half_year,
        kosten_totaal=kwantielen.per_rij(summary.cost[None, :])[:, 0],
    )
