"""The distribution of reception places (*opgaven*): per province and municipality, one call.

:func:`bereken` answers "how many reception places per province and municipality" for a capacity
estimate, with existing durable places counted and a province's plan checked
(:mod:`doorstroom.spreiding.regio_overzicht` builds the region view on it). It returns plain values
(rows ready for a table, CSV, JSON or a web page, plus a :class:`Toelichting` saying which inputs
were used), so the CLI, the API and the web app each make one call. Inputs are files a planner
keeps in Excel; the locations come from a file when one is given, else from the register in the
database when there is one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction
from pathlib import Path

from sqlalchemy import Engine

from doorstroom.platform.errors import InputError, Problem
from doorstroom.reference.core.domain import Gemeente
from doorstroom.reference.core.lookup import label, namen
from doorstroom.reference.service import EMBEDDED_PEILDATUM, gemeenten_uit
from doorstroom.spreiding import io, register
from doorstroom.spreiding.core.correctie import Correctie, sleutel
from doorstroom.spreiding.core.domain import Locatie, Raming
from doorstroom.spreiding.core.duurzaam import Bestaand, bestaand_per_gemeente
from doorstroom.spreiding.core.plan import Plan, aanbod_per_gemeente, controleer
from doorstroom.spreiding.core.report import (
    gemeente_records,
    provincie_records,
)
from doorstroom.spreiding.core.verdeling import Verdeling, verdeel
from doorstroom.taakstelling import service as taakstelling_service
from doorstroom.values.domains import OPVANGPLAATSEN, PERCENTAGE, Domain
from doorstroom.values.number_text import NumberTextError, format_nl, parse_number
from doorstroom.values.record import Record

INGEBOUWDE_BEVOLKING = EMBEDDED_PEILDATUM.year
_PERCENTAGE = re.compile(r"^\s*([0-9]+([.,][0-9]+)?)\s*%\s*$")


@dataclass(frozen=True)
class Verzoek:
    """What to distribute and with which inputs (files are paths; None means: not used)."""

    totaal: int | None = None
    raming: date | None = None
    amv: str | None = None
    correctie: Path | None = None
    locaties: Path | None = None
    plan: Path | None = None
    peildatum: date | None = None
    gemeenten: Path | None = None
    bevolking: int | None = None


@dataclass(frozen=True)
class Toelichting:
    """Which inputs a result rests on, in words for the output (every estimate has a date)."""

    totaal: int
    amv: int
    herkomst_totaal: str
    herkomst_amv: str
    bevolking: str
    correctie: str | None
    locaties: str | None
    plan: str | None
    peildatum: date
    extra: tuple[tuple[str, str], ...] = ()

    def regels(self) -> list[tuple[str, str]]:
        """(name, value) pairs, in the order a reader wants them."""
        return [
            ("totaal", f"{format_nl(self.totaal)} plaatsen ({self.herkomst_totaal})"),
            ("amv", f"{format_nl(self.amv)} plaatsen ({self.herkomst_amv})"),
            ("inwoners", self.bevolking),
            (
                "correctie",
                f"toegepast: {self.correctie}" if self.correctie else "niet toegepast (alleen inwoners)",
            ),
            ("bestaande plaatsen", self.locaties or "geen locaties: bestaande plaatsen niet meegeteld"),
            ("plan", self.plan or "geen"),
            ("peildatum", self.peildatum.isoformat()),
            *self.extra,
        ]


@dataclass(frozen=True)
class Spreiding:
    """The distribution with its rows per province and per municipality."""

    verdeling: Verdeling
    bestaand: dict[str, Bestaand]
    aanbod: dict[str, int] | None
    provincies: list[Record]
    gemeenten: list[Record]
    toelichting: Toelichting
    locaties: list[Locatie] = field(default_factory=list)
    lijst: list[Gemeente] = field(default_factory=list)


def bereken(verzoek: Verzoek, engine: Engine | None = None) -> Spreiding:
    """The distribution for an estimate: whole places, amv, durable places counted, plan checked."""
    lijst, bevolking = gemeenten_voor(verzoek)
    totaal, herkomst_totaal = totaal_voor(verzoek)
    amv, herkomst_amv = amv_voor(verzoek, totaal)
    correctie = io.lees_correctie(verzoek.correctie, lijst) if verzoek.correctie else None
    _sleutel_niet_nul(verzoek, lijst, correctie)
    verdeling = verdeel(totaal, amv, lijst, correctie)
    peildatum = verzoek.peildatum or taakstelling_service.vandaag()
    locaties, locatiebron = locaties_voor(verzoek, engine, lijst)
    bestaand = bestaand_per_gemeente(locaties, peildatum)
    plan = _plan(verzoek, lijst, verdeling)
    aanbod = aanbod_per_gemeente(plan, verdeling) if plan else None
    toelichting = Toelichting(
        totaal,
        amv,
        herkomst_totaal,
        herkomst_amv,
        bevolking,
        correctie.bron if correctie else None,
        locatiebron,
        plan.bron if plan else None,
        peildatum,
    )
    return Spreiding(
        verdeling,
        bestaand,
        aanbod,
        provincie_records(verdeling, bestaand, aanbod),
        gemeente_records(verdeling, bestaand, aanbod),
        toelichting,
        locaties,
        lijst,
    )


def _sleutel_niet_nul(verzoek: Verzoek, lijst: list[Gemeente], correctie: Correctie | None) -> None:
    """A key that sums to zero cannot split anything: say which input made it so."""
    if sum(sleutel({g.code: g.inwoners for g in lijst}, correctie).values()) > 0:
        return
    bron = verzoek.correctie if correctie is not None else verzoek.gemeenten
    wat = (
        "de correctiefactoren maken de verdeelsleutel 0"
        if correctie
        else "de gemeenten hebben samen 0 inwoners"
    )
    raise InputError(Problem(wat, file=None if bron is None else str(bron)))


def _plan(verzoek: Verzoek, lijst: list[Gemeente], verdeling: Verdeling) -> Plan | None:
    if verzoek.plan is None:
        return None
    plan = io.lees_plan(verzoek.plan, lijst)
    problemen = controleer(plan, verdeling)
    if problemen:
        raise InputError(problemen)
    return plan


def gemeenten_voor(verzoek: Verzoek) -> tuple[list[Gemeente], str]:
    """The municipalities and population the key uses, and how to say so in the output."""
    if verzoek.gemeenten is not None:
        return gemeenten_uit(verzoek.gemeenten), f"eigen gemeentelijst {verzoek.gemeenten}"
    jaar = verzoek.bevolking or INGEBOUWDE_BEVOLKING
    if jaar != INGEBOUWDE_BEVOLKING:
        raise InputError(
            Problem(
                f"de bevolking op 1 januari {jaar} is niet ingebouwd; beschikbaar: {INGEBOUWDE_BEVOLKING} "
                "(of geef een eigen CBS-gemeentelijst van dat jaar)",
                field="bevolking",
            )
        )
    return gemeenten_uit(None), f"CBS, 1 januari {jaar} (ingebouwde gemeentelijst)"


def raming_op(datum: date) -> Raming:
    """The embedded estimate of ``datum``; an error listing the known estimates otherwise."""
    for raming in io.ramingen():
        if raming.datum == datum:
            return raming
    bekend = ", ".join(f"{r.datum} ({format_nl(r.totaal)})" for r in io.ramingen())
    raise InputError(Problem(f"geen capaciteitsraming van {datum}; bekend: {bekend}", field="raming"))


def totaal_voor(verzoek: Verzoek) -> tuple[int, str]:
    """The national number: given as a total, or the embedded capacity estimate of a date."""
    if verzoek.totaal is not None and verzoek.raming is not None:
        raise InputError(Problem("geef een totaal of een capaciteitsraming, niet allebei", field="totaal"))
    if verzoek.totaal is not None:
        if probleem := OPVANGPLAATSEN.problem(verzoek.totaal):
            raise InputError(Problem(probleem, field="totaal"))
        return verzoek.totaal, "opgegeven totaal"
    if verzoek.raming is None:
        bekend = ", ".join(f"{r.datum} ({format_nl(r.totaal)})" for r in io.ramingen())
        raise InputError(
            Problem(
                f"geef een totaal aantal plaatsen of kies een capaciteitsraming: {bekend}", field="totaal"
            )
        )
    raming = raming_op(verzoek.raming)
    return raming.totaal, f"capaciteitsraming {raming.datum}"


def amv_voor(verzoek: Verzoek, totaal: int) -> tuple[int, str]:
    """The amv places: given as a number or percentage, else the estimate's amv share."""
    if verzoek.amv is not None:
        return _amv_optie(verzoek.amv, totaal)
    raming = raming_op(verzoek.raming) if verzoek.raming else None
    if raming is not None and raming.amv is not None:
        return raming.amv, f"capaciteitsraming {raming.datum}"
    gepubliceerd = [(r, r.amv) for r in io.ramingen() if r.amv is not None]
    if not gepubliceerd:
        raise InputError(Problem("geef het aantal amv-plaatsen", field="amv"))
    bron, bron_amv = gepubliceerd[-1]
    aandeel = format_nl(100 * bron_amv / bron.totaal, 2)
    return _half_op(
        Fraction(totaal * bron_amv, bron.totaal)
    ), f"{aandeel} % zoals in de capaciteitsraming {bron.datum}"


