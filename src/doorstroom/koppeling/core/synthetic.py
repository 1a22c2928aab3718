"""SYNTHETIC koppeling instances: seeded, clearly labelled, with realistic shapes.

Nothing here describes real people. Shapes follow public COA/CBS patterns only roughly: about half
of the households are single adults, a few percent are families of six or more (about 2.5 persons
per household on average), reception locations are spread over the country with a large one in
the north-east, and capacities come from a taakstelling split of a national total by population
(:func:`~doorstroom.taakstelling.core.verdeling.verdeel`, Huisvestingswet 2014 art. 28) minus a
synthetic realisation so far, pro-rated to this batch (so early batches do not exhaust the best
places). With ``batch_aandeel`` the batch is that share of the remaining quota and the remaining
quota is each municipality's hard ``maximum`` (the pro-rated share is then a soft target, as in
a real weekly batch). Every instance carries ``synthetisch=True`` and every written file says SYNTHETIC.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import numpy as np

from doorstroom.koppeling.core.capaciteit import naar_rato
from doorstroom.koppeling.core.domain import (
    GEEN_SECTOR,
    GemeenteCapaciteit,
    HardeBinding,
    Huishouden,
    Instantie,
    Locatie,
    Opleiding,
    Volwassene,
)
from doorstroom.reference.core.domain import Gemeente
from doorstroom.taakstelling.core.verdeling import verdeel

GROOTTES = np.array([1, 2, 3, 4, 5, 6, 7, 8])
GROOTTE_KANS = np.array([0.50, 0.12, 0.10, 0.11, 0.08, 0.05, 0.03, 0.01])
OPLEIDING_KANS = {
    Opleiding.geen: 0.20,
    Opleiding.basis: 0.35,
    Opleiding.middelbaar: 0.30,
    Opleiding.hoger: 0.15,
}
SECTOREN = ("zorg", "techniek", "bouw", "logistiek", "horeca", "onderwijs", "ict", "landbouw")
ZORG = {"dialyse": 80_000, "ggz-specialistisch": 50_000, "revalidatie": 150_000}
"""Synthetic care facilities: present in municipalities above this population."""
BINDING_KANS = {
    HardeBinding.eerstegraads_familie: 0.03,
    HardeBinding.gezinshereniging: 0.02,
    HardeBinding.werkcontract: 0.01,
    HardeBinding.studieplek: 0.005,
}
GROTE_OPVANG = "GM1950"
"""Westerwolde (Ter Apel): the central registration location, a large share of reception."""


def synthetisch(
    gemeenten: Sequence[Gemeente],
    huishoudens: int,
    seed: int,
    *,
    ruimte: float = 1.03,
    batch_aandeel: float | None = None,
) -> Instantie:
    """A SYNTHETIC instance; capacity totals ``ruimte`` × the persons to link.

    ``batch_aandeel`` (in (0, 1]): this batch is that share of the remaining taakstelling, whose
    per-municipality remainder becomes ``maximum``. ``None``: no maximum (hard capacity).
    """
    rng = np.random.default_rng(seed)
    locaties = {g.code: Locatie(g.code, g.provincie, g.latitude, g.longitude) for g in gemeenten}
    opvang = _opvanglocaties(gemeenten, rng)
    leden = [_huishouden(f"SYN-{i + 1:05d}", gemeenten, opvang, rng) for i in range(huishoudens)]
    personen = sum(h.grootte for h in leden)
    capaciteit, resterend = _capaciteit(gemeenten, round(personen * ruimte), rng, batch_aandeel)
    leden = [_met_binding(h, capaciteit, rng) for h in leden]
    bestemmingen = tuple(
        replace(_gemeente(g, capaciteit[g.code], rng), maximum=_maximum(resterend, capaciteit, g.code))
        for g in gemeenten
    )
    return Instantie(tuple(leden), bestemmingen, locaties, _vraag(gemeenten, rng), synthetisch=True)


def _maximum(resterend: dict[str, int] | None, capaciteit: dict[str, int], code: str) -> int | None:
    """The hard ceiling: the remaining quota the batch share came from (never below the share)."""
    return None if resterend is None else max(resterend[code], capaciteit[code])


def _opvanglocaties(gemeenten: Sequence[Gemeente], rng: np.random.Generator) -> tuple[list[str], np.ndarray]:
    """About sixty reception municipalities, weighted by √population, plus Ter Apel."""
    gewicht = np.sqrt(np.array([g.inwoners for g in gemeenten], dtype=float))
    gekozen = rng.choice(
        len(gemeenten), size=min(60, len(gemeenten)), replace=False, p=gewicht / gewicht.sum()
    )
    codes = [gemeenten[i].code for i in gekozen]
    kans = rng.uniform(0.5, 1.5, size=len(codes))
    if any(g.code == GROTE_OPVANG for g in gemeenten):
        codes.append(GROTE_OPVANG)
        kans = np.append(kans, kans.sum() * 0.15)
    return codes, kans / kans.sum()


def _huishouden(
    ident: str, gemeenten: Sequence[Gemeente], opvang: tuple[list[str], np.ndarray], rng: np.random.Generator
) -> Huishouden:
    grootte = int(rng.choice(GROOTTES, p=GROOTTE_KANS))
    volwassenen = 1 if grootte == 1 else (2 if rng.random() < 0.8 else 1)
    return Huishouden(
        id=ident,
        volwassenen=tuple(_volwassene(rng) for _ in range(volwassenen)),
        kinderen=grootte - volwassenen,
        opvang_gemeente=str(rng.choice(opvang[0], p=opvang[1])),
        binding=_binding(rng),
        netwerk_gemeenten=frozenset(_netwerk(gemeenten, rng)),
        zorg=str(rng.choice(list(ZORG))) if rng.random() < 0.03 else None,
        voorkeur_regio=_voorkeur(gemeenten, rng),
    )


def _volwassene(rng: np.random.Generator) -> Volwassene:
    opleiding = Opleiding(rng.choice(list(OPLEIDING_KANS), p=list(OPLEIDING_KANS.values())))
    sector = str(rng.choice(SECTOREN)) if rng.random() < 0.6 else GEEN_SECTOR
    return Volwassene(opleiding, sector)


def _bevolkingskeuze(gemeenten: Sequence[Gemeente], rng: np.random.Generator) -> str:
    inwoners = np.array([g.inwoners for g in gemeenten], dtype=float)
    return gemeenten[int(rng.choice(len(gemeenten), p=inwoners / inwoners.sum()))].code


def _binding(rng: np.random.Generator) -> HardeBinding | None:
    trekking = rng.random()
    for binding, kans in BINDING_KANS.items():
        if trekking < kans:
            return binding
        trekking -= kans
    return None


def _met_binding(huishouden: Huishouden, capaciteit: dict[str, int], rng: np.random.Generator) -> Huishouden:
    """Tie a household with a hard criterion to a municipality with room, weighted by that room."""
    if huishouden.binding is None:
        return huishouden
    codes = [code for code, aantal in capaciteit.items() if aantal >= huishouden.grootte]
    if not codes:
        return replace(huishouden, binding=None)
    gewicht = np.array([capaciteit[code] for code in codes], dtype=float)
    return replace(huishouden, binding_gemeente=str(rng.choice(codes, p=gewicht / gewicht.sum())))


def _netwerk(gemeenten: Sequence[Gemeente], rng: np.random.Generator) -> list[str]:
    if rng.random() >= 0.15:
        return []
    return [_bevolkingskeuze(gemeenten, rng) for _ in range(int(rng.integers(1, 3)))]


def _voorkeur(gemeenten: Sequence[Gemeente], rng: np.random.Generator) -> str | None:
    if rng.random() >= 0.2:
        return None
    provincies = sorted({g.provincie for g in gemeenten})
    return str(rng.choice(provincies))


def _capaciteit(
    gemeenten: Sequence[Gemeente], batch: int, rng: np.random.Generator, aandeel: float | None = None
) -> tuple[dict[str, int], dict[str, int] | None]:
    """Remaining taakstelling (split of a national total minus realisation), pro-rated to the batch.

    Returns the batch shares and, with ``aandeel``, the remaining quota they came from. The
    national total is 3 × the batch, or with ``aandeel`` sized so that the batch is about that
    share of what remains (realisation so far averages 40 %).
    """
    sleutel = {g.code: g.inwoners for g in gemeenten}
    totaal = batch * 3 if aandeel is None else round(batch / (0.6 * aandeel))
    taakstelling = verdeel(totaal, sleutel).aantallen
    gerealiseerd = {code: int(aantal * rng.uniform(0.2, 0.6)) for code, aantal in taakstelling.items()}
    resterend = {code: taakstelling[code] - gerealiseerd[code] for code in taakstelling}
    return naar_rato(batch, resterend), None if aandeel is None else resterend


def _gemeente(gemeente: Gemeente, capaciteit: int, rng: np.random.Generator) -> GemeenteCapaciteit:
    return GemeenteCapaciteit(
        code=gemeente.code,
        naam=gemeente.naam,
        capaciteit=capaciteit,
        regio=gemeente.provincie,
        arbeidsmarktregio=_arbeidsmarktregio(gemeente),
        woningen=_woningen(capaciteit, rng),
        zorg=frozenset(soort for soort, drempel in ZORG.items() if gemeente.inwoners >= drempel),
        onderwijs=_onderwijs(gemeente, rng),
        latitude=gemeente.latitude,
        longitude=gemeente.longitude,
    )


def _woningen(capaciteit: int, rng: np.random.Generator) -> tuple[int, int, int, int]:
    """Dwellings per class, slightly more than the expected mix of households needs."""
    verwacht = np.array([0.21, 0.05, 0.09, 0.07]) * capaciteit * 1.25
    aantal = rng.poisson(verwacht) + np.array([0, 0, 0, 1])
    return (int(aantal[0]), int(aantal[1]), int(aantal[2]), int(aantal[3]))


def _onderwijs(gemeente: Gemeente, rng: np.random.Generator) -> frozenset[str]:
    aanbod = set()
    if gemeente.inwoners >= 40_000 or rng.random() < 0.3:
        aanbod.add("mbo")
    if gemeente.inwoners >= 100_000:
        aanbod.add("hbo")
    if gemeente.inwoners >= 30_000 or rng.random() < 0.5:
        aanbod.add("nieuwkomersonderwijs")
    return frozenset(aanbod)


def _vraag(gemeenten: Sequence[Gemeente], rng: np.random.Generator) -> dict[tuple[str, str], float]:
    """Synthetic labour demand in [0.1, 0.95] per (labour-market region, sector)."""
    regios = sorted({_arbeidsmarktregio(g) for g in gemeenten})
    return {
        (regio, sector): round(float(rng.uniform(0.1, 0.95)), 3) for regio in regios for sector in SECTOREN
    }


def _arbeidsmarktregio(gemeente: Gemeente) -> str:
    """The CBS labour-market region (embedded); the province for a list without one."""
    return gemeente.arbeidsmarktregio or gemeente.provincie
