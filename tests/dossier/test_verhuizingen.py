"""The case file's move-ins counted from the kept first move-in (issue 22) equal the count from every
event, as it was computed before, after random move-ins, corrections and withdrawals (Hypothesis).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

import pytest
import time_machine
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, delete, select
from sqlalchemy.orm import Session, aliased

from doorstroom.accounts.domain import Gebruiker, Rol
from doorstroom.dossier import service, telling, vastleggen
from doorstroom.dossier.invoer import GEBEURTENISMODELLEN, Intrekking, NieuwePersoon
from doorstroom.dossier.models import GebeurtenisRecord, HuishoudenRecord, PersoonRecord
from doorstroom.platform.db import transaction
from doorstroom.platform.errors import InputError
from tests.dossier import factories

GEMEENTEN = {"GM0344": Gebruiker("utrecht", Rol.gemeente, gemeentecode="GM0344"),
             "GM0307": Gebruiker("amersfoort", Rol.gemeente, gemeentecode="GM0307")}  # fmt: skip
MAANDEN = [f"2026-{m:02d}" for m in range(1, 12)]
STAP = st.tuples(st.sampled_from(["huisvesting", "correctie", "intrekking"]), st.integers(0, 300))


@pytest.fixture(autouse=True)
def _vandaag() -> Iterator[None]:
    with time_machine.travel("2026-11-24 10:00 +01:00", tick=False):
        yield


def uit_gebeurtenissen(session: Session) -> dict[str, dict[str, int]]:
    """The count as it was made before: every current move-in event read, the first per person."""
    vervanger = aliased(GebeurtenisRecord)
    g = GebeurtenisRecord
    query = (
        select(g.persoon_id, g.datum, g.gegevens)
        .outerjoin(vervanger, vervanger.vervangt == g.id)
        .where(g.soort == "huisvesting", g.ingetrokken.is_(False), vervanger.id.is_(None))
        .order_by(g.datum, g.vastgelegd_op, g.id)
    )
    eerste: dict[str, tuple[date, str]] = {}
    for persoon_id, datum, gegevens in session.execute(query):
        eerste.setdefault(persoon_id, (datum, str(gegevens.get("gemeentecode", ""))))
    result: dict[str, dict[str, int]] = {}
    for datum, code in eerste.values():
        maand = f"{datum:%Y-%m}"
        result.setdefault(code, {}).setdefault(maand, 0)
        result[code][maand] += 1
    return result


def _voer_uit(engine: Engine, code: str, stappen: list[tuple[str, int]]) -> None:
    gebruiker = GEMEENTEN[code]
    persoon = service.maak_persoon(engine, gebruiker, NieuwePersoon.model_validate(factories.persoon()))
    _leg_vast(engine, gebruiker, persoon["id"], "koppeling", date(2026, 1, 1), code)
    laatste: str | None = None
    for soort, dag in stappen:
        datum = date(2026, 1, 1) + timedelta(days=dag)
        try:
            if soort == "intrekking" and laatste:
                vastleggen.trek_in(engine, gebruiker, laatste, Intrekking(toelichting="vergissing"))
                laatste = None
            elif soort == "huisvesting" or laatste:
                laatste = str(_leg_vast(engine, gebruiker, persoon["id"], "huisvesting", datum, code,
                                        laatste if soort == "correctie" else None)["id"])  # fmt: skip
        except InputError:  # a step the timeline's rules refuse changes nothing
            continue


def _leg_vast(
    engine: Engine,
    gebruiker: Gebruiker,
    pid: object,
    soort: str,
    datum: date,
    code: str,
    vervangt: str | None = None,
) -> dict[str, object]:
    body: dict[str, object] = {"persoonId": pid, "soort": soort, "datum": datum.isoformat(),
                               "gegevens": {"gemeentecode": code}}  # fmt: skip
    if vervangt:
        body |= {"vervangt": vervangt, "toelichting": "andere datum"}
    return vastleggen.leg_vast(engine, gebruiker, GEBEURTENISMODELLEN[soort].model_validate(body))


def test_kept_move_ins_count_as_every_event_would(engine: Engine) -> None:
    @settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(st.lists(st.tuples(st.sampled_from(sorted(GEMEENTEN)), st.lists(STAP, max_size=4)), max_size=5))
    def vergelijk(personen: list[tuple[str, list[tuple[str, int]]]]) -> None:
        with transaction(engine, schrijven=True) as session:
            session.execute(delete(PersoonRecord))
            session.execute(delete(HuishoudenRecord))
        for code, stappen in personen:
            _voer_uit(engine, code, stappen)
        with transaction(engine) as session:
            assert telling.verhuisd_per_maand(session, MAANDEN) == uit_gebeurtenissen(session)

    vergelijk()
