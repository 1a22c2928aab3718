"""Legal deadlines (*termijnen*) of a case file: named, configurable rules, each citing its source.

| rule | due | source |
|---|---|---|
| ``huisvesting_na_koppeling`` | koppeldatum + 3 months, until moved in | COA/gemeenten (taakstelling rule) |
| ``woningaanbod_na_koppeling`` | koppeldatum + 10 weeks, until a dwelling is offered | COA TVS (aim) |
| ``verhuizing_na_aanbod`` | offer + 2 weeks, at most the housing term, until moved in | COA TVS (aim) |
| ``brede_intake`` | start + 10 weeks, until the intake is recorded | Wi2021 art. 14, 15; DUO SS139 |
| ``pip_vaststelling`` | start + 10 weeks, until a PIP is recorded | Wi2021 art. 15; DUO SS139/SS126 |
| ``inburgeringstermijn`` | day after dagtekening PIP + 36 months, or as extended | Wi2021 art. 11, 12 |
| ``ontzorgen`` | start of ontzorgen + 6 months, until ended | Participatiewet art. 56a |

"start" of the intake and PIP terms is the start of the inburgeringsplicht. For a person who was
linked by COA (an asielstatushouder) the rule ``inburgering_start`` says from when: ``koppeling``
(the default: the linked municipality starts at once, while the person is still in reception — the
integral agenda's "start with the municipality as soon as possible"; an adult without a recorded
obligation counts from the koppeldatum too) or ``huisvesting`` (not before the move into the
municipality, as DUO starts the ten-week term for settling the leerroute when the person has left COA
reception, gebeurtenis SS139).
The housing term is the taakstelling's own rule (:mod:`doorstroom.taakstelling.huisvestingstermijn`,
one setting, ``DOORSTROOM_HUISVESTINGSTERMIJN_MAANDEN``), so the file and the quota statement judge
it alike; it cannot be changed in the rules file alone. The other parameters can be changed in a
TOML file (``DOORSTROOM_DEADLINE_RULES_FILE``, read by :mod:`doorstroom.dossier.termijnbestand`); see
docs/dossier.md.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from enum import StrEnum

from doorstroom.dossier.tijdlijn import Gebeurtenis, afgerond, laatste
from doorstroom.taakstelling.core.domain import HUISVESTINGSTERMIJN_MAANDEN
from doorstroom.values.domains import TERMIJN_MAANDEN, TERMIJN_WEKEN, Domain
from doorstroom.values.maand import add_months

INBURGERING_VANAF = ("koppeling", "huisvesting")
"""From when a linked person's intake and PIP terms run (``[inburgering_start] vanaf``), default first."""
INBURGERINGSLEEFTIJD = 18
"""Age from which a person without a recorded obligation counts as obliged (Wet inburgering 2021 art. 3
lid 1: a foreigner of eighteen or older; see docs/dossier.md on what is verified)."""


class Status(StrEnum):
    """Where a deadline stands on the reference date."""

    open = "open"
    binnenkort = "binnenkort"
    verlopen = "verlopen"


@dataclass(frozen=True)
class Regel:
    """A named deadline rule: one parameter (weeks or months) and its legal source."""

    naam: str
    omschrijving: str
    bron: str
    eenheid: str
    waarde: int

    def domein(self) -> Domain:
        """The documented domain of this rule's parameter."""
        return TERMIJN_WEKEN if self.eenheid == "weken" else TERMIJN_MAANDEN

    def na(self, start: date) -> date:
        """The due date ``waarde`` weeks or months after ``start``."""
        if self.eenheid == "weken":
            return start + timedelta(weeks=self.waarde)
        return add_months(start, self.waarde)


@dataclass(frozen=True)
class Termijn:
    """One open deadline of one person."""

    regel: str
    omschrijving: str
    start: date
    vervaldatum: date
    status: Status
    bron: str


