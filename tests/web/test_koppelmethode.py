"""The priced weekly batch from the web form (issue 23): this week's households from the case file,
placed in the period's room with room kept for who is still to come, without the command line."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import Engine

from doorstroom.accounts.domain import Gebruiker, Rol
from doorstroom.dossier import service as dossier
from doorstroom.platform.clock import vandaag
from doorstroom.taakstelling import service as taakstelling
from doorstroom.taakstelling.vaststelling import Vaststelverzoek
from doorstroom.values.periode import Periode
from tests.web.conftest import formtoken, meld_aan, wacht_op_taak

COA = Gebruiker("coa", Rol.coa)


def _wachtend(engine: Engine, referentie: str) -> None:
    huishouden = dossier.maak_huishouden(engine, COA, dossier.NieuwHuishouden(referentie=referentie))
    nieuw = dossier.NieuwePersoon(
        geslachtsnaam="Haddad", geboortedatum="1990-01-01", huishoudenId=huishouden["id"]
    )
    persoon = dossier.maak_persoon(engine, COA, nieuw)
    for soort, gegevens in (
        ("verblijfsvergunning", {"soort": "asiel bepaalde tijd"}),
        ("verblijfplaats_azc", {"locatie": "azc Zeist", "gemeentecode": "GM0355"}),
    ):
        body = {"persoonId": persoon["id"], "soort": soort, "datum": "2026-09-01", "gegevens": gegevens}
        dossier.leg_vast(engine, COA, dossier.GEBEURTENISMODELLEN[soort].model_validate(body))


def test_coa_places_a_priced_batch_from_the_form(
    engine: Engine, web: TestClient, gebruikers: dict[str, str]
) -> None:
    _wachtend(engine, "H-PRIJS")
    taakstelling.vaststellen(engine, Vaststelverzoek(Periode.containing(vandaag()), 16500))
    meld_aan(web, "coa")
    pagina = web.get("/koppeling").text
    assert 'value="geprijsd"' in pagina
    data = {"csrf": formtoken(pagina), "bron": "dossier", "methode": "geprijsd", "solver": "highs"}
    start = web.post("/koppeling/runs", data=data, follow_redirects=False)
    assert start.status_code == 303, start.text
    resultaat_pad = wacht_op_taak(web, start.headers["location"])
    assert "H-PRIJS" in web.get(resultaat_pad).text
    fout = web.post("/koppeling/runs", data={**data, "methode": "gok"}, follow_redirects=False)
    assert fout.status_code == 422 and "kies aandeel of geprijsd" in fout.text
