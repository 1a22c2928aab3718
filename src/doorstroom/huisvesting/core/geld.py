"""The money of a housing plan: what each financial arrangement brings and what the supply costs.

An arrangement (:class:`Regeling`) is an amount per unit of something the plan counts (its
*grondslag*), valid between two dates, with its source and a mark: *gepubliceerd* (a published
figure) or *inschatting* (a judgement, or a figure not confirmed from a primary source). The amounts
live in a versioned table (``huisvesting/data/regelingen.csv``, updated by the operator from a file);
no amount is written in code. Per month the plan gives:

* persons housed for the first time (the rise of the highest number housed so far, so a person moved
  when a temporary unit ends is not paid for twice) — for arrangements *per persoon*, once;
* persons in units of a kind — *per persoon per jaar* (a twelfth a month) or *per persoon per dag*;
* units that become available — *per eenheid*, once;

times the arrangement's share (``aandeel``: which part of that quantity qualifies; unknown means the
line is not computed, and the plan says so). An arrangement counts in a month that overlaps its
validity; a range of amounts (1,000–4,000) is computed at its lower bound. The supply's own costs
(once when a line becomes available, per month while it counts) are the municipality's figures. The
gap is costs minus income: positive, the municipality pays more than it receives.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from doorstroom.huisvesting.core.aanbod import Eenheid, Soort
from doorstroom.huisvesting.core.plan import Plan
from doorstroom.values.maand import dagen_in, laatste_dag, maand_van


class Richting(StrEnum):
    """Money in or out of the municipality."""

    inkomsten = "inkomsten"
    kosten = "kosten"


class Grondslag(StrEnum):
    """What an amount is paid per."""

    persoon = "persoon"
    persoon_jaar = "persoon per jaar"
    persoon_dag = "persoon per dag"
    eenheid = "eenheid"
    opvangplaats = "opvangplaats"


class Zekerheid(StrEnum):
    """How sure an amount is: published, or a judgement / not confirmed from a primary source."""

    gepubliceerd = "gepubliceerd"
    inschatting = "inschatting"


@dataclass(frozen=True)
class Regeling:
    """One line of the money table."""

    sleutel: str
    regeling: str
    richting: Richting
    grondslag: Grondslag
    bedrag: float
    status: Zekerheid
    bron: str
    soorten: tuple[Soort, ...] = ()
    bedrag_hoog: float | None = None
    aandeel: float | None = 1.0
    geldig_van: date | None = None
    geldig_tot: date | None = None
    eenheid: str = ""
    toelichting: str = ""

    def geldig_in(self, maand: str) -> bool:
        """Whether the arrangement's validity overlaps the month ``YYYY-MM``."""
        eerste = laatste_dag(maand).replace(day=1)
        return (self.geldig_van is None or self.geldig_van <= laatste_dag(maand)) and (
            self.geldig_tot is None or self.geldig_tot >= eerste
        )


@dataclass(frozen=True)
class Hoeveelheden:
    """What the plan counts in one month for the money."""

    maand: str
    nieuw_gehuisvest: int
    bezetting: dict[Soort, int]
    nieuwe_eenheden: dict[Soort, int]


@dataclass(frozen=True)
class Geldregel:
    """One arrangement (or one supply line's costs) in one month."""

    maand: str
    sleutel: str
    regeling: str
    richting: Richting
    hoeveelheid: float
    eenheid: str
    bedrag: float
    status: str
    bron: str

    @property
    def totaal(self) -> float:
        """The amount of the month: quantity times amount."""
        return self.hoeveelheid * self.bedrag


@dataclass(frozen=True)
class Overgeslagen:
    """An arrangement the plan could not compute, and why."""

    regeling: Regeling
    reden: str


@dataclass(frozen=True)
class Saldo:
    """Income, costs and the gap (costs minus income) of a month or a year."""

    periode: str
    inkomsten: float
    kosten: float

    @property
    def tekort(self) -> float:
        """Costs minus income: what the municipality pays itself (negative: it receives more)."""
        return self.kosten - self.inkomsten


@dataclass(frozen=True)
class Geldplan:
    """Every money line per month, what was skipped and why, and the sums per month and year."""

    maanden: tuple[str, ...]
    regels: tuple[Geldregel, ...]
    overgeslagen: tuple[Overgeslagen, ...]

    def per_maand(self) -> list[Saldo]:
        """Income, costs and gap of every month."""
        return [self._saldo(m, m) for m in self.maanden]

    def per_jaar(self) -> list[Saldo]:
        """Income, costs and gap of every calendar year the plan touches."""
        jaren = sorted({m[:4] for m in self.maanden})
        return [self._saldo(j, j) for j in jaren]

    def _saldo(self, periode: str, begin: str) -> Saldo:
        """The sums of the lines whose month starts with ``begin`` (a month, or a year)."""
        regels = [r for r in self.regels if r.maand.startswith(begin)]
        som = {kant: sum(r.totaal for r in regels if r.richting is kant) for kant in Richting}
        return Saldo(periode, som[Richting.inkomsten], som[Richting.kosten])


