"""The tenant boundary on the paths that crossed it (issue 19, items 1–3), on SQLite and PostgreSQL.

Each case is a JSON file in ``data/grens/`` naming the defect it pins; the tests replay it through
the services the API, the web app and the command line call.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import time_machine
from sqlalchemy import Engine

from doorstroom.accounts.domain import Gebruiker, Rol
from doorstroom.dossier import aanmeldingen, importeren, service
from doorstroom.dossier.invoer import NieuwePersoon, NieuwHuishouden
from doorstroom.platform.errors import Conflict, InputError, NotFound
from doorstroom.platform.paging import Pagina, Volgorde
from tests.dossier import factories
from tests.dossier.test_dossier_service import gebeurtenis

DATA = Path(__file__).parent / "data" / "grens"
UTRECHT = Gebruiker("utrecht", Rol.gemeente, gemeentecode="GM0344")
AMERSFOORT = Gebruiker("amersfoort", Rol.gemeente, gemeentecode="GM0307")
COA = Gebruiker("coa", Rol.coa)
SYSTEEM = Gebruiker.systeem("beheer")


def geval(naam: str) -> dict[str, Any]:
    return dict(json.loads((DATA / f"{naam}.json").read_text(encoding="utf-8")))


@pytest.fixture(autouse=True)
def _vandaag() -> Iterator[None]:
    with time_machine.travel("2026-11-24 10:00 +01:00", tick=False):
        yield


def _persoon(engine: Engine, gebruiker: Gebruiker, **velden: object) -> dict[str, Any]:
    return service.maak_persoon(engine, gebruiker, NieuwePersoon.model_validate(factories.persoon(**velden)))


def _huishouden(engine: Engine, gebruiker: Gebruiker, referentie: str) -> str:
    invoer = NieuwHuishouden(referentie=referentie)
    return str(service.maak_huishouden(engine, gebruiker, invoer)["id"])


def test_a_koppellijst_cannot_add_a_person_to_another_municipalitys_household(
    engine: Engine, csv_file: Callable[[str, str], Path]
) -> None:
    case = geval("koppellijst_huishouden_van_ander")
    huishouden = _huishouden(engine, AMERSFOORT, case["referentie"])
    _persoon(engine, AMERSFOORT, huishoudenId=huishouden)
    with pytest.raises(InputError) as refused:
        importeren.importeer_koppellijst(engine, UTRECHT, csv_file("k.csv", case["koppellijst"]))
    assert [(p.row, p.field) for p in refused.value.problems] == [tuple(case["verwacht"])]
    assert service.personen(engine, UTRECHT, {}, Volgorde(), Pagina())[1] == 0  # nothing stored
    leden = service.huishouden(engine, AMERSFOORT, huishouden)["leden"]
    assert len(leden) == 1


def test_a_koppellijst_links_a_household_to_one_municipality(
    engine: Engine, csv_file: Callable[[str, str], Path]
) -> None:
    case = geval("koppellijst_twee_gemeenten")
    with pytest.raises(InputError) as refused:
        importeren.importeer_koppellijst(engine, SYSTEEM, csv_file("k.csv", case["koppellijst"]))
    assert [(p.row, p.field) for p in refused.value.problems] == [tuple(case["verwacht"])]


def test_a_move_of_one_member_never_takes_the_household_away_from_the_others(engine: Engine) -> None:
    huishouden = _huishouden(engine, AMERSFOORT, "AMF-H-9")
    blijft = _persoon(engine, AMERSFOORT, huishoudenId=huishouden)
    vertrekt = _persoon(engine, AMERSFOORT, huishoudenId=huishouden)
    gebeurtenis(
        engine, AMERSFOORT, vertrekt["id"], "verhuizing", "2026-11-01", gegevens={"gemeentecode": "GM0344"}
    )
    assert service.huishouden(engine, AMERSFOORT, huishouden)["leden"] == [blijft["id"]]
    assert service.persoon(engine, UTRECHT, str(vertrekt["id"]))["huishoudenId"] is None


def test_a_number_held_outside_scope_gets_the_answer_a_free_number_gets(engine: Engine) -> None:
    """Issue 19.3: 409 for another municipality's V-number, 201 for an unknown one, was an oracle."""
    bestaand, vrij = factories.vnummer(), factories.vnummer()
    _persoon(engine, AMERSFOORT, vnummer=bestaand)
    zelfde = {"geslachtsnaam": "A", "voornamen": "B", "geboortedatum": "1990-01-01"}
    met_bestaand = _persoon(engine, UTRECHT, vnummer=bestaand, **zelfde)
    met_vrij = _persoon(engine, UTRECHT, vnummer=vrij, **zelfde)
    assert _zonder_id(met_bestaand, bestaand) == _zonder_id(met_vrij, vrij)
    gevonden = service.zoek(engine, UTRECHT, bsn=None, vnummer=bestaand)
    assert [p["id"] for p in gevonden] == [met_bestaand["id"]]
    with pytest.raises(Conflict):  # within one's own scope the conflict is plain
        _persoon(engine, UTRECHT, vnummer=bestaand)


