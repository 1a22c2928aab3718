"""The openpyxl side of :mod:`doorstroom.files.workbook`: cells, styles, widths, and the extra sheets.

Kept apart so the workbook's *content* (columns, titles, rules) stays plain data, and so openpyxl is
only imported when a workbook is actually written.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from doorstroom import __version__
from doorstroom.files.workbook import (
    MAX_BREEDTE,
    TOELICHTING_BLAD,
    TOTAAL_LABEL,
    VELDEN_BLAD,
    Blad,
    Kolom,
    Soort,
    Werkboek,
    cell_value,
)
from doorstroom.values.number_text import format_nl

TITEL = Font(bold=True, size=14)
GRIJS = Font(italic=True, color="595959")
MARKERING = Font(bold=True, color="C00000", size=12)
VET = Font(bold=True)
KOP_VULLING = PatternFill("solid", fgColor="D9E1F2")
LIJN = Side(style="thin", color="808080")
TEKST = Alignment(horizontal="left", indent=1)
_BREEDTE_STEEKPROEF = 2000


def schrijf_blad(book: Workbook, werkboek: Werkboek, blad: Blad) -> tuple[int, int | None]:
    """Write one data sheet; return its header row and its totals row (None without totals)."""
    sheet = book.create_sheet(blad.naam)  # made valid and unique by workbook_writing.write_workbook
    titel = werkboek.kop.wat if blad.titel in ("", werkboek.kop.wat) else f"{werkboek.kop.wat} — {blad.titel}"
    kopregel = _titelblok(sheet, werkboek, titel) + 1
    _koprij(sheet, kopregel, blad.kolommen)
    for offset, record in enumerate(blad.records, start=1):
        for index, kolom in enumerate(blad.kolommen, start=1):
            _zet(sheet.cell(kopregel + offset, index), cell_value(record.get(kolom.naam), kolom), kolom)
    laatste = kopregel + len(blad.records)
    totaalregel = _totalen(sheet, laatste + 1, blad) if blad.records else None
    _opmaak(sheet, blad, kopregel, laatste, werkboek.kop.markering is not None)
    return kopregel, totaalregel


def _titelblok(sheet: Worksheet, werkboek: Werkboek, titel: str) -> int:
    """Title, facts, mark and provenance from row 1; return the last row used (plus a blank one)."""
    rij = 1
    sheet.cell(rij, 1, _tekst(titel)).font = TITEL
    for regel in werkboek.kop.regels():
        rij += 1
        sheet.cell(rij, 1, _tekst(regel)).font = GRIJS
    if werkboek.kop.markering:
        rij += 1
        sheet.cell(rij, 1, _tekst(werkboek.kop.markering)).font = MARKERING
    rij += 1
    sheet.cell(rij, 1, f"Gemaakt op {werkboek.gemaakt:%d-%m-%Y} met Doorstroom {__version__}").font = GRIJS
    return rij + 1


def _koprij(sheet: Worksheet, rij: int, kolommen: Sequence[Kolom]) -> None:
    for index, kolom in enumerate(kolommen, start=1):
        cell = sheet.cell(rij, index, _tekst(kolom.label))
        cell.font = VET
        cell.fill = KOP_VULLING
        cell.border = Border(bottom=LIJN)
        rechts = kolom.soort not in (Soort.tekst, Soort.janee)  # labels line up with their values
        cell.alignment = Alignment(
            wrap_text=True,
            vertical="center",
            horizontal="right" if rechts else "left",
            indent=0 if rechts else 1,
        )


def _zet(cell: Any, waarde: object, kolom: Kolom) -> None:
    """Store one value: text as text (never a formula), numbers and dates with the column's format."""
    if isinstance(waarde, str):
        cell.value = _tekst(waarde)
        cell.data_type = "s"
        cell.alignment = TEKST  # a little air after a right-aligned number in the column before
        return
    cell.value = waarde
    if kolom.formaat and waarde is not None:
        cell.number_format = kolom.formaat
    elif isinstance(waarde, datetime):
        cell.number_format = "dd-mm-yyyy hh:mm"
    elif isinstance(waarde, date):
        cell.number_format = "dd-mm-yyyy"


def _tekst(waarde: str) -> str:
    """Text as a cell can hold it: control characters that XML forbids are dropped."""
    return str(ILLEGAL_CHARACTERS_RE.sub("", waarde))


def _totalen(sheet: Worksheet, rij: int, blad: Blad) -> int | None:
    """A totals row under the data for the columns whose sum means something."""
    sommen = [kolom for kolom in blad.kolommen if kolom.som]
    if not sommen:
        return None
    label_kolom = next((i for i, k in enumerate(blad.kolommen, start=1) if not k.som), None)
    if label_kolom is not None:
        sheet.cell(rij, label_kolom, TOTAAL_LABEL).font = VET
    for index, kolom in enumerate(blad.kolommen, start=1):
        if kolom.som:
            waarden = (cell_value(r.get(kolom.naam), kolom) for r in blad.records)
            totaal = sum(w for w in waarden if isinstance(w, int | float) and not isinstance(w, bool))
            _zet(sheet.cell(rij, index), totaal, kolom)
            sheet.cell(rij, index).font = VET
        sheet.cell(rij, index).border = Border(top=LIJN)
    return rij


