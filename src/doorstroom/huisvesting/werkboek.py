"""The workbook to hand on: the plan, per class, the supply, what ends when, the money, its sources,
and the Toelichting sheet with every column and rule (:mod:`doorstroom.files.workbook`)."""

from __future__ import annotations

import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path

from doorstroom.files.workbook import Blad, Kolom, Kop, Werkboek, kolommen
from doorstroom.files.workbook_writing import write_workbook
from doorstroom.huisvesting.core import rijen
from doorstroom.huisvesting.geldplan import Geldoverzicht
from doorstroom.huisvesting.kolommen import GELDKOLOMMEN, KOLOMMEN, REGELS, WAT
from doorstroom.platform.clock import lokale_tijd
from doorstroom.values.record import Record


def kop(overzicht: Geldoverzicht) -> Kop:
    """The title block: municipality, period, reference date, rule, and what the numbers rest on."""
    p = overzicht.plan
    bronnen = "; ".join(
        deel
        for deel in (
            f"taakstelling {p.periode}",
            f"dossier ({p.verdeling.bron})",
            p.prognose or "geen prognose",
            f"geldtabel {overzicht.tabel.omschrijving}",
        )
        if deel
    )
    regel = (
        f"per maand en grootteklasse: behoefte − aanbod; scenario {p.scenario.value}; "
        f"aanbod: {p.plan.meetellen.value}"
    )
    return Kop(f"{WAT} {p.gemeente.naam} ({p.gemeente.code})", p.periode, p.peildatum, regel, bronnen)


def _blad(
    naam: str, titel: str, records: Sequence[Record], namen: Sequence[str], cat: Mapping[str, Kolom]
) -> Blad:
    return Blad(naam, titel, records, kolommen(namen, records, cat))


def bladen(overzicht: Geldoverzicht) -> list[Blad]:
    """Every data sheet, in the order a reader goes through them."""
    p, g = overzicht.plan, overzicht.geld
    return [
        _blad("Plan", "", rijen.maandrijen(p.plan, p.band), rijen.MAANDKOLOMMEN, KOLOMMEN),
        _blad("Per klasse", "per grootteklasse", rijen.klasserijen(p.plan), rijen.KLASSEKOLOMMEN, KOLOMMEN),
        _blad(
            "Aanbod",
            "aanbod in het register",
            rijen.aanbodrijen(p.aanbod, p.plan, lokale_tijd),
            rijen.AANBODKOLOMMEN,
            KOLOMMEN,
        ),
        _blad(
            "Eindigend",
            "tijdelijke eenheden die eindigen",
            rijen.eindigendrijen(p.plan),
            rijen.EINDKOLOMMEN,
            KOLOMMEN,
        ),
        _blad(
            "Geld per jaar",
            "inkomsten, kosten en tekort per jaar",
            rijen.saldorijen(g.per_jaar()),
            rijen.SALDOKOLOMMEN,
            GELDKOLOMMEN,
        ),
        _blad(
            "Geld per maand",
            "inkomsten, kosten en tekort per maand",
            rijen.saldorijen(g.per_maand()),
            rijen.SALDOKOLOMMEN,
            GELDKOLOMMEN,
        ),
        _blad("Geldregels", "elke regeling per maand", rijen.geldrijen(g), rijen.GELDKOLOMMEN, GELDKOLOMMEN),
        _blad(
            "Niet berekend",
            "regelingen zonder berekening en waarom",
            rijen.overgeslagenrijen(g),
            rijen.OVERGESLAGENKOLOMMEN,
            GELDKOLOMMEN,
        ),
        _blad(
            "Bronnen",
            f"tabel met regelingen, {overzicht.tabel.omschrijving}",
            rijen.regelingrijen(overzicht.tabel.regelingen),
            rijen.REGELINGKOLOMMEN,
            GELDKOLOMMEN,
        ),
    ]


def schrijf(pad: Path, overzicht: Geldoverzicht) -> None:
    """Write the workbook to ``pad`` (atomically)."""
    write_workbook(pad, Werkboek(kop(overzicht), bladen(overzicht), REGELS))


def als_bytes(overzicht: Geldoverzicht) -> bytes:
    """The workbook as the bytes of an XLSX file (for a download)."""
    with tempfile.TemporaryDirectory(prefix="doorstroom-huisvesting-") as map_:
        pad = Path(map_) / "huisvestingsplan.xlsx"
        schrijf(pad, overzicht)
        return pad.read_bytes()