STANDAARD: dict[str, Regel] = {
    r.naam: r
    for r in (
        Regel(
            "huisvesting_na_koppeling",
            "huisvesten na koppeling",
            "afspraak COA en gemeenten (Huisvestingswet 2014 art. 28); regel van de taakstelling",
            "maanden",
            HUISVESTINGSTERMIJN_MAANDEN,
        ),
        Regel(
            "woningaanbod_na_koppeling",
            "woningaanbod doen",
            "COA-taakstellingvolgsysteem (TVS): een woningaanbod binnen tien weken na de koppeling "
            "(streefnorm)",
            "weken",
            10,
        ),
        Regel(
            "verhuizing_na_aanbod",
            "verhuizen na het woningaanbod",
            "COA-taakstellingvolgsysteem (TVS): verhuizen binnen twee weken na het aanbod, en uiterlijk "
            "de huisvestingstermijn na de koppeling",
            "weken",
            2,
        ),
        Regel(
            "brede_intake",
            "brede intake afnemen",
            "Wet inburgering 2021 art. 14 en 15 lid 1 (intake gaat aan het PIP vooraf); DUO SS139",
            "weken",
            10,
        ),
        Regel(
            "pip_vaststelling",
            "PIP vaststellen (leerroute)",
            "Wet inburgering 2021 art. 15; Besluit inburgering 2021; DUO-gebeurtenissen SS139 en SS126",
            "weken",
            10,
        ),
        Regel(
            "inburgeringstermijn",
            "voldoen aan de inburgeringsplicht",
            "Wet inburgering 2021 art. 11 (drie jaar, vanaf de dag na dagtekening PIP) en art. 12 "
            "(verlenging; Besluit inburgering 2021 hoofdstuk 4)",
            "maanden",
            36,
        ),
        Regel(
            "ontzorgen",
            "einde ontzorgen (vaste lasten)",
            "Participatiewet art. 56a (ingevoegd door de Wet inburgering 2021): zes maanden",
            "maanden",
            6,
        ),
    )
}
SIGNAAL_DAGEN = 14


@dataclass(frozen=True)
class Regels:
    """The rules in force and how many days ahead a deadline counts as *binnenkort*."""

    regels: dict[str, Regel]
    signaal_dagen: int = SIGNAAL_DAGEN
    inburgering_vanaf: str = INBURGERING_VANAF[0]

    def __getitem__(self, naam: str) -> Regel:
        return self.regels[naam]


HUISVESTING = "huisvesting_na_koppeling"


def standaard(huisvesting_maanden: int = HUISVESTINGSTERMIJN_MAANDEN) -> Regels:
    """The rules with their legal defaults and the configured housing term."""
    regels = dict(STANDAARD)
    regels[HUISVESTING] = replace(regels[HUISVESTING], waarde=huisvesting_maanden)
    return Regels(regels)


def _status(vervaldatum: date, peildatum: date, signaal_dagen: int) -> Status:
    if peildatum > vervaldatum:
        return Status.verlopen
    if (vervaldatum - peildatum).days <= signaal_dagen:
        return Status.binnenkort
    return Status.open


@dataclass(frozen=True)
class Persoonsfeiten:
    """What a rule may need beside the timeline: the date of birth (for the obligation's age)."""

    geboortedatum: date | None = None


Bepaling = Callable[[Sequence[Gebeurtenis], Regels, Persoonsfeiten], tuple[date, date] | None]


def _huisvesting(
    tijdlijn: Sequence[Gebeurtenis], regels: Regels, _: Persoonsfeiten
) -> tuple[date, date] | None:
    koppeling = laatste(tijdlijn, "koppeling")
    if koppeling is None or laatste(tijdlijn, "huisvesting") is not None:
        return None
    return koppeling.datum, regels[HUISVESTING].na(koppeling.datum)


def aanbod_uiterlijk(koppeldatum: date, regels: Regels) -> date:
    """The day a dwelling should be offered by: the TVS aim after the koppeling."""
    return regels["woningaanbod_na_koppeling"].na(koppeldatum)


def verhuizing_uiterlijk(koppeldatum: date, aanbod: date | None, regels: Regels) -> date:
    """The day the household should have moved in: two weeks after the offer (or after the day the
    offer was due, while none was made), and never later than the housing term after the koppeling."""
    basis = aanbod if aanbod is not None else aanbod_uiterlijk(koppeldatum, regels)
    return min(regels["verhuizing_na_aanbod"].na(basis), regels[HUISVESTING].na(koppeldatum))


def aanbod_na(tijdlijn: Sequence[Gebeurtenis], koppeldatum: date) -> Gebeurtenis | None:
    """The first current offer made on or after the koppeling (an accepted offer counts as made)."""
    soorten = ("woningaanbod", "woningaanbod_geaccepteerd")
    return next((g for g in tijdlijn if g.soort in soorten and g.datum >= koppeldatum), None)


