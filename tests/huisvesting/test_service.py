"""The housing plan's use cases on SQLite and PostgreSQL: the supply register, access, the plan, the money."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
import time_machine
from sqlalchemy import Engine

from doorstroom.accounts.domain import Gebruiker, Rol
from doorstroom.dossier import service as dossier
from doorstroom.huisvesting import service
from doorstroom.platform.errors import InputError, NotFound, PermissionDenied
from doorstroom.taakstelling import service as taakstelling
from doorstroom.taakstelling.vaststelling import Vaststelverzoek
from doorstroom.values.periode import Periode
from doorstroom.values.woningklasse import WONINGKLASSEN

UTRECHT = Gebruiker("utrecht", Rol.gemeente, gemeentecode="GM0344")
AMERSFOORT = Gebruiker("amersfoort", Rol.gemeente, gemeentecode="GM0307")
PROVINCIE = Gebruiker("prov", Rol.provincie, provincie="Utrecht")
GRONINGEN = Gebruiker("gron", Rol.provincie, provincie="Groningen")
COA = Gebruiker("coa", Rol.coa)
SYSTEEM = Gebruiker.systeem("beheer")

KOP = (
    "Kenmerk;Naam;Soort;Aantal;Personen per eenheid;Slaapkamers;Beschikbaar per;Einddatum;Status;Bron;"
    "Kosten eenmalig (€);Toelichting"
)
RIJEN = [
    "A1;Sociale huur Noord;sociale huur;4;1;;1-11-2026;;beschikbaar;corporatie;;",
    "A2;Flexwoningen Zuid;flexwoning;2;4;;1-12-2026;30-11-2036;in voorbereiding;raadsbesluit;150.000;",
    "A3;Tussenvoorziening Oost;tussenvoorziening;3;;1;1-11-2026;31-12-2026;beschikbaar;;;",
    "A4;Grote woning;sociale huur;1;6;;1-12-2026;;plan;corporatie;;",
]


@pytest.fixture(autouse=True)
def _vandaag() -> Iterator[None]:
    with time_machine.travel("2026-11-24 10:00 +01:00", tick=False):
        yield


def blad(csv_file: Callable[[str, str], Path], rijen: list[str], naam: str = "aanbod.csv") -> Path:
    return csv_file(naam, "\n".join([KOP, *rijen]) + "\n")


def test_a_municipality_imports_its_sheet_and_changes_are_versions_with_who_and_why(
    engine: Engine, csv_file: Callable[[str, str], Path]
) -> None:
    eerste = service.importeer(engine, UTRECHT, "Utrecht", blad(csv_file, RIJEN), "eerste invoer")
    assert (eerste.nieuw, eerste.gewijzigd, eerste.ongewijzigd) == (4, 0, 0)
    aanbod = {v.eenheid.kenmerk: v.eenheid for v in service.aanbod(engine, UTRECHT, "GM0344")}
    assert (aanbod["A2"].plaatsen, aanbod["A2"].klasse, aanbod["A2"].kosten_eenmalig) == (8, "3-4", 150_000.0)
    assert (aanbod["A3"].personen, aanbod["A3"].einde) == (2, date(2026, 12, 31))
    gewijzigd = [
        *RIJEN[:3],
        "A4;Grote woning;sociale huur;1;6;;1-12-2026;;beschikbaar;corporatie;;opgeleverd",
    ]
    tweede = service.importeer(engine, UTRECHT, "GM0344", blad(csv_file, gewijzigd, "v2.csv"))
    assert (tweede.nieuw, tweede.gewijzigd, tweede.ongewijzigd) == (0, 1, 3)
    historie = service.historie(engine, UTRECHT, "GM0344", "A4")
    assert [(h.versie.versie, h.versie.registratie.reden) for h in historie] == [
        (1, "eerste invoer"),
        (2, "opgeleverd"),
    ]
    assert historie[1].versie.registratie.door == "gebruiker:utrecht" and "status" in historie[1].wijziging


def test_an_import_with_bad_rows_names_them_all_and_writes_nothing(
    engine: Engine, csv_file: Callable[[str, str], Path]
) -> None:
    fout = [
        RIJEN[0],
        "A2;Flex;flexwoonunit;2;4;;1-12-2026;;plan;;;",
        "A3;Kamer;hosting;1;;;31-2-2026;;plan;;;",
    ]
    with pytest.raises(InputError) as info:
        service.importeer(engine, UTRECHT, "GM0344", blad(csv_file, fout))
    plekken = {(p.row, p.field) for p in info.value.problems}
    assert {(3, "Soort"), (4, "Beschikbaar per"), (4, "Personen per eenheid")} <= plekken
    assert all("--" not in p.message for p in info.value.problems)
    assert service.aanbod(engine, UTRECHT, "GM0344") == []


def test_a_sociale_huur_home_has_no_end_date_and_an_end_follows_the_start(
    engine: Engine, csv_file: Callable[[str, str], Path]
) -> None:
    fout = [
        "A1;Woning;sociale huur;1;2;;1-1-2027;1-1-2030;plan;;;",
        "A2;Flex;flexwoning;1;2;;1-1-2027;1-1-2026;plan;;;",
    ]
    with pytest.raises(InputError) as info:
        service.importeer(engine, UTRECHT, "GM0344", blad(csv_file, fout))
    assert {(p.row, p.field) for p in info.value.problems} == {(2, "Einddatum"), (3, "Einddatum")}


def test_a_municipality_keeps_only_its_own_supply_and_a_province_reads_its_own(
    engine: Engine, csv_file: Callable[[str, str], Path]
) -> None:
    service.importeer(engine, UTRECHT, "GM0344", blad(csv_file, RIJEN))
    with pytest.raises(NotFound):
        service.aanbod(engine, AMERSFOORT, "GM0344")
    with pytest.raises(NotFound):
        service.importeer(engine, AMERSFOORT, "GM0344", blad(csv_file, RIJEN))
    with pytest.raises(PermissionDenied):
        service.importeer(engine, PROVINCIE, "GM0344", blad(csv_file, RIJEN))
    assert len(service.aanbod(engine, PROVINCIE, "GM0344")) == 4
    with pytest.raises(NotFound):
        service.plan(engine, GRONINGEN, service.Planverzoek("GM0344"))
    rijen = service.overzicht(engine, PROVINCIE, None, service.Planverzoek("")).rijen
    assert {r["provincie"] for r in rijen} == {"Utrecht"} and any(
        r["gemeentecode"] == "GM0344" for r in rijen
    )


def _koppel(engine: Engine, csv_file: Callable[[str, str], Path]) -> None:
    kop = "huishouden_ref,vnummer,geslachtsnaam,voornamen,geboortedatum,gemeentecode,koppeldatum"
    leden = [f"COA-1,10000000{i:02d},Haddad,Lid{i},2010-01-0{i},GM0344,2026-11-01" for i in range(1, 7)]
    lijst = csv_file(
        "koppel.csv", "\n".join([kop, *leden, "COA-2,1000000099,Tesfay,Senait,1992-11-12,GM0344,2026-11-02"])
    )
    dossier.importeer_koppellijst(engine, COA, lijst)


def test_the_plan_sets_supply_against_the_taakstelling_and_the_linked_households(
    engine: Engine, csv_file: Callable[[str, str], Path]
) -> None:
    taakstelling.vaststellen(engine, Vaststelverzoek(Periode.parse("2026-2"), 16500))
    _koppel(engine, csv_file)
    service.importeer(engine, UTRECHT, "GM0344", blad(csv_file, RIJEN))
    verzoek = service.Planverzoek("GM0344", peildatum=date(2026, 11, 24), maanden=3, zonder_prognose=True)
    plan = service.plan(engine, UTRECHT, verzoek)
    assert plan.gekoppeld == {6: 1, 1: 1} and [m.maand for m in plan.plan.maanden] == ["2026-11", "2026-12"]
    assert any("prognose" in m for m in plan.meldingen)
    resterend = taakstelling.resterend(engine, Periode.parse("2026-2"), date(2026, 11, 24))
    assert resterend is not None
    assert plan.plan.maanden[-1].som("behoefte") == max(resterend["GM0344"], 7)
    for maand in plan.plan.maanden:
        for k in WONINGKLASSEN:
            stand = maand.klassen[k]
            assert stand.behoefte - stand.aanbod == stand.tekort - stand.overschot
            assert stand.gehuisvest + stand.tekort == stand.behoefte
    assert plan.plan.maanden[0].klassen["5+"].behoefte >= 6
    assert plan.plan.grote_huishoudens_achter_vanaf == "2026-11"


def test_the_operator_updates_the_money_table_and_every_line_names_its_source(
    engine: Engine, csv_file: Callable[[str, str], Path]
) -> None:
    ingebouwd = service.huidige_regelingen(engine, UTRECHT)
    assert ingebouwd.versie == 0 and all(r.bron and r.status for r in ingebouwd.regelingen)
    kop = (
        "sleutel,regeling,richting,grondslag,soorten,bedrag,bedrag_hoog,aandeel,eenheid,"
        "geldig_van,geldig_tot,status,bron,toelichting"
    )
    regel = (
        "bonus-flexwoning,Bonus flexwoning,inkomsten,eenheid,flexwoning,14000,,1,per woning,"
        "2026-01-01,2027-12-31,gepubliceerd,Kamerstuk 19637-3383,test"
    )
    pad = csv_file("regelingen.csv", f"{kop}\n{regel}\n")
    with pytest.raises(PermissionDenied):
        service.werk_regelingen_bij(engine, UTRECHT, pad, "nieuwe bedragen")
    with pytest.raises(InputError):
        service.werk_regelingen_bij(engine, SYSTEEM, pad, "  ")
    tabel, gewijzigd = service.werk_regelingen_bij(engine, SYSTEEM, pad, "nieuwe bedragen")
    assert gewijzigd and tabel.versie == 1 and tabel.reden == "nieuwe bedragen"
    assert service.werk_regelingen_bij(engine, SYSTEEM, pad, "nog eens")[1] is False
    assert [t.versie for t in service.regelingversies(engine, UTRECHT)] == [0, 1]
    service.importeer(engine, UTRECHT, "GM0344", blad(csv_file, RIJEN))
    geld = service.geld(
        engine, UTRECHT, service.Planverzoek("GM0344", peildatum=date(2026, 11, 24), maanden=2)
    )
    bonus = [r for r in geld.geld.regels if r.sleutel == "bonus-flexwoning"]
    assert [(r.maand, r.hoeveelheid, r.totaal, r.bron) for r in bonus] == [
        ("2026-12", 2.0, 28_000.0, "Kamerstuk 19637-3383")
    ]
    kosten = [r for r in geld.geld.regels if r.sleutel == "aanbod:A2" and r.totaal == 150_000.0]
    assert len(kosten) == 1 and geld.tabel.versie == 1
    jaar = {s.periode: s for s in geld.geld.per_jaar()}
    assert jaar["2026"].inkomsten == 28_000.0 and jaar["2026"].tekort == jaar["2026"].kosten - 28_000.0
