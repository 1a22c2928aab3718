"""Anchors of the audit chain outside the database (issue 19, item 6): removing the last audit lines
and setting the head back passed ``audit controleer``; against an anchor it is found and named."""

from __future__ import annotations

import json
import stat
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from doorstroom.accounts import service
from doorstroom.accounts.domain import Gebruiker
from doorstroom.platform import audit
from doorstroom.platform.errors import ConfigurationError
from doorstroom.platform.settings import get_settings
from tests.cli_helpers import run
from tests.platform.test_audit import controle, schrijf, zonder_triggers
from tests.server import vrije_poort

OPERATOR = Gebruiker.systeem("test")


@pytest.fixture
def ankerbestand(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    pad = tmp_path / "elders" / "ankers.jsonl"
    pad.parent.mkdir()
    monkeypatch.setenv("DOORSTROOM_AUDIT_ANKER", str(pad))
    get_settings.cache_clear()
    return pad


def _hash(engine: Engine, volgnummer: int) -> str:
    with engine.connect() as connection:
        query = text("SELECT hash FROM audit_log WHERE volgnummer = :n")
        return str(connection.execute(query, {"n": volgnummer}).scalar_one())


def _staart_afsnijden(engine: Engine, houd: int) -> None:
    """What an attacker with database rights does: delete the last lines and set the head back, so
    the remaining chain is whole again."""
    kop = _hash(engine, houd)
    zonder_triggers(engine, f"DELETE FROM audit_log WHERE volgnummer > {houd}")
    with engine.begin() as connection:
        connection.execute(text("UPDATE audit_keten SET volgnummer = :n, hash = :h"), {"n": houd, "h": kop})


def test_a_cut_and_rechained_tail_passes_without_anchors_and_is_found_with_one(
    engine: Engine, ankerbestand: Path
) -> None:
    schrijf(engine, 6)
    assert service.auditanker(engine, OPERATOR)["anker"]["aantal"] == 6
    _staart_afsnijden(engine, 4)
    assert controle(engine).intact  # the gap the anchors close
    uitkomst = service.auditcontrole(engine, OPERATOR)
    assert not uitkomst["intact"] and uitkomst["anker"] == f"{ankerbestand} rij 1"
    assert "staart afgesneden" in uitkomst["reden"] and "telde er 6" in uitkomst["reden"]
    cli = run("audit", "controleer")
    assert cli.exit_code == 1 and "auditlog gebroken" in cli.stderr and f"{ankerbestand} rij 1" in cli.stderr


def test_a_cut_tail_grown_back_with_new_lines_is_found_at_the_anchored_line(
    engine: Engine, ankerbestand: Path
) -> None:
    schrijf(engine, 6)
    service.auditanker(engine, OPERATOR)
    _staart_afsnijden(engine, 4)
    schrijf(engine, 3)  # seven lines again, more than the anchor counted, but line 6 is another
    uitkomst = service.auditcontrole(engine, OPERATOR)
    assert not uitkomst["intact"] and uitkomst["fout_volgnummer"] == 6
    assert "past niet bij het anker" in uitkomst["reden"]


def test_a_chain_rewritten_from_its_first_line_does_not_fit_its_anchors(
    engine: Engine, ankerbestand: Path
) -> None:
    schrijf(engine, 3)
    service.auditanker(engine, OPERATOR)
    with engine.begin() as connection:
        connection.execute(text("DELETE FROM audit_keten"))
    zonder_triggers(engine, "DELETE FROM audit_log")
    schrijf(engine, 5)  # a fresh, whole chain: longer than anchored, yet not the anchored one
    uitkomst = service.auditcontrole(engine, OPERATOR)
    assert not uitkomst["intact"] and "past niet bij het anker" in uitkomst["reden"]


def test_an_intact_chain_passes_every_anchor(engine: Engine, ankerbestand: Path) -> None:
    for _ in range(3):
        schrijf(engine, 2)
        assert service.auditanker(engine, OPERATOR)["intact"]
    uitkomst = service.auditcontrole(engine, OPERATOR)
    assert uitkomst["intact"] and uitkomst["ankers"] == 3 and uitkomst["regels"] == 6
    regels = [json.loads(r) for r in ankerbestand.read_text().splitlines()]
    assert [r["aantal"] for r in regels] == [2, 4, 6]
    assert {r["keten"] for r in regels} == {_hash(engine, 1)} and regels[-1]["hash"] == _hash(engine, 6)
    assert stat.S_IMODE(ankerbestand.stat().st_mode) == 0o600
    assert "password" not in regels[0]["database"] and regels[0]["database"].startswith(engine.dialect.name)


def test_a_broken_chain_is_never_anchored(engine: Engine, ankerbestand: Path) -> None:
    schrijf(engine, 4)
    service.auditanker(engine, OPERATOR)
    zonder_triggers(engine, "UPDATE audit_log SET actor = 'gebruiker:vervalst' WHERE volgnummer = 2")
    voor = ankerbestand.read_text()
    cli = run("audit", "anker")
    assert cli.exit_code == 1 and "auditlog gebroken" in cli.stderr and "volgnummer 2" in cli.stderr
    assert ankerbestand.read_text() == voor


def test_an_empty_log_has_nothing_to_anchor(engine: Engine, ankerbestand: Path) -> None:
    cli = run("audit", "anker")
    assert cli.exit_code == 0 and "leeg" in cli.stderr and not ankerbestand.exists()


def test_anchoring_needs_the_setting(engine: Engine) -> None:
    schrijf(engine, 1)
    cli = run("audit", "anker")
    assert cli.exit_code == 2 and "DOORSTROOM_AUDIT_ANKER" in cli.stderr
    zonder = run("audit", "controleer")
    assert zonder.exit_code == 0 and "geen ankers ingesteld" in zonder.stderr


@pytest.mark.parametrize(
    ("inhoud", "fragment"),
    [
        ("geen json\n", "rij 1 is geen JSON"),
        ('{"versie": 1}\n', "rij 1 is geen anker"),
        ("[1]", "rij 1 is geen anker"),
    ],
)
def test_an_anchor_file_that_is_not_anchors_names_its_row(
    engine: Engine, ankerbestand: Path, inhoud: str, fragment: str
) -> None:
    schrijf(engine, 1)
    ankerbestand.write_text(inhoud)
    with pytest.raises(ConfigurationError, match=fragment):
        service.auditcontrole(engine, OPERATOR)


@pytest.mark.parametrize("waarde", ["ankers.jsonl", "ftp://worm.example/ankers", "file:///var/ankers"])
def test_the_setting_takes_an_absolute_path_or_an_http_url(
    waarde: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DOORSTROOM_AUDIT_ANKER", waarde)
    get_settings.cache_clear()
    with pytest.raises(ConfigurationError, match="DOORSTROOM_AUDIT_ANKER"):
        get_settings()


# --- an anchor service over HTTP ------------------------------------------------------------------


class _Worm(BaseHTTPRequestHandler):
    """A local write-once service: POST appends an anchor, GET answers all of them as JSON lines."""

    ankers: list[bytes]
    status = 201

    def do_POST(self) -> None:
        lengte = int(self.headers.get("Content-Length", "0"))
        type(self).ankers.append(self.rfile.read(lengte))
        self.send_response(self.status)
        self.end_headers()

    def do_GET(self) -> None:
        body = b"\n".join(type(self).ankers) + b"\n"
        self.send_response(200)
        self.send_header("Content-Type", "application/x-ndjson")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_: object) -> None:
        return


@pytest.fixture
def worm(monkeypatch: pytest.MonkeyPatch) -> Iterator[type[_Worm]]:
    handler = type("Worm", (_Worm,), {"ankers": [], "status": 201})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    draad = threading.Thread(target=server.serve_forever, daemon=True)
    draad.start()
    monkeypatch.setenv(
        "DOORSTROOM_AUDIT_ANKER", f"http://anker:geheim@127.0.0.1:{server.server_port}/ankers?sleutel=x"
    )
    get_settings.cache_clear()
    try:
        yield handler
    finally:
        server.shutdown()
        server.server_close()
        draad.join(timeout=5)


def test_anchors_posted_to_a_service_are_read_back_and_find_a_cut_tail(
    engine: Engine, worm: type[_Worm]
) -> None:
    schrijf(engine, 5)
    assert run("audit", "anker").exit_code == 0
    assert [json.loads(a)["aantal"] for a in worm.ankers] == [5]
    assert service.auditcontrole(engine, OPERATOR)["intact"]
    _staart_afsnijden(engine, 3)
    cli = run("audit", "controleer")
    assert cli.exit_code == 1 and "staart afgesneden" in cli.stderr
    assert "geheim" not in cli.stderr and "sleutel" not in cli.stderr


def test_a_service_that_refuses_the_anchor_is_a_clear_error(engine: Engine, worm: type[_Worm]) -> None:
    schrijf(engine, 1)
    worm.status = 503
    cli = run("audit", "anker")
    assert cli.exit_code == 2 and "antwoordde 503" in cli.stderr and "niet bewaard" in cli.stderr


@pytest.mark.parametrize("opdracht", ["anker", "controleer"])
def test_an_unreachable_anchor_url_is_a_clear_error(
    engine: Engine, monkeypatch: pytest.MonkeyPatch, opdracht: str
) -> None:
    schrijf(engine, 1)
    monkeypatch.setenv(
        "DOORSTROOM_AUDIT_ANKER", f"https://gebruiker:wachtwoord@127.0.0.1:{vrije_poort()}/anker"
    )
    get_settings.cache_clear()
    cli = run("audit", opdracht)
    assert cli.exit_code == 2, cli.stderr
    assert "DOORSTROOM_AUDIT_ANKER" in cli.stderr and "niet bereikbaar" in cli.stderr
    assert "wachtwoord" not in cli.stderr and "Traceback" not in cli.output


def test_the_anchor_rule_compares_line_count_and_identity() -> None:
    """The pure rule on plain values: the anchor of a longer chain, or of another chain, does not fit."""
    kop = audit.Controle(regels=4, kop_hash="d" * 64, eerste_hash="a" * 64)
    eigen = audit.Anker(4, "d" * 64, 4, "2026-01-01T00:00:00.000000Z", "a" * 64)
    langer = audit.Anker(6, "f" * 64, 6, "2026-01-02T00:00:00.000000Z", "a" * 64, plaats="x rij 2")
    vreemd = audit.Anker(2, "b" * 64, 2, "2026-01-03T00:00:00.000000Z", "c" * 64, plaats="x rij 3")
    assert audit._tegen_ankers(kop, [eigen]).intact
    assert audit._tegen_ankers(kop, [eigen, langer]).anker == "x rij 2"
    assert "andere keten" in (audit._tegen_ankers(kop, [vreemd]).reden or "")
