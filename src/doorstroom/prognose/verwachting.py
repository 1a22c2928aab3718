"""The expected path of a scenario: every series month by month, nationally and per province.

A comparison of rule sets (the beleid context's *side by side*) wants the difference a rule makes,
not the noise of two Monte-Carlo runs: the deterministic mode (every draw replaced by its
expectation, :func:`doorstroom.prognose.core.montecarlo.simuleer`) gives one path per scenario, so
two scenarios differ only where their rules differ.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from doorstroom.prognose import regions
from doorstroom.prognose.berekening import controleer_run
from doorstroom.prognose.core.montecarlo import simuleer
from doorstroom.prognose.core.opvang import OpvangProvincie
from doorstroom.prognose.core.scenario import FloatArray, Scenario
from doorstroom.values.maand import maand_labels


@dataclass(frozen=True)
class Verwachting:
    """One expected path: national series (months,), provincial ones (provinces, months), shares."""

    scenario: Scenario
    maanden: tuple[str, ...]
    provincies: tuple[str, ...]
    nationaal: Mapping[str, FloatArray]
    regionaal: Mapping[str, FloatArray]
    bevolkingsaandeel: FloatArray
    opvangaandeel: FloatArray


def verwachting(
    scenario: Scenario, plaatsen: Sequence[OpvangProvincie], maanden: int | None = None
) -> Verwachting:
    """The expected path of ``scenario`` for the twelve provinces with reception places ``plaatsen``."""
    horizon = controleer_run(scenario, 1, maanden)
    regios = regions.provincies(plaatsen)
    paden = simuleer(scenario, paden=1, maanden=horizon, deterministisch=True, regios=regios)
    return Verwachting(
        scenario=scenario,
        maanden=tuple(maand_labels(scenario.start, horizon)),
        provincies=regios.namen,
        nationaal={naam: reeks[0] for naam, reeks in paden.nationaal.items()},
        regionaal={naam: reeks[:, 0, :] for naam, reeks in paden.regionaal.items()},
        bevolkingsaandeel=regios.bevolking,
        opvangaandeel=regios.opvang,
    )
