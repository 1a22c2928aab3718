"""Hypothesis strategies for the spreiding: municipalities in provinces, correction factors, locations."""

from __future__ import annotations

from datetime import date, timedelta
from fractions import Fraction

from hypothesis import strategies as st

from doorstroom.reference.core.domain import Gemeente
from doorstroom.spreiding.core.correctie import Correctie, Correctiesoort
from doorstroom.spreiding.core.domain import Locatie, Soort

PROVINCIES = ("Drenthe", "Fryslân", "Groningen", "Limburg", "Utrecht", "Zeeland")


@st.composite
def gemeentelijsten(draw: st.DrawFn, min_size: int = 1, max_size: int = 40) -> list[Gemeente]:
    """Municipalities with distinct codes spread over a few provinces; population sums above zero."""
    codes = draw(st.lists(st.integers(1, 9999), min_size=min_size, max_size=max_size, unique=True))
    lijst = [
        Gemeente(
            code=f"GM{code:04d}",
            naam=f"Gemeente {code}",
            provincie=draw(st.sampled_from(PROVINCIES)),
            inwoners=draw(st.integers(0, 1_000_000)),
        )
        for code in codes
    ]
    if sum(g.inwoners for g in lijst) == 0:
        lijst[0] = Gemeente(lijst[0].code, lijst[0].naam, lijst[0].provincie, 1)
    return lijst


@st.composite
def correcties(draw: st.DrawFn, lijst: list[Gemeente]) -> Correctie:
    """SES-WOA style factors 1 + score, score in [-0.99, 0.99] with two decimals, for every code."""
    scores = {g.code: Fraction(draw(st.integers(-99, 99)), 100) for g in lijst}
    return Correctie({code: 1 + score for code, score in scores.items()}, Correctiesoort.ses_woa, "test")


totalen = st.integers(min_value=0, max_value=200_000)


@st.composite
def totaal_en_amv(draw: st.DrawFn) -> tuple[int, int]:
    """A national total and an amv number that is part of it."""
    totaal = draw(totalen)
    return totaal, draw(st.integers(0, totaal))


@st.composite
def locaties(draw: st.DrawFn, codes: list[str], max_size: int = 30) -> list[Locatie]:
    """Locations in the given municipalities with consistent numbers and dates (2020–2030)."""
    aantal = draw(st.integers(0, max_size))
    result = []
    for index in range(aantal):
        capaciteit = draw(st.integers(0, 3000))
        bezetting = draw(st.integers(0, capaciteit + 200))
        opening = date(2020, 1, 1) + timedelta(days=draw(st.integers(0, 3650)))
        sluiting = draw(st.none() | st.integers(0, 4000).map(lambda d, o=opening: o + timedelta(days=d)))
        soort = draw(st.sampled_from(list(Soort)))
        result.append(
            Locatie(
                id=f"LOC{index:03d}",
                naam=f"Locatie {index}",
                soort=soort,
                gemeentecode=draw(st.sampled_from(codes)),
                capaciteit=capaciteit,
                opening=opening,
                bezetting=bezetting,
                vergunninghouders=draw(st.integers(0, bezetting)),
                amv_capaciteit=capaciteit if soort is Soort.amv else draw(st.integers(0, capaciteit)),
                sluiting=sluiting,
                duurzaam=draw(st.none() | st.booleans()),
            )
        )
    return result
