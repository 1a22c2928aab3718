"""Cohorts and the groups for fairness: household type, age group and sex — never nationality,
country of birth or ethnicity (the file records none of these, and the monitor asks for none).

* **cohort**: the calendar year of the first move-in into a municipality (*huisvesting*, the
  default: the year the municipality's responsibility starts) or of the first residence permit
  (*vergunning*);
* **age**: the age reached in the cohort year (cohort year − year of birth; the file hands over the
  year only), in the groups of :data:`LEEFTIJDSGROEPEN`;
* **household type**: the koppeling's rule (:func:`doorstroom.koppeling.core.domain.huishoudsoort`)
  on the household as the file holds it, members under 18 in the cohort year counted as children;
  *onbekend* when no household is recorded;
* **sex**: the BRP code (M man, V vrouw); *onbekend* for O or when not recorded.

Every person is in exactly one group of each breakdown, so the groups of a breakdown add up to the
total — the sums the disclosure control protects (:mod:`doorstroom.monitor.core.tabel`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from enum import StrEnum

from doorstroom.koppeling.core.domain import HUISHOUDSOORTEN, huishoudsoort
from doorstroom.monitor.core.persoon import Persoon

ONBEKEND = "onbekend"
TOTAAL = "totaal"
ALLE = "alle"
VOLWASSEN = 18
LEEFTIJDSGROEPEN: tuple[tuple[str, int, int | None], ...] = (
    ("0-17", 0, 17),
    ("18-24", 18, 24),
    ("25-34", 25, 34),
    ("35-49", 35, 49),
    ("50-66", 50, 66),
    ("67+", 67, None),
)
"""Age groups (years reached in the cohort year); 67 is the AOW age from 2024 on."""
GESLACHTEN = {"V": "vrouw", "M": "man"}

UITSPLITSINGEN: Mapping[str, tuple[str, ...]] = {
    "huishouden": (*HUISHOUDSOORTEN, ONBEKEND),
    "leeftijd": tuple(naam for naam, _, _ in LEEFTIJDSGROEPEN),
    "geslacht": ("vrouw", "man", ONBEKEND),
}
"""The breakdowns and their groups, in order; each is a partition of the persons."""


class Cohortsoort(StrEnum):
    """What a cohort is the year of."""

    huisvesting = "huisvesting"
    vergunning = "vergunning"


def cohortjaar(persoon: Persoon, soort: Cohortsoort) -> int | None:
    """The year of the first move-in or first permit; None when the person has none."""
    feit = persoon.eerste("huisvesting" if soort is Cohortsoort.huisvesting else "verblijfsvergunning")
    return feit.datum.year if feit else None


def leeftijd(persoon: Persoon, jaar: int) -> int:
    """The age reached in ``jaar`` (the file hands over the year of birth only)."""
    return jaar - persoon.geboortejaar


def leeftijdsgroep(jaren: int) -> str:
    """The group of :data:`LEEFTIJDSGROEPEN` an age falls in (below zero counts as 0-17)."""
    for naam, _, tot in LEEFTIJDSGROEPEN:
        if tot is None or jaren <= tot:
            return naam
    raise AssertionError("de laatste leeftijdsgroep heeft geen bovengrens")


def geslachtsgroep(code: str | None) -> str:
    """vrouw, man or onbekend."""
    return GESLACHTEN.get(code or "", ONBEKEND)


def huishoudgroep(persoon: Persoon, jaar: int, geboortejaren: Mapping[int, Sequence[int]]) -> str:
    """The household type in ``jaar``, from the years of birth of the household's members."""
    leden = geboortejaren.get(persoon.huishouden) if persoon.huishouden is not None else None
    if not leden:
        return ONBEKEND
    kinderen = sum(1 for geboren in leden if jaar - geboren < VOLWASSEN)
    return huishoudsoort(len(leden), kinderen)


def groepen(persoon: Persoon, jaar: int, geboortejaren: Mapping[int, Sequence[int]]) -> dict[str, str]:
    """The person's group in every breakdown (and the total)."""
    return {
        TOTAAL: ALLE,
        "huishouden": huishoudgroep(persoon, jaar, geboortejaren),
        "leeftijd": leeftijdsgroep(leeftijd(persoon, jaar)),
        "geslacht": geslachtsgroep(persoon.geslacht),
    }


def geboortejaren_per_huishouden(personen: Sequence[Persoon]) -> dict[int, list[int]]:
    """Household number → the years of birth of its members (within one hand-over)."""
    uit: dict[int, list[int]] = {}
    for persoon in personen:
        if persoon.huishouden is not None:
            uit.setdefault(persoon.huishouden, []).append(persoon.geboortejaar)
    return uit
