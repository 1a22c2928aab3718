"""A municipality's housing plan as one call: its supply, its need from the other contexts, the balance.

The need is gathered through the other contexts' doors — the remaining taakstelling
(:func:`doorstroom.taakstelling.service.resterend`), the linked households' sizes
(:func:`doorstroom.dossier.service.huishoudgroottes`), a stored forecast's series per province
(:func:`doorstroom.prognose.service.provinciereeksen`) — turned into plain values and handed to the
pure core (:mod:`~doorstroom.huisvesting.core`). The stream of persons is the taakstelling's
(:func:`~doorstroom.huisvesting.core.stroom.met_taakstelling`); a regime without quota hands the core
its own stream at :func:`_stroom`, the one seam. Plans for many municipalities (a province's
overview) read every context once (:func:`plannen`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Engine

from doorstroom.accounts.domain import Gebruiker
from doorstroom.accounts.namens import namens
from doorstroom.dossier import service as dossier
from doorstroom.huisvesting import bereik, repository, tabellen
from doorstroom.huisvesting.core import invoer, stroom
from doorstroom.huisvesting.core.aanbod import EenheidVersie, Meetellen
from doorstroom.huisvesting.core.behoefte import Behoefteinvoer, Maandbehoefte, Scenario, Verdeling, behoefte
from doorstroom.huisvesting.core.plan import Plan, maak_plan
from doorstroom.platform.clock import vandaag
from doorstroom.platform.db import transaction
from doorstroom.platform.errors import PermissionDenied
from doorstroom.prognose import service as prognose
from doorstroom.reference.service import Gemeente, gemeenten_in_gebruik
from doorstroom.taakstelling import service as taakstelling
from doorstroom.values.domains import PLANMAANDEN, RUNNUMMER
from doorstroom.values.maand import maand_labels, maand_van
from doorstroom.values.periode import Periode

Reeksen = dict[str, dict[str, tuple[float, float, float]]]


@dataclass(frozen=True)
class Planverzoek:
    """What plan to make: for which municipality, from which day, how far ahead, on which forecast
    (None: the newest stored one; ``zonder_prognose``: none), counting which supply, in which scenario."""

    gemeente: str
    peildatum: date | None = None
    maanden: int = 12
    prognose: int | None = None
    zonder_prognose: bool = False
    meetellen: Meetellen = Meetellen.alles
    scenario: Scenario = Scenario.midden


@dataclass(frozen=True)
class Huisvestingsplan:
    """A municipality's plan with everything it rests on.

    ``band``: the cumulative need per month under the forecast's P10 and P90. ``exact``: whether the
    case file's counts were used as they are (else only from ten persons up, :mod:`~.core.invoer`).
    """

    gemeente: Gemeente
    peildatum: date
    periode: str
    plan: Plan
    behoefte: tuple[Maandbehoefte, ...]
    band: dict[str, tuple[int, int]]
    verdeling: Verdeling
    gekoppeld: dict[int, int]
    aanbod: tuple[EenheidVersie, ...]
    prognose: str | None
    scenario: Scenario
    meldingen: tuple[str, ...]
    exact: bool


@dataclass(frozen=True)
class _Gegevens:
    """What the other contexts give for a set of municipalities, read once."""

    peildatum: date
    periode: Periode
    maanden: tuple[str, ...]
    resterend: dict[str, int] | None
    groottes: dict[str, dossier.Huishoudgroottes]
    prognose: tuple[str, Reeksen] | None
    aanbod: dict[str, list[EenheidVersie]]
    provincie_inwoners: dict[str, int]


def controleer(verzoek: Planverzoek) -> None:
    """Every number of a request inside its domain (before anything is read)."""
    PLANMAANDEN.check(verzoek.maanden, field="maanden")
    if verzoek.prognose is not None:
        RUNNUMMER.check(verzoek.prognose, field="prognose")


@namens
def plan(engine: Engine, gebruiker: Gebruiker, verzoek: Planverzoek) -> Huisvestingsplan:
    """The plan of one municipality the caller may read (404 outside the caller's scope)."""
    controleer(verzoek)
    gemeente = bereik.gemeente(engine, verzoek.gemeente)
    scope = bereik.lezer(engine, gebruiker, gemeente.code)
    return plannen(
        engine, gebruiker, [gemeente], verzoek, {gemeente.code: scope.exact_aantal(gemeente.code)}
    )[0]


def plannen(
    engine: Engine,
    gebruiker: Gebruiker,
    gemeenten: Sequence[Gemeente],
    verzoek: Planverzoek,
    exact: dict[str, bool],
) -> list[Huisvestingsplan]:
    """Plans of ``gemeenten`` (access checked by the caller), every context read once."""
    gegevens = _gegevens(engine, gebruiker, [g.code for g in gemeenten], verzoek)
    return [_stel_op(g, gegevens, verzoek, exact.get(g.code, False)) for g in gemeenten]


def _gegevens(engine: Engine, gebruiker: Gebruiker, codes: list[str], verzoek: Planverzoek) -> _Gegevens:
    peildatum = verzoek.peildatum or vandaag()
    periode = Periode.containing(peildatum)
    with transaction(engine) as session:
        versies = repository.huidige(session, codes)
    aanbod: dict[str, list[EenheidVersie]] = {code: [] for code in codes}
    for versie in versies:
        aanbod[versie.eenheid.gemeentecode].append(versie)
    inwoners: dict[str, int] = {}
    for g in gemeenten_in_gebruik(engine):
        inwoners[g.provincie] = inwoners.get(g.provincie, 0) + g.inwoners
    return _Gegevens(
        peildatum,
        periode,
        tuple(maand_labels(maand_van(peildatum), verzoek.maanden)),
        taakstelling.resterend(engine, periode, peildatum),
        dossier.huishoudgroottes(engine, gebruiker, codes),
        _prognose(engine, gebruiker, verzoek),
        aanbod,
        inwoners,
    )


def _prognose(engine: Engine, gebruiker: Gebruiker, verzoek: Planverzoek) -> tuple[str, Reeksen] | None:
    """The chosen stored forecast's housing series per province (None: no forecast); by default the
    chain's shared one, not whichever anyone stored last."""
    if verzoek.zonder_prognose:
        return None
    try:
        runs = prognose.runs(engine, gebruiker)
    except PermissionDenied:
        return None
    gekozen = verzoek.prognose if verzoek.prognose is not None else prognose.voorgekozen(runs)
    if gekozen is None:
        return None
    reeksen = prognose.provinciereeksen(engine, gebruiker, gekozen)
    naam = next((str(r["naam"]) for r in runs if r["id"] == gekozen), "")
    return f"prognose {gekozen} '{naam}'", reeksen


def _stroom(gemeente: Gemeente, gegevens: _Gegevens) -> stroom.Stroom:
    """The monthly stream of persons to house: the seam where a regime without quota plugs in."""
    band = None
    naam = "prognose"
    if gegevens.prognose is not None:
        naam, reeksen = gegevens.prognose
        aandeel = stroom.aandeel_in_provincie(
            gemeente.inwoners, gegevens.provincie_inwoners.get(gemeente.provincie, 0)
        )
        band = stroom.gemeentedeel(reeksen.get(gemeente.provincie, {}), aandeel)
    resterend = None if gegevens.resterend is None else gegevens.resterend.get(gemeente.code)
    periodemaanden = [f"{j:04d}-{m:02d}" for j, m in gegevens.periode.months()]
    return stroom.met_taakstelling(
        gegevens.maanden,
        str(gegevens.periode),
        periodemaanden,
        resterend,
        band,
        f"{naam} (aandeel {gemeente.naam})",
    )


def _stel_op(gemeente: Gemeente, gegevens: _Gegevens, verzoek: Planverzoek, exact: bool) -> Huisvestingsplan:
    groottes = gegevens.groottes.get(gemeente.code)
    gekoppeld_alle = dict(groottes.gekoppeld) if groottes else {}
    alle = dict(groottes.alle) if groottes else {}
    gekoppeld = invoer.gekoppeld(gekoppeld_alle, exact)
    verdeling = invoer.verdeling(gekoppeld_alle, alle, exact, tabellen.ingebouwde_verdeling())
    s = _stroom(gemeente, gegevens)
    basis = Behoefteinvoer(s.maanden, s.personen, s.bronnen, gekoppeld, verdeling)
    need = behoefte(basis, verzoek.scenario)
    eenheden = [v.eenheid for v in gegevens.aanbod.get(gemeente.code, [])]
    meldingen = list(s.meldingen)
    if gekoppeld != gekoppeld_alle:
        meldingen.append(
            "afgeschermd: gekoppelde huishoudens in klassen met minder dan 10 personen tellen niet apart"
        )
    return Huisvestingsplan(
        gemeente,
        gegevens.peildatum,
        str(gegevens.periode),
        maak_plan(need, eenheden, verzoek.meetellen),
        tuple(need),
        _band(basis),
        verdeling,
        gekoppeld,
        tuple(gegevens.aanbod.get(gemeente.code, [])),
        gegevens.prognose[0] if gegevens.prognose else None,
        verzoek.scenario,
        tuple(meldingen),
        exact,
    )


def _band(basis: Behoefteinvoer) -> dict[str, tuple[int, int]]:
    """Cumulative need per month under the low and the high edge of the forecast."""
    laag, hoog, som_laag, som_hoog = behoefte(basis, Scenario.laag), behoefte(basis, Scenario.hoog), 0, 0
    band = {}
    for onder, boven in zip(laag, hoog, strict=True):
        som_laag, som_hoog = som_laag + onder.totaal, som_hoog + boven.totaal
        band[onder.maand] = (som_laag, som_hoog)
    return band
