"""The monitor's indicators, each defined once: who is counted, what is measured, and from which
events and rule (docs/monitor.md repeats every definition; a test holds the two together).

An indicator is a rule ``meet(persoon, peildatum, cohortjaar)``: None when the person is not in its
population, else a :class:`Meting` — whether the person meets it (shares) and after how many days
(medians). Deadlines are the case file's own rules (:mod:`doorstroom.dossier.termijnen`, handed over
as start and due date), so "within ten weeks" means here what it means in the file.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from doorstroom.monitor.core.persoon import Persoon, loopt
from doorstroom.values.maand import add_months

HORIZONTEN = (6, 12, 24, 36)
"""Months after the move-in at which participation and benefits are measured."""
WERKZAAM = (18, 66)
"""Ages (reached in the cohort year) counted for participation and benefits: 18 up to the AOW age."""
PARTICIPATIE = frozenset({"werk", "studie", "vrijwilligerswerk"})
"""Participation that counts ("work, study or volunteering"); an internship (*stage*) does not."""
PLICHT_VOLDAAN = "Inburgeringsplicht voldaan"
TIJDELIJK = "Tijdelijke vrijstelling"


class Soort(StrEnum):
    """What an indicator's value is."""

    aantal = "aantal"
    aandeel = "aandeel"
    mediaan = "mediaan"


EENHEDEN = {Soort.aantal: "personen", Soort.aandeel: "procent", Soort.mediaan: "dagen"}


@dataclass(frozen=True)
class Meting:
    """One person in an indicator's population: met or not (shares), days (medians)."""

    voldaan: bool = False
    dagen: int | None = None


Meetregel = Callable[[Persoon, date, int], Meting | None]


@dataclass(frozen=True)
class Indicator:
    """An indicator: name, title, kind, definition, source events and rule, and how to measure."""

    naam: str
    titel: str
    soort: Soort
    definitie: str
    bron: str
    regel: str
    meet: Meetregel

    @property
    def eenheid(self) -> str:
        """personen, procent or dagen."""
        return EENHEDEN[self.soort]


def _cohort(persoon: Persoon, peildatum: date, jaar: int) -> Meting | None:
    return Meting()


def _vergunning_koppeling(persoon: Persoon, peildatum: date, jaar: int) -> Meting | None:
    vergunning, koppeling = persoon.eerste("verblijfsvergunning"), persoon.eerste("koppeling")
    if vergunning is None or koppeling is None or koppeling.datum < vergunning.datum:
        return None
    return Meting(dagen=(koppeling.datum - vergunning.datum).days)


def _dagen_tot(regel: str, soort: str) -> Meetregel:
    """Days from the start of deadline ``regel`` to the first ``soort`` event (0 when before it)."""

    def meet(persoon: Persoon, peildatum: date, jaar: int) -> Meting | None:
        termijn, feit = persoon.termijnen.get(regel), persoon.eerste(soort)
        if termijn is None or feit is None:
            return None
        return Meting(dagen=max(0, (feit.datum - termijn[0]).days))

    return meet


def _binnen_termijn(regel: str, soort: str) -> Meetregel:
    """Met when the first ``soort`` event is on or before the due date of ``regel``; counted once
    that is known (the event happened, or the due date passed before the reference date)."""

    def meet(persoon: Persoon, peildatum: date, jaar: int) -> Meting | None:
        termijn, feit = persoon.termijnen.get(regel), persoon.eerste(soort)
        if termijn is None or (feit is None and peildatum <= termijn[1]):
            return None
        return Meting(voldaan=feit is not None and feit.datum <= termijn[1])

    return meet


def _plicht_gestart(persoon: Persoon) -> bool:
    return any(
        f.gegevens.get("indicatorInburgeringsplicht") is True for f in persoon.alle("inburgeringsplicht")
    )


def _geheel_ontheven(persoon: Persoon) -> bool:
    return any(
        f.gegevens.get("soort") == "gehele" and f.gegevens.get("oordeel") == "Toekenning"
        for f in persoon.alle("vrijstelling", "ontheffing")
    )


