"""Write a workbook to a file: every sheet laid out alike, the explanation sheet, the hidden field map.

The description of a workbook (columns, sheets, title block, rules) is :mod:`doorstroom.files.workbook`;
how a sheet looks is :mod:`doorstroom.files.workbook_layout`, loaded (with openpyxl) only when a
workbook is actually written, so commands that write none start quickly.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path

from doorstroom.files.outfile import atomic_write
from doorstroom.files.workbook import (
    Blad,
    Kolom,
    Kop,
    Regel,
    Werkboek,
    kolommen,
    toelichting_naam,
    unieke_bladen,
)
from doorstroom.values.record import Record


def write_workbook(path: Path, werkboek: Werkboek, *, prive: bool = False) -> None:
    """Write ``werkboek`` to ``path`` atomically (see the module docstring for the layout); ``prive``:
    personal data, the file is 0600."""
    from openpyxl import Workbook  # half a second to load: only when a workbook is written

    from doorstroom.files.workbook_layout import schrijf_blad, schrijf_toelichting, schrijf_velden

    werkboek = replace(werkboek, bladen=unieke_bladen(werkboek.bladen))
    book = Workbook()
    book.remove(book.worksheets[0])
    velden: list[tuple[str, int, int | None, Kolom]] = []
    for blad in werkboek.bladen:
        kopregel, totaalregel = schrijf_blad(book, werkboek, blad)
        velden += [(blad.naam, kopregel, totaalregel, kolom) for kolom in blad.kolommen]
    schrijf_toelichting(book, werkboek, toelichting_naam(werkboek.bladen))
    schrijf_velden(book, velden)
    with atomic_write(path, "wb", prive=prive) as handle:
        book.save(handle)


def write_xlsx(
    path: Path,
    sheets: Mapping[str, tuple[Sequence[Record], Sequence[str]]],
    *,
    kop: Kop | None = None,
    catalogus: Mapping[str, Kolom] | None = None,
    regels: Sequence[Regel] = (),
    prive: bool = False,
) -> None:
    """One sheet per entry of ``sheets`` (name → records, columns), laid out as every workbook;
    ``prive``: personal data, the file is 0600."""
    bladen = [  # the first sheet is what the title says; the others add their name to it
        Blad(naam, "" if index == 0 else naam, records, kolommen(columns, records, catalogus))
        for index, (naam, (records, columns)) in enumerate(sheets.items())
    ]
    eerste = next(iter(sheets), "Gegevens")
    write_workbook(path, Werkboek(kop or Kop(wat=eerste), bladen, regels), prive=prive)
