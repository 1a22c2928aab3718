"""A scenario adjusted by a planner in a form: another central value for some parameters, new targets.

The web application's *Scenario* page shows every parameter of a base scenario (the default one on
published figures, or an example file) and lets a planner change central values. Each changed value
is read by the one number rule (``16.500``, ``0,45``; :mod:`doorstroom.values.number_text`) inside the
parameter's documented domain, the spread scales along (:meth:`Scenario.met_waarde`), and the whole
scenario is checked again (:mod:`doorstroom.prognose.core.scenario_check`): every problem is reported at
once, named by parameter. A form in Dutch notation passes ``notatie=DECIMAL_COMMA`` (rule 6 of the
number rule: the source's convention settles ``13.000``), so the form accepts the values it shows
(issue 20: ``taakstelling: '13.000' is dubbelzinnig`` on the unchanged form).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import replace
from importlib import resources

from doorstroom.platform.errors import InputError, Problem
from doorstroom.prognose.core import scenario_check
from doorstroom.prognose.core.scenario import SPECS, Doelen, Scenario
from doorstroom.prognose.scenario_io import laad
from doorstroom.prognose.standaard import standaard
from doorstroom.values import domains
from doorstroom.values.number_text import NumberTextError, parse_number
from doorstroom.values.suggest import unknown_message

VOORBEELDEN = {"voorbeeld_schok": "voorbeeld_schok.toml"}


def basisnamen() -> list[str]:
    """Scenarios a planner can start from: the default one and the example files in the package."""
    return ["standaard", *VOORBEELDEN]


def basis(naam: str) -> Scenario:
    """The base scenario called ``naam``; an error listing the valid names otherwise."""
    if naam == "standaard":
        return standaard()
    if naam not in VOORBEELDEN:
        raise InputError(Problem(unknown_message("scenario", naam, basisnamen()), field="basis"))
    with resources.as_file(resources.files("doorstroom.prognose") / "defaults" / VOORBEELDEN[naam]) as pad:
        return laad(pad)


def aangepast(
    scenario: Scenario,
    waarden: Mapping[str, str],
    doelen: Mapping[str, str] | None = None,
    notatie: str | None = None,
) -> Scenario:
    """``scenario`` with the central values in ``waarden`` (text as typed) and the given targets;
    ``notatie`` is the decimal separator of the source, when it has one (see the module)."""
    problemen: list[Problem] = []
    for naam, tekst in waarden.items():
        if naam not in SPECS:
            problemen.append(Problem(unknown_message("parameter", naam, SPECS), field=naam))
            continue
        if not tekst.strip() or _zelfde(scenario, naam, tekst, notatie):
            continue
        try:
            waarde = float(parse_number(tekst, SPECS[naam].domein, decimal=notatie))
            scenario = scenario.met_waarde(naam, waarde)
        except NumberTextError as error:
            problemen.append(Problem(str(error), field=naam))
    scenario, fouten = _met_doelen(scenario, doelen or {}, notatie)
    problemen += fouten
    problemen += scenario_check.problemen(scenario)
    if problemen:
        raise InputError(problemen)
    return scenario


def _zelfde(scenario: Scenario, naam: str, tekst: str, notatie: str | None) -> bool:
    """True when the form sends back the value it showed, rounded to four decimals (nothing changed)."""
    try:
        getoond = float(parse_number(tekst, SPECS[naam].domein, decimal=notatie))
        return math.isclose(getoond, scenario.waarde(naam), rel_tol=1e-4, abs_tol=1e-4)
    except NumberTextError:
        return False


def _met_doelen(
    scenario: Scenario, doelen: Mapping[str, str], notatie: str | None
) -> tuple[Scenario, list[Problem]]:
    huidig, problemen = scenario.doelen, []
    velden = {
        "wachtende_vergunninghouders": domains.GEMIDDELD_AANTAL,
        "uiterlijk_maand": domains.HORIZON_MAANDEN,
        "kans": domains.ZEKERHEID,
    }
    nieuw: dict[str, float] = {}
    for veld, domein in velden.items():
        tekst = doelen.get(veld, "").strip()
        if not tekst:
            continue
        try:
            nieuw[veld] = float(parse_number(tekst, domein, decimal=notatie))
        except NumberTextError as error:
            problemen.append(Problem(str(error), field=veld))
    gekozen = Doelen(
        wachtende_vergunninghouders=nieuw.get(
            "wachtende_vergunninghouders", huidig.wachtende_vergunninghouders
        ),
        uiterlijk_maand=int(nieuw.get("uiterlijk_maand", huidig.uiterlijk_maand)),
        kans=nieuw.get("kans", huidig.kans),
    )
    return replace(scenario, doelen=gekozen), problemen
