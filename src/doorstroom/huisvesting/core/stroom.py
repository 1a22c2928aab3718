"""The monthly stream of persons to house under the taakstelling (Huisvestingswet 2014 art. 28–31).

Within the current half year the remaining corrected taakstelling is the need, on schedule: spread
evenly over the months left (Opnieuw Thuis measures progress against a pace of one sixth a month).
After the half year no quota is fixed yet, so the stream is the forecast's expected persons housed
in the municipality: its province's series (P10, P50, P90) times the municipality's share of the
province's inhabitants, the key the taakstelling itself divides by. Without a forecast the plan ends
with the half year rather than guess.

This is the one place where the taakstelling enters the plan. A regime without quota (the policy
issue: taakstelling abolished, doorstroomlocaties instead) builds its own stream and hands it to
:func:`doorstroom.huisvesting.core.behoefte.behoefte` as the same plain values.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction

from doorstroom.huisvesting.core.behoefte import Band


@dataclass(frozen=True)
class Stroom:
    """The months the plan covers, persons per month with their band, what each month rests on, and
    why the horizon ends where it does."""

    maanden: tuple[str, ...]
    personen: dict[str, Band]
    bronnen: dict[str, str]
    meldingen: list[str] = field(default_factory=list)


def schema(totaal: int, maanden: int) -> list[int]:
    """``totaal`` persons spread evenly over ``maanden`` months, the odd ones in the earliest months."""
    if maanden <= 0:
        return []
    basis, rest = divmod(max(totaal, 0), maanden)
    return [basis + (1 if index < rest else 0) for index in range(maanden)]


def gemeentedeel(provincie: Mapping[str, tuple[float, float, float]], aandeel: Fraction) -> dict[str, Band]:
    """A municipality's share of its province's forecast per month, in whole persons (half up)."""
    return {
        maand: Band(*(math.floor(float(aandeel) * max(w, 0.0) + 0.5) for w in (p10, p50, p90)))
        for maand, (p10, p50, p90) in provincie.items()
    }


def aandeel_in_provincie(inwoners: int, provincie_inwoners: int) -> Fraction:
    """The municipality's share of its province by inhabitants (0 when the province has none)."""
    return Fraction(inwoners, provincie_inwoners) if provincie_inwoners else Fraction(0)


def met_taakstelling(
    maanden: Sequence[str],
    periode: str,
    periodemaanden: Sequence[str],
    resterend: int | None,
    prognose: Mapping[str, Band] | None,
    prognosenaam: str = "prognose",
) -> Stroom:
    """The stream over ``maanden``: the quota on schedule within the period, the forecast after it."""
    binnen = [m for m in maanden if m in periodemaanden]
    gepland = dict(zip(binnen, schema(resterend or 0, len(binnen)), strict=True))
    personen: dict[str, Band] = {}
    bronnen: dict[str, str] = {}
    meldingen: list[str] = []
    for maand in maanden:
        if maand in periodemaanden and resterend is not None:
            personen[maand] = Band.vast(gepland[maand])
            bronnen[maand] = f"taakstelling {periode}: resterend {resterend}, gelijk over de maanden"
        elif prognose is not None and maand in prognose:
            personen[maand], bronnen[maand] = prognose[maand], prognosenaam
        elif maand in periodemaanden:
            personen[maand] = Band.vast(0)
            bronnen[maand] = f"geen taakstelling {periode} vastgesteld en geen prognose"
        else:
            meldingen.append(_einde(maand, prognose is not None))
            break
    return Stroom(tuple(personen), personen, bronnen, meldingen)


def _einde(maand: str, met_prognose: bool) -> str:
    if met_prognose:
        return f"het plan eindigt voor {maand}: de prognose reikt niet verder"
    return f"het plan eindigt voor {maand}: na de periode is een prognose nodig (kies er een)"
