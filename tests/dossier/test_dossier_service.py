"""The case file's services on SQLite and PostgreSQL: scope, events, imports, AVG, taakstelling."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
import time_machine
from sqlalchemy import Engine

from doorstroom.accounts.domain import Gebruiker, Rol
from doorstroom.dossier import avg, importeren, overzicht, service, vastleggen
from doorstroom.dossier.invoer import GEBEURTENISMODELLEN, Intrekking, NieuwePersoon, PersoonWijziging
from doorstroom.platform import audit
from doorstroom.platform.db import transaction
from doorstroom.platform.errors import Conflict, InputError, NotFound, PermissionDenied, Verouderd
from doorstroom.platform.paging import Pagina, Volgorde
from doorstroom.taakstelling import service as taakstelling
from doorstroom.taakstelling.vaststelling import Vaststelverzoek
from doorstroom.values.periode import Periode
from tests.dossier import factories

UTRECHT = Gebruiker("utrecht", Rol.gemeente, gemeentecode="GM0344")
AMERSFOORT = Gebruiker("amersfoort", Rol.gemeente, gemeentecode="GM0307")
COA = Gebruiker("coa", Rol.coa)
PROVINCIE = Gebruiker("prov", Rol.provincie, provincie="Utrecht")
SYSTEEM = Gebruiker.systeem("beheer")


@pytest.fixture(autouse=True)
def _vandaag() -> Iterator[None]:
    with time_machine.travel("2026-11-24 10:00 +01:00", tick=False):
        yield


def nieuw(gebruiker: Gebruiker, engine: Engine, **overrides: object) -> dict[str, object]:
    return service.maak_persoon(
        engine, gebruiker, NieuwePersoon.model_validate(factories.persoon(**overrides))
    )


def gebeurtenis(
    engine: Engine, gebruiker: Gebruiker, persoon_id: object, soort: str, datum: str, **extra: object
) -> dict[str, object]:
    body = {"persoonId": persoon_id, "soort": soort, "datum": datum, **extra}
    return vastleggen.leg_vast(engine, gebruiker, GEBEURTENISMODELLEN[soort].model_validate(body))


def test_a_person_needs_only_surname_birth_date_and_municipality(engine: Engine) -> None:
    persoon = service.maak_persoon(
        engine,
        UTRECHT,
        NieuwePersoon.model_validate({"geslachtsnaam": "Jansen", "geboortedatum": "1990-04-02"}),
    )
    assert persoon["gemeentecode"] == "GM0344" and persoon["fase"] == "nieuw" and persoon["versie"] == 1


def test_municipalities_see_only_their_own_persons(engine: Engine) -> None:
    eigen = nieuw(UTRECHT, engine)
    nieuw(AMERSFOORT, engine)
    lijst, totaal = service.personen(engine, UTRECHT, {}, Volgorde(), Pagina())
    assert totaal == 1 and [p["id"] for p in lijst] == [eigen["id"]]
    with pytest.raises(NotFound):
        service.persoon(engine, AMERSFOORT, str(eigen["id"]))
    with pytest.raises(PermissionDenied):
        service.personen(engine, PROVINCIE, {}, Volgorde(), Pagina())


def test_coa_sees_reception_only_and_never_the_bsn(engine: Engine) -> None:
    in_opvang = nieuw(COA, engine, vnummer=factories.vnummer())
    assert in_opvang["inOpvang"] is True and "bsn" not in in_opvang
    gemeentelijk = nieuw(UTRECHT, engine, bsn=factories.bsn())
    with pytest.raises(NotFound):
        service.persoon(engine, COA, str(gemeentelijk["id"]))
    gebeurtenis(engine, COA, in_opvang["id"], "koppeling", "2026-10-01", gegevens={"gemeentecode": "GM0344"})
    gebeurtenis(
        engine, COA, in_opvang["id"], "huisvesting", "2026-11-24", gegevens={"gemeentecode": "GM0344"}
    )  # not before the registratie of today (issue 20 item 6)
    with pytest.raises(NotFound):  # housed: no longer in COA's scope, now Utrecht's
        service.persoon(engine, COA, str(in_opvang["id"]))
    assert service.persoon(engine, UTRECHT, str(in_opvang["id"]))["fase"] == "gehuisvest"


def test_coa_may_not_record_inburgering_events(engine: Engine) -> None:
    persoon = nieuw(COA, engine)
    with pytest.raises(PermissionDenied):
        gebeurtenis(engine, COA, persoon["id"], "brede_intake", "2026-10-01")


def test_one_person_one_file_conflict_on_bsn_within_scope(engine: Engine) -> None:
    nummer = factories.bsn()
    nieuw(UTRECHT, engine, bsn=nummer)
    with pytest.raises(Conflict):
        nieuw(UTRECHT, engine, bsn=nummer)


def test_stale_version_is_refused_and_identity_corrections_need_a_reason(engine: Engine) -> None:
    persoon = nieuw(UTRECHT, engine)
    pid = str(persoon["id"])
    with pytest.raises(InputError):
        service.wijzig_persoon(engine, UTRECHT, pid, 1, PersoonWijziging(geslachtsnaam="de Vries"))
    gewijzigd = service.wijzig_persoon(
        engine, UTRECHT, pid, 1, PersoonWijziging(geslachtsnaam="de Vries", toelichting="typfout")
    )
    assert gewijzigd["versie"] == 2
    with pytest.raises(Verouderd):
        service.wijzig_persoon(engine, UTRECHT, pid, 1, PersoonWijziging(casemanager="klantmanager1"))


def test_corrections_and_withdrawals_keep_history(engine: Engine) -> None:
    pid = nieuw(UTRECHT, engine)["id"]
    eerste = gebeurtenis(engine, UTRECHT, pid, "koppeling", "2026-09-01", gegevens={"gemeentecode": "GM0344"})
    correctie = gebeurtenis(
        engine,
        UTRECHT,
        pid,
        "koppeling",
        "2026-09-02",
        gegevens={"gemeentecode": "GM0344"},
        vervangt=eerste["id"],
        toelichting="datum verkeerd overgenomen",
    )
    with pytest.raises(Conflict):
        gebeurtenis(
            engine,
            UTRECHT,
            pid,
            "koppeling",
            "2026-09-03",
            gegevens={"gemeentecode": "GM0344"},
            vervangt=eerste["id"],
            toelichting="nog eens",
        )
    vastleggen.trek_in(engine, UTRECHT, str(correctie["id"]), Intrekking(toelichting="geen koppeling"))
    _, totaal = vastleggen.gebeurtenissen(engine, UTRECHT, {"persoon_id": pid}, Volgorde(), Pagina())
    assert totaal == 3 and service.persoon(engine, UTRECHT, str(pid))["fase"] == "nieuw"


def _lijst(csv_file: Callable[[str, str], Path], name: str, rows: list[str], header: str) -> Path:
    return csv_file(name, "\n".join([header, *rows]) + "\n")


KOPPEL_KOP = "huishouden_ref,vnummer,geslachtsnaam,voornamen,geboortedatum,gemeentecode,koppeldatum"


def test_koppeling_list_import_is_idempotent(engine: Engine, csv_file: Callable[[str, str], Path]) -> None:
    path = _lijst(
        csv_file,
        "koppel.csv",
        [
            "COA-1,1000000001,Haddad,Amal,1985-02-03,GM0344,2026-09-01",
            "COA-1,1000000002,Haddad,Rami,2015-06-07,GM0344,2026-09-01",
            "COA-2,1000000003,Tesfay,Senait,1992-11-12,GM0307,2026-09-15",
        ],
        KOPPEL_KOP,
    )
    eerste = importeren.importeer_koppellijst(engine, COA, path)
    assert (eerste.nieuwe_personen, eerste.nieuwe_huishoudens, eerste.nieuwe_gebeurtenissen) == (3, 2, 3)
    tweede = importeren.importeer_koppellijst(engine, COA, path)
    assert (tweede.nieuwe_personen, tweede.nieuwe_huishoudens, tweede.nieuwe_gebeurtenissen) == (0, 0, 0)
    assert service.personen(engine, UTRECHT, {}, Volgorde(), Pagina())[1] == 2


def test_import_is_all_or_nothing_with_row_level_errors(
    engine: Engine, csv_file: Callable[[str, str], Path]
) -> None:
    path = _lijst(
        csv_file,
        "koppel.csv",
        [
            "COA-1,1000000001,Haddad,Amal,1985-02-03,GM0344,2026-09-01",
            "COA-2,12345,Tesfay,Senait,1992-11-12,GM9999,2026-13-15",
        ],
        KOPPEL_KOP,
    )
    with pytest.raises(InputError) as caught:
        importeren.importeer_koppellijst(engine, COA, path)
    assert {(p.row, p.field) for p in caught.value.problems} >= {(3, "vnummer")}
    assert all("12345" not in p.message and "Tesfay" not in p.message for p in caught.value.problems)
    assert service.personen(engine, SYSTEEM, {}, Volgorde(), Pagina())[1] == 0


def test_gemeente_may_import_only_its_own_rows(engine: Engine, csv_file: Callable[[str, str], Path]) -> None:
    path = _lijst(csv_file, "koppel.csv", ["COA-9,1000000009,Ali,,1980-01-01,GM0307,2026-09-01"], KOPPEL_KOP)
    with pytest.raises(InputError) as caught:
        importeren.importeer_koppellijst(engine, UTRECHT, path)
    assert caught.value.problems[0].row == 2 and caught.value.problems[0].field == "gemeentecode"


def test_move_ins_count_toward_the_taakstelling_without_double_counting(
    engine: Engine, csv_file: Callable[[str, str], Path]
) -> None:
    periode = Periode.parse("2026-2")
    taakstelling.vaststellen(engine, Vaststelverzoek(periode, 16500))
    for _ in range(5):
        pid = nieuw(UTRECHT, engine)["id"]
        gebeurtenis(engine, UTRECHT, pid, "huisvesting", "2026-10-10", gegevens={"gemeentecode": "GM0344"})

    def gerealiseerd() -> int:
        records = taakstelling.toezicht(engine, periode, date(2026, 11, 24)).records
        return int(next(r for r in records if r["gemeentecode"] == "GM0344")["gerealiseerd"])

    assert gerealiseerd() == 5  # no import: the file counts (no double entry)
    taakstelling.importeer_realisatie(
        engine, csv_file("r.csv", "gemeentecode,maand,gehuisvest\nGM0344,2026-10,3\n")
    )
    assert gerealiseerd() == 5  # the import already includes the file's people: max, not 3 + 5
    taakstelling.importeer_realisatie(
        engine, csv_file("r2.csv", "gemeentecode,maand,gehuisvest\nGM0344,2026-10,7\n")
    )
    assert gerealiseerd() == 7


def test_deadlines_view_per_municipality_and_case_worker(engine: Engine) -> None:
    # minors: no intake or PIP term, so the housing rules of the koppeling are what is due
    for casemanager, koppeldatum in (("anna", "2026-08-01"), ("bram", "2026-10-01")):
        pid = nieuw(UTRECHT, engine, casemanager=casemanager, geboortedatum="2012-03-04")["id"]
        gebeurtenis(engine, UTRECHT, pid, "koppeling", koppeldatum, gegevens={"gemeentecode": "GM0344"})
    rows, totaal = overzicht.termijnoverzicht(engine, UTRECHT, overzicht.Termijnfilter(), Pagina())
    assert totaal == 4 and [r["status"] for r in rows] == ["verlopen", "verlopen", "open", "open"]
    assert [r["regel"] for r in rows[:2]] == ["woningaanbod_na_koppeling", "huisvesting_na_koppeling"]
    anna, _ = overzicht.termijnoverzicht(
        engine, UTRECHT, overzicht.Termijnfilter(casemanager="anna"), Pagina()
    )
    assert [r["vervaldatum"] for r in anna] == ["2026-10-10", "2026-11-01"]
    assert overzicht.termijnoverzicht(engine, AMERSFOORT, overzicht.Termijnfilter(), Pagina())[1] == 0
    assert overzicht.termijnaantallen(engine, UTRECHT, "GM0344") == {
        "open": 2,
        "binnenkort": 0,
        "verlopen": 2,
    }
    # a province sees no figure from fewer than ten persons (None: "< 10"); zero stays zero
    assert overzicht.termijnaantallen(engine, PROVINCIE, "GM0344") == {
        "open": None,
        "binnenkort": 0,
        "verlopen": None,
    }


def test_a_linked_adult_in_reception_has_intake_and_pip_due_from_the_koppeling(engine: Engine) -> None:
    pid = nieuw(UTRECHT, engine, geboortedatum="1990-05-06")["id"]
    gebeurtenis(engine, UTRECHT, pid, "koppeling", "2026-10-01", gegevens={"gemeentecode": "GM0344"})
    filter_ = overzicht.Termijnfilter(regel="brede_intake")
    rows, _ = overzicht.termijnoverzicht(engine, UTRECHT, filter_, Pagina())
    assert [(r["start"], r["vervaldatum"]) for r in rows] == [("2026-10-01", "2026-12-10")]
    gebeurtenis(engine, UTRECHT, pid, "brede_intake", "2026-11-02")  # accepted while still in reception
    assert overzicht.termijnoverzicht(engine, UTRECHT, filter_, Pagina())[1] == 0
    assert service.persoon(engine, UTRECHT, pid)["inOpvang"] is True


def test_avg_inspection_holds_everything_including_who_processed(engine: Engine) -> None:
    pid = str(nieuw(UTRECHT, engine)["id"])
    gebeurtenis(engine, UTRECHT, pid, "koppeling", "2026-09-01", gegevens={"gemeentecode": "GM0344"})
    service.persoon(engine, UTRECHT, pid)
    document = avg.inzage(engine, UTRECHT, pid)
    assert document["persoon"]["id"] == pid and len(document["gebeurtenissen"]) == 1
    assert {v["door"] for v in document["verwerkingen"]} == {"gebruiker:utrecht"}
    assert {v["handeling"] for v in document["verwerkingen"]} >= {"read", "write"}
    with pytest.raises(NotFound):
        avg.inzage(engine, AMERSFOORT, pid)


def test_retention_removes_personal_data_and_keeps_counts(engine: Engine) -> None:
    periode = Periode.parse("2026-2")
    taakstelling.vaststellen(engine, Vaststelverzoek(periode, 16500))
    pid = str(nieuw(UTRECHT, engine)["id"])
    gebeurtenis(engine, UTRECHT, pid, "huisvesting", "2026-10-10", gegevens={"gemeentecode": "GM0344"})
    proef = avg.opschonen(engine, SYSTEEM, date(2031, 12, 1), 5, uitvoeren=False)
    assert (proef.personen, proef.uitgevoerd) == (1, False)
    uitkomst = avg.opschonen(engine, SYSTEEM, date(2031, 12, 1), 5, uitvoeren=True)
    assert uitkomst.personen == 1 and uitkomst.tellingen >= 1
    with pytest.raises(NotFound):
        service.persoon(engine, SYSTEEM, pid)
    records = taakstelling.toezicht(engine, periode, date(2026, 11, 24)).records
    assert next(r for r in records if r["gemeentecode"] == "GM0344")["gerealiseerd"] == 1
    with transaction(engine) as session:
        assert audit.controleer(session).intact


def test_every_read_and_write_is_audited_with_fields_and_purpose(engine: Engine) -> None:
    pid = str(nieuw(UTRECHT, engine)["id"])
    service.persoon(engine, UTRECHT, pid)
    with transaction(engine) as session:
        lines = audit.over_object(session, pid)
    assert [(line.action, line.actor) for line in lines] == [
        ("write", "gebruiker:utrecht"),
        ("read", "gebruiker:utrecht"),
    ]
    assert "geslachtsnaam" in lines[1].velden and "Wet inburgering" in lines[1].doel
