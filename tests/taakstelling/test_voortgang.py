"""Figures kept, not recomputed (issue 22): the database sums koppelingen and counts move-ins by the
same rules as the Python code that reads every row, on random data (Hypothesis), on both databases.

Also: the aggregate statement writes nothing (no audit line), and its figures equal the full
supervision statement's.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, delete, func, insert, select

from doorstroom.platform import audit
from doorstroom.platform.db import transaction
from doorstroom.taakstelling import repository, service, vaststelling
from doorstroom.taakstelling.core.domain import Koppeling, koppelcijfers, vroegste_binnen_termijn
from doorstroom.taakstelling.huisvestingstermijn import huisvestingstermijn
from doorstroom.taakstelling.models import KoppelingMeldingRecord
from doorstroom.values.maand import add_months
from doorstroom.values.periode import Periode

CODES = ("GM0344", "GM0363", "GM0014")
BEGIN = date(2025, 1, 1)
VOORBEELDEN = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@st.composite
def koppelingen(draw: st.DrawFn) -> list[Koppeling]:
    aantal = draw(st.integers(0, 40))
    result = []
    for i in range(aantal):
        gekoppeld = BEGIN + timedelta(days=draw(st.integers(0, 900)))
        gehuisvest = draw(st.one_of(st.none(), st.integers(0, 240)))
        result.append(
            Koppeling(
                draw(st.sampled_from(CODES)),
                f"H{i}",
                draw(st.integers(1, 8)),
                gekoppeld,
                None if gehuisvest is None else gekoppeld + timedelta(days=gehuisvest),
                huisvestingstermijn(),
            )
        )
    return result


def _kolommen(k: Koppeling) -> dict[str, object]:
    return {naam: waarde for naam, waarde in asdict(k).items() if naam != "termijn_maanden"}


def _bewaar(engine: Engine, lijst: list[Koppeling]) -> None:
    with transaction(engine, schrijven=True) as session:
        session.execute(delete(KoppelingMeldingRecord))
        if lijst:
            session.execute(
                insert(KoppelingMeldingRecord),
                [{**_kolommen(k), "bron": "test"} for k in lijst],
            )


def test_the_database_sums_koppelingen_as_the_rows_would(engine: Engine) -> None:
    @VOORBEELDEN
    @given(koppelingen(), st.integers(0, 1000), st.sampled_from(["2025-1", "2025-2", "2026-1", "2026-2"]))
    def vergelijk(lijst: list[Koppeling], dag: int, tekst: str) -> None:
        _bewaar(engine, lijst)
        periode, peildatum = Periode.parse(tekst), BEGIN + timedelta(days=dag)
        with transaction(engine) as session:
            database = repository.koppelcijfers(session, periode, peildatum)
            rijen = repository.koppelingen_voor(session, periode, peildatum)  # the rows as before
            te_laat = repository.te_laat(session, peildatum)
        for code in CODES:
            eigen = [k for k in rijen if k.gemeentecode == code]
            verwacht = koppelcijfers(periode, peildatum, eigen)
            gekregen = database.get(code)
            assert (gekregen or verwacht.__class__()) == verwacht, code
        assert [k.huishouden_ref for k in te_laat] == [
            k.huishouden_ref for k in rijen if k.te_laat(peildatum)
        ]

    vergelijk()


@given(st.dates(date(2020, 1, 1), date(2030, 12, 31)), st.integers(1, 12))
def test_the_term_threshold_splits_overdue_from_on_time(peildatum: date, termijn: int) -> None:
    drempel = vroegste_binnen_termijn(peildatum, termijn)
    assert add_months(drempel, termijn) >= peildatum
    assert add_months(drempel - timedelta(days=1), termijn) < peildatum


def test_the_aggregate_statement_writes_nothing_and_equals_the_full_one(engine: Engine) -> None:
    periode = Periode.parse("2026-1")
    vaststelling.vaststellen(engine, vaststelling.Vaststelverzoek(periode, totaal=10_000))
    _bewaar(
        engine,
        [
            Koppeling("GM0344", "A", 3, date(2025, 6, 1)),
            Koppeling("GM0344", "B", 2, date(2026, 2, 1), date(2026, 3, 1)),
            Koppeling("GM0363", "C", 4, date(2026, 3, 1)),
        ],
    )
    with transaction(engine) as session:
        voor = session.scalar(select(func.count()).select_from(audit.AuditRecord))
    cijfers = service.voortgang(engine, periode, date(2026, 5, 1))
    with transaction(engine) as session:
        assert session.scalar(select(func.count()).select_from(audit.AuditRecord)) == voor
    volledig = service.toezicht(engine, periode, date(2026, 5, 1))
    # The full statement adds the case file's TVS columns (issue 23); every figure of the page's
    # statement is the full one's.
    assert [
        {k: r[k] for k in c} for c, r in zip(cijfers.records, volledig.records, strict=True)
    ] == cijfers.records
    assert all(not k.startswith("tvs_") for k in cijfers.records[0])
    assert {"tvs_op_schema", "tvs_te_laat"} <= set(volledig.records[0])
    assert cijfers.te_laat == [] and [r["huishouden_ref"] for r in volledig.te_laat] == ["A"]
