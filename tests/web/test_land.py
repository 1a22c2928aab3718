"""*Land in beeld* in the browser: a municipality sees every municipality's public realisation."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient
from sqlalchemy import Engine

from doorstroom.taakstelling import service as taakstelling
from doorstroom.taakstelling.vaststelling import Vaststelverzoek
from doorstroom.values.periode import Periode
from tests.web.conftest import meld_aan


def test_a_municipality_sees_every_row_of_land_in_beeld(
    engine: Engine, web: TestClient, gebruikers: dict[str, str]
) -> None:
    """Issue 20 item 9: Utrecht saw only its own row; Amersfoort's realisation is public too."""
    taakstelling.vaststellen(engine, Vaststelverzoek(Periode.parse("2026-2"), 16500))
    meld_aan(web, "utrecht")
    pagina = web.get("/land?periode=2026-2&provincie=Utrecht")
    assert pagina.status_code == 200
    assert 'scope="row">Amersfoort</th>' in pagina.text  # the map names every municipality anyway
    links = set(re.findall(r'href="/gemeente/(GM\d{4})', pagina.text))
    assert links == {"GM0344"}  # another municipality's own page stays outside its scope
    assert web.get("/gemeente/GM0307?periode=2026-2").status_code == 404
