"""The documented domain of every number and text Doorstroom reads from a user.

A number read from a file, an option or a scenario is checked at the boundary against one of the
domains below, so nothing out of range reaches NumPy, a solver or a database column (an ``int``
above 2**31 is out of range for PostgreSQL ``integer``; a float above 2**53 loses whole persons;
``1e8`` children would make the matching model allocate hundreds of gigabytes). The bounds are
generous — far above any real Dutch figure — yet finite; ``docs/domains.md`` lists them with the
reasoning. Texts are checked against the length of the column they are stored in, and may not
contain control characters (a NUL byte is refused by PostgreSQL and invisible in Excel).
"""

from __future__ import annotations

import math
import sys
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from typing import TypeVar

from doorstroom.platform.errors import InputError, Problem

N = TypeVar("N", int, float)


@dataclass(frozen=True)
class Domain:
    """A closed interval of allowed values, with a Dutch description for error messages."""

    omschrijving: str
    minimum: float
    maximum: float
    geheel: bool = True

    def problem(self, value: float) -> str | None:
        """Why ``value`` is outside the domain, in Dutch; None when it is inside.

        A whole number is compared exactly, never through ``float``: an ``int`` beyond 1.8e308 (JSON
        ``10**400``, a form field of 400 digits) has no float, and converting it raised OverflowError.
        """
        if isinstance(value, int):
            return self._bereikprobleem(value)
        if not math.isfinite(value):
            return f"{value} is geen eindig getal"
        if self.geheel and not value.is_integer():
            return f"{_show(value)} is geen geheel getal"
        return self._bereikprobleem(value)

    def _bereikprobleem(self, value: float) -> str | None:
        """Python compares an int with a float exactly (no conversion), so this holds for any int."""
        if value < self.minimum:
            return f"{_show(value)} is kleiner dan {_show(self.minimum)} ({self.omschrijving})"
        if value > self.maximum:
            return f"{_show(value)} is groter dan {_show(self.maximum)} ({self.omschrijving})"
        return None

    def check(self, value: N, *, field: str) -> N:
        """``value`` when it lies in the domain; an InputError naming ``field`` otherwise."""
        problem = self.problem(value)
        if problem:
            raise InputError(Problem(problem, field=field))
        return value


def heeft_float(value: float) -> bool:
    """True when ``value`` is a finite number a float can hold: not NaN or infinite, and not an int
    beyond 1.8e308 (``float(10**400)`` raises OverflowError; the comparison below is exact)."""
    if isinstance(value, int):
        return abs(value) <= sys.float_info.max
    return math.isfinite(value)


def _show(value: float) -> str:
    """A number for a message; huge ones in short scientific notation (``1e+400``), exact for an int."""
    if abs(value) >= 1e15:
        return f"{Decimal(value):.3g}" if isinstance(value, int) else f"{value:.3g}"
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


