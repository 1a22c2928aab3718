"""Hypothesis strategies and builders for prognose scenarios."""

from __future__ import annotations

import numpy as np
from hypothesis import strategies as st

from doorstroom.prognose.core.model import Regios
from doorstroom.prognose.core.scenario import SPECS, Herkomst, Parameter, Scenario, Soort, Wijziging

HAND = {
    "eerste_aanvragen": 100.0,
    "nareizigers": 10.0,
    "herhaalde_aanvragen": 0.0,
    "instroom_dispersie": 1.0,
    "instroom_drift": 0.0,
    "nareizigers_drift": 0.0,
    "ind_capaciteit": 50.0,
    "ind_doorlooptijd": 2.0,
    "inwilligingspercentage": 0.6,
    "vertrektermijn": 4.0,
    "taakstelling": 120.0,
    "realisatiegraad": 1.0,
    "realisatie_spreiding": 0.0,
    "realisatie_drift": 0.0,
    "begin_achterstand": 0.0,
    "inburgeringsplicht": 0.5,
    "inburgering_duur": 10.0,
    "inburgering_geslaagd": 0.8,
    "coa_regulier": 200.0,
    "coa_nood": 50.0,
    "flexbuffer": 20.0,
    "kosten_regulier": 1.0,
    "kosten_nood": 2.0,
    "kosten_flex": 0.5,
    "kosten_overloop": 10.0,
    "begin_ind_wachtrij": 80.0,
    "begin_vergunninghouders_coa": 30.0,
    "begin_afgewezen_coa": 40.0,
    "begin_inburgering": 100.0,
}
"""A small scenario whose first months are computed by hand in test_model.py."""


def maak_scenario(
    values: dict[str, float] | None = None,
    wijzigingen: tuple[Wijziging, ...] = (),
    maanden: int = 2,
    seizoen: tuple[float, ...] = (1.0,) * 12,
) -> Scenario:
    """A scenario with every parameter fixed (``vast``), starting January 2026."""
    merged = {**HAND, **(values or {})}
    parameters = {
        name: Parameter(name, merged[name], bron="test", herkomst=Herkomst.oordeel) for name in SPECS
    }
    return Scenario("test", "2026-01", maanden, parameters, seizoen=seizoen, wijzigingen=wijzigingen)


CHANGEABLE = [
    "eerste_aanvragen",
    "nareizigers",
    "ind_capaciteit",
    "taakstelling",
    "realisatiegraad",
    "ind_doorlooptijd",
    "vertrektermijn",
    "instroom_dispersie",
    "inwilligingspercentage",
]


def _value(soort: Soort, name: str) -> st.SearchStrategy[float]:
    if soort is Soort.kans:
        return st.floats(0.0, 1.0)
    if soort is Soort.duur:
        return st.floats(0.5, 40.0)
    if soort is Soort.graad:
        return st.floats(0.0, 1.5)
    if soort is Soort.saldo:
        return st.floats(-2000.0, 2000.0)
    if name == "instroom_dispersie":
        return st.floats(0.5, 200.0)
    if name in ("instroom_drift", "nareizigers_drift", "realisatie_spreiding", "realisatie_drift"):
        return st.floats(0.0, 0.2)
    return st.floats(0.0, 5000.0)


@st.composite
def regios(draw: st.DrawFn, max_regios: int = 5) -> Regios:
    """A few provinces with their own shares of places, population and start stocks (zero shares allowed)."""
    count = draw(st.integers(1, max_regios))

    def shares() -> np.ndarray:
        values = draw(st.lists(st.floats(0.0, 10.0), min_size=count, max_size=count))
        values[draw(st.integers(0, count - 1))] += 1.0  # at least one province with weight
        return np.array(values) / sum(values)

    return Regios(tuple(f"R{n}" for n in range(count)), shares(), shares(), shares())


@st.composite
def wijzigingen(draw: st.DrawFn, maanden: int) -> tuple[Wijziging, ...]:
    """A few changes over time: factors, additions and new values."""
    changes = []
    for _ in range(draw(st.integers(0, 3))):
        name = draw(st.sampled_from(CHANGEABLE))
        start = draw(st.integers(1, maanden))
        kind = draw(st.sampled_from(["factor", "plus", "waarde"]))
        amount = draw(st.floats(0.0, 3.0) if kind == "factor" else st.floats(0.0, 3000.0))
        changes.append(
            Wijziging(
                name,
                start,
                factor=amount if kind == "factor" else None,
                plus=amount if kind == "plus" else None,
                waarde=amount if kind == "waarde" else None,
            )
        )
    return tuple(changes)


@st.composite
def scenarios(draw: st.DrawFn, max_maanden: int = 18) -> Scenario:
    """Any valid scenario with fixed parameters, a season and changes over time."""
    maanden = draw(st.integers(1, max_maanden))
    values = {name: draw(_value(spec.soort, name)) for name, spec in SPECS.items()}
    season = tuple(draw(st.lists(st.floats(0.2, 2.0), min_size=12, max_size=12)))
    return maak_scenario(values, draw(wijzigingen(maanden)), maanden, season)
