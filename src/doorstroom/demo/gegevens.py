"""The SYNTHETIC demo data as plain values: households with their timelines, reception locations,
monthly realisation figures and the households a koppeling run is asked about.

Deterministic (a seeded generator) and relative to the day the demo is first created: a household
linked "two months ago" is linked two months before that day. No real person, location or figure
is used; names come from short generic lists.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from datetime import date, timedelta

from doorstroom.dossier.service import SynthetischeGebeurtenis as Gebeurtenis
from doorstroom.dossier.service import SynthetischePersoon as Persoon
from doorstroom.dossier.service import SynthetischHuishouden as Huishouden
from doorstroom.values.maand import add_months
from doorstroom.values.periode import Periode

SEED = 20261124
CASUSGEMEENTEN = ("GM0344", "GM0307", "GM0355", "GM0356", "GM0321")
"""Utrecht, Amersfoort, Zeist, Nieuwegein, Houten: the municipalities whose case files the demo fills."""
CASUSGEWICHTEN = (0.4, 0.15, 0.15, 0.15, 0.15)
"""Utrecht (the demo municipality's account) gets the largest share, so its pages are well filled."""
OPVANGGEMEENTEN = ("GM0344", "GM0307", "GM0355", "GM1950", "GM0363")
"""Municipalities of the reception locations the demo households live in before they are housed."""
ACHTERNAMEN = (
    "Haddad",
    "Tesfaye",
    "Osman",
    "Mohammadi",
    "Kaya",
    "Ahmadi",
    "Yusuf",
    "Hassan",
    "Abdi",
    "Karimi",
    "Nour",
    "Saleh",
    "Bekele",
    "Rahimi",
    "Ali",
    "Mansour",
    "Darwish",
    "Haile",
)
VOORNAMEN = (
    "Amal",
    "Samir",
    "Yonas",
    "Leila",
    "Omar",
    "Sara",
    "Dawit",
    "Nadia",
    "Karim",
    "Hana",
    "Ibrahim",
    "Rania",
    "Tesfay",
    "Mariam",
    "Yusuf",
    "Aisha",
    "Bilal",
    "Selam",
)
STADIA = ("opvang", "vergunning", "gekoppeld", "gehuisvest")
VERDELING = (0.2, 0.2, 0.22, 0.38)


def huishoudens(vandaag: date, aantal: int = 90, seed: int = SEED) -> list[Huishouden]:
    """``aantal`` households spread over the stages of the chain, as of ``vandaag``."""
    rng = random.Random(seed)
    uit = []
    for n in range(1, aantal + 1):
        stadium = rng.choices(STADIA, VERDELING)[0]
        grootte = rng.choices((1, 2, 3, 4, 5), (0.35, 0.2, 0.2, 0.15, 0.1))[0]
        opvang = rng.choice(OPVANGGEMEENTEN)
        gemeente = (
            rng.choices(CASUSGEMEENTEN, CASUSGEWICHTEN)[0] if stadium in ("gekoppeld", "gehuisvest") else None
        )
        uit.append(_huishouden(rng, n, stadium, grootte, opvang, gemeente, vandaag))
    return uit


def _huishouden(
    rng: random.Random, n: int, stadium: str, grootte: int, opvang: str, gemeente: str | None, vandaag: date
) -> Huishouden:
    achternaam = rng.choice(ACHTERNAMEN)
    aankomst = vandaag - timedelta(
        days=rng.randint(120, 700) if stadium == "gehuisvest" else rng.randint(30, 400)
    )
    basis = _basis(stadium, aankomst, opvang, gemeente, vandaag, rng)
    personen = []
    voornamen = rng.sample(VOORNAMEN, grootte)
    for lid in range(grootte):
        volwassen = lid < max(1, grootte // 2 if grootte > 2 else grootte)
        geboren = date(
            rng.randint(1965, 2003) if volwassen else rng.randint(2010, 2024),
            rng.randint(1, 12),
            rng.randint(1, 28),
        )
        eigen = basis + (_inburgering(basis, rng, vandaag) if volwassen and stadium == "gehuisvest" else ())
        personen.append(
            Persoon(f"99{n:04d}{lid:04d}", achternaam, voornamen[lid], geboren, volwassen, tuple(eigen))
        )
    return Huishouden(f"DEMO-H-{n:04d}", stadium, opvang, gemeente, tuple(personen))


def _basis(
    stadium: str, aankomst: date, opvang: str, gemeente: str | None, vandaag: date, rng: random.Random
) -> tuple[Gebeurtenis, ...]:
    """Reception, permit, koppeling and move-in as far as the household's stage goes."""
    events = [
        Gebeurtenis("registratie", aankomst, {"locatie": "Aanmeldcentrum (demo)"}),
        Gebeurtenis(
            "verblijfplaats_azc",
            aankomst + timedelta(days=14),
            {"locatie": f"Opvanglocatie {opvang} (demo)", "gemeentecode": opvang},
        ),
    ]
    if stadium == "opvang":
        return tuple(events)
    vergunning = min(aankomst + timedelta(days=rng.randint(20, 90)), vandaag - timedelta(days=7))
    events.append(Gebeurtenis("verblijfsvergunning", vergunning, {"soort": "asiel bepaalde tijd"}))
    if stadium == "vergunning" or gemeente is None:
        return tuple(events)
    if stadium == "gekoppeld":
        koppeldatum = max(vergunning + timedelta(days=7), vandaag - timedelta(days=rng.randint(5, 150)))
        return (*events, _koppeling(koppeldatum, gemeente))
    verhuisd = _verhuisdatum(vergunning, vandaag, rng)
    koppeldatum = max(vergunning + timedelta(days=3), verhuisd - timedelta(days=rng.randint(20, 80)))
    return (
        *events,
        _koppeling(min(koppeldatum, verhuisd), gemeente),
        Gebeurtenis("huisvesting", verhuisd, {"gemeentecode": gemeente}),
    )


def _koppeling(datum: date, gemeente: str) -> Gebeurtenis:
    return Gebeurtenis("koppeling", datum, {"gemeentecode": gemeente, "bron": "handmatig"})


def _verhuisdatum(vergunning: date, vandaag: date, rng: random.Random) -> date:
    """A move-in after the permit: in the current month for a third of households, else earlier."""
    begin_maand = vandaag.replace(day=1)
    if rng.random() < 0.35 and begin_maand > vergunning + timedelta(days=10):
        return begin_maand + timedelta(days=rng.randint(0, max(0, (vandaag - begin_maand).days)))
    laatste = min(begin_maand - timedelta(days=1), vandaag)
    eerste = vergunning + timedelta(days=30)
    if laatste <= eerste:
        return max(vergunning + timedelta(days=10), min(vandaag, vergunning + timedelta(days=30)))
    return eerste + timedelta(days=rng.randint(0, (laatste - eerste).days))


def _inburgering(basis: Sequence[Gebeurtenis], rng: random.Random, vandaag: date) -> tuple[Gebeurtenis, ...]:
    """Civic integration after the move-in: obligation, intake, PIP with a leerroute, an exam."""
    start = next(g.datum for g in basis if g.soort == "huisvesting")
    stappen = [
        Gebeurtenis(
            "inburgeringsplicht",
            start,
            {"indicatorInburgeringsplicht": True, "doelgroep": "Asielstatushouder"},
        )
    ]
    intake = start + timedelta(days=rng.randint(14, 50))
    if intake > vandaag:
        return tuple(stappen)
    stappen.append(Gebeurtenis("brede_intake", intake))
    pip = intake + timedelta(days=rng.randint(20, 60))
    if pip > vandaag:
        return tuple(stappen)
    route = rng.choices(("B", "O", "Z"), (0.6, 0.2, 0.2))[0]
    stappen.append(
        Gebeurtenis("pip", pip, {"leerroute": route, **({"niveau": "B1"} if route == "B" else {})})
    )
    examen = pip + timedelta(days=rng.randint(120, 300))
    if examen <= vandaag and route == "B":
        uitslag = rng.choice(("Geslaagd", "Geslaagd", "Gezakt"))
        stappen.append(
            Gebeurtenis("examen", examen, {"onderdeel": "KNM", "niveau": "A2", "resultaat": uitslag})
        )
    return tuple(stappen)


def koppelhuishoudens(lijst: Sequence[Huishouden]) -> list[dict[str, object]]:
    """Rows of the koppeling input (``doorstroom koppeling`` household columns) for households with a
    permit that wait in reception: the run COA is asked to propose municipalities for."""
    rijen = []
    for h in lijst:
        if h.stadium != "vergunning":
            continue
        volwassenen = sum(p.volwassen for p in h.personen)
        rijen.append(
            {
                "huishouden_id": h.referentie,
                "volwassenen": volwassenen,
                "kinderen": len(h.personen) - volwassenen,
                "opleidingen": "",
                "sectoren": "",
                "opvang_gemeente": h.opvang_gemeente,
                "binding_gemeente": "",
                "binding": "",
                "netwerk_gemeenten": "",
                "zorg": "",
                "voorkeur_regio": "",
                "synthetisch": "ja",
            }
        )
    return rijen


def locaties(opvanggemeenten: Mapping[str, str], vandaag: date) -> list[dict[str, object]]:
    """Reception locations per province (two or three each), plus the registration centre; SYNTHETIC."""
    rng = random.Random(SEED + 1)
    rijen: list[dict[str, object]] = []
    for n, (code, provincie) in enumerate(sorted(opvanggemeenten.items()), start=1):
        capaciteit = rng.choice((150, 250, 400, 600))
        bezetting = int(capaciteit * rng.uniform(0.75, 1.02))
        soort = "noodopvang" if n % 7 == 0 else ("amv" if n % 11 == 0 else "azc")
        rijen.append(
            {
                "locatie_id": f"DEMO-L-{n:03d}",
                "naam": f"Opvanglocatie {provincie} {n} (SYNTHETISCH)",
                "soort": soort,
                "gemeente": code,
                "capaciteit": capaciteit,
                "bezetting": bezetting,
                "vergunninghouders": int(bezetting * rng.uniform(0.15, 0.35)),
                "amv_capaciteit": "",
                "opening": (vandaag - timedelta(days=rng.randint(200, 3000))).isoformat(),
                "sluiting": (vandaag + timedelta(days=rng.randint(60, 400))).isoformat()
                if soort == "noodopvang"
                else "",
                "duurzaam": "",
                "toelichting": "demo",
            }
        )
    rijen.append(
        {
            "locatie_id": "DEMO-L-TERAPEL",
            "naam": "Aanmeldcentrum (SYNTHETISCH)",
            "soort": "overig",
            "gemeente": "GM1950",
            "capaciteit": 2000,
            "bezetting": 2100,
            "vergunninghouders": 300,
            "amv_capaciteit": "",
            "opening": "2000-01-01",
            "sluiting": "",
            "duurzaam": "ja",
            "toelichting": "demo",
        }
    )
    return rijen


def realisatie(
    taken: Mapping[str, int], periode: Periode, tot: date, seed: int = SEED
) -> list[dict[str, object]]:
    """Monthly move-ins per municipality for the months of ``periode`` before ``tot``'s month:
    the quota spread evenly, times a municipality's own pace (0.45 to 1.25), so statuses differ."""
    rng = random.Random(f"{seed}-{periode}")
    maanden = [(j, m) for j, m in periode.months() if date(j, m, 1) < tot.replace(day=1)]
    rijen = []
    for code, taak in sorted(taken.items()):
        tempo = rng.uniform(0.45, 1.25)
        for jaar, maand in maanden:
            aantal = max(0, round(taak / 6 * tempo * rng.uniform(0.7, 1.3)))
            rijen.append({"gemeentecode": code, "maand": f"{jaar}-{maand:02d}", "gehuisvest": aantal})
    return rijen


def laatste_dag(periode: Periode) -> date:
    """The last day of ``periode``."""
    jaar, maand = periode.months()[-1]
    return add_months(date(jaar, maand, 1), 1) - timedelta(days=1)