def _op_schema(persoon: Persoon, peildatum: date, jaar: int) -> Meting | None:
    """Obligation met, or running with no deadline of intake, PIP or the term itself passed."""
    if not _plicht_gestart(persoon) or _geheel_ontheven(persoon):
        return None
    plicht = persoon.laatste("inburgeringsplicht")
    if plicht is not None and plicht.gegevens.get("indicatorInburgeringsplicht") is False:
        reden = plicht.gegevens.get("redenGeenInburgeringsplicht")
        if reden == PLICHT_VOLDAAN:
            return Meting(voldaan=True)
        if reden != TIJDELIJK:
            return None  # ended otherwise (departure, death, another purpose of stay): not counted
    verlopen = [
        regel
        for regel, soort in (("brede_intake", "brede_intake"), ("pip_vaststelling", "pip"))
        if regel in persoon.termijnen
        and persoon.eerste(soort) is None
        and peildatum > persoon.termijnen[regel][1]
    ]
    termijn = persoon.termijnen.get("inburgeringstermijn")
    if termijn is not None and peildatum > termijn[1]:
        verlopen.append("inburgeringstermijn")
    return Meting(voldaan=not verlopen)


def _na_maanden(maanden: int, start: str, einde: str, soorten: frozenset[str] | None) -> Meetregel:
    """Whether something (participation, a benefit) runs ``maanden`` months after the first move-in,
    for persons of working age whose measuring day has come."""

    def meet(persoon: Persoon, peildatum: date, jaar: int) -> Meting | None:
        huisvesting = persoon.eerste("huisvesting")
        if huisvesting is None or not WERKZAAM[0] <= jaar - persoon.geboortejaar <= WERKZAAM[1]:
            return None
        meetdag = add_months(huisvesting.datum, maanden)
        if meetdag > peildatum:
            return None
        return Meting(voldaan=loopt(persoon, start, einde, soorten, meetdag))

    return meet


def _ontzorgen(persoon: Persoon, peildatum: date, jaar: int) -> Meting | None:
    bijstand = any(f.gegevens.get("soort") == "Participatiewet" for f in persoon.alle("uitkering"))
    if not (_plicht_gestart(persoon) and bijstand):
        return None
    return Meting(voldaan=persoon.eerste("ontzorgen") is not None)


def _examens(persoon: Persoon, peildatum: date, jaar: int) -> Meting | None:
    laatste: dict[object, object] = {}
    for examen in persoon.alle("examen"):
        if examen.gegevens.get("resultaat") in ("Geslaagd", "Gezakt"):
            laatste[examen.gegevens.get("onderdeel")] = examen.gegevens.get("resultaat")
    if not laatste:
        return None
    return Meting(voldaan=all(uitslag == "Geslaagd" for uitslag in laatste.values()))


_KOPPELING = "koppeling (koppeldatum)"
_INBURGERING = "Wet inburgering 2021 art. 14 en 15; termijnregels van het dossier"


def _lijst() -> list[Indicator]:
    vast = [
        Indicator(
            "cohort", "Personen in het cohort", Soort.aantal,
            "Personen met een eerste verhuizing naar (of, naar keuze, een eerste verblijfsvergunning in) "
            "het cohortjaar, geteld bij de gemeente van de eerste huisvesting (anders van de laatste "
            "koppeling).",
            "huisvesting, verblijfsvergunning, koppeling", "cohortindeling van de monitor",
            _cohort,
        ),
        Indicator(
            "vergunning_tot_koppeling", "Dagen van vergunning tot koppeling", Soort.mediaan,
            "Mediaan van het aantal dagen van de eerste verblijfsvergunning tot de eerste koppeling, "
            "onder wie beide heeft (koppeling niet voor de vergunning).",
            f"verblijfsvergunning (ingangsdatum), {_KOPPELING}", "geen wettelijke termijn",
            _vergunning_koppeling,
        ),
        Indicator(
            "koppeling_tot_huisvesting", "Dagen van koppeling tot huisvesting", Soort.mediaan,
            "Mediaan van het aantal dagen van de koppeling waar de huisvestingstermijn van loopt tot de "
            "eerste verhuizing naar een woning, onder wie gehuisvest is.",
            f"{_KOPPELING}, huisvesting (verhuisdatum)", "termijnregel huisvesting_na_koppeling",
            _dagen_tot("huisvesting_na_koppeling", "huisvesting"),
        ),
        Indicator(
            "huisvesting_binnen_termijn", "Gehuisvest binnen de termijn", Soort.aandeel,
            "Aandeel gehuisvest op of voor de vervaldatum van de huisvestingstermijn (koppeldatum plus "
            "drie maanden), onder wie gehuisvest is of van wie de termijn op de peildatum verstreken is.",
            f"{_KOPPELING}, huisvesting",
            "termijnregel huisvesting_na_koppeling (Huisvestingswet 2014 art. 28)",
            _binnen_termijn("huisvesting_na_koppeling", "huisvesting"),
        ),
    ]  # fmt: skip
    return vast + _inburgering() + _participatie()


