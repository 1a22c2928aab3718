"""Hypothesis strategies for the koppeling: small instances a brute force can still check."""

from __future__ import annotations

from hypothesis import strategies as st

from doorstroom.koppeling.core.domain import (
    GemeenteCapaciteit,
    HardeBinding,
    Huishouden,
    Instantie,
    Locatie,
    Opleiding,
    Volwassene,
)

CODES = ("GM0001", "GM0002", "GM0003", "GM0004")
REGIOS = ("Noord", "Zuid")
ZORG = "dialyse"
SECTOREN = ("zorg", "bouw", "-")


def locatie(index: int) -> Locatie:
    """A made-up location: municipalities on a line, two regions."""
    return Locatie(CODES[index], REGIOS[index % 2], 52.0 + 0.3 * index, 5.0 + 0.2 * index)


@st.composite
def gemeenten(draw: st.DrawFn, aantal: int, zacht: bool = False) -> tuple[GemeenteCapaciteit, ...]:
    """Municipalities with small capacities, sometimes dwellings, sometimes care.

    ``zacht``: capacities are soft batch shares, each with a hard maximum up to 5 persons above.
    """
    result = []
    for index in range(aantal):
        woningen = draw(st.none() | st.tuples(*[st.integers(0, 2)] * 4))
        capaciteit = draw(st.integers(0, 8 if not zacht else 5))
        maximum = capaciteit + draw(st.integers(0, 5)) if zacht else None
        loc = locatie(index)
        result.append(
            GemeenteCapaciteit(
                code=loc.code,
                naam=f"Gemeente {index}",
                capaciteit=capaciteit,
                maximum=maximum,
                regio=loc.regio,
                arbeidsmarktregio=loc.regio,
                woningen=woningen,
                zorg=frozenset({ZORG}) if draw(st.booleans()) else frozenset(),
                onderwijs=frozenset(draw(st.sets(st.sampled_from(("mbo", "hbo", "nieuwkomersonderwijs"))))),
                latitude=loc.latitude,
                longitude=loc.longitude,
            )
        )
    return tuple(result)


@st.composite
def huishouden(draw: st.DrawFn, ident: str, aantal_gemeenten: int) -> Huishouden:
    """A household of 1-6 persons; sometimes a hard tie or a care need."""
    volwassenen = draw(st.integers(1, 2))
    adults = tuple(
        Volwassene(draw(st.sampled_from(list(Opleiding))), draw(st.sampled_from(SECTOREN)))
        for _ in range(volwassenen)
    )
    gebonden = draw(st.integers(0, 9)) == 0
    return Huishouden(
        id=ident,
        volwassenen=adults,
        kinderen=draw(st.integers(0, 4)),
        opvang_gemeente=CODES[draw(st.integers(0, aantal_gemeenten - 1))],
        binding_gemeente=CODES[draw(st.integers(0, aantal_gemeenten - 1))] if gebonden else None,
        binding=HardeBinding.gezinshereniging if gebonden else None,
        netwerk_gemeenten=frozenset(draw(st.sets(st.sampled_from(CODES[:aantal_gemeenten]), max_size=1))),
        zorg=ZORG if draw(st.integers(0, 7)) == 0 else None,
        voorkeur_regio=draw(st.none() | st.sampled_from(REGIOS)),
    )


@st.composite
def instanties(
    draw: st.DrawFn, max_huishoudens: int = 6, max_gemeenten: int = 3, zacht: bool = False
) -> Instantie:
    """A small instance: up to ``max_huishoudens`` households over up to ``max_gemeenten`` places.

    ``zacht``: capacities are soft batch shares with a hard maximum (overflow at a penalty).
    """
    aantal = draw(st.integers(1, max_gemeenten))
    n = draw(st.integers(1, max_huishoudens))
    leden = tuple(draw(huishouden(f"H{i}", aantal)) for i in range(n))
    vraag = {
        (regio, sector): draw(st.sampled_from((0.2, 0.5, 0.9))) for regio in REGIOS for sector in SECTOREN
    }
    locaties = {code: locatie(i) for i, code in enumerate(CODES)}
    return Instantie(leden, draw(gemeenten(aantal, zacht)), locaties, vraag)
