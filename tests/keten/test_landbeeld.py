"""*Land in beeld* as the service gives it: every municipality's public quota and realisation."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Engine

from doorstroom.accounts.domain import Gebruiker, Rol
from doorstroom.keten import service
from doorstroom.taakstelling import service as taakstelling
from doorstroom.taakstelling.vaststelling import Vaststelverzoek
from doorstroom.values.periode import Periode

PERIODE = Periode.parse("2026-2")
UTRECHT = Gebruiker("utrecht", Rol.gemeente, gemeentecode="GM0344")
COA = Gebruiker("coa", Rol.coa)


def test_a_municipality_sees_every_municipalitys_quota_and_realisation(engine: Engine) -> None:
    """Issue 20 item 9: the gemeente role got its own row only, though the figures are public."""
    taakstelling.vaststellen(engine, Vaststelverzoek(PERIODE, 16500))
    eigen = service.landbeeld(engine, UTRECHT, PERIODE, date(2026, 10, 1))
    landelijk = service.landbeeld(engine, COA, PERIODE, date(2026, 10, 1))
    codes = [r["gemeentecode"] for r in eigen.gemeenten]
    assert len(codes) > 300 and {"GM0344", "GM0307"} <= set(codes)
    assert codes == [r["gemeentecode"] for r in landelijk.gemeenten]
    assert eigen.totalen == landelijk.totalen


def test_only_its_own_municipality_page_opens_from_the_table(engine: Engine) -> None:
    """The rows are public; the municipality page also shows case-file counts, which are not."""
    taakstelling.vaststellen(engine, Vaststelverzoek(PERIODE, 16500))
    assert service.landbeeld(engine, UTRECHT, PERIODE, date(2026, 10, 1)).te_openen == {"GM0344"}
    assert len(service.landbeeld(engine, COA, PERIODE, date(2026, 10, 1)).te_openen) > 300