def _inburgering() -> list[Indicator]:
    uit = []
    for regel, soort, kort in (
        ("brede_intake", "brede_intake", "brede intake"),
        ("pip_vaststelling", "pip", "PIP"),
    ):
        uit += [
            Indicator(
                f"{soort}_dagen", f"Dagen tot {kort}", Soort.mediaan,
                f"Mediaan van het aantal dagen van de start van de termijn ({regel}: de inburgeringsplicht, "
                f"voor gekoppelde personen niet voor de verhuizing) tot de eerste {kort} (0 als die eerder "
                "lag), onder wie die heeft.",
                f"inburgeringsplicht, huisvesting, {soort}", f"termijnregel {regel}; {_INBURGERING}",
                _dagen_tot(regel, soort),
            ),
            Indicator(
                f"{soort}_binnen_termijn", f"{kort[0].upper()}{kort[1:]} binnen 10 weken", Soort.aandeel,
                f"Aandeel met een {kort} op of voor de vervaldatum van de termijn {regel} (start plus tien "
                "weken), onder wie die heeft of van wie de termijn op de peildatum verstreken is.",
                f"inburgeringsplicht, huisvesting, {soort}", f"termijnregel {regel}; {_INBURGERING}",
                _binnen_termijn(regel, soort),
            ),
        ]  # fmt: skip
    uit.append(
        Indicator(
            "inburgering_op_schema", "Inburgeringsplicht voldaan of op schema", Soort.aandeel,
            "Aandeel met voldane inburgeringsplicht, of met een lopende plicht waarvan geen termijn "
            "(brede intake, PIP, inburgeringstermijn) op de peildatum verstreken is; onder wie een "
            "inburgeringsplicht kreeg, zonder wie geheel ontheven of vrijgesteld is of wiens plicht om "
            "een andere reden eindigde.",
            "inburgeringsplicht, brede_intake, pip, inburgeringstermijn_verlenging, vrijstelling, ontheffing",
            "Wet inburgering 2021 art. 11 en 12; termijnregels van het dossier",
            _op_schema,
        )
    )  # fmt: skip
    return uit


def _participatie() -> list[Indicator]:
    uit = []
    for maanden in HORIZONTEN:
        uit.append(
            Indicator(
                f"participatie_{maanden}m", f"Werk, studie of vrijwilligerswerk na {maanden} maanden",
                Soort.aandeel,
                f"Aandeel met lopende participatie (werk, studie of vrijwilligerswerk; geen stage) op de "
                f"dag {maanden} maanden na de eerste verhuizing, onder personen van 18 tot en met 66 jaar "
                "van wie die dag op of voor de peildatum ligt.",
                "huisvesting, participatie, participatie_einde", "eigen definitie (geen DUO/GGM-naam)",
                _na_maanden(maanden, "participatie", "participatie_einde", PARTICIPATIE),
            )
        )  # fmt: skip
    for maanden in HORIZONTEN:
        uit.append(
            Indicator(
                f"uitkering_{maanden}m", f"Uitkering na {maanden} maanden", Soort.aandeel,
                f"Aandeel met een lopende uitkering (Participatiewet, WW of overig) op de dag {maanden} "
                "maanden na de eerste verhuizing, onder personen van 18 tot en met 66 jaar van wie die "
                "dag op of voor de peildatum ligt.",
                "huisvesting, uitkering, uitkering_einde", "eigen definitie (geen DUO/GGM-naam)",
                _na_maanden(maanden, "uitkering", "uitkering_einde", None),
            )
        )  # fmt: skip
    return [*uit, *_laatste()]


def _laatste() -> list[Indicator]:
    return [
        Indicator(
            "ontzorgen", "Ontzorgen ingezet", Soort.aandeel,
            "Aandeel bij wie ontzorgen is gestart, onder wie een inburgeringsplicht kreeg en een "
            "uitkering op grond van de Participatiewet.",
            "inburgeringsplicht, uitkering, ontzorgen", "Participatiewet art. 56a",
            _ontzorgen,
        ),
        Indicator(
            "examens_geslaagd", "Examens gehaald", Soort.aandeel,
            "Aandeel van wie het laatste resultaat (geslaagd of gezakt) van elk afgelegd examenonderdeel "
            "(ook KNM) 'Geslaagd' is, onder wie ten minste één examenonderdeel aflegde.",
            "examen (DUO Examenresultaat)", "Wet inburgering 2021 (inburgeringsexamen, DUO)",
            _examens,
        ),
    ]  # fmt: skip


INDICATOREN: Mapping[str, Indicator] = {i.naam: i for i in _lijst()}
"""Every indicator by name, in the order the monitor shows them."""
