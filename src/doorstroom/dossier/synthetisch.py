"""Loading a synthetic case load into the file (the demo), through the file's own rules.

Every event goes through :func:`doorstroom.dossier.vastleggen.voeg_toe`, as a recorded one would:
the timeline checks, the derived phase and municipality, and the keys that make a second load change
nothing. The persons are invented (the demo labels them SYNTHETISCH); nothing here is personal data
of anyone, but it is written and audited as if it were.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from doorstroom.accounts import toegang
from doorstroom.accounts.domain import Gebruiker
from doorstroom.accounts.namens import namens
from doorstroom.accounts.service import bereik_voor
from doorstroom.accounts.toegang import Bereik, Handeling
from doorstroom.dossier import repository
from doorstroom.dossier.gebeurtenissen import SOORTEN
from doorstroom.dossier.models import HuishoudenRecord, PersoonRecord, nieuw_id
from doorstroom.dossier.tijdlijn import Fase
from doorstroom.dossier.vastleggen import voeg_toe
from doorstroom.platform import audit
from doorstroom.platform.db import transaction


@dataclass(frozen=True)
class SynthetischeGebeurtenis:
    """One event of a synthetic person: kind, date, data."""

    soort: str
    datum: date
    gegevens: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class SynthetischePersoon:
    """A synthetic person with a V-number and the events of their timeline, oldest first."""

    vnummer: str
    geslachtsnaam: str
    voornamen: str
    geboortedatum: date
    volwassen: bool
    gebeurtenissen: tuple[SynthetischeGebeurtenis, ...]


@dataclass(frozen=True)
class SynthetischHuishouden:
    """A synthetic household with its COA reference, reception place and, once linked, municipality."""

    referentie: str
    stadium: str
    opvang_gemeente: str
    gemeentecode: str | None
    personen: tuple[SynthetischePersoon, ...]


@namens
def laad_synthetisch(engine: Engine, gebruiker: Gebruiker, lijst: Sequence[SynthetischHuishouden]) -> bool:
    """Load the households once; False when the first of them is already in the file."""
    toegang.eis(gebruiker, Handeling.dossier_importeren)
    scope = bereik_voor(engine, gebruiker)
    with transaction(engine, schrijven=True) as session:
        if not lijst or repository.met_referentie(session, [lijst[0].referentie]):
            return False
        for huishouden in lijst:
            _huishouden(session, scope, gebruiker.actor, huishouden)
        personen = sum(len(h.personen) for h in lijst)
        audit.record(session, "write", "persoon", "demo: synthetische dossiers", personen)
        return True


def _huishouden(session: Session, scope: Bereik, door: str, h: SynthetischHuishouden) -> None:
    record = HuishoudenRecord(
        id=nieuw_id(), referentie=h.referentie, gemeentecode=h.gemeentecode, aangemaakt_op=datetime.now(UTC)
    )
    session.add(record)
    session.flush()
    for p in h.personen:
        persoon = PersoonRecord(
            id=nieuw_id(),
            geslachtsnaam=p.geslachtsnaam,
            voornamen=p.voornamen,
            geboortedatum=p.geboortedatum,
            gemeentecode=h.gemeentecode,
            geopend_in=h.gemeentecode,
            vnummer=p.vnummer,
            huishouden_id=record.id,
            fase=Fase.nieuw.value,
            in_opvang=False,
            aangemaakt_op=datetime.now(UTC),
        )
        session.add(persoon)
        session.flush()
        for g in p.gebeurtenissen:
            data = (
                SOORTEN[g.soort]
                .model.model_validate(g.gegevens)
                .model_dump(mode="json", by_alias=True, exclude_none=True)
            )
            voeg_toe(
                session,
                scope,
                persoon,
                g.soort,
                g.datum,
                data,
                bron="import",
                door=door,
                bron_sleutel=f"demo:{g.soort}:{g.datum.isoformat()}",
            )
