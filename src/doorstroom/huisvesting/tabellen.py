"""The plan's two tables of facts: the money table (financial arrangements) and the class mix.

Both ship with the package as CSV (``huisvesting/data/``), each line with its source and a mark
*gepubliceerd* or *inschatting*; no amount or share is written in code. The operator replaces the
money table from a file in the same layout (:func:`lees_regelingen`, validated whole); the stored
versions are :mod:`~doorstroom.huisvesting.regelingen`'s. The class mix is used only while a
municipality's case file holds no households (``docs/huisvesting.md``).
"""

from __future__ import annotations

from fractions import Fraction
from functools import lru_cache, partial
from importlib import resources
from pathlib import Path
from typing import TypeVar

from doorstroom.files.rijfouten import veld
from doorstroom.files.tabular import Row, iter_table, parse_each, read_table
from doorstroom.huisvesting.core import rijen
from doorstroom.huisvesting.core.aanbod import Soort
from doorstroom.huisvesting.core.behoefte import Verdeling
from doorstroom.huisvesting.core.geld import Grondslag, Regeling, Richting, Zekerheid
from doorstroom.huisvesting.io import datumveld, keuze
from doorstroom.huisvesting.koppen import Vertaling, dubbel, normaal, rijen_met_kop
from doorstroom.platform.errors import InputError, Problem
from doorstroom.values.domains import BEDRAG, BRON, FRACTIE, NAAM, REFERENTIE, TOELICHTING

E = TypeVar("E", Richting, Grondslag, Zekerheid)

REGELINGKOLOMMEN: dict[str, tuple[str, ...]] = {naam: (naam,) for naam in rijen.REGELINGKOLOMMEN}
"""The money table's columns as read: the same names it is written with (each its only heading)."""
VERPLICHT = ("sleutel", "regeling", "richting", "grondslag", "bedrag", "status", "bron")
INGEBOUWD = "ingebouwde tabel (feiten van begin 2026, docs/huisvesting.md)"


def _namen(leden: type[E]) -> dict[E, tuple[str, ...]]:
    return {lid: (normaal(lid.value),) for lid in leden}


def data_pad(naam: str) -> Path:
    """Path of an embedded table of the housing plan."""
    return Path(str(resources.files("doorstroom.huisvesting") / "data" / naam))


@lru_cache(maxsize=1)
def ingebouwde_regelingen() -> tuple[Regeling, ...]:
    """The money table shipped with this version."""
    return tuple(lees_regelingen(data_pad("regelingen.csv")))


def lees_regelingen(path: Path | str) -> list[Regeling]:
    """Read and validate a whole money table; every problem of every row in one InputError."""
    bestand = str(path)
    koppen, rows = rijen_met_kop(iter_table(path), bestand)
    kopregel = max(rows[0].line - 1, 1)
    vertaling = Vertaling(koppen, REGELINGKOLOMMEN)
    problemen = dubbel(koppen, REGELINGKOLOMMEN, bestand, kopregel)
    problemen += vertaling.ontbrekend(VERPLICHT, bestand, kopregel)
    if problemen:
        raise InputError(problemen)
    gelezen, problemen = parse_each((vertaling.rij(r) for r in rows), _regeling)
    problemen += _dubbele_sleutels(gelezen, bestand)
    if problemen:
        raise InputError(sorted(problemen, key=lambda p: (p.row or 0, p.field or "")))
    return [regeling for _, regeling in gelezen]


def _dubbele_sleutels(gelezen: list[tuple[int, Regeling]], bestand: str) -> list[Problem]:
    eerste: dict[str, int] = {}
    problemen = []
    for rij, regeling in gelezen:
        if regeling.sleutel in eerste:
            tekst = f"sleutel '{regeling.sleutel}' staat al in rij {eerste[regeling.sleutel]}"
            problemen.append(Problem(tekst, bestand, rij, "sleutel"))
        eerste.setdefault(regeling.sleutel, rij)
    return problemen


