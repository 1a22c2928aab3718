"""The forecast's chain rules from a rule set: what the regimes chosen mean for the prognose.

The prognose models the law through :class:`~doorstroom.prognose.service.Ketenregels` (its default
is the law in force and changes nothing); this module reads the parameters of a
:class:`~doorstroom.beleid.core.combineren.Combinatie` instead of assuming them:

* nareis by status type (two-status system, Kamerstuk 36703/36704): the share following a sponsor
  with subsidiary protection (``prognose.aandeel_subsidiair``), nareis limited to the nuclear family
  (``dossier.nareis_kerngezin``, share ``prognose.kerngezin_aandeel``), a waiting time
  (``dossier.nareis_wachttijd_subsidiair_maanden``) and the income and housing requirement
  (``dossier.nareis_voorwaarden_subsidiair``, share ``prognose.voorwaarden_aandeel``);
* a nareis stop (``prognose.nareisstop_maanden``), the crisis tool as a scenario switch;
* housing priority (``dossier.voorrang``): without it the realisation rate is multiplied by
  ``prognose.realisatie_zonder_voorrang``;
* the permit term (``dossier.vergunningsduur_maanden``, Vreemdelingenwet 2000 art. 34);
* the regimes' own changes of forecast parameters (``[[prognose.wijziging]]``).

A rule starts in the month its regime begins; a regime without a start date (a bill, a plan) is
taken from the first forecast month: the comparison then shows *what if it applied now*, and every
output marks it as not law in force.
"""

from __future__ import annotations

from datetime import date

from doorstroom.beleid.core.combineren import Combinatie
from doorstroom.beleid.core.schema import Aanname, Regime, Wijziging
from doorstroom.prognose import service as prognose


def beginmaand(regime: Regime, start: str) -> int:
    """The forecast month (1 = ``start``, ``YYYY-MM``) in which ``regime`` begins (1: no date, or before)."""
    if regime.begin is None:
        return 1
    eerste = date(int(start[:4]), int(start[5:7]), 1)
    return max(1, (regime.begin.year - eerste.year) * 12 + regime.begin.month - eerste.month + 1)


def maand_van(combinatie: Combinatie, sleutel: str, start: str) -> int:
    """The forecast month from which the regime that sets ``sleutel`` applies."""
    return beginmaand(_regime(combinatie, combinatie.herkomst[sleutel]), start)


def _regime(combinatie: Combinatie, regime_id: str) -> Regime:
    return next(r for r in combinatie.regimes if r.id == regime_id)


def _aandeel(combinatie: Combinatie, sleutel: str, zonder: float) -> float:
    waarde = combinatie.waarde(sleutel)
    return waarde.waarde if isinstance(waarde, Aanname) else zonder


def nareisregels(combinatie: Combinatie, start: str) -> prognose.Nareisregels:
    """Who may follow whom under the rule set, and from which forecast month."""
    twee = combinatie.waarde("dossier.statusstelsel") == "twee"
    kerngezin = bool(combinatie.waarde("dossier.nareis_kerngezin"))
    voorwaarden = bool(combinatie.waarde("dossier.nareis_voorwaarden_subsidiair"))
    wachttijd = combinatie.waarde("dossier.nareis_wachttijd_subsidiair_maanden")
    stop = combinatie.waarde("prognose.nareisstop_maanden")
    return prognose.Nareisregels(
        vanaf_maand=maand_van(combinatie, "dossier.statusstelsel", start),
        aandeel_subsidiair=_aandeel(combinatie, "prognose.aandeel_subsidiair", 0.0) if twee else 0.0,
        kerngezin=_aandeel(combinatie, "prognose.kerngezin_aandeel", 1.0) if kerngezin else 1.0,
        wachttijd_subsidiair=int(wachttijd) if twee and isinstance(wachttijd, int) else 0,
        voorwaarden_subsidiair=_aandeel(combinatie, "prognose.voorwaarden_aandeel", 1.0)
        if voorwaarden
        else 1.0,
        stop_vanaf_maand=maand_van(combinatie, "prognose.nareisstop_maanden", start),
        stop_maanden=int(stop) if isinstance(stop, int) else 0,
    )


def ketenregels(combinatie: Combinatie, start: str) -> prognose.Ketenregels:
    """The chain rules of the prognose under ``combinatie``, for a forecast from ``start``."""
    zonder_voorrang = combinatie.waarde("dossier.voorrang") == "afgeschaft"
    duur = combinatie.waarde("dossier.vergunningsduur_maanden")
    return prognose.Ketenregels(
        nareis=nareisregels(combinatie, start),
        realisatiefactor=_aandeel(combinatie, "prognose.realisatie_zonder_voorrang", 1.0)
        if zonder_voorrang
        else 1.0,
        realisatie_vanaf_maand=maand_van(combinatie, "dossier.voorrang", start),
        vergunningsduur_maanden=int(duur) if isinstance(duur, int) else 60,
        wijzigingen=tuple(
            _wijziging(combinatie, regime_id, w, start) for regime_id, w in combinatie.wijzigingen
        ),
        naam=combinatie.naam,
    )


def _wijziging(
    combinatie: Combinatie, regime_id: str, wijziging: Wijziging, start: str
) -> prognose.Wijziging:
    """A regime's change of a forecast parameter, from its start plus ``na_maanden``."""
    return prognose.Wijziging(
        wijziging.parameter,
        beginmaand(_regime(combinatie, regime_id), start) + wijziging.na_maanden,
        factor=wijziging.factor,
        plus=wijziging.plus,
        toelichting=f"{wijziging.toelichting} ({regime_id})",
    )
