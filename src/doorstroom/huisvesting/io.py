"""Read the housing plan's files: a municipality's supply sheet, the money table, the embedded tables.

Every file is validated whole before anything is used or stored: each problem names the file (and
sheet), the row as the spreadsheet numbers it and the column as the file writes it, every problem of
a row at once (:mod:`doorstroom.files.tabular`, :mod:`~doorstroom.huisvesting.koppen`). Column
layouts and accepted headings are in ``docs/huisvesting.md``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path
from typing import TypeVar

from doorstroom.files.rijfouten import veld
from doorstroom.files.tabular import Row, iter_table, parse_each
from doorstroom.huisvesting.core.aanbod import PERSONEN_PER_SLAAPKAMER, Eenheid, Soort, Status
from doorstroom.huisvesting.koppen import Vertaling, dubbel, normaal, rijen_met_kop
from doorstroom.platform.errors import InputError, Problem
from doorstroom.values.datum import datumveld as lees_datumveld
from doorstroom.values.domains import (
    BEDRAG,
    BRON,
    EENHEDEN,
    NAAM,
    PERSONEN_EENHEID,
    REFERENTIE,
    SLAAPKAMERS,
    TOELICHTING,
)
from doorstroom.values.suggest import unknown_message

T = TypeVar("T")

AANBODKOLOMMEN: dict[str, tuple[str, ...]] = {
    "kenmerk": ("kenmerk", "referentie", "id", "code", "projectcode", "projectnummer"),
    "naam": ("naam", "project", "projectnaam", "omschrijving", "locatie"),
    "soort": ("soort", "type", "woonvorm", "soort_eenheid"),
    "aantal": ("aantal", "aantal_eenheden", "eenheden", "aantal_woningen", "woningen"),
    "personen": ("personen", "personen_per_eenheid", "personen_per_woning", "plaatsen_per_eenheid"),
    "slaapkamers": ("slaapkamers", "slaapkamers_per_eenheid", "aantal_slaapkamers"),
    "beschikbaar_per": ("beschikbaar_per", "beschikbaar", "beschikbaar_vanaf", "opleverdatum", "oplevering"),
    "einddatum": ("einddatum", "einde", "beschikbaar_tot", "tot"),
    "status": ("status", "fase"),
    "bron": ("bron",),
    "kosten_eenmalig": ("kosten_eenmalig", "eenmalige_kosten", "investering"),
    "kosten_per_maand": ("kosten_per_maand", "maandelijkse_kosten", "exploitatie_per_maand"),
    "toelichting": ("toelichting", "opmerking", "opmerkingen", "reden"),
}
"""Field → the headings (normalised, :func:`~doorstroom.huisvesting.koppen.normaal`) that name it."""
VERPLICHT = ("kenmerk", "naam", "soort", "beschikbaar_per", "status")

SOORTNAMEN: dict[Soort, tuple[str, ...]] = {
    Soort.sociale_huur: ("sociale_huur", "sociale_huurwoning", "regulier", "reguliere_sociale_huur"),
    Soort.flexwoning: ("flexwoning", "flexwoningen", "flex"),
    Soort.transformatie: ("transformatie", "transformatiewoning", "transformatiewoningen"),
    Soort.onzelfstandig: (
        "onzelfstandige_kamer",
        "onzelfstandige_kamers",
        "onzelfstandig",
        "kamer",
        "kamers",
    ),
    Soort.doorstroomlocatie: ("doorstroomlocatie", "doorstroomlocaties"),
    Soort.tussenvoorziening: ("tussenvoorziening", "tussenvoorzieningen"),
    Soort.hosting: ("hosting", "opvang_bij_particulieren", "particuliere_opvang", "gastgezin"),
}
STATUSNAMEN: dict[Status, tuple[str, ...]] = {
    Status.plan: ("plan", "gepland"),
    Status.voorbereiding: ("in_voorbereiding", "voorbereiding"),
    Status.beschikbaar: ("beschikbaar", "opgeleverd"),
    Status.vervallen: ("vervallen", "geschrapt", "ingetrokken"),
}


@dataclass(frozen=True)
class Invoerregel:
    """A supply line as read from a file, with the row's explanation (the reason of a change)."""

    eenheid: Eenheid
    toelichting: str
    rij: int


def datumveld(row: Row, naam: str, *, required: bool = True) -> date | None:
    """A date as ``2026-03-01``, ``1-3-2026`` or an Excel date cell (:mod:`doorstroom.values.datum`)."""
    return lees_datumveld(row, naam, range(2000, 2101), required=required)


def keuze(row: Row, naam: str, namen: dict[T, tuple[str, ...]], wat: str) -> T:
    """The member of ``namen`` whose accepted names include the field's value (closest suggested)."""
    tekst = row.text(naam)
    gevonden = next((lid for lid, aliassen in namen.items() if normaal(tekst) in aliassen), None)
    if gevonden is None:
        opties = [str(getattr(lid, "value", lid)) for lid in namen]
        raise row.problem(naam, unknown_message(wat, tekst, opties))
    return gevonden