def _regeling(row: Row) -> Regeling:
    fouten: list[Problem] = []
    tekst = {
        n: veld(fouten, partial(row.text, n, required=n in VERPLICHT, limit=g))
        for n, g in (
            ("sleutel", REFERENTIE),
            ("regeling", NAAM),
            ("eenheid", NAAM),
            ("bron", BRON),
            ("toelichting", TOELICHTING),
        )
    }
    richting = veld(fouten, lambda: keuze(row, "richting", _namen(Richting), "richting"))
    grondslag = veld(fouten, lambda: keuze(row, "grondslag", _namen(Grondslag), "grondslag"))
    status = veld(fouten, lambda: keuze(row, "status", _namen(Zekerheid), "status"))
    soorten = veld(fouten, lambda: _soorten(row))
    bedrag = veld(fouten, lambda: row.number("bedrag", domain=BEDRAG))
    hoog = veld(fouten, lambda: _optioneel(row, "bedrag_hoog", BEDRAG))
    aandeel = veld(fouten, lambda: _optioneel(row, "aandeel", FRACTIE))
    van = veld(fouten, lambda: datumveld(row, "geldig_van", required=False))
    tot = veld(fouten, lambda: datumveld(row, "geldig_tot", required=False))
    if fouten:
        raise InputError(fouten)
    assert richting and grondslag and status and soorten is not None and bedrag is not None
    regeling = Regeling(
        str(tekst["sleutel"]),
        str(tekst["regeling"]),
        richting,
        grondslag,
        bedrag,
        status,
        str(tekst["bron"]),
        soorten,
        hoog,
        aandeel,
        van,
        tot,
        str(tekst["eenheid"] or ""),
        str(tekst["toelichting"] or ""),
    )
    _samenhang(row, regeling)
    return regeling


def _samenhang(row: Row, regeling: Regeling) -> None:
    """Dates in order, a range upward, and kinds of unit only where the basis counts units or residents."""
    if regeling.geldig_van and regeling.geldig_tot and regeling.geldig_tot < regeling.geldig_van:
        raise row.problem(
            "geldig_tot", f"geldig tot {regeling.geldig_tot} ligt voor geldig van {regeling.geldig_van}"
        )
    if regeling.bedrag_hoog is not None and regeling.bedrag_hoog < regeling.bedrag:
        raise row.problem("bedrag_hoog", "de bovengrens is lager dan het bedrag")
    if regeling.soorten and regeling.grondslag in (Grondslag.persoon, Grondslag.opvangplaats):
        raise row.problem(
            "soorten", f"grondslag '{regeling.grondslag}' telt geen soorten eenheden: laat leeg"
        )


def _soorten(row: Row) -> tuple[Soort, ...]:
    delen = [d.strip() for d in row.text("soorten", required=False).split("|") if d.strip()]
    namen = {s: (normaal(s.value),) for s in Soort}
    gekozen = []
    for deel in delen:
        lid = next((s for s, n in namen.items() if normaal(deel) in n), None)
        if lid is None:
            raise row.problem(
                "soorten", f"onbekende soort '{deel}' (kies uit: {', '.join(s.value for s in Soort)})"
            )
        gekozen.append(lid)
    return tuple(gekozen)


def _optioneel(row: Row, naam: str, domein: object) -> float | None:
    return row.number(naam, domain=domein) if row.text(naam, required=False) else None  # type: ignore[arg-type]


@lru_cache(maxsize=1)
def ingebouwde_verdeling() -> Verdeling:
    """The embedded class mix (a judgement, marked so in its file)."""
    rows = read_table(
        data_pad("huishoudgrootte.csv"), required=("klasse", "aandeel_personen", "gemiddelde_grootte")
    )
    aandelen = {r.text("klasse"): Fraction(r.text("aandeel_personen")) for r in rows}
    gemiddeld = {r.text("klasse"): Fraction(r.text("gemiddelde_grootte")) for r in rows}
    return Verdeling(aandelen, gemiddeld, f"{rows[0].text('status')}: {rows[0].text('bron')}")