def _opmaak(sheet: Worksheet, blad: Blad, kopregel: int, laatste: int, gemarkeerd: bool) -> None:
    """Frozen header (and first column of wide tables), filter, widths, printing, tab colour."""
    breed = len(blad.kolommen) > 6
    sheet.freeze_panes = f"{'B' if breed else 'A'}{kopregel + 1}"
    if blad.kolommen:
        einde = get_column_letter(len(blad.kolommen))
        sheet.auto_filter.ref = f"A{kopregel}:{einde}{max(laatste, kopregel)}"
    regels = 1
    for index, kolom in enumerate(blad.kolommen, start=1):
        breedte = _breedte(kolom, blad.records)
        sheet.column_dimensions[get_column_letter(index)].width = breedte
        regels = max(regels, math.ceil(len(kolom.label) / max(breedte - 2, 1)))
    sheet.row_dimensions[kopregel].height = 15 * regels  # wrapped labels stay readable
    sheet.print_title_rows = f"{kopregel}:{kopregel}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    if gemarkeerd:
        sheet.sheet_properties.tabColor = "C00000"


def _breedte(kolom: Kolom, records: Sequence[Any]) -> float:
    """A width that shows the label and the values without cutting, within reason."""
    langste = max(
        (len(_getoond(cell_value(r.get(kolom.naam), kolom), kolom)) for r in records[:_BREEDTE_STEEKPROEF]),
        default=0,
    )
    label = max((len(woord) for woord in kolom.label.split()), default=0)
    return float(min(max(langste, label, min(len(kolom.label), 14)) + 3, MAX_BREEDTE))


def _getoond(waarde: object, kolom: Kolom) -> str:
    if waarde is None:
        return ""
    if isinstance(waarde, date):
        return "00-00-0000 00:00" if isinstance(waarde, datetime) else "00-00-0000"
    if isinstance(waarde, int | float) and not isinstance(waarde, bool):
        if kolom.soort in (Soort.procent, Soort.procent100):
            return f"{waarde * 100:.1f} %"
        decimalen = kolom.decimalen if kolom.soort is Soort.getal else 0
        return ("€ " if kolom.soort is Soort.bedrag else "") + format_nl(waarde, decimalen)
    return str(waarde)


def schrijf_toelichting(book: Workbook, werkboek: Werkboek, naam: str = TOELICHTING_BLAD) -> None:
    """The sheet that explains every column and rule, with the legal source of each rule."""
    sheet = book.create_sheet(naam)
    rij = _titelblok(sheet, werkboek, f"Toelichting — {werkboek.kop.wat}") + 1
    rij = _tabel(sheet, rij, "Kolommen", ("Blad", "Kolom", "Betekenis", "Veld in CSV/JSON"), [
        (blad.naam, kolom.label, kolom.uitleg or "—", kolom.naam)
        for blad in werkboek.bladen for kolom in blad.kolommen
    ])  # fmt: skip
    if werkboek.regels:
        regels = [(r.naam, r.uitleg, r.bron) for r in werkboek.regels]
        rij = _tabel(sheet, rij + 1, "Regels", ("Regel", "Uitleg", "Bron"), regels)
    _tabel(sheet, rij + 1, "Over dit bestand", ("", "", ""), [(
        "Getallen", "Opgeslagen als getallen; een totaalregel telt alleen kolommen op waar een som "
        "betekenis heeft.", "",
    ), (
        "Veldnamen", "Dezelfde gegevens met de veldnamen uit de laatste kolom hierboven: "
        "de CSV- en JSON-uitvoer van Doorstroom.", "",
    )])  # fmt: skip
    for letter, breedte in zip("ABCD", (24, 30, 80, 28), strict=True):
        sheet.column_dimensions[letter].width = breedte
    if werkboek.kop.markering:
        sheet.sheet_properties.tabColor = "C00000"


def _tabel(sheet: Worksheet, rij: int, titel: str, kop: Sequence[str], rijen: Sequence[Sequence[str]]) -> int:
    sheet.cell(rij, 1, titel).font = Font(bold=True, size=12)
    if any(kop):
        rij += 1
        for index, tekst in enumerate(kop, start=1):
            cell = sheet.cell(rij, index, tekst)
            cell.font, cell.fill, cell.border = VET, KOP_VULLING, Border(bottom=LIJN)
    for waarden in rijen:
        rij += 1
        for index, tekst in enumerate(waarden, start=1):
            cell = sheet.cell(rij, index, _tekst(tekst))
            cell.data_type = "s"
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    return rij + 1


def schrijf_velden(book: Workbook, velden: Sequence[tuple[str, int, int | None, Kolom]]) -> None:
    """The hidden sheet that maps labels back to field names, so Doorstroom can read its own workbook."""
    sheet = book.create_sheet(VELDEN_BLAD)
    sheet.append(["blad", "kopregel", "totaalregel", "label", "veld"])
    for blad, kopregel, totaalregel, kolom in velden:
        sheet.append([blad, kopregel, totaalregel, kolom.label, kolom.naam])
    sheet.sheet_state = "hidden"
