"""The audit trail is append-only and hash-chained; tampering with one line is found and named."""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError

from doorstroom.platform import audit, db
from doorstroom.platform.db import make_engine, transaction, upgrade
from tests.cli_helpers import run


def schrijf(engine: Engine, aantal: int) -> None:
    """Audit lines written as services write them: in write transactions (db.schrijf)."""
    for i in range(aantal):
        db.schrijf(
            engine, lambda session, i=i: audit.record(session, "read", "persoon", f"p{i}", objecten=[f"p{i}"])
        )


def controle(engine: Engine) -> audit.Controle:
    with transaction(engine) as session:
        return audit.controleer(session)


def zonder_triggers(engine: Engine, sql: str) -> None:
    """What an attacker with database rights could do: switch the append-only triggers off, tamper,
    and (PostgreSQL) switch them on again, so the shared test cluster keeps them for later tests."""
    with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            connection.execute(text("ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only"))
        else:
            connection.execute(text("DROP TRIGGER IF EXISTS audit_log_geen_update"))
            connection.execute(text("DROP TRIGGER IF EXISTS audit_log_geen_delete"))
        connection.execute(text(sql))
        if engine.dialect.name == "postgresql":
            connection.execute(text("ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only"))


def test_chain_is_intact_after_writes(engine: Engine) -> None:
    schrijf(engine, 5)
    uitkomst = controle(engine)
    assert uitkomst.intact and uitkomst.regels == 5


def test_the_log_refuses_updates_and_deletes(engine: Engine) -> None:
    schrijf(engine, 2)
    for sql in ("UPDATE audit_log SET actor = 'iemand anders'", "DELETE FROM audit_log"):
        with pytest.raises(DBAPIError), engine.begin() as connection:
            connection.execute(text(sql))
    assert controle(engine).intact


def test_a_changed_line_is_named(engine: Engine) -> None:
    schrijf(engine, 5)
    zonder_triggers(engine, "UPDATE audit_log SET actor = 'gebruiker:vervalst' WHERE volgnummer = 3")
    uitkomst = controle(engine)
    assert not uitkomst.intact and uitkomst.fout_volgnummer == 3 and "gewijzigd" in (uitkomst.reden or "")


def test_a_removed_line_and_a_cut_off_tail_are_found(engine: Engine) -> None:
    schrijf(engine, 5)
    zonder_triggers(engine, "DELETE FROM audit_log WHERE volgnummer = 2")
    assert controle(engine).fout_volgnummer == 3
    schrijf_opnieuw = make_engine(str(engine.url.render_as_string(hide_password=False)))
    zonder_triggers(schrijf_opnieuw, "DELETE FROM audit_log WHERE volgnummer >= 2")
    schrijf_opnieuw.dispose()
    uitkomst = controle(engine)
    assert not uitkomst.intact and "kop van de keten" in (uitkomst.reden or "")


def test_cli_names_the_first_tampered_row_with_exit_code_1(engine: Engine) -> None:
    schrijf(engine, 4)
    assert run("audit", "controleer").exit_code == 0
    zonder_triggers(engine, "UPDATE audit_log SET aantal = 99 WHERE volgnummer = 2")
    with engine.connect() as connection:
        row_id = connection.execute(text("SELECT id FROM audit_log WHERE volgnummer = 2")).scalar_one()
    result = run("audit", "controleer")
    assert result.exit_code == 1
    assert f"regel id {row_id}" in result.stderr and "volgnummer 2" in result.stderr


def test_concurrent_writers_extend_one_chain(engine: Engine) -> None:
    def worker() -> None:
        schrijf(engine, 10)

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    uitkomst = controle(engine)
    assert uitkomst.intact and uitkomst.regels == 40


def test_lines_written_before_the_chain_existed_are_chained_by_the_migration(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'oud.db'}")
    upgrade(engine, "0002")
    with engine.begin() as connection:
        for i in range(3):
            connection.execute(
                text(
                    "INSERT INTO audit_log (moment, actor, action, object_type, object_ref, aantal) "
                    "VALUES (:m, 'os:tester', 'write', 'taakstelling_koppeling', :r, 1)"
                ),
                {"m": datetime(2026, 1, 1 + i, tzinfo=UTC), "r": f"bestand{i}.csv"},
            )
    upgrade(engine)
    schrijf(engine, 1)
    uitkomst = controle(engine)
    engine.dispose()
    assert uitkomst.intact and uitkomst.regels == 4