# Persons: the Netherlands has about 18 million inhabitants; every count of people fits in this.
PERSONEN = Domain("aantal personen, 0 tot en met 20.000.000", 0, 20_000_000)
INWONERS = Domain("aantal inwoners, 0 tot en met 20.000.000", 0, 20_000_000)
WONINGEN = Domain("aantal woningen, 0 tot en met 20.000.000", 0, 20_000_000)
# A national half-year taakstelling has never exceeded about 30,000; one million is a safe ceiling.
TAAKSTELLING_LANDELIJK = Domain("landelijke taakstelling, 0 tot en met 1.000.000", 0, 1_000_000)
# Persons housed by one municipality in one month or one half year.
PERSONEN_GEMEENTE = Domain("personen per gemeente, 0 tot en met 1.000.000", 0, 1_000_000)
# Arrears (positive) or advance (negative) of one municipality, in persons.
SALDO_PERSONEN = Domain("achterstand of voorsprong, -1.000.000 tot en met 1.000.000", -1_000_000, 1_000_000)
GEMEENTEN = Domain("aantal gemeenten, 0 tot en met 1.000", 0, 1_000)
# A household: the largest registered families have about 20 members.
PERSONEN_HUISHOUDEN = Domain("personen per huishouden, 1 tot en met 60", 1, 60)
VOLWASSENEN = Domain("volwassenen per huishouden, 1 tot en met 30", 1, 30)
KINDEREN = Domain("kinderen per huishouden, 0 tot en met 30", 0, 30)
HUISHOUDENS = Domain("aantal huishoudens, 0 tot en met 1.000.000", 0, 1_000_000)
UITKOMST = Domain("uitkomst, 0 of 1", 0, 1)
FRACTIE = Domain("fractie tussen 0 en 1", 0.0, 1.0, geheel=False)
PERCENTAGE = Domain("percentage, 0 tot en met 100", 0.0, 100.0, geheel=False)
GEWICHT = Domain("gewicht, 0 tot en met 1.000.000", 0.0, 1_000_000.0, geheel=False)
MAANDEN = Domain("aantal maanden, 1 tot en met 600", 1, 600)
PADEN = Domain("aantal paden, 1 tot en met 1.000.000", 1, 1_000_000)
SEED = Domain("seed, 0 tot en met 2**63-1", 0, 2**63 - 1)
SECONDEN = Domain("seconden, 0,1 tot en met 86.400", 0.1, 86_400.0, geheel=False)
RUNNUMMER = Domain("runnummer, 1 tot en met 2.147.483.647", 1, 2**31 - 1)
AANDEEL = Domain("aandeel van de rest van de periode, 0,0001 tot en met 1", 0.0001, 1.0, geheel=False)
KANDIDATEN = Domain("aantal gemeenten per huishouden, 1 tot en met 1.000", 1, 1_000)
BEDRAG = Domain("bedrag in euro, 0 tot en met 10**12", 0.0, 1e12, geheel=False)
# Reception places: the capacity estimate of 1 February 2024 asked 96,000; one million is a safe ceiling
# for a national, provincial or municipal number and for a province's plan.
OPVANGPLAATSEN = Domain("opvangplaatsen, 0 tot en met 1.000.000", 0, 1_000_000)
# One reception location: the largest, the registration centre at Ter Apel, has about 2,000 places.
OPVANGPLAATSEN_LOCATIE = Domain("opvangplaatsen per locatie, 0 tot en met 100.000", 0, 100_000)
# CBS SES-WOA score of a municipality: standardised around 0, municipal values lie well within ±1;
# the bound keeps the correction factor 1 + score positive.
SES_WOA = Domain("SES-WOA-score, -0,99 tot en met 0,99", -0.99, 0.99, geheel=False)
CORRECTIEFACTOR = Domain("correctiefactor, 0 tot en met 100", 0.0, 100.0, geheel=False)
# The housing plan (huisvesting): a supply line groups alike units; a unit holds one household or a
# few persons, a bedroom two; a plan looks at most five years ahead.
EENHEDEN = Domain("aantal eenheden per regel, 1 tot en met 100.000", 1, 100_000)
PERSONEN_EENHEID = Domain("personen per eenheid, 1 tot en met 60", 1, 60)
SLAAPKAMERS = Domain("slaapkamers per eenheid, 1 tot en met 30", 1, 30)
PLANMAANDEN = Domain("maanden van het plan, 1 tot en met 60", 1, 60)
# Command-line counts and identifiers (docs/cli.md names the option of each).
INSTANTIE_HUISHOUDENS = Domain("aantal huishoudens, 1 tot en met 1.000.000", 1, 1_000_000)
HORIZON_MAANDEN = Domain("horizon in maanden, 1 tot en met 240", 1, 240)
WORKERS = Domain("aantal workers, 1 tot en met 256", 1, 256)
# A calendar year of reference data (population on 1 January).
JAAR = Domain("jaar, 1900 tot en met 2100", 1900, 2100)
# Accounts and the case file (dossier).
TOKEN_GELDIGHEID_DAGEN = Domain("geldigheid in dagen, 1 tot en met 3650", 1, 3650)
BEWAARTERMIJN_JAREN = Domain("bewaartermijn in jaren, 1 tot en met 100", 1, 100)
TERMIJN_WEKEN = Domain("termijn in weken, 0 tot en met 520", 0, 520)
TERMIJN_MAANDEN = Domain("termijn in maanden, 0 tot en met 120", 0, 120)
PAGINA = Domain("paginanummer, 1 tot en met 1.000.000", 1, 1_000_000)
PAGINA_GROOTTE = Domain("paginagrootte, 1 tot en met 100", 1, 100)
UREN_PER_WEEK = Domain("uren per week, 0 tot en met 168", 0, 168)
TOKENNUMMER = Domain("tokennummer, 1 tot en met 2.147.483.647", 1, 2**31 - 1)
AUDITREGELS = Domain("aantal auditregels, 1 tot en met 100.000", 1, 100_000)
POORT = Domain("poort, 1 tot en met 65.535", 1, 65_535)