def _woningaanbod(
    tijdlijn: Sequence[Gebeurtenis], regels: Regels, _: Persoonsfeiten
) -> tuple[date, date] | None:
    koppeling = laatste(tijdlijn, "koppeling")
    if koppeling is None or laatste(tijdlijn, "huisvesting") is not None:
        return None
    if aanbod_na(tijdlijn, koppeling.datum) is not None:
        return None
    return koppeling.datum, aanbod_uiterlijk(koppeling.datum, regels)


def _verhuizing(
    tijdlijn: Sequence[Gebeurtenis], regels: Regels, _: Persoonsfeiten
) -> tuple[date, date] | None:
    koppeling = laatste(tijdlijn, "koppeling")
    if koppeling is None or laatste(tijdlijn, "huisvesting") is not None:
        return None
    aanbod = aanbod_na(tijdlijn, koppeling.datum)
    if aanbod is None:
        return None
    return aanbod.datum, verhuizing_uiterlijk(koppeling.datum, aanbod.datum, regels)


def volwassen(geboortedatum: date | None, op: date) -> bool:
    """Eighteen or older on ``op`` (unknown: no)."""
    if geboortedatum is None:
        return False
    jaren = op.year - geboortedatum.year - ((op.month, op.day) < (geboortedatum.month, geboortedatum.day))
    return jaren >= INBURGERINGSLEEFTIJD


def inburgering_start(
    tijdlijn: Sequence[Gebeurtenis], vanaf: str = INBURGERING_VANAF[0], feiten: Persoonsfeiten | None = None
) -> date | None:
    """When the intake and PIP terms start: the obligation; for a linked person from the koppeling
    (``vanaf`` koppeling; an adult without a recorded obligation too) or from the move-in."""
    plicht = laatste(tijdlijn, "inburgeringsplicht")
    if plicht is not None and plicht.gegevens.get("indicatorInburgeringsplicht") is not True:
        return None
    koppeling = laatste(tijdlijn, "koppeling")
    if koppeling is None:
        return plicht.datum if plicht else None
    if vanaf == "huisvesting":
        huisvesting = laatste(tijdlijn, "huisvesting")
        return max(plicht.datum, huisvesting.datum) if plicht and huisvesting else None
    if plicht is None:
        return (
            koppeling.datum
            if volwassen((feiten or Persoonsfeiten()).geboortedatum, koppeling.datum)
            else None
        )
    return max(plicht.datum, koppeling.datum)


def _zolang_geen(soort: str, naam: str) -> Bepaling:
    def bepaal(
        tijdlijn: Sequence[Gebeurtenis], regels: Regels, feiten: Persoonsfeiten
    ) -> tuple[date, date] | None:
        start = inburgering_start(tijdlijn, regels.inburgering_vanaf, feiten)
        if start is None or laatste(tijdlijn, soort) is not None or afgerond(tijdlijn):
            return None
        return start, regels[naam].na(start)

    return bepaal


def termijn_einde(tijdlijn: Sequence[Gebeurtenis], regel: Regel) -> tuple[date, date] | None:
    """The integration term: from the day after dagtekening PIP, three years or as last extended."""
    pip = next((g for g in tijdlijn if g.soort == "pip"), None)  # the first PIP: art. 11 lid 3
    if pip is None:
        return None
    start = pip.datum + timedelta(days=1)
    verlenging = laatste(tijdlijn, "inburgeringstermijn_verlenging")
    einde = date.fromisoformat(str(verlenging.gegevens["einddatum"])) if verlenging else regel.na(start)
    return start, einde


def _inburgeringstermijn(
    tijdlijn: Sequence[Gebeurtenis], regels: Regels, _: Persoonsfeiten
) -> tuple[date, date] | None:
    return None if afgerond(tijdlijn) else termijn_einde(tijdlijn, regels["inburgeringstermijn"])


def _ontzorgen(
    tijdlijn: Sequence[Gebeurtenis], regels: Regels, _: Persoonsfeiten
) -> tuple[date, date] | None:
    start = laatste(tijdlijn, "ontzorgen")
    einde = laatste(tijdlijn, "ontzorgen_einde")
    if start is None or (einde is not None and einde.datum >= start.datum):
        return None
    return start.datum, regels["ontzorgen"].na(start.datum)


