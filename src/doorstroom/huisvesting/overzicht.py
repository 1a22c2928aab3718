"""Supply against need for many municipalities: a province's, COA's or the national overview.

One row per municipality in the caller's aggregate scope (of one province, when asked): the need
and supply at the plan's last month, the shortfall (large households apart), the month it falls
behind, and the places that end within the plan. Each plan is computed from inputs a viewer who may
not see the persons may see (:mod:`~doorstroom.huisvesting.core.invoer`), so no figure rests on fewer
than ten persons of the case file; the totals are sums of the rows shown.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine

from doorstroom.accounts.domain import Gebruiker
from doorstroom.accounts.namens import namens
from doorstroom.huisvesting import bereik, planning
from doorstroom.huisvesting.core.rijen import overzichtsrij
from doorstroom.huisvesting.planning import Planverzoek
from doorstroom.values.record import Record

SOMMEN = ("behoefte", "aanbod", "tekort", "tekort_5plus", "eindigend", "aanbodregels")


@dataclass(frozen=True)
class Overzicht:
    """The rows of an overview, their totals, and how many municipalities fall behind."""

    rijen: list[Record]
    totaal: Record
    achter: int


@namens
def leesbare_gemeenten(engine: Engine, gebruiker: Gebruiker) -> list[tuple[str, str]]:
    """(code, name) of every municipality whose plan the caller may read, by name."""
    _, gemeenten = bereik.in_bereik(engine, gebruiker, None)
    return sorted(((g.code, g.naam) for g in gemeenten), key=lambda paar: paar[1])


@namens
def overzicht(engine: Engine, gebruiker: Gebruiker, provincie: str | None, verzoek: Planverzoek) -> Overzicht:
    """Supply against need per municipality the caller may read (``verzoek.gemeente`` is not used)."""
    planning.controleer(verzoek)
    scope, gemeenten = bereik.in_bereik(engine, gebruiker, provincie)
    exact = {g.code: scope.exact_aantal(g.code) for g in gemeenten}
    plannen = planning.plannen(engine, gebruiker, gemeenten, verzoek, exact)
    rijen = [
        overzichtsrij(p.gemeente.code, p.gemeente.naam, p.gemeente.provincie, p.plan, len(p.aanbod))
        for p in plannen
    ]
    totaal: Record = {"gemeentenaam": "Totaal", **{k: sum(int(r[k]) for r in rijen) for k in SOMMEN}}
    return Overzicht(rijen, totaal, sum(1 for r in rijen if r["achter_vanaf"]))
