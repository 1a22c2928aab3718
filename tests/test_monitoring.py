"""The platform's doors: liveness, readiness (database reachable, migrations current) and /metrics
(requests, latency, jobs, audit lines, solver runs), the latter only for the configured token."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from doorstroom.koppeling.core.domain import Beleid
from doorstroom.koppeling.core.synthetic import synthetisch
from doorstroom.koppeling.solver.registry import solver
from doorstroom.platform.db import make_engine, upgrade
from doorstroom.platform.settings import get_settings
from doorstroom.reference.io import embedded_gemeenten
from doorstroom.server import create_app

TOKEN = "metrics-token-" + "m" * 40


@pytest.fixture
def metrics_token(monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("DOORSTROOM_METRICS_TOKEN", TOKEN)
    get_settings.cache_clear()
    return TOKEN


def test_liveness_and_readiness_on_a_migrated_database(engine: Engine) -> None:
    with TestClient(create_app(engine)) as client:
        assert client.get("/gezondheid/leeft").json() == {"status": "ok"}
        gereed = client.get("/gezondheid/gereed")
        assert gereed.status_code == 200 and gereed.json()["migraties"] == "actueel"


def test_readiness_fails_while_migrations_are_behind_and_liveness_stays(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path}/achter.db")
    upgrade(engine, "0009")
    with TestClient(create_app(engine)) as client:
        assert client.get("/gezondheid/leeft").status_code == 200
        antwoord = client.get("/gezondheid/gereed")
        assert antwoord.status_code == 503 and antwoord.json()["migraties"] == "niet actueel"


def test_readiness_fails_when_the_database_is_unreachable() -> None:
    engine = make_engine("postgresql+psycopg://niemand:x@127.0.0.1:1/doorstroom?connect_timeout=1")
    with TestClient(create_app(engine)) as client:
        antwoord = client.get("/gezondheid/gereed")
        assert antwoord.status_code == 503 and antwoord.json()["database"] == "onbereikbaar"
        assert client.get("/gezondheid/leeft").status_code == 200


def test_metrics_do_not_exist_without_a_token_and_need_it_when_set(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    with TestClient(create_app(engine)) as client:
        assert client.get("/metrics").status_code == 404
    monkeypatch.setenv("DOORSTROOM_METRICS_TOKEN", TOKEN)
    get_settings.cache_clear()
    with TestClient(create_app(engine)) as client:
        assert client.get("/metrics").status_code == 401
        assert client.get("/metrics", headers={"Authorization": "Bearer fout"}).status_code == 401
        assert client.get("/metrics", headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 200


def test_metrics_expose_requests_latency_jobs_audit_and_solver_runs(
    engine: Engine, metrics_token: str
) -> None:
    solver("greedy").los_op(synthetisch(embedded_gemeenten(), 30, seed=1), Beleid(), tijdslimiet=5.0)
    with TestClient(create_app(engine)) as client:
        client.get("/api/v1/gezondheid")
        client.get("/aanmelden")
        tekst = client.get("/metrics", headers={"Authorization": f"Bearer {metrics_token}"}).text
    for reeks in (
        'doorstroom_http_requests_total{app="api",method="GET",route="/gezondheid",status="200"}',
        'doorstroom_http_requests_total{app="web",method="GET",route="/aanmelden",status="200"}',
        'doorstroom_http_request_duration_seconds_bucket{app="api",le="0.01",method="GET",route="/gezondheid"}',
        "doorstroom_jobs_total",
        "doorstroom_jobs_open",
        "doorstroom_audit_lines ",
        "doorstroom_ready 1.0",
        'doorstroom_solver_runs_total{solver="greedy"',
        'doorstroom_solver_run_duration_seconds_count{solver="greedy"}',
    ):
        assert reeks in tekst, reeks


def test_a_background_job_is_counted_open_and_then_by_outcome() -> None:
    from doorstroom.accounts.domain import Gebruiker, Rol
    from doorstroom.platform.metrics import REGISTRY
    from doorstroom.web.taken import Takenlijst

    def waarde(naam: str, **labels: str) -> float:
        return REGISTRY.get_sample_value(naam, labels) or 0.0

    voor = waarde("doorstroom_jobs_total", soort="proef", uitkomst="fout")
    taak = Takenlijst().start(Gebruiker("coa", Rol.coa), "proef", "een taak die faalt", lambda _: 1 / 0)
    for _ in range(200):
        if taak.klaar:
            break
        time.sleep(0.01)
    assert waarde("doorstroom_jobs_total", soort="proef", uitkomst="fout") == voor + 1
    assert waarde("doorstroom_jobs_open", soort="proef") == 0