BEPALINGEN: dict[str, Bepaling] = {
    "huisvesting_na_koppeling": _huisvesting,
    "woningaanbod_na_koppeling": _woningaanbod,
    "verhuizing_na_aanbod": _verhuizing,
    "brede_intake": _zolang_geen("brede_intake", "brede_intake"),
    "pip_vaststelling": _zolang_geen("pip", "pip_vaststelling"),
    "inburgeringstermijn": _inburgeringstermijn,
    "ontzorgen": _ontzorgen,
}


def _bij_verhuizing(tijdlijn: Sequence[Gebeurtenis]) -> list[Gebeurtenis]:
    """The timeline without the koppelingen after the first move-in (when one held before it): a
    later koppeling does not move the terms that ran from the one the person was housed under."""
    huisvesting = next((g for g in tijdlijn if g.soort == "huisvesting"), None)
    if huisvesting is None or not any(
        g.soort == "koppeling" and g.datum <= huisvesting.datum for g in tijdlijn
    ):
        return list(tijdlijn)
    return [g for g in tijdlijn if g.soort != "koppeling" or g.datum <= huisvesting.datum]


def _huisvesting_altijd(
    tijdlijn: Sequence[Gebeurtenis], regels: Regels, regel: Regel
) -> tuple[date, date] | None:
    """The housing term from the koppeling that held at the first move-in (or the latest one)."""
    koppeling = laatste(_bij_verhuizing(tijdlijn), "koppeling")
    return None if koppeling is None else (koppeling.datum, regel.na(koppeling.datum))


def _inburgering_altijd(
    tijdlijn: Sequence[Gebeurtenis], regels: Regels, regel: Regel
) -> tuple[date, date] | None:
    """Intake and PIP from the start the rules set (koppeling or move-in), under the koppeling that
    held at the move-in. Without a recorded obligation no start: the age is not on the timeline."""
    start = inburgering_start(_bij_verhuizing(tijdlijn), regels.inburgering_vanaf)
    return None if start is None else (start, regel.na(start))


def _inburgeringstermijn_altijd(
    tijdlijn: Sequence[Gebeurtenis], regels: Regels, regel: Regel
) -> tuple[date, date] | None:
    return termijn_einde(tijdlijn, regel)


def _ontzorgen_altijd(
    tijdlijn: Sequence[Gebeurtenis], regels: Regels, regel: Regel
) -> tuple[date, date] | None:
    start = next((g for g in tijdlijn if g.soort == "ontzorgen"), None)
    return None if start is None else (start.datum, regel.na(start.datum))


Geldend = Callable[[Sequence[Gebeurtenis], Regels, Regel], tuple[date, date] | None]
"""A rule's start and due date from a timeline, met or not (for figures after the fact)."""

GELDEND: dict[str, Geldend] = {
    "huisvesting_na_koppeling": _huisvesting_altijd,
    "brede_intake": _inburgering_altijd,
    "pip_vaststelling": _inburgering_altijd,
    "inburgeringstermijn": _inburgeringstermijn_altijd,
    "ontzorgen": _ontzorgen_altijd,
}
"""Per rule: its start and due date whether or not it was met (the open ones are :data:`BEPALINGEN`)."""


def alle_termijnen(tijdlijn: Sequence[Gebeurtenis], regels: Regels) -> dict[str, tuple[date, date]]:
    """Start and due date of every rule that applies to a current timeline, met or not.

    For figures after the fact (the monitor: was the PIP set within ten weeks?), where
    :func:`termijnen` lists only what is still open. The same starts and parameters: one rule, one
    home. The housing term runs from the koppeling that held at the first move-in; ontzorgen from
    its first start.
    """
    uit = {}
    for naam, bepaal in GELDEND.items():
        uitkomst = bepaal(tijdlijn, regels, regels[naam])
        if uitkomst is not None:
            uit[naam] = uitkomst
    return uit


def termijnen(
    tijdlijn: Sequence[Gebeurtenis], regels: Regels, peildatum: date, feiten: Persoonsfeiten | None = None
) -> list[Termijn]:
    """Every deadline of one person's current timeline that is still open on ``peildatum``."""
    found = []
    for naam, bepaal in BEPALINGEN.items():
        regel = regels[naam]
        uitkomst = bepaal(tijdlijn, regels, feiten or Persoonsfeiten())
        if uitkomst is not None:
            start, vervaldatum = uitkomst
            status = _status(vervaldatum, peildatum, regels.signaal_dagen)
            found.append(Termijn(naam, regel.omschrijving, start, vervaldatum, status, regel.bron))
    return sorted(found, key=lambda t: t.vervaldatum)