def _zonder_id(persoon: dict[str, Any], nummer: str) -> dict[str, Any]:
    assert persoon["vnummer"] == nummer
    return {k: v for k, v in persoon.items() if k not in ("id", "vnummer", "aangemaaktOp")}


def test_coa_grants_an_aanmelding_and_the_file_moves_to_the_opener(engine: Engine) -> None:
    nummer = factories.vnummer()
    oud = _persoon(engine, AMERSFOORT, vnummer=nummer)
    gebeurtenis(engine, AMERSFOORT, oud["id"], "brede_intake", "2026-10-01")
    nieuw = _persoon(engine, UTRECHT, vnummer=nummer)
    open_, totaal = aanmeldingen.lijst(engine, COA)
    assert totaal == 1 and open_[0]["bestaand"]["gemeentecode"] == "GM0307"
    aanmeldingen.beslis(engine, COA, open_[0]["id"], toekennen=True, toelichting="zelfde persoon, verhuisd")
    samengevoegd = service.persoon(engine, UTRECHT, str(oud["id"]))
    assert samengevoegd["vnummer"] == nummer and samengevoegd["gemeentecode"] == "GM0344"
    with pytest.raises(NotFound):
        service.persoon(engine, UTRECHT, str(nieuw["id"]))
    with pytest.raises(NotFound):
        service.persoon(engine, AMERSFOORT, str(oud["id"]))
    with pytest.raises(Conflict):
        aanmeldingen.beslis(engine, COA, open_[0]["id"], toekennen=False, toelichting="nog eens")


def test_coa_refuses_an_aanmelding_and_the_number_leaves_the_new_file(engine: Engine) -> None:
    nummer = factories.vnummer()
    _persoon(engine, AMERSFOORT, vnummer=nummer)
    nieuw = _persoon(engine, UTRECHT, vnummer=nummer)
    aanmelding = aanmeldingen.lijst(engine, COA)[0][0]
    aanmeldingen.beslis(engine, COA, aanmelding["id"], toekennen=False, toelichting="ander geboortejaar")
    zonder = service.persoon(engine, UTRECHT, str(nieuw["id"]))
    assert "vnummer" in zonder and zonder["vnummer"] is None
    assert aanmeldingen.lijst(engine, COA)[1] == 0


def test_only_coa_decides_on_aanmeldingen(engine: Engine) -> None:
    from doorstroom.platform.errors import PermissionDenied

    with pytest.raises(PermissionDenied):
        aanmeldingen.lijst(engine, UTRECHT)


def test_a_household_coa_registers_without_a_municipality_stays_readable_for_coa(engine: Engine) -> None:
    """Issue 19.5: COA could create a household without a municipality that nobody could read."""
    huishouden = _huishouden(engine, COA, "COA-H-77")
    assert service.huishouden(engine, COA, huishouden)["referentie"] == "COA-H-77"


def _run_met_huishouden(
    engine: Engine, csv_file: Callable[[str, str], Path], case: dict[str, Any]
) -> tuple[int, list[str]]:
    """A stored run over the case's household, which is in the case file with its members (COA)."""
    from doorstroom.koppeling import service as koppeling

    referentie = case["huishoudens"].splitlines()[1].split(",")[0]
    huishouden = _huishouden(engine, COA, referentie)
    leden = [str(_persoon(engine, COA, huishoudenId=huishouden)["id"]) for _ in range(case["leden"])]
    verzoek = koppeling.Verzoek(
        csv_file("h.csv", case["huishoudens"]), csv_file("c.csv", case["capaciteit"]), solver="greedy"
    )
    run_id = koppeling.voorstel(verzoek, engine).run_id
    assert run_id is not None
    return run_id, leden


