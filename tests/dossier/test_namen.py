"""Names in the case file (issue 20, item 5): lists file "de Vries" under V, a search finds a name
within scope, the deadlines list says whom a deadline is for and sorts by name."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
import time_machine
from sqlalchemy import Engine, text

from doorstroom.accounts.domain import Gebruiker, Rol
from doorstroom.dossier import service
from doorstroom.dossier.invoer import GEBEURTENISMODELLEN, NieuwePersoon, PersoonWijziging
from doorstroom.platform.db import make_engine, upgrade
from doorstroom.platform.errors import InputError
from doorstroom.platform.paging import Pagina, Volgorde

UTRECHT = Gebruiker("utrecht", Rol.gemeente, gemeentecode="GM0344")
AMERSFOORT = Gebruiker("amersfoort", Rol.gemeente, gemeentecode="GM0307")
NAMEN = [("Yusuf", "Amal"), ("de Vries", "Sanne"), ("van der Berg", "Piet"), ("Öztürk", "Ece")]


@pytest.fixture(autouse=True)
def _vandaag() -> Iterator[None]:
    with time_machine.travel("2026-11-24 10:00 +01:00", tick=False):
        yield


def _persoon(engine: Engine, gebruiker: Gebruiker, geslachtsnaam: str, voornamen: str) -> str:
    body = {"geslachtsnaam": geslachtsnaam, "voornamen": voornamen, "geboortedatum": "2012-03-04"}
    return str(service.maak_persoon(engine, gebruiker, NieuwePersoon.model_validate(body))["id"])


def _gekoppeld(engine: Engine, gebruiker: Gebruiker, geslachtsnaam: str, voornamen: str) -> str:
    pid = _persoon(engine, gebruiker, geslachtsnaam, voornamen)
    body = {"persoonId": pid, "soort": "koppeling", "datum": "2026-10-01"}
    body["gegevens"] = {"gemeentecode": gebruiker.gemeentecode}
    service.leg_vast(engine, gebruiker, GEBEURTENISMODELLEN["koppeling"].model_validate(body))
    return pid


def test_the_person_list_files_a_prefix_under_the_main_name(engine: Engine) -> None:
    for geslachtsnaam, voornamen in NAMEN:
        _persoon(engine, UTRECHT, geslachtsnaam, voornamen)
    volgorde = Volgorde((("geslachtsnaam", False),))
    rijen, _ = service.personen(engine, UTRECHT, {}, volgorde, Pagina())
    assert [r["geslachtsnaam"] for r in rijen] == ["van der Berg", "Öztürk", "de Vries", "Yusuf"]
    achterstevoren, _ = service.personen(engine, UTRECHT, {}, Volgorde((("geslachtsnaam", True),)), Pagina())
    assert [r["geslachtsnaam"] for r in achterstevoren] == ["Yusuf", "de Vries", "Öztürk", "van der Berg"]


def test_a_name_search_finds_within_scope_only(engine: Engine) -> None:
    sanne = _persoon(engine, UTRECHT, "de Vries", "Sanne")
    _persoon(engine, AMERSFOORT, "de Vries", "Sanne")
    _persoon(engine, UTRECHT, "Vriesema", "Anna")
    gevonden = service.zoek(engine, UTRECHT, bsn=None, vnummer=None, naam="sanne DE vries")
    assert [p["id"] for p in gevonden] == [sanne]
    assert [
        p["geslachtsnaam"] for p in service.zoek(engine, UTRECHT, bsn=None, vnummer=None, naam="vries")
    ] == [
        "de Vries",
        "Vriesema",
    ]
    assert service.zoek(engine, UTRECHT, bsn=None, vnummer=None, naam="100%_") == []
    with pytest.raises(InputError) as fout:
        service.zoek(engine, UTRECHT, bsn=None, vnummer=None, naam=" , ")
    assert fout.value.problems[0].field == "naam"


def test_a_renamed_person_is_filed_and_found_under_the_new_name(engine: Engine) -> None:
    pid = _persoon(engine, UTRECHT, "Jansen", "Kees")
    body = {"geslachtsnaam": "van Dijk", "toelichting": "naam in de BRP"}
    service.wijzig_persoon(engine, UTRECHT, pid, 1, PersoonWijziging.model_validate(body))
    assert [p["id"] for p in service.zoek(engine, UTRECHT, bsn=None, vnummer=None, naam="dijk kees")] == [pid]
    assert service.zoek(engine, UTRECHT, bsn=None, vnummer=None, naam="jansen") == []


def test_the_deadlines_list_names_the_person_and_sorts_by_name(engine: Engine) -> None:
    for geslachtsnaam, voornamen in NAMEN:
        _gekoppeld(engine, UTRECHT, geslachtsnaam, voornamen)
    filter_ = service.Termijnfilter(regel="huisvesting_na_koppeling")
    rijen, totaal = service.termijnoverzicht(engine, UTRECHT, filter_, Pagina(), sorteer="naam")
    assert totaal == 4
    assert [r["naam"] for r in rijen] == [
        "van der Berg, Piet",
        "Öztürk, Ece",
        "de Vries, Sanne",
        "Yusuf, Amal",
    ]
    assert {r["fase"] for r in rijen} == {"gekoppeld"} and "sorteernaam" not in rijen[0]
    aflopend, _ = service.termijnoverzicht(engine, UTRECHT, filter_, Pagina(), aflopend=True, sorteer="naam")
    assert aflopend[0]["naam"] == "Yusuf, Amal"
    with pytest.raises(InputError) as fout:
        service.termijnoverzicht(engine, UTRECHT, filter_, Pagina(), sorteer="bsn")
    assert fout.value.problems[0].field == "sorteer"


def test_files_from_before_the_key_get_it_when_the_schema_is_upgraded(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'oud.db'}")
    upgrade(engine, "0023_keten")
    with engine.begin() as verbinding:
        for nummer, (geslachtsnaam, voornamen) in enumerate(NAMEN):
            verbinding.execute(
                text(
                    "INSERT INTO dossier_persoon (id, geslachtsnaam, voornamen, geboortedatum, fase,"
                    " in_opvang, versie, aangemaakt_op) VALUES (:id, :g, :v, :d, 'nieuw', 0, 1, :d)"
                ),
                {"id": f"p{nummer}", "g": geslachtsnaam, "v": voornamen, "d": date(2020, 1, 1)},
            )
    upgrade(engine)
    with engine.connect() as verbinding:
        rijen = verbinding.execute(text("SELECT geslachtsnaam FROM dossier_persoon ORDER BY sorteernaam"))
        assert [r[0] for r in rijen] == ["van der Berg", "Öztürk", "de Vries", "Yusuf"]
    engine.dispose()