# Prognose scenarios: central values are averages and rates, so they need not be whole numbers.
GEMIDDELD_AANTAL = Domain("aantal personen of plaatsen, 0 tot en met 20.000.000", 0.0, 2e7, geheel=False)
# Arrears (positive) or advance (negative) of the national taakstelling, as a scenario value.
ACHTERSTAND = Domain(
    "achterstand (negatief: voorsprong), -1.000.000 tot en met 1.000.000", -1e6, 1e6, geheel=False
)
# A mean sojourn in months: above 0 (a stock that is left at once has no duration) up to 50 years.
DUUR_MAANDEN = Domain("duur in maanden, 0,01 tot en met 600", 0.01, 600.0, geheel=False)
# Persons housed divided by the task including arrears; the published half years lie between 0.6 and 1.2.
REALISATIEGRAAD = Domain("realisatiegraad, 0 tot en met 3", 0.0, 3.0, geheel=False)
# Shape k of the gamma-Poisson inflow: 0.001 is wilder than any series seen, 10**6 is Poisson.
DISPERSIE = Domain("dispersievorm k, 0,001 tot en met 1.000.000", 1e-3, 1e6, geheel=False)
# Standard deviation of the monthly log-level change; 1 would mean a factor e per month.
DRIFT = Domain("drift (sd van de log per maand), 0 tot en met 1", 0.0, 1.0, geheel=False)
# Standard deviation of the log realisation rate per half year (its own deviation or its level's
# walk); 1 would mean a factor e in one half year.
HALFJAAR_SD = Domain("sd van de log per halfjaar, 0 tot en met 1", 0.0, 1.0, geheel=False)
# Degrees of freedom ν of an estimated standard deviation (inverse_chi): ν + 1 values, 1 to 10,000
# (beyond that the draw is indistinguishable from a fixed value).
VRIJHEIDSGRADEN = Domain("vrijheidsgraden, 1 tot en met 10.000", 1.0, 10_000.0, geheel=False)
# A multiplier in a scenario change, or a seasonal factor.
FACTOR = Domain("factor, 0 tot en met 1.000", 0.0, 1000.0, geheel=False)
SEIZOENSFACTOR = Domain("seizoensfactor, 0,01 tot en met 100", 0.01, 100.0, geheel=False)
# The wanted certainty of a planning answer (flex buffer, needed taakstelling).
ZEKERHEID = Domain("zekerheid, 0,01 tot en met 0,99", 0.01, 0.99, geheel=False)
# Memory of a run grows with paths times months (about 200 bytes per path-month).
PADMAANDEN = Domain("paden × maanden, ten hoogste 6.000.000", 1, 6_000_000)
# A scenario sweep runs one Monte Carlo per grid point.
ROOSTERPUNTEN = Domain("aantal scenario's in een sweep, 1 tot en met 1.000", 1, 1_000)
# A published or user history: at most 100 years of months.
HISTORIE_PERIODEN = Domain("aantal perioden in een historie, ten hoogste 1.200", 1, 1_200)
# Koppeling prices: each scenario is one LP of the batch plus sampled future arrivals.
PRIJSSCENARIOS = Domain("aantal scenario's voor de prijzen, 1 tot en met 200", 1, 200)
# Households still expected in a period after this batch (a forecast, so not whole).
VERWACHTE_HUISHOUDENS = Domain(
    "verwachte huishoudens, 0 tot en met 1.000.000", 0.0, 1_000_000.0, geheel=False
)
# Evenwicht: how far a batch's score per person may lie from the period's level (a fraction;
# 0.02 = 2 %). Above 1 every level would be accepted, so the option would do nothing.
EVENWICHTSMARGE = Domain("marge voor evenwicht, 0 tot en met 1 (0,02 = 2 %)", 0.0, 1.0, geheel=False)


@dataclass(frozen=True)
class TextLimit:
    """The longest text a stored field holds (the database column's length)."""

    omschrijving: str
    maximum: int

    def problem(self, value: str) -> str | None:
        """Why ``value`` cannot be stored, in Dutch; None when it can."""
        if len(value) > self.maximum:
            return f"tekst van {len(value)} tekens is langer dan {self.maximum} ({self.omschrijving})"
        if not value.isprintable() and any(unicodedata.category(char) == "Cc" for char in value):
            return "tekst bevat een stuurteken (zoals een NUL-byte)"
        return None

    def check(self, value: str, *, field: str) -> str:
        """``value`` when it can be stored; an InputError naming ``field`` otherwise."""
        problem = self.problem(value)
        if problem:
            raise InputError(Problem(problem, field=field))
        return value


REFERENTIE = TextLimit("pseudonieme referentie", 40)
NAAM = TextLimit("naam", 100)
BRON = TextLimit("bron of bestandsnaam", 255)
TOELICHTING = TextLimit("toelichting", 2000)
GESLACHTSNAAM = TextLimit("geslachtsnaam", 200)
VOORNAMEN = TextLimit("voornamen", 200)
LOCATIE = TextLimit("locatie", 100)
