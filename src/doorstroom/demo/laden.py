"""Put the SYNTHETIC demo into a database through the contexts' own services, each step only once.

Steps, each skipped when its result is already there (so a second start duplicates nothing):
accounts (one per role), the locations register, the taakstelling of the previous and the current
half year with monthly realisation (municipalities with a demo case file report the current month
from the file), a swap agreement, the case load, a koppeling run with its report, a forecast.
"""

from __future__ import annotations

import json
import secrets
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import Engine

from doorstroom.accounts import service as accounts
from doorstroom.accounts.service import Gebruiker, Rol
from doorstroom.demo import gegevens
from doorstroom.dossier import service as dossier
from doorstroom.files.tabular import write_csv
from doorstroom.koppeling import service as koppeling
from doorstroom.platform import audit
from doorstroom.platform.db import upgrade
from doorstroom.platform.errors import NotFound
from doorstroom.prognose import service as prognose
from doorstroom.reference.service import embedded_gemeenten, gemeenten_in_gebruik, label, namen
from doorstroom.spreiding import service as spreiding
from doorstroom.taakstelling import service as taakstelling
from doorstroom.values.periode import Periode

ACTEUR = "demo:generator"
GENERATOR = Gebruiker.systeem(ACTEUR)
"""Who loads the demo: the operator's role, so every service's access rule lets it write."""
ACCOUNTS = {
    "demo-gemeente": (Rol.gemeente, "GM0344", None),
    "demo-coa": (Rol.coa, None, None),
    "demo-provincie": (Rol.provincie, None, "Utrecht"),
    "demo-beheerder": (Rol.beheerder, None, None),
}
TOTAAL = {1: 16500, 2: 14500}
"""National taakstelling the demo fixes per half year (none is published yet for 2026)."""


@dataclass(frozen=True)
class Stap:
    """A step of the loader, for the progress lines printed at start."""

    naam: str
    gedaan: bool
    seconden: float


def rolomschrijving(naam: str) -> str:
    """What a demo account may see, for the banner: its role and, where it has one, its scope."""
    rol, gemeente, provincie = ACCOUNTS[naam]
    if gemeente:
        return f"{rol.value} {label(gemeente, namen(embedded_gemeenten()))}"
    return f"{rol.value} {provincie}" if provincie else rol.value


def wachtwoorden(map_: Path, engine: Engine) -> dict[str, str]:
    """The demo accounts' passwords: kept in ``map_/wachtwoorden.json`` (0600), made once."""
    pad = map_ / "wachtwoorden.json"
    bekend: dict[str, str] = json.loads(pad.read_text()) if pad.exists() else {}
    with audit.acting_as(ACTEUR):
        for naam, (rol, gemeente, provincie) in ACCOUNTS.items():
            if accounts.bestaat(engine, naam) and naam in bekend:
                continue
            bekend[naam] = f"demo-{secrets.token_urlsafe(9)}"
            if accounts.bestaat(engine, naam):
                accounts.zet_wachtwoord(engine, GENERATOR, naam, bekend[naam])
            else:
                accounts.maak_gebruiker(
                    engine,
                    GENERATOR,
                    naam,
                    rol,
                    gemeente=gemeente,
                    provincie=provincie,
                    wachtwoord_tekst=bekend[naam],
                )
    pad.write_text(json.dumps(bekend, indent=2))
    pad.chmod(0o600)
    return bekend


