"""Review decisions: appended, never replaced; overrides pass the solver's validator; one reason for many."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import Engine

from doorstroom.koppeling import service
from doorstroom.koppeling.core.domain import Beleid, RegioBinding
from doorstroom.koppeling.service import Beoordeling, Selectie
from doorstroom.platform import audit
from doorstroom.platform.db import transaction
from doorstroom.platform.errors import InputError, NotFound

HUISHOUDENS = """huishouden_id,volwassenen,kinderen,opvang_gemeente,zorg
D1,1,0,GM0363,dialyse
S1,1,0,GM0363,
S2,1,0,GM0363,
"""
CAPACITEIT = """gemeentecode,capaciteit,zorg
GM0363,3,dialyse
GM0361,2,
GM0599,3,
GM0344,1,dialyse
"""
Run = Callable[..., int]


@pytest.fixture
def maak_run(engine: Engine, csv_file: Callable[[str, str], Path]) -> Run:
    """Store a run over three households received in Amsterdam (one needs dialysis)."""
    paden = csv_file("h.csv", HUISHOUDENS), csv_file("c.csv", CAPACITEIT)

    def maak(binding: RegioBinding = RegioBinding.gewicht) -> int:
        verzoek = service.Verzoek(*paden, beleid=Beleid(regio_binding=binding))
        run_id = service.voorstel(verzoek, engine).run_id
        assert run_id is not None
        return run_id

    return maak


def _plaats(engine: Engine, run_id: int, ident: str) -> str:
    return next(
        str(v["gemeentecode"]) for v in service.voorstellen(engine, run_id) if v["huishouden_id"] == ident
    )


def _fout(engine: Engine, run_id: int, selectie: Selectie, beoordeling: Beoordeling) -> list[str]:
    with pytest.raises(InputError) as error:
        service.beoordeel(engine, run_id, selectie, beoordeling)
    return [p.message for p in error.value.problems]


def test_override_into_a_municipality_without_the_required_care_is_refused(
    engine: Engine, maak_run: Run
) -> None:
    """Issue 7.2: dialysis needed, hard region rule, override to Rotterdam: refused, with alternatives."""
    run_id = maak_run(RegioBinding.hard)
    assert _plaats(engine, run_id, "D1") == "GM0363"
    fouten = _fout(engine, run_id, Selectie(("D1",)), Beoordeling("P. Jansen", "wens", "GM0599"))
    assert "de vereiste zorg (dialyse) ontbreekt in GM0599 Rotterdam" in fouten
    assert "GM0599 Rotterdam ligt buiten de opvangregio Noord-Holland (regiobinding hard)" in fouten
    assert "toegestaan en met plaats: GM0363 Amsterdam" in fouten
    assert not any("D1" in f for f in fouten)
    assert service.geschiedenis(engine, run_id) == []  # nothing recorded


def test_without_the_region_rule_the_alternatives_include_other_regions(
    engine: Engine, maak_run: Run
) -> None:
    run_id = maak_run(RegioBinding.gewicht)
    fouten = _fout(engine, run_id, Selectie(("D1",)), Beoordeling("P. Jansen", "wens", "Rotterdam"))
    assert fouten == [
        "de vereiste zorg (dialyse) ontbreekt in GM0599 Rotterdam",
        "toegestaan en met plaats: GM0363 Amsterdam, GM0344 Utrecht",
    ]
    [besluit] = service.beoordeel(
        engine, run_id, Selectie(("D1",)), Beoordeling("P. Jansen", "familie", "Utrecht")
    )
    assert (besluit["beoordeling"], besluit["gemeentecode"], besluit["gemeentenaam"]) == (
        "overschreven", "GM0344", "Utrecht",
    )  # fmt: skip


def test_an_override_may_not_exceed_the_maximum(engine: Engine, maak_run: Run) -> None:
    run_id = maak_run()
    service.beoordeel(engine, run_id, Selectie(("S1",)), Beoordeling("A", "netwerk", "GM0344"))
    fouten = _fout(engine, run_id, Selectie(("S2",)), Beoordeling("A", "netwerk", "GM0344"))
    assert fouten[0] == "GM0344 Utrecht: 2 personen gekoppeld, maximum 1"
    # the reception region first, then the most room left
    assert fouten[1] == "toegestaan en met plaats: GM0361 Alkmaar, GM0363 Amsterdam, GM0599 Rotterdam"


def test_two_reviews_leave_two_history_entries_and_a_reversal_needs_a_reason(
    engine: Engine, maak_run: Run
) -> None:
    """Issue 7.5: a second decision no longer replaces the first."""
    run_id = maak_run()
    eerste = Beoordeling("P. Jansen", "dichter bij familie", "GM0361")
    service.beoordeel(engine, run_id, Selectie(("S1",)), eerste)
    fouten = _fout(engine, run_id, Selectie(("S1",)), Beoordeling("K. Bakker"))
    assert fouten == ["dit besluit draait een eerder besluit om en vraagt een toelichting"]
    service.beoordeel(engine, run_id, Selectie(("S1",)), Beoordeling("K. Bakker", "familie verhuisd"))
    historie = service.geschiedenis(engine, run_id, "S1")
    assert [(b["door"], b["beoordeling"], b["gemeentecode"]) for b in historie] == [
        ("P. Jansen", "overschreven", "GM0361"),
        ("K. Bakker", "geaccepteerd", "GM0363"),
    ]
    assert historie[0]["toelichting"] == "dichter bij familie"
    stand = {v["huishouden_id"]: v for v in service.voorstellen(engine, run_id)}["S1"]
    assert (stand["beoordeling"], stand["definitief"], stand["besluiten"], stand["door"]) == (
        "geaccepteerd", "GM0363", 2, "K. Bakker",
    )  # fmt: skip


def test_confirming_the_decision_that_holds_needs_no_reason(engine: Engine, maak_run: Run) -> None:
    run_id = maak_run()
    service.beoordeel(engine, run_id, Selectie(("S2",)), Beoordeling("A. Jansen"))
    service.beoordeel(engine, run_id, Selectie(("S2",)), Beoordeling("B. de Vries"))
    assert [b["door"] for b in service.geschiedenis(engine, run_id, "S2")] == ["A. Jansen", "B. de Vries"]


def test_accept_all_open_proposals_at_once_with_one_reason(engine: Engine, maak_run: Run) -> None:
    run_id = maak_run()
    service.beoordeel(engine, run_id, Selectie(("D1",)), Beoordeling("A"))
    fouten = _fout(engine, run_id, Selectie(alle_open=True), Beoordeling("B"))
    assert fouten == ["een besluit over meerdere voorstellen tegelijk vraagt een toelichting"]
    besluiten = service.beoordeel(
        engine, run_id, Selectie(alle_open=True), Beoordeling("B", "weekbatch akkoord")
    )
    assert sorted(b["huishouden_id"] for b in besluiten) == ["S1", "S2"]
    assert {b["toelichting"] for b in besluiten} == {"weekbatch akkoord"}
    assert service.runs(engine)[0]["open"] == 0
    with pytest.raises(InputError, match="geen open voorstellen"):
        service.beoordeel(engine, run_id, Selectie(alle_open=True), Beoordeling("B", "nog eens"))


def test_a_filter_by_municipality_name_selects_its_open_proposals(engine: Engine, maak_run: Run) -> None:
    run_id = maak_run()
    naar = {v["huishouden_id"]: v["gemeentecode"] for v in service.voorstellen(engine, run_id)}
    besluiten = service.beoordeel(
        engine, run_id, Selectie(alle_open=True, voorgesteld="amsterdam"), Beoordeling("B", "akkoord")
    )
    assert {b["huishouden_id"] for b in besluiten} == {h for h, code in naar.items() if code == "GM0363"}
    assert {v["huishouden_id"] for v in service.voorstellen(engine, run_id, "Amsterdam")} == {
        h for h, code in naar.items() if code == "GM0363"
    }


def test_the_audit_line_names_the_person_who_decided(engine: Engine, maak_run: Run) -> None:
    run_id = maak_run()
    service.beoordeel(engine, run_id, Selectie(("S1",)), Beoordeling("P. Jansen"))
    with transaction(engine) as session:
        [regel] = audit.trail(session, "koppeling_besluit")
    assert regel.actor == "P. Jansen" and regel.action == "write" and "S1" not in regel.object_ref


def test_messages_name_no_household(engine: Engine, maak_run: Run) -> None:
    run_id = maak_run()
    with pytest.raises(NotFound) as error:
        service.beoordeel(engine, run_id, Selectie(("GEHEIM-123",)), Beoordeling("A"))
    assert "GEHEIM" not in str(error.value) and f"run {run_id}" in str(error.value)
    with pytest.raises(NotFound) as error:
        service.geschiedenis(engine, run_id, "GEHEIM-123")
    assert "GEHEIM" not in str(error.value)


@pytest.mark.parametrize(
    ("beoordeling", "selectie", "veld"),
    [
        (Beoordeling("P.\x00Jansen"), Selectie(("S1",)), "door"),
        (Beoordeling("x" * 101), Selectie(("S1",)), "door"),
        (Beoordeling("   "), Selectie(("S1",)), "door"),
        (Beoordeling("A", "r" * 2001, "GM0361"), Selectie(("S1",)), "toelichting"),
        (Beoordeling("A", "reden\x00"), Selectie(("S1",)), "toelichting"),
        (Beoordeling("A"), Selectie(("S" * 41,)), "huishouden"),
        (Beoordeling("A", "r", "GM١٢٣٤"), Selectie(("S1",)), "gemeente"),
        (Beoordeling("A", "r", "²"), Selectie(("S1",)), "gemeente"),
        (Beoordeling("A", "r", "Friesland"), Selectie(("S1",)), "gemeente"),
        (Beoordeling("A"), Selectie(), "huishouden"),
        (Beoordeling("A"), Selectie(("S1",), alle_open=True), "huishouden"),
        (Beoordeling("A", "r"), Selectie(("S1",), voorgesteld="GM0363"), "voorgesteld"),
    ],
)
def test_decision_inputs_outside_their_domain_are_input_errors_on_both_databases(
    engine: Engine, maak_run: Run, beoordeling: Beoordeling, selectie: Selectie, veld: str
) -> None:
    run_id = maak_run()
    with pytest.raises(InputError) as error:
        service.beoordeel(engine, run_id, selectie, beoordeling)
    assert error.value.problems[0].field == veld
    assert service.geschiedenis(engine, run_id) == []


def test_a_run_number_outside_its_domain_is_an_input_error(engine: Engine) -> None:
    with pytest.raises(InputError, match="runnummer"):
        service.beoordeel(engine, 2**40, Selectie(("S1",)), Beoordeling("A"))


def test_two_reviewers_at_once_cannot_both_fill_the_last_place(engine: Engine, maak_run: Run) -> None:
    """Decisions on one run take turns: exactly one of two overrides into the last place succeeds."""
    run_id = maak_run()
    start = threading.Barrier(2)
    uitkomsten: list[str] = []

    def overschrijf(ident: str) -> None:
        start.wait()
        try:
            service.beoordeel(engine, run_id, Selectie((ident,)), Beoordeling(ident, "netwerk", "GM0344"))
            uitkomsten.append("ok")
        except InputError as error:
            uitkomsten.append(error.problems[0].message)

    threads = [threading.Thread(target=overschrijf, args=(ident,)) for ident in ("S1", "S2")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(uitkomsten) == ["GM0344 Utrecht: 2 personen gekoppeld, maximum 1", "ok"]
    assert len(service.geschiedenis(engine, run_id)) == 1
