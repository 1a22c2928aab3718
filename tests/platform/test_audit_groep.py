"""The group commit of the audit trail: readers share writes, and no line is lost, doubled or reordered.

Readers in many threads, and in two processes at once, each record lines in reading transactions;
afterwards the chain is intact, holds exactly every line once, and each reader's own lines appear
in the order it recorded them (a reader waits for its line to be durable before it goes on). An AVG
inspection finds a record's lines through the link table, as the text search over the log would.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import Engine, func, select, text

from doorstroom.platform import audit
from doorstroom.platform.audit_schrijver import schrijver
from doorstroom.platform.db import make_engine, transaction

LEZERS, REGELS = 8, 25


def lees(engine: Engine, lezer: str, nummer: int) -> audit.AuditRecord:
    """One read of personal data: a reading transaction with one audit line."""
    with audit.acting_as(lezer), transaction(engine) as session:
        session.execute(text("SELECT 1"))
        return audit.record(
            session, "read", "persoon", f"{lezer}:{nummer}", objecten=[f"p-{lezer}-{nummer % 3}"]
        )


def regels_per_lezer(engine: Engine) -> dict[str, list[int]]:
    with transaction(engine) as session:
        lines = audit.trail(session, "persoon")
    result: dict[str, list[int]] = defaultdict(list)
    for line in lines:
        lezer, nummer = line.object_ref.split(":")
        result[lezer].append(int(nummer))
    return result


def test_a_read_waits_for_its_line_and_the_line_is_chained(engine: Engine) -> None:
    line = lees(engine, "lezer-a", 0)
    assert line.volgnummer == 1 and line.hash
    with transaction(engine) as session:
        assert audit.controleer(session).intact
        assert [r.volgnummer for r in audit.over_object(session, "p-lezer-a-0")] == [1]


def test_a_failed_read_leaves_no_line(engine: Engine) -> None:
    with pytest.raises(RuntimeError), transaction(engine) as session:
        audit.record(session, "read", "persoon", "mislukt")
        raise RuntimeError("de lezing mislukt")
    with transaction(engine) as session:
        assert audit.trail(session) == []


def test_concurrent_readers_in_threads_lose_nor_reorder_a_line(engine: Engine) -> None:
    url = engine.url.render_as_string(hide_password=False)
    eigen = make_engine(url)
    start = threading.Barrier(LEZERS)

    def lezer(i: int) -> None:
        start.wait()
        for nummer in range(REGELS):
            lees(eigen, f"t{i}", nummer)

    try:
        with ThreadPoolExecutor(LEZERS) as pool:
            list(pool.map(lezer, range(LEZERS)))
    finally:
        eigen.dispose()
    _controleer_volledig(engine, [f"t{i}" for i in range(LEZERS)])


def test_two_processes_of_readers_share_one_unbroken_chain(engine: Engine) -> None:
    url = engine.url.render_as_string(hide_password=False)
    programma = (
        "import sys; from concurrent.futures import ThreadPoolExecutor\n"
        "from doorstroom.platform.db import make_engine\n"
        "from tests.platform.test_audit_groep import lees\n"
        "engine = make_engine(sys.argv[1]); naam = sys.argv[2]\n"
        "def lezer(i):\n"
        f"    for n in range({REGELS}): lees(engine, f'{{naam}}{{i}}', n)\n"
        "with ThreadPoolExecutor(4) as pool: list(pool.map(lezer, range(4)))\n"
    )
    processen = [subprocess.Popen([sys.executable, "-c", programma, url, naam]) for naam in ("pa", "pb")]
    assert [p.wait(timeout=300) for p in processen] == [0, 0]
    _controleer_volledig(engine, [f"{naam}{i}" for naam in ("pa", "pb") for i in range(4)])


def _controleer_volledig(engine: Engine, lezers: list[str]) -> None:
    with transaction(engine) as session:
        controle = audit.controleer(session)
        assert controle.intact, controle.reden
        assert controle.regels == len(lezers) * REGELS
    per_lezer = regels_per_lezer(engine)
    assert sorted(per_lezer) == sorted(lezers)
    for lezer in lezers:
        assert per_lezer[lezer] == list(range(REGELS)), lezer  # every line once, in the reader's order


def test_the_link_table_finds_what_the_text_search_finds(engine: Engine) -> None:
    for i in range(6):
        lees(engine, f"z{i % 2}", i)
    with transaction(engine, schrijven=True) as session:
        audit.record(session, "write", "persoon", "w:0", objecten=["p-z0-0", "ander"])
    with transaction(engine) as session:
        for object_id in ("p-z0-0", "p-z1-1", "p-z0-2", "ander", "onbekend"):
            pattern = f"%{json.dumps(object_id)}%"
            tekst = session.scalars(
                select(audit.AuditRecord.volgnummer)
                .where(audit.AuditRecord.objecten.like(pattern))
                .order_by(audit.AuditRecord.volgnummer)
            ).all()
            assert [r.volgnummer for r in audit.over_object(session, object_id)] == list(tekst)
        assert session.scalar(select(func.count()).select_from(audit.AuditObjectRecord)) == 8


def test_the_link_table_is_append_only(engine: Engine) -> None:
    lees(engine, "x", 0)
    for statement in ("UPDATE audit_object SET object_id = 'ander'", "DELETE FROM audit_object"):
        with pytest.raises(Exception, match="append-only"), transaction(engine, schrijven=True) as session:
            session.execute(text(statement))


def test_one_writer_per_database_in_a_process(engine: Engine) -> None:
    assert schrijver(engine) is schrijver(engine)