def vul(engine: Engine, vandaag: date, melding: Callable[[str], None] = lambda _: None) -> None:
    """Every demo step not yet done (the database must exist; it is migrated here)."""
    upgrade(engine)
    huidig = Periode.containing(vandaag)
    with audit.acting_as(ACTEUR), tempfile.TemporaryDirectory(prefix="doorstroom-demo-") as tijdelijk:
        map_ = Path(tijdelijk)
        stappen: tuple[tuple[str, Callable[[], bool]], ...] = (
            ("locatieregister", lambda: _locaties(engine, vandaag, map_)),
            (f"taakstelling {huidig.previous()}", lambda: _periode(engine, huidig.previous(), vandaag, map_)),
            (f"taakstelling {huidig}", lambda: _periode(engine, huidig, vandaag, map_)),
            ("ruilafspraak", lambda: _ruil(engine, huidig, map_)),
            ("dossiers (synthetisch)", lambda: _dossiers(engine, vandaag)),
            ("koppelrun", lambda: _koppelrun(engine, vandaag, huidig, map_)),
            ("prognose", lambda: _prognose(engine)),
        )
        for naam, stap in stappen:
            melding(f"{naam}: {'aangemaakt' if stap() else 'al aanwezig'}")


def _locaties(engine: Engine, vandaag: date, map_: Path) -> bool:
    if spreiding.huidige_locaties(engine):
        return False
    per_provincie: dict[str, str] = {}
    for g in sorted(gemeenten_in_gebruik(engine), key=lambda g: -g.inwoners):
        if list(per_provincie.values()).count(g.provincie) < 2:
            per_provincie[g.code] = g.provincie
    pad = map_ / "locaties.csv"
    rijen = gegevens.locaties(per_provincie, vandaag)
    write_csv(pad, rijen, list(rijen[0]))
    spreiding.importeer(engine, pad, "demo: synthetische locaties")
    return True


def _periode(engine: Engine, periode: Periode, vandaag: date, map_: Path) -> bool:
    try:
        taakstelling.huidige_versie(engine, periode)
        return False
    except NotFound:
        pass
    verzoek = taakstelling.Vaststelverzoek(
        periode=periode, totaal=TOTAAL[periode.half], reden="demo", door=ACTEUR
    )
    vastgesteld = taakstelling.vaststellen(engine, verzoek)
    taken = {
        str(r["gemeentecode"]): int(r["gecorrigeerde_taakstelling"]) for r in vastgesteld.overzicht.records
    }
    rijen = gegevens.realisatie(taken, periode, min(vandaag, gegevens.laatste_dag(periode)))
    if rijen:
        pad = map_ / f"realisatie-{periode}.csv"
        write_csv(pad, rijen, ("gemeentecode", "maand", "gehuisvest"))
        taakstelling.importeer_realisatie(engine, pad)
    return True


def _ruil(engine: Engine, periode: Periode, map_: Path) -> bool:
    if taakstelling.ruilen(engine, periode):
        return False
    pad = map_ / "ruil.csv"
    write_csv(
        pad,
        [{"gemeentecode": "GM0344", "wijziging": -10}, {"gemeentecode": "GM0355", "wijziging": 10}],
        ("gemeentecode", "wijziging"),
    )
    taakstelling.leg_ruil_vast(engine, periode, pad, "demo-afspraak Utrecht-Zeist", ACTEUR)
    return True


def _dossiers(engine: Engine, vandaag: date) -> bool:
    return dossier.laad_synthetisch(engine, GENERATOR, gegevens.huishoudens(vandaag))


def _koppelrun(engine: Engine, vandaag: date, periode: Periode, map_: Path) -> bool:
    if koppeling.runs(engine):
        return False
    rijen = gegevens.koppelhuishoudens(gegevens.huishoudens(vandaag))
    pad = map_ / "huishoudens.csv"
    write_csv(pad, rijen, koppeling.HUISHOUDEN_KOLOMMEN)
    verzoek = koppeling.Verzoek(huishoudens=pad, periode=periode, tijdslimiet=20.0)
    koppeling.voorstel_met_rapport(verzoek, engine)
    return True


def _prognose(engine: Engine) -> bool:
    if prognose.runs(engine, GENERATOR):
        return False
    verzoek = prognose.Runverzoek(
        prognose.standaard(), "Demo: standaardscenario", paden=500, seed=gegevens.SEED
    )
    prognose.bereken_en_bewaar(engine, GENERATOR, verzoek)
    return True
