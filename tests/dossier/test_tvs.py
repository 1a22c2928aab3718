"""The TVS timeline of a linked household: due dates from the deadline rules, the municipality's status,
and its count per municipality in the quota supervision (beside, never instead of, its own columns)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
import time_machine
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import Engine

from doorstroom.accounts.domain import Gebruiker, Rol
from doorstroom.dossier import service as dossier
from doorstroom.dossier import termijnen, vastleggen
from doorstroom.dossier.service import GEBEURTENISMODELLEN, NieuwePersoon, maak_persoon
from doorstroom.dossier.tijdlijn import Gebeurtenis, actueel
from doorstroom.dossier.tvs import Tvsstatus, tvs
from doorstroom.platform import audit
from doorstroom.platform.db import transaction
from doorstroom.platform.errors import PermissionDenied
from doorstroom.platform.paging import Pagina
from doorstroom.taakstelling import service as taakstelling
from doorstroom.taakstelling.service import Vaststelverzoek
from doorstroom.values.periode import Periode
from tests.dossier import factories

UTRECHT = Gebruiker("utrecht", Rol.gemeente, gemeentecode="GM0344")
AMERSFOORT = Gebruiker("amersfoort", Rol.gemeente, gemeentecode="GM0307")
COA = Gebruiker("coa", Rol.coa)
PROVINCIE = Gebruiker("prov", Rol.provincie, provincie="Utrecht")

REGELS = termijnen.standaard()
_teller = 0


def g(soort: str, datum: str, **gegevens: Any) -> Gebeurtenis:
    global _teller
    _teller += 1
    return Gebeurtenis(f"e{_teller}", soort, date.fromisoformat(datum), gegevens)


def tijdlijn(*events: Gebeurtenis) -> list[Gebeurtenis]:
    return actueel([g("koppeling", "2026-01-05", gemeentecode="GM0344"), *events])


def test_due_dates_are_the_deadline_rules() -> None:
    t = tvs(tijdlijn(), REGELS, date(2026, 1, 6))
    assert t is not None and t.gemeentecode == "GM0344"
    assert (t.aanbod_uiterlijk, t.verhuizing_uiterlijk) == (date(2026, 3, 16), date(2026, 3, 30))
    assert t.status is Tvsstatus.op_schema
    aanbod = tvs(tijdlijn(g("woningaanbod", "2026-02-02")), REGELS, date(2026, 2, 3))
    assert aanbod is not None and aanbod.verhuizing_uiterlijk == date(2026, 2, 16)


def test_late_without_offer_or_move_and_on_schedule_when_housed_in_time() -> None:
    geen_aanbod = tvs(tijdlijn(), REGELS, date(2026, 3, 17))
    assert geen_aanbod is not None and geen_aanbod.status is Tvsstatus.te_laat
    assert "geen woningaanbod" in geen_aanbod.reden
    niet_verhuisd = tvs(tijdlijn(g("woningaanbod", "2026-02-02")), REGELS, date(2026, 2, 17))
    assert niet_verhuisd is not None and niet_verhuisd.status is Tvsstatus.te_laat
    op_tijd = tijdlijn(g("woningaanbod", "2026-02-02"), g("huisvesting", "2026-02-14", gemeentecode="GM0344"))
    gehuisvest = tvs(op_tijd, REGELS, date(2026, 6, 1))
    assert gehuisvest is not None and gehuisvest.status is Tvsstatus.op_schema
    te_laat = tijdlijn(g("woningaanbod", "2026-02-02"), g("huisvesting", "2026-03-01", gemeentecode="GM0344"))
    later = tvs(te_laat, REGELS, date(2026, 6, 1))
    assert later is not None and later.status is Tvsstatus.te_laat


def test_excused_when_a_timely_offer_was_refused_or_coa_linked_late_in_the_period() -> None:
    geweigerd = tijdlijn(
        g("woningaanbod", "2026-02-02"), g("woningaanbod_geweigerd", "2026-02-05", reden="x")
    )
    t = tvs(geweigerd, REGELS, date(2026, 3, 1))
    assert t is not None and t.status is Tvsstatus.verschoonbaar and "weigerde" in t.reden
    laat = actueel([g("koppeling", "2026-05-20", gemeentecode="GM0344")])
    t = tvs(laat, REGELS, date(2026, 5, 25))
    assert t is not None and t.status is Tvsstatus.verschoonbaar and "2026-1" in t.reden
    assert tvs(actueel([g("registratie", "2026-01-01")]), REGELS, date(2026, 5, 25)) is None


@given(
    st.dates(date(2025, 1, 1), date(2027, 12, 31)),
    st.integers(0, 200),
    st.one_of(st.none(), st.integers(0, 120)),
    st.one_of(st.none(), st.integers(0, 150)),
)
def test_the_move_in_due_date_never_passes_the_housing_term(
    koppeldatum: date, dagen: int, aanbod_na: int | None, verhuisd_na: int | None
) -> None:
    from datetime import timedelta

    events = [Gebeurtenis("k", "koppeling", koppeldatum, {"gemeentecode": "GM0344"})]
    if aanbod_na is not None:
        events.append(Gebeurtenis("a", "woningaanbod", koppeldatum + timedelta(days=aanbod_na)))
    if verhuisd_na is not None:
        events.append(Gebeurtenis("h", "huisvesting", koppeldatum + timedelta(days=verhuisd_na), {}))
    t = tvs(actueel(events), REGELS, koppeldatum + timedelta(days=dagen))
    assert t is not None
    assert t.verhuizing_uiterlijk <= REGELS["huisvesting_na_koppeling"].na(koppeldatum)
    if (
        verhuisd_na is not None
        and verhuisd_na <= dagen
        and t.huisvesting == t.koppeldatum + timedelta(days=verhuisd_na)
    ):
        assert (t.status is Tvsstatus.op_schema) == (t.huisvesting <= t.verhuizing_uiterlijk)


def _gekoppeld(engine: Engine, koppeldatum: str, *extra: tuple[str, str]) -> str:
    persoon = maak_persoon(engine, UTRECHT, NieuwePersoon.model_validate(factories.persoon()))
    for soort, datum in (("koppeling", koppeldatum), *extra):
        gegevens = {"gemeentecode": "GM0344"} if soort in ("koppeling", "huisvesting") else {}
        body = {"persoonId": persoon["id"], "soort": soort, "datum": datum, "gegevens": gegevens}
        vastleggen.leg_vast(engine, UTRECHT, GEBEURTENISMODELLEN[soort].model_validate(body))
    return str(persoon["id"])


def test_the_supervision_counts_linked_households_per_tvs_status_beside_its_own_columns(
    engine: Engine,
) -> None:
    periode = Periode.parse("2026-2")
    with time_machine.travel("2026-12-20 10:00 +01:00", tick=False):
        taakstelling.vaststellen(engine, Vaststelverzoek(periode, 16500))
        voor = taakstelling.toezicht(engine, periode, date(2026, 12, 20)).records
        _gekoppeld(engine, "2026-07-06")  # no offer: late
        _gekoppeld(engine, "2026-08-03", ("woningaanbod", "2026-09-01"), ("huisvesting", "2026-09-10"))
        _gekoppeld(engine, "2026-12-01")  # linked late in the half year: excused
        na = taakstelling.toezicht(engine, periode, date(2026, 12, 20)).records
    rij = next(r for r in na if r["gemeentecode"] == "GM0344")
    assert (rij["tvs_op_schema"], rij["tvs_te_laat"], rij["tvs_verschoonbaar"]) == (1, 1, 1)
    assert list(na[0]) == list(voor[0])  # the same columns in the same order, TVS ones included
    assert [r for r in na if r["gemeentecode"] != "GM0344"] == [
        r for r in voor if r["gemeentecode"] != "GM0344"
    ]
    assert (rij["gekoppeld"], rij["te_laat"]) == (0, 0)  # its own koppelingen are the imported ones


def test_each_municipality_sees_the_timeline_of_its_own_linked_households_and_coa_all(
    engine: Engine,
) -> None:
    laat = _gekoppeld(engine, "2026-07-06")
    _gekoppeld(engine, "2026-08-03", ("woningaanbod", "2026-09-01"), ("huisvesting", "2026-09-10"))
    maak_persoon(engine, UTRECHT, NieuwePersoon.model_validate(factories.persoon()))  # not linked
    filter_ = dossier.Tvsfilter(peildatum=date(2026, 9, 20))
    rijen, totaal = dossier.tvsoverzicht(engine, UTRECHT, filter_, Pagina())
    assert totaal == 2 and [r["koppeldatum"] for r in rijen] == ["2026-07-06", "2026-08-03"]
    assert rijen[0]["persoonId"] == laat and rijen[0]["status"] == "te laat"
    assert (rijen[0]["aanbodUiterlijk"], rijen[0]["verhuizingUiterlijk"]) == ("2026-09-14", "2026-09-28")
    assert (rijen[1]["aanbod"], rijen[1]["huisvesting"], rijen[1]["status"]) == (
        "2026-09-01",
        "2026-09-10",
        "op schema",
    )
    te_laat = dossier.Tvsfilter(status=dossier.Tvsstatus.te_laat, peildatum=date(2026, 9, 20))
    assert [r["persoonId"] for r in dossier.tvsoverzicht(engine, UTRECHT, te_laat, Pagina())[0]] == [laat]
    assert dossier.tvsoverzicht(engine, AMERSFOORT, filter_, Pagina()) == ([], 0)
    coa, _ = dossier.tvsoverzicht(engine, COA, filter_, Pagina())  # COA's scope: those in reception
    assert [r["persoonId"] for r in coa] == [laat]
    with pytest.raises(PermissionDenied):
        dossier.tvsoverzicht(engine, PROVINCIE, filter_, Pagina())
    with transaction(engine) as session:
        assert [line.action for line in audit.over_object(session, laat)][-1] == "read"
