"""The correction term of the distribution key: population weighted by socio-economic strength.

Amendment Kamerstuk 36 333 nr. 75 (Van Dijk) made the key of the Spreidingswet the number of
inhabitants *and* the most recent CBS SES-WOA score (welfare, education, recent work history) of
each municipality, so that wealthier municipalities receive more places per inhabitant and poorer
ones fewer. Published examples for the estimate of 1 February 2024: Heerlen 326 places instead of
"ruim 500" (population alone gives about 470), Bloemendaal 172 instead of 128.

The ministry's exact formula was not found in a public source. Doorstroom therefore applies one
explicit, documented term whose inputs a user loads from a file::

    sleutel(g) = inwoners(g) × factor(g)        factor(g) = 1 + SES-WOA(g)   (or a given factor)

and splits the national number in proportion to ``sleutel``. The split renormalises automatically,
so only the *relative* factors matter: a municipality whose factor is above the population-weighted
mean gets more than its population share, one below it less. With scores of about −0.30 (Heerlen)
and +0.34 (Bloemendaal) this form reproduces the published examples' size; a user who has the
official factors supplies them directly (column ``factor``). Without a correction every factor is 1.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction


class Correctiesoort(StrEnum):
    """How the file states the correction: as SES-WOA scores or as ready factors."""

    ses_woa = "ses_woa"
    factor = "factor"


@dataclass(frozen=True)
class Correctie:
    """Correction factors per municipality code, and where they come from."""

    factoren: Mapping[str, Fraction]
    soort: Correctiesoort
    bron: str


def factor_uit_score(score: Fraction) -> Fraction:
    """The weight of a SES-WOA score: 1 + score (the score is centred on the national mean, 0)."""
    return 1 + score


def sleutel(inwoners: Mapping[str, int], correctie: Correctie | None) -> dict[str, Fraction]:
    """The distribution key per code: inhabitants, times the correction factor when one is given."""
    if correctie is None:
        return {code: Fraction(aantal) for code, aantal in inwoners.items()}
    return {code: aantal * correctie.factoren[code] for code, aantal in inwoners.items()}


def gemiddelde_factor(inwoners: Mapping[str, int], sleutelwaarden: Mapping[str, Fraction]) -> Fraction:
    """Population-weighted mean factor: above it a municipality gains places, below it loses."""
    totaal = sum(inwoners.values())
    return sum(sleutelwaarden.values(), Fraction(0)) / totaal if totaal else Fraction(1)
