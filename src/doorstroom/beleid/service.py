"""The beleid context's one door: the regimes Doorstroom knows, and the rule set in force on a day.

Regimes are public law and policy, so anyone may read them; adding one is the operator's
(:attr:`~doorstroom.accounts.toegang.Handeling.beleid_vastleggen`). Delivery layers import this
module only (issue 24).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import Engine

from doorstroom.accounts import toegang
from doorstroom.accounts.domain import Gebruiker
from doorstroom.accounts.namens import namens
from doorstroom.accounts.toegang import Handeling
from doorstroom.beleid import io, register
from doorstroom.beleid.core.combineren import Combinatie, combineer, op_datum
from doorstroom.beleid.core.overzicht import (
    KOLOMMEN,
    PARAMETERKOLOMMEN,
    als_record,
    brontekst,
    combinatierecords,
    datumtekst,
    geldend_recht,
    parameterrecords,
    waardetekst,
)
from doorstroom.beleid.core.schema import SECTIES, Regime, Status
from doorstroom.beleid.register import Opgeslagen, Versie
from doorstroom.beleid.vergelijking import BRONKOLOMMEN, Vergelijking
from doorstroom.beleid.vergelijking import KOLOMMEN as VERGELIJKKOLOMMEN
from doorstroom.beleid.vergelijking import vergelijk as _vergelijk
from doorstroom.prognose import service as prognose

__all__ = [
    "BRONKOLOMMEN",
    "KOLOMMEN",
    "PARAMETERKOLOMMEN",
    "SECTIES",
    "VERGELIJKKOLOMMEN",
    "Combinatie",
    "Opgeslagen",
    "Regime",
    "Status",
    "Vergelijking",
    "Versie",
    "als_record",
    "brontekst",
    "combinatie",
    "combinatierecords",
    "datumtekst",
    "geldend_recht",
    "parameterrecords",
    "regime",
    "regime_op",
    "regimes",
    "vergelijk",
    "versies",
    "voeg_toe",
    "waardetekst",
]


@namens
def regimes(engine: Engine | None, gebruiker: Gebruiker) -> list[Opgeslagen]:
    """Every regime in its newest version (shipped and added): the base first, then by status."""
    return register.alle(engine)


@namens
def regime(engine: Engine | None, gebruiker: Gebruiker, regime_id: str) -> Opgeslagen:
    """One regime by id; an :class:`~doorstroom.beleid.register.OnbekendRegime` naming the known ones."""
    return register.zoek(register.alle(engine), regime_id)


@namens
def versies(engine: Engine | None, gebruiker: Gebruiker, regime_id: str) -> list[Versie]:
    """Every version of one regime, oldest first: the shipped file is version 0."""
    return register.versies(engine, regime_id)


@namens
def regime_op(engine: Engine | None, gebruiker: Gebruiker, datum: date) -> Combinatie:
    """The rule set in force on ``datum``: the regimes with status *in werking* whose period holds it."""
    return op_datum([o.regime for o in register.alle(engine)], datum, io.standaardbasis())


@namens
def combinatie(engine: Engine | None, gebruiker: Gebruiker, regime_ids: list[str]) -> Combinatie:
    """The rule set of the chosen regimes (a scenario: bills and plans may be chosen, and are marked)."""
    alle = register.alle(engine)
    gekozen = [register.zoek(alle, regime_id).regime for regime_id in regime_ids]
    return combineer(gekozen, io.standaardbasis())


@namens
def voeg_toe(engine: Engine, gebruiker: Gebruiker, pad: Path, reden: str) -> Opgeslagen:
    """Add a regime (or a new version of one) from a file: validated whole, stored with who and why."""
    toegang.eis(gebruiker, Handeling.beleid_vastleggen)
    return register.voeg_toe(engine, pad, reden)


@namens
def vergelijk(
    engine: Engine | None,
    gebruiker: Gebruiker,
    regimes_a: list[str],
    regimes_b: list[str],
    start: str | None = None,
    maanden: int | None = None,
) -> Vergelijking:
    """The default forecast from ``start`` under two rule sets, side by side (issue 24 item 3).

    Each side is the base plus the regimes chosen (bills and plans may be chosen: they are marked).
    Reception places come from the spreiding register when it has them, else the documented default.
    """
    toegang.eis(gebruiker, Handeling.prognose_rekenen)
    alle = register.alle(engine)
    a, b = (
        combineer([register.zoek(alle, i).regime for i in ids], io.standaardbasis())
        for ids in (regimes_a, regimes_b)
    )
    scenario = prognose.kies_scenario(None, start, None)
    prognose.controleer_run(scenario, 1, maanden)
    return _vergelijk(scenario, prognose.opvang(None, scenario, engine), a, b, maanden)
