"""The plan's workbook as a Dutch user's LibreOffice opens it: its sheets, numbers as numbers, sources."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import Engine

from doorstroom.accounts.domain import Gebruiker, Rol
from doorstroom.huisvesting import service
from tests.libreoffice import convert

pytestmark = pytest.mark.libreoffice
KOP = "kenmerk;naam;soort;aantal;personen;beschikbaar per;einddatum;status;bron;kosten eenmalig\n"
RIJEN = (
    "A1;Noord;sociale huur;4;1;1-1-2025;;beschikbaar;corporatie;\n"
    "A2;Flex;flexwoning;2;4;1-3-2025;;plan;raad;150.000\n"
)


@pytest.mark.parametrize("engine", ["sqlite"], indirect=True)
def test_the_workbook_opens_with_plan_money_sources_and_explanation(
    engine: Engine, csv_file: Callable[[str, str], Path], tmp_path: Path
) -> None:
    utrecht = Gebruiker("utrecht", Rol.gemeente, gemeentecode="GM0344")
    service.importeer(engine, utrecht, "GM0344", csv_file("aanbod.csv", KOP + RIJEN), "test")
    overzicht = service.geld(
        engine, utrecht, service.Planverzoek("GM0344", peildatum=date(2025, 1, 10), maanden=6)
    )
    pad = tmp_path / "plan.xlsx"
    service.schrijf_werkboek(pad, overzicht)
    geopend = load_workbook(convert(pad, "xlsx", tmp_path / "lo"))
    assert {"Plan", "Geld per jaar", "Geldregels", "Bronnen", "Toelichting"} <= set(geopend.sheetnames)
    plan = list(geopend["Plan"].iter_rows(min_row=6, values_only=True))
    assert [r[0] for r in plan[:6]] == ["2025-01", "2025-02", "2025-03", "2025-04", "2025-05", "2025-06"]
    assert all(isinstance(v, int | float) for r in plan[:6] for v in r[1:8])
    kop, *regels = list(geopend["Geldregels"].iter_rows(min_row=5, values_only=True))
    bron, totaal = kop.index("Bron"), kop.index("Totaal")
    assert (
        regels
        and all(r[bron] for r in regels if r[0] not in (None, "Totaal"))
        and any(r[totaal] == 150_000 for r in regels)
    )