def hoeveelheden(plan: Plan) -> list[Hoeveelheden]:
    """Per month: persons housed for the first time, persons per kind of unit, new units per kind."""
    soort = {e.kenmerk: e.soort for e in plan.eenheden}
    hoogste, uit = 0, []
    for maand in plan.maanden:
        gehuisvest = maand.som("gehuisvest")
        nieuw, hoogste = max(gehuisvest - hoogste, 0), max(hoogste, gehuisvest)
        bezetting = {s: 0 for s in Soort}
        for kenmerk, personen in maand.bezetting.items():
            bezetting[soort[kenmerk]] += personen
        nieuwe = {s: 0 for s in Soort}
        for e in plan.eenheden:
            if maand_van(e.beschikbaar) == maand.maand and e.telt_op(laatste_dag(maand.maand)):
                nieuwe[e.soort] += e.eenheden
        uit.append(Hoeveelheden(maand.maand, nieuw, bezetting, nieuwe))
    return uit


def geldplan(plan: Plan, regelingen: Sequence[Regeling]) -> Geldplan:
    """The money lines of ``plan`` under the arrangements of ``regelingen`` and the supply's costs."""
    per_maand = hoeveelheden(plan)
    maanden = tuple(h.maand for h in per_maand)
    regels: list[Geldregel] = []
    overgeslagen: list[Overgeslagen] = []
    for regeling in regelingen:
        reden = waarom_niet(regeling, maanden)
        if reden:
            overgeslagen.append(Overgeslagen(regeling, reden))
            continue
        regels += [r for h in per_maand if (r := _regel(regeling, h)) is not None]
    for eenheid in plan.eenheden:
        regels += _kosten(eenheid, maanden)
    return Geldplan(maanden, tuple(regels), tuple(overgeslagen))


def waarom_niet(regeling: Regeling, maanden: Sequence[str]) -> str | None:
    """Why an arrangement cannot be computed in a plan over ``maanden`` (None: it can)."""
    if regeling.grondslag is Grondslag.opvangplaats:
        return "per opvangplaats: hoort bij de spreiding van opvangplaatsen, niet bij het huisvestingsplan"
    if regeling.aandeel is None:
        return "aandeel onbekend: geef in de tabel welk deel van de grondslag meetelt (kolom aandeel)"
    if not any(regeling.geldig_in(m) for m in maanden):
        return "niet geldig in de maanden van het plan"
    return None


EENHEDEN = {
    Grondslag.persoon: "personen",
    Grondslag.persoon_jaar: "persoonsjaren",
    Grondslag.persoon_dag: "persoonsdagen",
    Grondslag.eenheid: "eenheden",
}


def _regel(regeling: Regeling, h: Hoeveelheden) -> Geldregel | None:
    if not regeling.geldig_in(h.maand):
        return None
    hoeveelheid = _hoeveelheid(regeling, h) * (regeling.aandeel or 0.0)
    if hoeveelheid == 0:
        return None
    return Geldregel(
        h.maand,
        regeling.sleutel,
        regeling.regeling,
        regeling.richting,
        hoeveelheid,
        EENHEDEN[regeling.grondslag],
        regeling.bedrag,
        regeling.status.value,
        regeling.bron,
    )


def _hoeveelheid(regeling: Regeling, h: Hoeveelheden) -> float:
    soorten = regeling.soorten or tuple(Soort)
    if regeling.grondslag is Grondslag.persoon:
        return float(h.nieuw_gehuisvest)
    if regeling.grondslag is Grondslag.eenheid:
        return float(sum(h.nieuwe_eenheden[s] for s in soorten))
    personen = sum(h.bezetting[s] for s in soorten)
    if regeling.grondslag is Grondslag.persoon_jaar:
        return personen / 12
    return float(personen * dagen_in(h.maand))


def _kosten(eenheid: Eenheid, maanden: Sequence[str]) -> list[Geldregel]:
    """A supply line's own costs: once in the month it becomes available, monthly while it counts."""
    naam = f"{eenheid.naam} ({eenheid.soort.value}, {eenheid.kenmerk})"
    sleutel, bron = f"aanbod:{eenheid.kenmerk}", eenheid.bron

    def regel(maand: str, wat: str, bedrag: float) -> Geldregel:
        return Geldregel(
            maand, sleutel, f"{naam}: {wat}", Richting.kosten, 1.0, "keer", bedrag, "gemeente", bron
        )

    regels = []
    for maand in maanden:
        if eenheid.kosten_eenmalig and maand_van(eenheid.beschikbaar) == maand:
            regels.append(regel(maand, "eenmalig", eenheid.kosten_eenmalig))
        if eenheid.kosten_per_maand and eenheid.telt_op(laatste_dag(maand)):
            regels.append(regel(maand, "per maand", eenheid.kosten_per_maand))
    return regels