def lees_aanbod(path: Path | str, gemeentecode: str) -> list[Invoerregel]:
    """Read and validate a municipality's supply sheet whole; every problem in one InputError."""
    bestand = str(path)
    koppen, rows = rijen_met_kop(iter_table(path), bestand)
    kopregel = max(rows[0].line - 1, 1)
    vertaling = Vertaling(koppen, AANBODKOLOMMEN)
    problemen = dubbel(koppen, AANBODKOLOMMEN, bestand, kopregel)
    problemen += vertaling.ontbrekend(VERPLICHT, bestand, kopregel)
    if not {"personen", "slaapkamers"} & set(vertaling.kop):
        problemen.append(Problem("kolom ontbreekt: personen of slaapkamers", bestand, kopregel, "personen"))
    if problemen:
        raise InputError(problemen)
    gelezen, problemen = parse_each((vertaling.rij(r) for r in rows), lambda r: _regel(r, gemeentecode))
    problemen += _dubbele_kenmerken(gelezen, bestand, vertaling.kop.get("kenmerk", "kenmerk"))
    if problemen:
        problemen = [vertaling.probleem(p) for p in problemen]
        raise InputError(sorted(problemen, key=lambda p: (p.row or 0, p.field or "")))
    return [regel for _, regel in gelezen]


def _dubbele_kenmerken(gelezen: list[tuple[int, Invoerregel]], bestand: str, kop: str) -> list[Problem]:
    eerste: dict[str, int] = {}
    problemen = []
    for rij, regel in gelezen:
        kenmerk = regel.eenheid.kenmerk.casefold()
        if kenmerk in eerste:
            tekst = f"kenmerk '{regel.eenheid.kenmerk}' staat al in rij {eerste[kenmerk]}"
            problemen.append(Problem(tekst, bestand, rij, kop))
        eerste.setdefault(kenmerk, rij)
    return problemen


def _regel(row: Row, gemeentecode: str) -> Invoerregel:
    fouten: list[Problem] = []
    kenmerk = veld(fouten, lambda: row.text("kenmerk", limit=REFERENTIE))
    naam = veld(fouten, lambda: row.text("naam", limit=NAAM))
    soort = veld(fouten, lambda: keuze(row, "soort", SOORTNAMEN, "soort"))
    status = veld(fouten, lambda: keuze(row, "status", STATUSNAMEN, "status"))
    aantal = veld(fouten, lambda: _aantal(row))
    personen = veld(fouten, lambda: _personen(row))
    beschikbaar = veld(fouten, lambda: datumveld(row, "beschikbaar_per"))
    einde = veld(fouten, lambda: datumveld(row, "einddatum", required=False))
    bron = veld(fouten, lambda: row.text("bron", required=False, limit=BRON))
    kosten = [veld(fouten, partial(_bedrag, row, k)) for k in ("kosten_eenmalig", "kosten_per_maand")]
    toelichting = veld(fouten, lambda: row.text("toelichting", required=False, limit=TOELICHTING))
    if fouten:
        raise InputError(fouten)
    assert kenmerk and naam and soort and status and aantal and personen and beschikbaar
    eenheid = Eenheid(
        gemeentecode,
        kenmerk,
        naam,
        soort,
        aantal,
        personen,
        beschikbaar,
        status,
        bron or "",
        einde,
        kosten[0],
        kosten[1],
    )
    samenhang(eenheid, lambda veld, tekst: row.problem(veld, tekst))
    return Invoerregel(eenheid, toelichting or "", row.line)


def samenhang(eenheid: Eenheid, fout: Callable[[str, str], InputError]) -> None:
    """Checks across fields: an end after availability, and no end date for a regular home."""
    if eenheid.einde is not None and eenheid.einde < eenheid.beschikbaar:
        raise fout("einddatum", f"einddatum {eenheid.einde} ligt voor beschikbaar per {eenheid.beschikbaar}")
    if eenheid.einde is not None and not eenheid.soort.tijdelijk_mogelijk:
        raise fout(
            "einddatum", f"een eenheid van soort '{eenheid.soort}' is niet tijdelijk: laat de einddatum leeg"
        )


def _aantal(row: Row) -> int:
    return row.integer("aantal", domain=EENHEDEN) if row.text("aantal", required=False) else 1


def _personen(row: Row) -> int:
    if row.text("personen", required=False):
        return row.integer("personen", domain=PERSONEN_EENHEID)
    if row.text("slaapkamers", required=False):
        return row.integer("slaapkamers", domain=SLAAPKAMERS) * PERSONEN_PER_SLAAPKAMER
    raise row.problem("personen", "geef personen of slaapkamers per eenheid")


def _bedrag(row: Row, naam: str) -> float | None:
    return row.number(naam, domain=BEDRAG) if row.text(naam, required=False) else None
