"""The locations register on SQLite and PostgreSQL: versions, never overwrites, all or nothing."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from doorstroom.platform.audit import acting_as
from doorstroom.platform.db import transaction
from doorstroom.platform.errors import InputError
from doorstroom.spreiding import register
from doorstroom.spreiding.models import LocatieVersieRecord
from tests.spreiding.conftest import synthetische_locaties

Bestand = Callable[..., Path]


def _aantal_versies(engine: Engine) -> int:
    with transaction(engine) as session:
        return int(session.scalar(select(func.count(LocatieVersieRecord.id))) or 0)


def test_import_registers_new_locations_with_who_when_why(engine: Engine, locatiebestand: Bestand) -> None:
    with acting_as("planner@coa"):
        resultaat = register.importeer(engine, locatiebestand(), "startbestand")
    assert (resultaat.nieuw, resultaat.gewijzigd, resultaat.ongewijzigd) == (48, 0, 0)
    (eerste, *_) = register.historie(engine)
    assert eerste.wijziging == "nieuw" and eerste.versie.versie == 1
    assert eerste.versie.registratie.door == "planner@coa"
    assert eerste.versie.registratie.reden == "startbestand"


def test_a_change_is_a_new_version_and_nothing_is_replaced(engine: Engine, locatiebestand: Bestand) -> None:
    rijen = synthetische_locaties()
    register.importeer(engine, locatiebestand(rijen))
    assert register.importeer(engine, locatiebestand(rijen)).ongewijzigd == 48
    rijen[0] = {**rijen[0], "capaciteit": 999, "sluiting": "2031-12-31", "toelichting": "uitbreiding"}
    resultaat = register.importeer(engine, locatiebestand(rijen[:1], "wijziging.csv"))
    assert (resultaat.nieuw, resultaat.gewijzigd) == (0, 1)
    historie = register.historie(engine, str(rijen[0]["locatie_id"]))
    assert [h.versie.versie for h in historie] == [1, 2]
    assert "capaciteit" in historie[1].wijziging and "→ 999" in historie[1].wijziging
    assert historie[1].versie.registratie.reden == "uitbreiding"
    assert historie[0].versie.locatie.capaciteit != 999  # the old version is kept as it was
    assert _aantal_versies(engine) == 49
    (huidig,) = [v for v in register.toon(engine) if v.locatie.id == rijen[0]["locatie_id"]]
    assert huidig.locatie.capaciteit == 999 and huidig.versie == 2


def test_what_was_open_on_a_date(engine: Engine, locatiebestand: Bestand) -> None:
    rijen = [
        {
            **synthetische_locaties()[0],
            "locatie_id": "OUD",
            "opening": "2020-01-01",
            "sluiting": "2023-06-30",
        },
        {**synthetische_locaties()[1], "locatie_id": "NIEUW", "opening": "2025-01-01", "sluiting": ""},
    ]
    register.importeer(engine, locatiebestand(rijen))
    assert [v.locatie.id for v in register.toon(engine, open_op=date(2023, 6, 30))] == ["OUD"]
    assert [v.locatie.id for v in register.toon(engine, open_op=date(2023, 7, 1))] == []
    assert [v.locatie.id for v in register.toon(engine, open_op=date(2026, 1, 1))] == ["NIEUW"]


def test_filters_by_municipality_or_province(engine: Engine, locatiebestand: Bestand) -> None:
    register.importeer(engine, locatiebestand())
    alle = register.toon(engine)
    gemeente = alle[0].locatie.gemeentecode
    assert {v.locatie.gemeentecode for v in register.toon(engine, gemeente=gemeente)} == {gemeente}
    assert len(register.toon(engine, provincie="zeeland")) == 4
    with pytest.raises(InputError, match="Zeeland"):
        register.toon(engine, provincie="Zeland")


def test_a_bad_file_stores_nothing(engine: Engine, locatiebestand: Bestand) -> None:
    rijen = synthetische_locaties()
    rijen[30] = {**rijen[30], "capaciteit": -5}
    with pytest.raises(InputError) as error:
        register.importeer(engine, locatiebestand(rijen))
    assert [(p.row, p.field) for p in error.value.problems] == [(32, "capaciteit")]
    assert _aantal_versies(engine) == 0


def test_unknown_location_in_history_lists_known_ones(engine: Engine, locatiebestand: Bestand) -> None:
    with pytest.raises(InputError, match="leeg"):
        register.historie(engine, "SYN-01-0")
    register.importeer(engine, locatiebestand())
    with pytest.raises(InputError, match="SYN-01-0"):
        register.historie(engine, "SYN-01-O")


def test_a_reason_too_long_is_refused_before_anything_is_read(
    engine: Engine, locatiebestand: Bestand
) -> None:
    with pytest.raises(InputError) as error:
        register.importeer(engine, locatiebestand(), "x" * 2001)
    assert error.value.problems[0].field == "reden"


def test_two_users_importing_at_once_lose_nothing_and_write_nothing_twice(
    engine: Engine, locatiebestand: Bestand
) -> None:
    rijen = synthetische_locaties()
    register.importeer(engine, locatiebestand(rijen))
    bestanden = [
        locatiebestand([{**r, "bezetting": 1, "vergunninghouders": 0} for r in rijen], "a.csv"),
        locatiebestand([{**r, "bezetting": 2, "vergunninghouders": 0} for r in rijen], "b.csv"),
    ]
    fouten: list[BaseException] = []

    def importeer(path: Path) -> None:
        try:
            register.importeer(engine, path)
        except BaseException as error:  # reported below; a thread must not swallow it silently
            fouten.append(error)

    threads = [threading.Thread(target=importeer, args=(path,)) for path in bestanden]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert fouten == []
    assert _aantal_versies(engine) == 48 * 3
    for regels in _per_locatie(register.historie(engine)).values():
        assert [r.versie.versie for r in regels] == [1, 2, 3]


def _per_locatie(regels: list[register.Historieregel]) -> dict[str, list[register.Historieregel]]:
    result: dict[str, list[register.Historieregel]] = {}
    for regel in regels:
        result.setdefault(regel.versie.locatie.id, []).append(regel)
    return result


def test_a_writer_that_loses_the_race_retries_on_the_fresh_state(
    engine: Engine, locatiebestand: Bestand, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Deterministic race: between our read and our write, another user registers version 2.

    Only PostgreSQL lets another writer in between: on SQLite every write transaction takes the
    write lock when it begins (``BEGIN IMMEDIATE``), so the other user waits for ours instead.
    """
    if engine.dialect.name == "sqlite":
        pytest.skip("SQLite writers queue from the start of their transaction: no race to lose")
    rijen = synthetische_locaties()[:1]
    register.importeer(engine, locatiebestand(rijen))
    ander = locatiebestand([{**rijen[0], "bezetting": 1, "vergunninghouders": 0}], "ander.csv")
    eigen = locatiebestand([{**rijen[0], "bezetting": 2, "vergunninghouders": 0}], "eigen.csv")
    echte_huidige = register.repository.huidige
    gelezen: list[int] = []

    def huidige_en_dan_de_ander(session: object) -> object:
        stand = echte_huidige(session)  # type: ignore[arg-type]
        if not gelezen:
            gelezen.append(1)
            thread = threading.Thread(target=register.importeer, args=(engine, ander))
            thread.start()
            thread.join()
        return stand

    monkeypatch.setattr(register.repository, "huidige", huidige_en_dan_de_ander)
    register.importeer(engine, eigen)
    historie = register.historie(engine)
    assert [(h.versie.versie, h.versie.locatie.bezetting) for h in historie] == [
        (1, int(str(rijen[0]["bezetting"]))),
        (2, 1),
        (3, 2),
    ]