def _amv_optie(tekst: str, totaal: int) -> tuple[int, str]:
    match = _PERCENTAGE.match(tekst)
    if match:
        procent = _getal(match.group(1), PERCENTAGE)
        fractie = Fraction(str(procent)) / 100
        return _half_op(totaal * fractie), f"{tekst.strip()} van het totaal, opgegeven"
    aantal = int(_getal(tekst, OPVANGPLAATSEN))
    if aantal > totaal:
        raise InputError(Problem(f"{aantal} amv-plaatsen is meer dan het totaal {totaal}", field="amv"))
    return aantal, "opgegeven aantal"


def _getal(tekst: str, domain: Domain) -> float:
    """A number of amv places by the one number rule (``8.140``, ``8,5``), inside ``domain``."""
    try:
        return parse_number(tekst, domain)
    except NumberTextError as error:
        raise InputError(
            Problem(f"{error}; geef een aantal of percentage (8140 of 8,5%)", field="amv")
        ) from None


def _half_op(waarde: Fraction) -> int:
    return int(waarde + Fraction(1, 2))


def locaties_voor(
    verzoek: Verzoek, engine: Engine | None, lijst: list[Gemeente]
) -> tuple[list[Locatie], str | None]:
    """Locations from a locations file, else the register (when a database is there), else none."""
    if verzoek.locaties is not None:
        locaties = [regel.locatie for regel in io.lees_locaties(verzoek.locaties, lijst)]
        return locaties, f"locaties uit {verzoek.locaties}"
    if engine is None:
        return [], None
    locaties = register.huidige_locaties(engine)
    _in_lijst(locaties, lijst)
    return locaties, f"locatieregister ({len(locaties)} locaties)" if locaties else None


def _in_lijst(locaties: list[Locatie], lijst: list[Gemeente]) -> None:
    """Registered locations must lie in municipalities of the list used (not merged away)."""
    bekend = namen(lijst)
    problemen = [
        Problem(
            f"locatie {loc.id} ligt in {label(loc.gemeentecode, bekend)}, niet in de gemeentelijst",
            field="gemeente",
        )
        for loc in locaties
        if loc.gemeentecode not in bekend
    ]
    if problemen:
        raise InputError(problemen)
