"""Prometheus metrics of one server process: requests, latency, background jobs, solver runs.

An operator watches these series (``/metrics``, see :mod:`doorstroom.monitoring`); they carry route
*templates*, methods, status codes, job kinds and solver names, never an identifier, a query string
or a user name (AVG: no personal data in monitoring either). Counters live in this process's own
registry, so a test or a second application in the same process starts from a known state.
"""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram

REGISTRY = CollectorRegistry(auto_describe=True)

VERZOEKEN = Counter(
    "doorstroom_http_requests",
    "HTTP requests answered, by application (api/web), method, route template and status.",
    ["app", "method", "route", "status"],
    registry=REGISTRY,
)
DUUR = Histogram(
    "doorstroom_http_request_duration_seconds",
    "Time to answer an HTTP request, by application, method and route template.",
    ["app", "method", "route"],
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0),
    registry=REGISTRY,
)
TAKEN = Counter(
    "doorstroom_jobs",
    "Background jobs (forecasts, koppeling runs) finished, by kind and outcome (klaar/fout).",
    ["soort", "uitkomst"],
    registry=REGISTRY,
)
TAKEN_OPEN = Gauge(
    "doorstroom_jobs_open",
    "Background jobs waiting or running in this process, by kind.",
    ["soort"],
    registry=REGISTRY,
)
SOLVERRUNS = Counter(
    "doorstroom_solver_runs",
    "Koppeling solver runs, by solver and result status.",
    ["solver", "status"],
    registry=REGISTRY,
)
SOLVERDUUR = Histogram(
    "doorstroom_solver_run_duration_seconds",
    "Wall-clock time of a koppeling solver run, by solver.",
    ["solver"],
    buckets=(0.1, 0.5, 1.0, 5.0, 15.0, 30.0, 60.0, 120.0, 300.0, 900.0),
    registry=REGISTRY,
)


def verzoek(app: str, method: str, route: str, status: int, seconden: float) -> None:
    """Count one answered request (``route`` is the template, e.g. ``/personen/{persoon_id}``)."""
    VERZOEKEN.labels(app, method, route, str(status)).inc()
    DUUR.labels(app, method, route).observe(seconden)


def taak_gestart(soort: str) -> None:
    """A background job was queued."""
    TAKEN_OPEN.labels(soort).inc()


def taak_klaar(soort: str, uitkomst: str) -> None:
    """A background job ended with ``uitkomst`` (``klaar`` or ``fout``)."""
    TAKEN_OPEN.labels(soort).dec()
    TAKEN.labels(soort, uitkomst).inc()


def solverrun(solver: str, status: str, seconden: float) -> None:
    """A koppeling solver run ended with ``status`` after ``seconden``."""
    SOLVERRUNS.labels(solver, status).inc()
    SOLVERDUUR.labels(solver).observe(seconden)
