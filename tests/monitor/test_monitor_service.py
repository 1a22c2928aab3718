"""The monitor's door on SQLite and PostgreSQL: a hand count from real case files, who sees what."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import time_machine
from sqlalchemy import Engine

from doorstroom.accounts.domain import Gebruiker, Rol
from doorstroom.dossier import service as dossier
from doorstroom.dossier.invoer import GEBEURTENISMODELLEN, NieuwePersoon
from doorstroom.monitor import service
from doorstroom.platform import audit
from doorstroom.platform.db import transaction
from doorstroom.platform.errors import NotFound, PermissionDenied
from doorstroom.values.afscherming import MINIMUM
from tests.dossier import factories

UTRECHT = Gebruiker("utrecht", Rol.gemeente, gemeentecode="GM0344")
AMERSFOORT = Gebruiker("amersfoort", Rol.gemeente, gemeentecode="GM0307")
PROVINCIE = Gebruiker("prov", Rol.provincie, provincie="Utrecht")
BEHEERDER = Gebruiker("beheer", Rol.beheerder)
SYSTEEM = Gebruiker.systeem("test")


@pytest.fixture(autouse=True)
def _vandaag() -> Iterator[None]:
    with time_machine.travel("2026-11-24 10:00 +01:00", tick=False):
        yield


def gehuisvest(engine: Engine, code: str, verhuisdatum: str, geslacht: str) -> None:
    body = factories.persoon(gemeentecode=code, geslacht=geslacht, geboortedatum="1990-05-01")
    persoon = dossier.maak_persoon(engine, SYSTEEM, NieuwePersoon.model_validate(body))
    for soort, datum in (("koppeling", "2026-01-05"), ("huisvesting", verhuisdatum)):
        gegevens = {"gemeentecode": code}
        invoer = {"persoonId": persoon["id"], "soort": soort, "datum": datum, "gegevens": gegevens}
        dossier.leg_vast(engine, SYSTEEM, GEBEURTENISMODELLEN[soort].model_validate(invoer))


@pytest.fixture
def utrecht(engine: Engine) -> Engine:
    """Utrecht: 10 women housed within three months, 10 men after; Amersfoort: 10 housed in time."""
    for dag in range(10):
        gehuisvest(engine, "GM0344", f"2026-02-{10 + dag:02d}", "V")
    for _ in range(10):
        gehuisvest(engine, "GM0344", "2026-05-01", "M")
    for _ in range(10):
        gehuisvest(engine, "GM0307", "2026-02-01", "V")
    return engine


def cijfers(beeld: service.Monitorbeeld) -> dict[tuple[str, str, str, str], object]:
    return {(r.eenheidsoort, r.eenheid, r.uitsplitsing, r.groep): (r.personen, r.waarde) for r in beeld.rijen}


def test_the_figures_match_a_hand_count(utrecht: Engine) -> None:
    beeld = service.monitor(utrecht, UTRECHT, "huisvesting_binnen_termijn")
    gezien = cijfers(beeld)
    assert gezien[("gemeente", "GM0344", "totaal", "alle")] == (20, 50.0)  # 10 of 20 within the term
    assert gezien[("gemeente", "GM0344", "geslacht", "man")] == (10, 0.0)
    assert gezien[("land", "Nederland", "totaal", "alle")] == (30, 66.7)  # 20 of 30
    assert ("gemeente", "GM0307", "totaal", "alle") not in gezien  # another municipality: no listing
    assert gezien[("provincie", "Utrecht", "totaal", "alle")] == (30, 66.7)
    assert beeld.eigen == "GM0344" and {v.eenheidsoort for v in beeld.vergelijkingen} == {
        "grootteklasse",
        "provincie",
        "land",
    }


def test_a_province_sees_aggregates_only_and_no_cell_under_ten(utrecht: Engine) -> None:
    beeld = service.monitor(utrecht, PROVINCIE, "koppeling_tot_huisvesting")
    assert not [r for r in beeld.rijen if r.eenheidsoort == "gemeente" and r.uitsplitsing != "totaal"]
    assert {r.eenheid for r in beeld.rijen if r.eenheidsoort == "gemeente"} == {"GM0344", "GM0307"}
    for rij in beeld.rijen:
        assert not isinstance(rij.personen, int) or rij.personen == 0 or rij.personen >= MINIMUM
        assert isinstance(rij.personen, int) or rij.waarde is None
    assert beeld.vergelijkingen == []


def test_the_hand_over_is_audited_and_only_readers_of_the_monitor_get_it(utrecht: Engine) -> None:
    service.monitor(utrecht, AMERSFOORT, "cohort")
    with transaction(utrecht) as session:
        regels = [
            r for r in audit.trail(session, "persoon") if r.object_ref == "monitor: pseudonieme tijdlijnen"
        ]
    assert regels and regels[-1].actor == "gebruiker:amersfoort"
    with pytest.raises(PermissionDenied):
        service.monitor(utrecht, BEHEERDER, "cohort")
    with pytest.raises(NotFound):
        service.monitor(utrecht, UTRECHT, "nationaliteit")


def test_a_small_municipality_cannot_be_recovered_from_the_province_and_the_country(utrecht: Engine) -> None:
    for _ in range(4):
        gehuisvest(utrecht, "GM0363", "2026-02-01", "V")  # Amsterdam: four persons, Noord-Holland
    gezien = cijfers(service.monitor(utrecht, SYSTEEM, "cohort"))
    assert gezien[("gemeente", "GM0363", "totaal", "alle")] == ("< 10", None)
    assert gezien[("provincie", "Noord-Holland", "totaal", "alle")] == ("< 10", None)
    land, utrecht_provincie = (
        gezien[("land", "Nederland", "totaal", "alle")],
        gezien[("provincie", "Utrecht", "totaal", "alle")],
    )
    assert "afgeschermd" in (land[0], utrecht_provincie[0])  # else 34 - 30 = 4 would be Amsterdam's
