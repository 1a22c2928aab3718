"""The money of a municipality's plan: the arrangements in use applied to the plan, with the supply's
own costs; per month and year income, costs and the gap (:mod:`~doorstroom.huisvesting.core.geld`)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine

from doorstroom.accounts.domain import Gebruiker
from doorstroom.accounts.namens import namens
from doorstroom.huisvesting import planning, regelingen
from doorstroom.huisvesting.core.geld import Geldplan, geldplan
from doorstroom.huisvesting.planning import Huisvestingsplan, Planverzoek
from doorstroom.huisvesting.regelingen import Regelingtabel


@dataclass(frozen=True)
class Geldoverzicht:
    """A plan, its money, and the version of the money table it rests on."""

    plan: Huisvestingsplan
    geld: Geldplan
    tabel: Regelingtabel


@namens
def geld(engine: Engine, gebruiker: Gebruiker, verzoek: Planverzoek) -> Geldoverzicht:
    """The money of the plan ``verzoek`` asks for, under the money table in use."""
    plan = planning.plan(engine, gebruiker, verzoek)
    tabel = regelingen.in_gebruik(engine)
    return Geldoverzicht(plan, geldplan(plan.plan, tabel.regelingen), tabel)
