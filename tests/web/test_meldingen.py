"""The municipality's inbox (issue 23): a koppeling decision shows up on *Meldingen* of the linked
municipality with its TVS due dates, and of no other municipality."""

from __future__ import annotations

import re
from datetime import date

from fastapi.testclient import TestClient
from sqlalchemy import Engine

from doorstroom.accounts.domain import Gebruiker, Rol
from doorstroom.dossier import service as dossier
from doorstroom.dossier.signalen import nieuwe_koppeling
from doorstroom.platform.db import transaction
from tests.web.conftest import meld_aan, meld_af


def test_a_new_koppeling_is_in_the_inbox_of_its_municipality_only(
    engine: Engine, web: TestClient, gebruikers: dict[str, str]
) -> None:
    coa = Gebruiker("coa", Rol.coa)
    huishouden = dossier.maak_huishouden(engine, coa, dossier.NieuwHuishouden(referentie="H-MELD"))
    with transaction(engine, schrijven=True) as session:
        nieuwe_koppeling(session, "GM0344", str(huishouden["id"]), date(2026, 11, 2))
    meld_aan(web, "utrecht")
    pagina = web.get("/dossier/signalen")
    assert pagina.status_code == 200 and 'href="/dossier/signalen"' in pagina.text
    assert "nieuwe koppeling" in pagina.text and "02-11-2026" in pagina.text
    assert "11-01-2027" in pagina.text  # the housing offer due ten weeks after the koppeling
    assert re.search(r"Meldingen \(1\)", pagina.text)
    meld_af(web)
    meld_aan(web, "amersfoort")
    assert "Geen meldingen." in web.get("/dossier/signalen").text
    meld_af(web)
    meld_aan(web, "prov-utrecht")
    assert web.get("/dossier/signalen").status_code == 403
