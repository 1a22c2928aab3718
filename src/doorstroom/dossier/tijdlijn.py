"""A person's timeline as values: the current events, the phase, the responsible municipality.

History is never overwritten: a correction is a new event that *replaces* an earlier one
(``vervangt``), and the earlier one stays in the file. The current timeline is the events that no
later event replaces, in date order. Everything derived (phase, municipality, deadlines) is computed
from that current timeline, so a correction changes the outcome without erasing what was recorded.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any

from doorstroom.platform.errors import Problem

_BEGIN = datetime(1900, 1, 1, tzinfo=UTC)
OPVANG = frozenset({"registratie", "verblijfplaats_azc", "verblijfsvergunning"})
GEMEENTE_BEPALEND = frozenset({"koppeling", "huisvesting", "verhuizing"})
NA_REGISTRATIE = frozenset(
    [
        "woningaanbod",
        "woningaanbod_geaccepteerd",
        "woningaanbod_geweigerd",
        "huisvesting",
        "verhuizing",
        "inburgeringsplicht",
        "brede_intake",
        "leerbaarheidstoets",
        "pip",
        "inburgeringstermijn_verlenging",
        "examen",
        "map",
        "pvt",
        "zroute_afgerond",
        "vrijstelling",
        "ontheffing",
        "ontzorgen",
        "ontzorgen_einde",
        "participatie",
        "participatie_einde",
        "uitkering",
        "uitkering_einde",
    ]
)
"""Kinds that only happen once a person is in the Netherlands' chain, so never before the COA registratie:
housing, inburgering, ontzorgen and participation (a test holds this to the catalogue's stages)."""


class Fase(StrEnum):
    """How far along the chain a person is (the furthest stage reached)."""

    nieuw = "nieuw"
    opvang = "opvang"
    gekoppeld = "gekoppeld"
    gehuisvest = "gehuisvest"
    inburgering = "inburgering"
    afgerond = "afgerond"


@dataclass(frozen=True)
class Gebeurtenis:
    """One recorded event; ``gegevens`` holds the type's data with its JSON (camelCase) names."""

    id: str
    soort: str
    datum: date
    gegevens: dict[str, Any] = field(default_factory=dict)
    vervangt: str | None = None
    ingetrokken: bool = False
    vastgelegd_op: datetime | None = None


def actueel(gebeurtenissen: Iterable[Gebeurtenis]) -> list[Gebeurtenis]:
    """The events no later correction replaces (withdrawn ones dropped), oldest date first."""
    alle = list(gebeurtenissen)
    vervangen = {g.vervangt for g in alle if g.vervangt}
    huidig = [g for g in alle if g.id not in vervangen and not g.ingetrokken]
    return sorted(huidig, key=lambda g: (g.datum, g.vastgelegd_op or _BEGIN, g.id))


def laatste(tijdlijn: Sequence[Gebeurtenis], *soorten: str) -> Gebeurtenis | None:
    """The latest current event of one of ``soorten`` (by date), or None."""
    found = [g for g in tijdlijn if g.soort in soorten]
    return found[-1] if found else None


def afgerond(tijdlijn: Sequence[Gebeurtenis]) -> bool:
    """The inburgeringsplicht ended (met, fully exempted, fully dispensed, or otherwise ended)."""
    plicht = laatste(tijdlijn, "inburgeringsplicht")
    if plicht is not None and plicht.gegevens.get("indicatorInburgeringsplicht") is False:
        return plicht.gegevens.get("redenGeenInburgeringsplicht") != "Tijdelijke vrijstelling"
    return any(
        g.soort in ("ontheffing", "vrijstelling")
        and g.gegevens.get("soort") == "gehele"
        and g.gegevens.get("oordeel") == "Toekenning"
        for g in tijdlijn
    )


def fase(tijdlijn: Sequence[Gebeurtenis]) -> Fase:
    """The furthest stage the current timeline shows."""
    soorten = {g.soort for g in tijdlijn}
    if afgerond(tijdlijn):
        return Fase.afgerond
    if "pip" in soorten:
        return Fase.inburgering
    if "huisvesting" in soorten:
        return Fase.gehuisvest
    if "koppeling" in soorten:
        return Fase.gekoppeld
    return Fase.opvang if soorten & OPVANG else Fase.nieuw


def in_opvang(tijdlijn: Sequence[Gebeurtenis]) -> bool:
    """In COA reception: registered there or linked by COA, and not (yet) housed in a municipality."""
    soorten = {g.soort for g in tijdlijn}
    return bool(soorten & (OPVANG | {"koppeling"})) and "huisvesting" not in soorten


def verantwoordelijke_gemeente(tijdlijn: Sequence[Gebeurtenis], geopend_in: str | None) -> str | None:
    """The municipality responsible now: of the latest koppeling, move-in or move; else the one the
    file was opened in (so a withdrawn koppeling no longer holds anyone anywhere)."""
    bepalend = laatste(tijdlijn, *GEMEENTE_BEPALEND)
    return str(bepalend.gegevens["gemeentecode"]) if bepalend else geopend_in


def gehuisvest_op(tijdlijn: Sequence[Gebeurtenis]) -> date | None:
    """The first move-in date, if any (the day that counts toward the taakstelling)."""
    eerste = next((g for g in tijdlijn if g.soort == "huisvesting"), None)
    return eerste.datum if eerste else None


def problemen(tijdlijn: Sequence[Gebeurtenis], nieuw: Gebeurtenis) -> list[Problem]:
    """Why ``nieuw`` does not fit the current timeline: the order rules of the Wet inburgering 2021 and
    the chain's own order (nothing of housing, inburgering or participation before the registratie).

    Every way in (web, API, command line, imports) records through this one rule."""
    checks = {
        "pip": _pip_problemen,
        "huisvesting": _huisvesting_problemen,
        "inburgeringstermijn_verlenging": _verlenging_problemen,
    }
    overig = [g for g in tijdlijn if g.id != nieuw.vervangt]
    check = checks.get(nieuw.soort)
    return _registratie_problemen(overig, nieuw) + (check(overig, nieuw) if check else [])


def _registratie_problemen(tijdlijn: Sequence[Gebeurtenis], nieuw: Gebeurtenis) -> list[Problem]:
    """An event that needs the registratie dated before the first one, or a first registratie dated
    after such an event (a later registratie, a return to reception, changes nothing)."""
    registraties = [g.datum for g in tijdlijn if g.soort == "registratie"]
    if nieuw.soort == "registratie":
        return _registratie_na(tijdlijn, nieuw.datum, min(registraties, default=None))
    eerste = min(registraties, default=None)
    if nieuw.soort in NA_REGISTRATIE and eerste is not None and nieuw.datum < eerste:
        return [Problem(f"datum ligt voor de COA-registratie van {eerste:%d-%m-%Y}", field="datum")]
    return []


def _registratie_na(tijdlijn: Sequence[Gebeurtenis], datum: date, eerste: date | None) -> list[Problem]:
    grens = datum if eerste is None else min(datum, eerste)
    eerder = [g for g in tijdlijn if g.soort in NA_REGISTRATIE and g.datum < grens]
    if eerder and grens == datum:
        return [Problem(f"datum ligt na '{eerder[0].soort}' van {eerder[0].datum:%d-%m-%Y}", field="datum")]
    return []


def _pip_problemen(tijdlijn: Sequence[Gebeurtenis], pip: Gebeurtenis) -> list[Problem]:
    problems = []
    intake = laatste(tijdlijn, "brede_intake")
    if intake is None or intake.datum > pip.datum:
        problems.append(
            Problem("een PIP volgt op de brede intake (Wet inburgering 2021 art. 15 lid 1)", field="datum")
        )
    plicht = laatste(tijdlijn, "inburgeringsplicht")
    if plicht is not None and pip.datum < plicht.datum:
        problems.append(
            Problem(
                "dagtekening PIP ligt voor de start van de inburgeringsplicht (DUO-voorwaarde)", field="datum"
            )
        )
    return problems


def _huisvesting_problemen(tijdlijn: Sequence[Gebeurtenis], huisvesting: Gebeurtenis) -> list[Problem]:
    koppeling = laatste(tijdlijn, "koppeling")
    if koppeling is not None and huisvesting.datum < koppeling.datum:
        return [Problem("verhuisdatum ligt voor de koppeldatum", field="datum")]
    return []


def _verlenging_problemen(tijdlijn: Sequence[Gebeurtenis], verlenging: Gebeurtenis) -> list[Problem]:
    if laatste(tijdlijn, "pip") is None:
        return [
            Problem("een inburgeringstermijn begint pas met een PIP (Wi2021 art. 11 lid 2)", field="soort")
        ]
    return []
