"""Every number of a scenario inside its documented domain, before anything is computed.

A scenario reaches the model from a TOML file, from the command line (``--maanden``, ``--kans``)
or from a sweep that varies one value; all three pass through :func:`problemen`, so ``nan``,
``inf``, ``1e308`` or a change in month 30 of a 24-month horizon never reaches NumPy. Each problem
names the key path (``parameters.taakstelling.waarde``, ``wijzigingen[2].vanaf_maand``) and, when
the scenario came from a file, the file. The domains are those of :mod:`doorstroom.values.domains`
(``docs/domains.md``).
"""

from __future__ import annotations

import re

import numpy as np

from doorstroom.platform.errors import InputError, Problem
from doorstroom.prognose.core.scenario import (
    LOG_SD,
    SPECS,
    Parameter,
    Scenario,
    Verdeling,
    Wijziging,
    profiel,
)
from doorstroom.values import domains
from doorstroom.values.domains import Domain
from doorstroom.values.suggest import unknown_message

MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


def controleer(scenario: Scenario, *, file: str | None = None, maanden: int | None = None) -> None:
    """Raise one InputError with every problem of ``scenario`` (for a run of ``maanden`` months)."""
    problems = problemen(scenario, file=file, maanden=maanden)
    if problems:
        raise InputError(problems)


def problemen(scenario: Scenario, *, file: str | None = None, maanden: int | None = None) -> list[Problem]:
    """Every value outside its domain, every change outside the horizon, every unknown name."""
    horizon = maanden or scenario.maanden
    found: list[tuple[str, str]] = []
    found += _start(scenario.start)
    found += _value(domains.HORIZON_MAANDEN, scenario.maanden, "scenario.maanden")
    for name, parameter in scenario.parameters.items():
        found += _parameter(name, parameter)
    found += [(f"parameters.{n}", "parameter ontbreekt") for n in SPECS if n not in scenario.parameters]
    for n, factor in enumerate(scenario.seizoen, start=1):
        found += _value(domains.SEIZOENSFACTOR, factor, f"seizoen.factoren[{n}]")
    if len(scenario.seizoen) != 12:
        found.append(("seizoen.factoren", "moet een lijst van 12 factoren zijn (jan t/m dec)"))
    for n, change in enumerate(scenario.wijzigingen, start=1):
        found += _change(scenario, change, f"wijzigingen[{n}]", horizon)
    found += _goals(scenario)
    return [Problem(message, file=file, field=key) for key, message in found]


def _value(domain: Domain, value: float | None, key: str) -> list[tuple[str, str]]:
    if value is None:
        return []
    problem = domain.problem(value)
    return [(key, problem)] if problem else []


def _start(start: str) -> list[tuple[str, str]]:
    match = MONTH.match(start)
    if not match or not 2000 <= int(match.group(1)) <= 2100:
        return [
            ("scenario.start", f"'{start}' is geen maand van 2000 t/m 2100; schrijf bijvoorbeeld 2026-01")
        ]
    return []


def _parameter(name: str, p: Parameter) -> list[tuple[str, str]]:
    where = f"parameters.{name}"
    if name not in SPECS:
        return [(where, unknown_message("parameter", name, SPECS))]
    domain = SPECS[name].domein
    found = [
        pair
        for key in ("waarde", "laag", "hoog")
        for pair in _value(domain, getattr(p, key), f"{where}.{key}")
    ]
    if p.verdeling in (Verdeling.uniform, Verdeling.driehoek):
        if p.laag is None or p.hoog is None:
            found.append((where, f"verdeling '{p.verdeling}' vraagt laag en hoog"))
        elif not p.laag <= p.waarde <= p.hoog:
            found.append((where, f"waarde {p.waarde:g} ligt niet tussen laag {p.laag:g} en hoog {p.hoog:g}"))
    if p.verdeling in (Verdeling.normaal, Verdeling.lognormaal):
        sd_domain = LOG_SD if p.verdeling is Verdeling.lognormaal else _sd_domain(domain)
        if p.sd is None:
            found.append((f"{where}.sd", f"verdeling '{p.verdeling}' vraagt een sd"))
        found += _value(sd_domain, p.sd, f"{where}.sd")
    if p.verdeling is Verdeling.inverse_chi and p.vrijheidsgraden is None:
        found.append((f"{where}.vrijheidsgraden", "verdeling 'inverse_chi' vraagt vrijheidsgraden"))
    found += _value(domains.VRIJHEIDSGRADEN, p.vrijheidsgraden, f"{where}.vrijheidsgraden")
    return found


def _sd_domain(domain: Domain) -> Domain:
    return Domain(
        f"sd, 0 tot en met {domain.maximum - domain.minimum:g}", 0.0, domain.maximum - domain.minimum, False
    )


def _change(scenario: Scenario, change: Wijziging, where: str, horizon: int) -> list[tuple[str, str]]:
    if change.parameter not in SPECS:
        return [(f"{where}.parameter", unknown_message("parameter", change.parameter, SPECS))]
    if change.parameter.startswith("begin_"):
        return [(f"{where}.parameter", "een beginvoorraad verandert niet in de tijd")]
    found: list[tuple[str, str]] = []
    months = Domain(f"maandnummer binnen de horizon, 1 tot en met {horizon}", 1, horizon)
    found += _value(months, change.vanaf_maand, f"{where}.vanaf_maand")
    if change.tot_maand is not None:
        until = Domain(
            f"maandnummer van {change.vanaf_maand} tot en met {horizon}", change.vanaf_maand, horizon
        )
        found += _value(until, change.tot_maand, f"{where}.tot_maand")
    given = [key for key in ("factor", "plus", "waarde") if getattr(change, key) is not None]
    if len(given) != 1:
        found.append((where, "geef precies één van factor, plus of waarde"))
    domain = SPECS[change.parameter].domein
    span = domain.maximum - domain.minimum
    found += _value(domains.FACTOR, change.factor, f"{where}.factor")
    found += _value(
        Domain(f"toevoeging, -{span:g} tot en met {span:g}", -span, span, False), change.plus, f"{where}.plus"
    )
    found += _value(domain, change.waarde, f"{where}.waarde")
    if not found and change.parameter in scenario.parameters:
        found += _effective(scenario, change, where, horizon)
    return found


def _effective(scenario: Scenario, change: Wijziging, where: str, horizon: int) -> list[tuple[str, str]]:
    """The changed central value must stay in the parameter's domain in every month."""
    factor, plus = profiel(scenario, change.parameter, horizon)
    values = scenario.waarde(change.parameter) * factor + plus
    domain = SPECS[change.parameter].domein
    outside = np.flatnonzero(
        (values < domain.minimum - 1e-9) | (values > domain.maximum + 1e-9) | ~np.isfinite(values)
    )
    if outside.size == 0:
        return []
    month = int(outside[0])
    return [
        (
            where,
            f"maakt '{change.parameter}' in maand {month + 1} {values[month]:g}: "
            f"buiten {domain.omschrijving}",
        )
    ]


def _goals(scenario: Scenario) -> list[tuple[str, str]]:
    """Targets in their domains; a target month beyond a (shorter) run is read at the run's end."""
    goals = scenario.doelen
    found = _value(
        domains.GEMIDDELD_AANTAL, goals.wachtende_vergunninghouders, "doelen.wachtende_vergunninghouders"
    )
    found += _value(domains.HORIZON_MAANDEN, goals.uiterlijk_maand, "doelen.uiterlijk_maand")
    found += _value(domains.ZEKERHEID, goals.kans, "doelen.kans")
    return found
