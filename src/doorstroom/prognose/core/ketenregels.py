"""The rules of the chain a forecast runs under: nareis by status type, housing priority, permits.

The forecast models the law through one small value, :class:`Ketenregels`, whose default
(:data:`HUIDIG`) is the law in force and changes nothing: one asylum status, nareis without a
waiting time, priority in housing allowed, a permit for a fixed term of five years (Vreemdelingenwet
2000 art. 34). Another rule set (the beleid context builds one from the regimes chosen) becomes
changes of the scenario's own parameters (:class:`~doorstroom.prognose.core.scenario.Wijziging`),
so the model itself does not know about regimes:

* **nareis by status type** — of the nareizigers a share ``aandeel_subsidiair`` follows a sponsor
  with subsidiary protection. From the regime's month on, nareis is limited to the nuclear family
  (a share ``kerngezin`` remains); a subsidiary sponsor's family comes only after
  ``wachttijd_subsidiair`` months and then only the share ``voorwaarden_subsidiair`` that meets the
  income and housing requirement (two-status system, Kamerstuk 36703 and 36704);
* **a nareis stop** — no nareizigers for ``stop_maanden`` months: the scenario switch of the crisis tool;
* **housing priority** — ``realisatiefactor`` multiplies the realisation rate from its month on:
  fewer homes reach permit holders when municipalities give no priority, so the time to housing grows;
* **permit endings** — :func:`aflopend` counts the permits granted in the forecast that reach the
  end of their term (``vergunningsduur_maanden``) within the horizon.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from doorstroom.prognose.core.scenario import FloatArray, Scenario, Wijziging


@dataclass(frozen=True)
class Nareisregels:
    """Who may follow whom, and when (months count from 1 = the first forecast month)."""

    vanaf_maand: int = 1
    aandeel_subsidiair: float = 0.0
    kerngezin: float = 1.0
    wachttijd_subsidiair: int = 0
    voorwaarden_subsidiair: float = 1.0
    stop_vanaf_maand: int = 1
    stop_maanden: int = 0


@dataclass(frozen=True)
class Ketenregels:
    """The rule set of a forecast; ``naam`` names the regimes it comes from in every output."""

    nareis: Nareisregels = Nareisregels()
    realisatiefactor: float = 1.0
    realisatie_vanaf_maand: int = 1
    vergunningsduur_maanden: int = 60
    wijzigingen: tuple[Wijziging, ...] = ()
    naam: str = ""


HUIDIG = Ketenregels()
"""The law in force: the scenario as it is."""


def nareisfactoren(regels: Nareisregels, maanden: int) -> tuple[FloatArray, FloatArray]:
    """Per month, the factor on the nareizigers' level for refugees' and subsidiary holders' families.

    Their sum is the factor on all nareizigers (1 under the law in force); their ratio splits the
    nareizigers by the sponsor's status type.
    """
    maand = np.arange(1, maanden + 1)
    geldt = maand >= regels.vanaf_maand
    kring = np.where(geldt, regels.kerngezin, 1.0)
    wacht = geldt & (maand < regels.vanaf_maand + regels.wachttijd_subsidiair)
    toegelaten = np.where(wacht, 0.0, np.where(geldt, regels.voorwaarden_subsidiair, 1.0))
    stop = (maand >= regels.stop_vanaf_maand) & (maand < regels.stop_vanaf_maand + regels.stop_maanden)
    open_ = np.where(stop, 0.0, 1.0)
    aandeel = regels.aandeel_subsidiair
    vluchteling: FloatArray = open_ * (1.0 - aandeel) * kring
    subsidiair: FloatArray = open_ * aandeel * kring * toegelaten
    return vluchteling, subsidiair


def per_status(nareizigers: FloatArray, regels: Nareisregels) -> tuple[FloatArray, FloatArray]:
    """Nareizigers per month (last axis) split by the sponsor's status type: refugee, subsidiary."""
    vluchteling, subsidiair = nareisfactoren(regels, nareizigers.shape[-1])
    totaal = vluchteling + subsidiair
    deel = np.divide(vluchteling, totaal, out=np.full_like(totaal, 1.0 - regels.aandeel_subsidiair),
                     where=totaal > 0)  # fmt: skip
    eerste: FloatArray = nareizigers * deel
    return eerste, nareizigers - eerste


def aflopend(inwilligingen: FloatArray, vergunningsduur_maanden: int) -> FloatArray:
    """Permits granted in the forecast whose term ends in each month (last axis), within the horizon."""
    maanden = inwilligingen.shape[-1]
    result = np.zeros_like(inwilligingen)
    if vergunningsduur_maanden < maanden:
        result[..., vergunningsduur_maanden:] = inwilligingen[..., : maanden - vergunningsduur_maanden]
    return result


def toepassen(scenario: Scenario, regels: Ketenregels, maanden: int | None = None) -> Scenario:
    """``scenario`` under ``regels``: their changes added, its name saying which regimes it runs under."""
    if regels == HUIDIG:
        return scenario
    horizon = maanden or scenario.maanden
    vluchteling, subsidiair = nareisfactoren(regels.nareis, horizon)
    extra = _stukken("nareizigers", vluchteling + subsidiair, regels.naam)
    if regels.realisatiefactor != 1.0 and regels.realisatie_vanaf_maand <= horizon:
        extra.append(
            Wijziging("realisatiegraad", regels.realisatie_vanaf_maand, factor=regels.realisatiefactor,
                      toelichting=f"voorrangsbeleid ({regels.naam})")
        )  # fmt: skip
    extra += [w for w in regels.wijzigingen if w.vanaf_maand <= horizon]
    naam = f"{scenario.naam} onder {regels.naam}" if regels.naam else scenario.naam
    beschrijving = f"{scenario.beschrijving} Regels: {regels.naam}.".strip()
    return replace(
        scenario, naam=naam, beschrijving=beschrijving, wijzigingen=(*scenario.wijzigingen, *extra)
    )


def _stukken(parameter: str, factor: FloatArray, naam: str) -> list[Wijziging]:
    """One change per run of months with the same factor other than 1 (the last one open-ended)."""
    stukken: list[Wijziging] = []
    begin = 0
    for einde in range(1, len(factor) + 1):
        if einde == len(factor) or factor[einde] != factor[begin]:
            if factor[begin] != 1.0:
                tot = None if einde == len(factor) else einde  # the last run lasts to the end of any horizon
                stukken.append(
                    Wijziging(parameter, begin + 1, tot, factor=float(factor[begin]), toelichting=naam)
                )
            begin = einde
    return stukken
