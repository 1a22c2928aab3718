"""The koppeling from the case file: households with a permit, in reception and not linked, as the
koppeling reads them (composition, reception municipality, hard tie, care), on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy import Engine

from doorstroom.accounts.domain import Gebruiker, Rol
from doorstroom.dossier import service as dossier
from doorstroom.dossier.service import GEBEURTENISMODELLEN, NieuwePersoon, NieuwHuishouden
from doorstroom.koppeling import service as koppeling
from doorstroom.platform import audit
from doorstroom.platform.db import transaction
from doorstroom.platform.errors import InputError, PermissionDenied
from tests.dossier import factories

COA = Gebruiker("coa", Rol.coa)
UTRECHT = Gebruiker("utrecht", Rol.gemeente, gemeentecode="GM0344")
PEILDATUM = date(2026, 12, 1)


def _huishouden(engine: Engine, referentie: str, *geboren: str) -> list[str]:
    huishouden = dossier.maak_huishouden(engine, COA, NieuwHuishouden(referentie=referentie))
    return [
        str(
            dossier.maak_persoon(
                engine,
                COA,
                NieuwePersoon.model_validate(
                    factories.persoon(
                        geboortedatum=datum, huishoudenId=huishouden["id"], vnummer=factories.vnummer()
                    )
                ),
            )["id"]
        )
        for datum in geboren
    ]


def _event(engine: Engine, persoon: str, event: str, datum: str, **gegevens: Any) -> None:
    body = {"persoonId": persoon, "soort": event, "datum": datum, "gegevens": gegevens}
    dossier.leg_vast(engine, COA, GEBEURTENISMODELLEN[event].model_validate(body))


def test_waiting_households_come_from_the_file_with_their_criteria(engine: Engine) -> None:
    gezin = _huishouden(engine, "H-GEZIN", "1985-03-01", "1987-06-01", "2015-01-01")
    _event(engine, gezin[0], "verblijfsvergunning", "2026-09-01", soort="asiel bepaalde tijd")
    _event(engine, gezin[0], "verblijfplaats_azc", "2026-06-01", locatie="azc Zeist", gemeentecode="GM0355")
    _event(
        engine,
        gezin[1],
        "binding",
        "2026-10-01",
        soort="werkcontract",
        gemeentecode="GM0344",
        bron="contract",
    )
    _event(engine, gezin[2], "medische_behandeling", "2026-10-02", zorg="dialyse", bron="verwijsbrief")
    gekoppeld = _huishouden(engine, "H-GEKOPPELD", "1990-01-01")
    _event(engine, gekoppeld[0], "verblijfsvergunning", "2026-09-01", soort="asiel bepaalde tijd")
    _event(
        engine, gekoppeld[0], "verblijfplaats_azc", "2026-06-01", locatie="azc Zeist", gemeentecode="GM0355"
    )
    _event(engine, gekoppeld[0], "koppeling", "2026-11-01", gemeentecode="GM0344")
    zonder_vergunning = _huishouden(engine, "H-ASIEL", "1991-01-01")
    _event(
        engine, zonder_vergunning[0], "verblijfplaats_azc", "2026-06-01", locatie="azc", gemeentecode="GM0355"
    )
    zonder_azc = _huishouden(engine, "H-ZONDER-AZC", "1992-01-01")
    _event(engine, zonder_azc[0], "verblijfsvergunning", "2026-09-01", soort="asiel bepaalde tijd")

    wachtend = dossier.wachtende_huishoudens(engine, COA, PEILDATUM)
    assert wachtend.zonder_opvanggemeente == 1
    [h] = wachtend.huishoudens
    assert (h.id, len(h.volwassenen), h.kinderen, h.opvang_gemeente) == ("H-GEZIN", 2, 1, "GM0355")
    assert (h.binding, h.binding_gemeente, h.zorg) == (
        koppeling.HardeBinding.werkcontract,
        "GM0344",
        "dialyse",
    )
    with transaction(engine) as session:
        assert audit.over_object(session, gezin[2])[-1].object_type == "koppelinvoer"
    with pytest.raises(PermissionDenied):
        dossier.wachtende_huishoudens(engine, UTRECHT, PEILDATUM)


def test_a_run_from_the_file_proposes_the_waiting_households(engine: Engine) -> None:
    leden = _huishouden(engine, "H-EEN", "1980-01-01", "1982-01-01")
    _event(engine, leden[0], "verblijfsvergunning", "2026-09-01", soort="asiel bepaalde tijd")
    _event(engine, leden[0], "verblijfplaats_azc", "2026-06-01", locatie="azc Zeist", gemeentecode="GM0355")
    run = dossier.koppelrun_uit_dossier(engine, COA, dossier.NieuweKoppelrun(solver="greedy", tijdslimiet=5))
    assert (run["solver"], run["voorstellen"], run["open"]) == ("greedy", 1, 1)
    voorstellen = dossier.koppelvoorstellen(engine, COA, int(str(run["run"])))
    assert [v["huishouden_id"] for v in voorstellen] == ["H-EEN"]


def test_a_run_without_waiting_households_is_refused_naming_the_field(engine: Engine) -> None:
    with pytest.raises(InputError) as caught:
        dossier.koppelrun_uit_dossier(engine, COA, koppeling.Verzoek((), solver="greedy"))
    assert caught.value.problems[0].field == "huishoudens"


def test_a_decision_signals_the_linked_municipality_only_without_personal_data(engine: Engine) -> None:
    from doorstroom.dossier.service import Beoordeling
    from doorstroom.platform.paging import Pagina

    leden = _huishouden(engine, "H-SIGNAAL", "1980-01-01")
    _event(engine, leden[0], "verblijfsvergunning", "2026-09-01", soort="asiel bepaalde tijd")
    _event(engine, leden[0], "verblijfplaats_azc", "2026-06-01", locatie="azc Zeist", gemeentecode="GM0355")
    run = int(
        str(dossier.koppelrun_uit_dossier(engine, COA, dossier.NieuweKoppelrun(solver="greedy"))["run"])
    )
    [voorstel] = dossier.koppelvoorstellen(engine, COA, run)
    gemeente = Gebruiker("gemeente", Rol.gemeente, gemeentecode=str(voorstel["gemeentecode"]))
    assert dossier.signalen(engine, gemeente, Pagina()) == ([], 0)  # nothing before the decision
    dossier.beoordeel_voorstel(engine, COA, run, "H-SIGNAAL", Beoordeling(toelichting="akkoord"))
    [signaal], totaal = dossier.signalen(engine, gemeente, Pagina())
    assert totaal == 1 and (signaal["specversion"], signaal["type"]) == (
        "1.0",
        "nl.doorstroom.koppeling.nieuw",
    )
    koppeldatum = date.fromisoformat(signaal["data"]["koppeldatum"])
    assert signaal["data"]["woningaanbodUiterlijk"] == (koppeldatum + timedelta(weeks=10)).isoformat()
    huishouden = dossier.persoon(engine, gemeente, leden[0])["huishoudenId"]
    assert signaal["subject"] == huishouden and signaal["data"]["link"].endswith(huishouden)
    assert leden[0] not in str(signaal) and "H-SIGNAAL" not in str(signaal)  # no person, no COA reference
    ander = "GM0307" if voorstel["gemeentecode"] != "GM0307" else "GM0344"
    assert dossier.signalen(engine, Gebruiker("ander", Rol.gemeente, gemeentecode=ander), Pagina()) == ([], 0)
    assert dossier.signalen(engine, COA, Pagina())[1] == 1
    with pytest.raises(PermissionDenied):
        dossier.signalen(engine, Gebruiker("prov", Rol.provincie, provincie="Utrecht"), Pagina())