def test_retries_end_in_a_clear_error_when_the_conflict_persists(engine: Engine) -> None:
    from sqlalchemy.exc import IntegrityError

    from doorstroom.platform.db import MAX_RACES, DatabaseBezet, schrijf
    from doorstroom.platform.errors import Busy

    pogingen: list[int] = []

    def altijd_verloren(_: object) -> None:
        pogingen.append(1)
        raise IntegrityError("INSERT", {}, Exception("unique"))

    with pytest.raises(DatabaseBezet, match="probeer het opnieuw") as raised:
        schrijf(engine, altijd_verloren, herhaal_bij=register.RACE)
    assert isinstance(raised.value, Busy) and len(pogingen) == MAX_RACES + 1


def test_closing_a_location_is_a_new_version_with_a_reason(engine: Engine, locatiebestand: Bestand) -> None:
    rijen = [{**synthetische_locaties()[0], "locatie_id": "AZC-1", "opening": "2020-01-01", "sluiting": ""}]
    register.importeer(engine, locatiebestand(rijen))
    with acting_as("coa-planner"):
        versie = register.sluit(engine, "AZC-1", date(2026, 12, 31), "contract loopt af")
    assert versie.versie == 2 and versie.locatie.sluiting == date(2026, 12, 31)
    assert (
        register.sluit(engine, "AZC-1", date(2026, 12, 31), "nogmaals").versie == 2
    )  # no change, no version
    laatste = register.historie(engine, "AZC-1")[-1]
    assert laatste.wijziging == "sluiting (leeg) → 2026-12-31"
    assert (laatste.versie.registratie.door, laatste.versie.registratie.reden) == (
        "coa-planner",
        "contract loopt af",
    )
    assert [v.locatie.id for v in register.toon(engine, open_op=date(2027, 1, 1))] == []
    with pytest.raises(InputError, match="voor opening"):
        register.sluit(engine, "AZC-1", date(2019, 1, 1), "fout")
    with pytest.raises(InputError, match="AZC-1"):
        register.sluit(engine, "AZC-2", date(2026, 1, 1), "onbekend")
    with pytest.raises(InputError, match="reden"):
        register.sluit(engine, "AZC-1", date(2026, 1, 1), "  ")


def test_reception_per_province_from_the_register(engine: Engine, locatiebestand: Bestand) -> None:
    register.importeer(engine, locatiebestand())
    per_provincie = register.opvang_per_provincie(engine, date(2026, 11, 24))
    assert len(per_provincie) == 12
    assert sum(o.plaatsen for o in per_provincie.values()) == sum(
        v.locatie.capaciteit for v in register.toon(engine, open_op=date(2026, 11, 24))
    )
