"""What a Dutch user's spreadsheet makes of Doorstroom's files (LibreOffice headless, nl-NL).

* a CSV written in the ``nl`` dialect opens with every value in its own column and the numbers as
  numbers (not text), as Dutch Excel opens it with a double click;
* the taakstelling and prognose workbooks are rendered as LibreOffice prints them; the PNGs are
  written to ``test-artefacts/`` (git-ignored) for people to look at.
"""

from __future__ import annotations

import struct
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.cli_helpers import run
from tests.libreoffice import DUTCH_CSV_IMPORT, convert, render_png

pytestmark = pytest.mark.libreoffice


def _realisatie(tmp_path: Path) -> Path:
    path = tmp_path / "realisatie.csv"
    path.write_text(
        "gemeentecode;maand;gehuisvest\nGM0344;2026-01;30\nGM0363;2026-02;120\nGM1900;2026-03;15\n",
        encoding="utf-8",
    )
    return path


def _taakstelling(tmp_path: Path, fmt: str, out: Path, *extra: str) -> None:
    result = run(
        "taakstelling", "bereken", "-p", "2026-1", "-t", "16500", "--realisatie", str(_realisatie(tmp_path)),
        "--peildatum", "2026-05-01", "-f", fmt, "--out", str(out), *extra,
    )  # fmt: skip
    assert result.exit_code == 0, result.output


def test_an_nl_csv_opens_as_columns_of_numbers(tmp_path: Path) -> None:
    csv_path = tmp_path / "taakstelling.csv"
    _taakstelling(tmp_path, "csv", csv_path, "--csv-stijl", "nl")
    converted = convert(csv_path, "xlsx", tmp_path / "lo", infilter=DUTCH_CSV_IMPORT)
    rows = list(load_workbook(converted).active.iter_rows(values_only=True))  # type: ignore[union-attr]
    header, rows = list(rows[0]), rows[1:]
    assert len(header) > 20 and header[:2] == ["gemeentecode", "gemeentenaam"]
    assert len(rows) == 342 and all(len([v for v in row if v is not None]) >= 20 for row in rows)
    by_code = {row[0]: dict(zip(header, row, strict=True)) for row in rows}
    fryslan = by_code["GM1900"]
    assert fryslan["gemeentenaam"] == "Súdwest-Fryslân"
    for column in ("inwoners", "taakstelling", "gerealiseerd", "percentage", "verwacht"):
        assert isinstance(fryslan[column], int | float), (column, fryslan[column])
    assert fryslan["gerealiseerd"] == 15 and isinstance(fryslan["verwacht"], float)
    som = sum(row["taakstelling"] for row in by_code.values())
    assert {row["som_taakstelling"] for row in by_code.values()} == {som}
    assert {row["landelijk"] for row in by_code.values()} == {16500}


def _png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = struct.unpack(">II", header[16:24])
    return width, height


def test_taakstelling_workbook_rendering(tmp_path: Path) -> None:
    workbook = tmp_path / "taakstelling.xlsx"
    koppelingen = tmp_path / "k.csv"
    koppelingen.write_text("gemeentecode,huishouden_ref,personen,koppeldatum\nGM0344,H-1,4,2026-01-02\n")
    _taakstelling(tmp_path, "xlsx", workbook, "--koppelingen", str(koppelingen))
    for png in render_png(workbook, "taakstelling", tmp_path / "lo"):
        width, height = _png_size(png)
        assert width > 800 and height > 400


def test_prognose_workbook_rendering(tmp_path: Path) -> None:
    result = run(
        "prognose", "bereken", "--paden", "60", "--maanden", "12", "--seed", "1", "--out", str(tmp_path)
    )
    assert result.exit_code == 0, result.output
    for png in render_png(tmp_path / "prognose.xlsx", "prognose", tmp_path / "lo"):
        width, height = _png_size(png)
        assert width > 800 and height > 400