def test_members_follow_the_final_decision_on_their_household(
    engine: Engine, csv_file: Callable[[str, str], Path]
) -> None:
    from doorstroom.dossier import koppelbesluit
    from doorstroom.dossier.invoer import Beoordeling

    case = geval("herhaalde_besluiten")
    run_id, leden = _run_met_huishouden(engine, csv_file, case)
    referentie = "DEMO-H-0011"
    for besluit in case["besluiten"]:
        uitkomst = koppelbesluit.beoordeel(
            engine, COA, run_id, referentie, Beoordeling.model_validate(besluit)
        )
    eind = str(uitkomst["gemeentecode"])
    for persoon_id in leden:
        lid = service.persoon(engine, COA, persoon_id)
        assert lid["gemeentecode"] == eind
        events, _ = _koppelingen(engine, persoon_id)
        assert [e["gegevens"]["gemeentecode"] for e in events] == [eind]
    gemeente = Gebruiker("g", Rol.gemeente, gemeentecode="GM0014")
    with pytest.raises(NotFound):
        service.persoon(engine, gemeente, leden[0])


def _koppelingen(engine: Engine, persoon_id: str) -> tuple[list[dict[str, Any]], int]:
    """The current koppeling events of a person (replaced ones dropped), as the operator sees them."""
    from doorstroom.dossier import vastleggen

    alle, totaal = vastleggen.gebeurtenissen(
        engine, SYSTEEM, {"persoon_id": persoon_id, "soort": "koppeling"}, Volgorde(), Pagina(1, 100)
    )
    vervangen = {e["vervangt"] for e in alle if e["vervangt"]}
    return [e for e in alle if e["id"] not in vervangen and not e["ingetrokken"]], totaal


def test_concurrent_decisions_on_one_household_serialise_and_one_wins(
    engine: Engine, csv_file: Callable[[str, str], Path]
) -> None:
    from concurrent.futures import ThreadPoolExecutor

    from doorstroom.dossier import koppelbesluit
    from doorstroom.dossier.invoer import Beoordeling
    from doorstroom.platform.errors import Verouderd

    case = geval("herhaalde_besluiten")
    run_id, leden = _run_met_huishouden(engine, csv_file, case)

    def besluit(i: int) -> str:
        keuze = case["besluiten"][i % 3]
        try:
            koppelbesluit.beoordeel(engine, COA, run_id, "DEMO-H-0011", Beoordeling.model_validate(keuze), 0)
        except Verouderd:
            return "412"
        return "201"

    with ThreadPoolExecutor(max_workers=8) as pool:
        uitkomsten = list(pool.map(besluit, range(20)))
    assert uitkomsten.count("201") == 1 and uitkomsten.count("412") == 19
    eind = service.persoon(engine, COA, leden[0])["gemeentecode"]
    assert all(len(_koppelingen(engine, p)[0]) == 1 for p in leden)
    assert {service.persoon(engine, COA, p)["gemeentecode"] for p in leden} == {eind}


def test_withdrawing_the_only_koppeling_returns_the_file_to_where_it_was_opened(engine: Engine) -> None:
    from doorstroom.dossier import vastleggen
    from doorstroom.dossier.invoer import Intrekking

    persoon = _persoon(engine, UTRECHT)
    event = gebeurtenis(
        engine, SYSTEEM, persoon["id"], "koppeling", "2026-10-01", gegevens={"gemeentecode": "GM0307"}
    )
    assert service.persoon(engine, AMERSFOORT, str(persoon["id"]))["gemeentecode"] == "GM0307"
    vastleggen.trek_in(engine, SYSTEEM, str(event["id"]), Intrekking(toelichting="verkeerde gemeente"))
    assert service.persoon(engine, UTRECHT, str(persoon["id"]))["gemeentecode"] == "GM0344"
    with pytest.raises(NotFound):
        service.persoon(engine, AMERSFOORT, str(persoon["id"]))
