"""Issue 20, item 6: the case file's sense checks, on SQLite and PostgreSQL where they store anything.

Nothing of housing, inburgering or participation happens before the COA registratie; the same form
sent twice stores one event; a case worker can be assigned.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
import time_machine
from sqlalchemy import Engine

from doorstroom.accounts.domain import Gebruiker, Rol
from doorstroom.dossier import service, tijdlijn, vastleggen
from doorstroom.dossier.gebeurtenissen import SOORTEN
from doorstroom.dossier.invoer import GEBEURTENISMODELLEN, NieuwePersoon
from doorstroom.platform.errors import InputError
from doorstroom.platform.paging import Pagina, Volgorde
from doorstroom.values.stadium import Stadium
from tests.dossier import factories

UTRECHT = Gebruiker("utrecht", Rol.gemeente, gemeentecode="GM0344")
COA = Gebruiker("coa", Rol.coa)
EXAMEN = {"onderdeel": "KNM", "resultaat": "Geslaagd"}


@pytest.fixture(autouse=True)
def _vandaag() -> Iterator[None]:
    with time_machine.travel("2026-11-24 10:00 +01:00", tick=False):
        yield


def _g(soort: str, datum: str, nummer: int = 0) -> tijdlijn.Gebeurtenis:
    return tijdlijn.Gebeurtenis(f"{soort}-{nummer}", soort, date.fromisoformat(datum))


def test_the_kinds_that_need_the_registratie_are_the_catalogues_later_stages() -> None:
    later = {Stadium.huisvesting, Stadium.inburgering, Stadium.ontzorgen, Stadium.participatie}
    assert {naam for naam, s in SOORTEN.items() if s.stadium in later} == tijdlijn.NA_REGISTRATIE


@pytest.mark.parametrize("soort", ["examen", "pip", "participatie", "huisvesting", "uitkering"])
def test_an_event_before_the_registratie_is_refused_at_its_date(soort: str) -> None:
    problemen = tijdlijn.problemen([_g("registratie", "2026-03-01")], _g(soort, "2026-02-28", 1))
    assert [(p.field, p.message) for p in problemen if "registratie" in p.message] == [
        ("datum", "datum ligt voor de COA-registratie van 01-03-2026")
    ]


def test_an_event_on_or_after_the_registratie_or_without_one_passes_this_rule() -> None:
    assert not tijdlijn.problemen([_g("registratie", "2026-03-01")], _g("examen", "2026-03-01", 1))
    assert not tijdlijn.problemen([], _g("examen", "2020-01-01", 1))
    assert not tijdlijn.problemen([_g("registratie", "2026-03-01")], _g("koppeling", "2026-01-01", 1))


def test_a_first_registratie_after_an_exam_is_refused_a_later_one_is_not() -> None:
    examen = _g("examen", "2026-02-01")
    problemen = tijdlijn.problemen([examen], _g("registratie", "2026-03-01", 1))
    assert [(p.field, p.message) for p in problemen] == [("datum", "datum ligt na 'examen' van 01-02-2026")]
    eerder = [_g("registratie", "2026-01-01", 2), examen]
    assert not tijdlijn.problemen(eerder, _g("registratie", "2026-03-01", 1))


def test_correcting_the_registratie_to_a_later_date_than_an_exam_is_refused() -> None:
    registratie, examen = _g("registratie", "2026-01-01"), _g("examen", "2026-02-01")
    correctie = tijdlijn.Gebeurtenis("r2", "registratie", date(2026, 3, 1), vervangt=registratie.id)
    assert [p.field for p in tijdlijn.problemen([registratie, examen], correctie)] == ["datum"]


def _persoon_in_opvang(engine: Engine) -> str:
    """A person COA opened for Utrecht today: the registratie is dated 2026-11-24."""
    body = factories.persoon(gemeentecode="GM0344")
    return str(service.maak_persoon(engine, COA, NieuwePersoon.model_validate(body))["id"])


def _leg_vast(engine: Engine, persoon_id: str, soort: str, datum: str, **extra: object) -> dict[str, object]:
    body = {"persoonId": persoon_id, "soort": soort, "datum": datum, **extra}
    return vastleggen.leg_vast(engine, UTRECHT, GEBEURTENISMODELLEN[soort].model_validate(body))


def test_an_exam_dated_before_the_registratie_is_not_stored(engine: Engine) -> None:
    persoon_id = _persoon_in_opvang(engine)
    with pytest.raises(InputError) as fout:
        _leg_vast(engine, persoon_id, "examen", "2026-10-01", gegevens=EXAMEN)
    assert [p.field for p in fout.value.problems] == ["datum"]
    _, totaal = service.gebeurtenissen(engine, UTRECHT, {"persoon_id": persoon_id}, Volgorde(), Pagina())
    assert totaal == 1
    assert _leg_vast(engine, persoon_id, "examen", "2026-11-24", gegevens=EXAMEN)["soort"] == "examen"


def test_the_same_key_twice_answers_the_first_event_and_stores_no_second(engine: Engine) -> None:
    persoon_id = _persoon_in_opvang(engine)
    invoer = GEBEURTENISMODELLEN["examen"].model_validate(
        {"persoonId": persoon_id, "soort": "examen", "datum": "2026-11-24", "gegevens": EXAMEN}
    )
    eerste = vastleggen.leg_vast(engine, UTRECHT, invoer, "k" * 32)
    assert vastleggen.leg_vast(engine, UTRECHT, invoer, "k" * 32)["id"] == eerste["id"]
    assert vastleggen.leg_vast(engine, UTRECHT, invoer, "l" * 32)["id"] != eerste["id"]
    _, totaal = service.gebeurtenissen(engine, UTRECHT, {"persoon_id": persoon_id}, Volgorde(), Pagina())
    assert totaal == 3  # the registratie and two exams


def test_a_key_that_no_form_made_is_refused(engine: Engine) -> None:
    persoon_id = _persoon_in_opvang(engine)
    invoer = GEBEURTENISMODELLEN["examen"].model_validate(
        {"persoonId": persoon_id, "soort": "examen", "datum": "2026-11-24", "gegevens": EXAMEN}
    )
    with pytest.raises(InputError) as fout:
        vastleggen.leg_vast(engine, UTRECHT, invoer, "kort")
    assert [p.field for p in fout.value.problems] == ["sleutel"]
