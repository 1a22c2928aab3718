"""How case-file records leave the service: plain dicts with camelCase keys, trimmed to the scope.

One representation for every delivery layer (API, web, CLI). A field the caller may not see (BSN
for COA) is left out entirely rather than sent empty, and the audit line names exactly the fields
that left.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from doorstroom.accounts.toegang import Bereik
from doorstroom.dossier import termijnbestand
from doorstroom.dossier import termijnen as termijnregels
from doorstroom.dossier.models import GebeurtenisRecord, HuishoudenRecord, PersoonRecord
from doorstroom.dossier.tijdlijn import Gebeurtenis
from doorstroom.platform import clock
from doorstroom.platform.settings import get_settings
from doorstroom.taakstelling.huisvestingstermijn import huisvestingstermijn
from doorstroom.values import naam as naamregels

Record = dict[str, Any]


def vandaag() -> date:
    """Today in the configured time zone (Europe/Amsterdam): the reference date of deadlines."""
    return clock.vandaag()


def regels() -> termijnregels.Regels:
    """The deadline rules in force (defaults, or the configured TOML file)."""
    return termijnbestand.laad(get_settings().deadline_rules_file, huisvestingstermijn())


def moment(waarde: datetime) -> str:
    """A stored moment as UTC ISO 8601 text (SQLite returns it without a zone)."""
    aware = waarde if waarde.tzinfo else waarde.replace(tzinfo=UTC)
    return aware.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def persoon(record: PersoonRecord, scope: Bereik) -> Record:
    """A person as the caller may see them; a number awaiting COA's decision (*aangemeld*) shows as
    the file's own, so the answer is the one a free number gets (:mod:`doorstroom.dossier.identiteit`)."""
    data: Record = {
        "id": record.id,
        "geslachtsnaam": record.geslachtsnaam,
        "voornamen": record.voornamen,
        "geboortedatum": record.geboortedatum.isoformat(),
        "geslacht": record.geslacht,
        "gemeentecode": record.gemeentecode,
        "huishoudenId": record.huishouden_id,
        "casemanager": record.casemanager,
        "fase": record.fase,
        "inOpvang": record.in_opvang,
        "versie": record.versie,
        "aangemaaktOp": moment(record.aangemaakt_op),
    }
    if scope.vnummer:
        data["vnummer"] = record.vnummer or record.vnummer_aangemeld
    if scope.bsn:
        data["bsn"] = record.bsn or record.bsn_aangemeld
    return data


def gebeurtenis(record: GebeurtenisRecord) -> Record:
    """An event with its provenance."""
    return {
        "id": record.id,
        "persoonId": record.persoon_id,
        "soort": record.soort,
        "datum": record.datum.isoformat(),
        "gegevens": record.gegevens,
        "bron": record.bron,
        "vervangt": record.vervangt,
        "ingetrokken": record.ingetrokken,
        "toelichting": record.toelichting,
        "vastgelegdOp": moment(record.vastgelegd_op),
        "vastgelegdDoor": record.vastgelegd_door,
    }


def huishouden(record: HuishoudenRecord, leden: list[str]) -> Record:
    """A household with the ids of its members within scope."""
    return {
        "id": record.id,
        "referentie": record.referentie,
        "gemeentecode": record.gemeentecode,
        "leden": leden,
        "versie": record.versie,
        "aangemaaktOp": moment(record.aangemaakt_op),
    }


def als_waarde(record: GebeurtenisRecord) -> Gebeurtenis:
    """A stored event as a timeline value."""
    vastgelegd = (
        record.vastgelegd_op if record.vastgelegd_op.tzinfo else record.vastgelegd_op.replace(tzinfo=UTC)
    )
    return Gebeurtenis(
        record.id,
        record.soort,
        record.datum,
        dict(record.gegevens),
        record.vervangt,
        record.ingetrokken,
        vastgelegd,
    )


def termijn(persoon: PersoonRecord, t: termijnregels.Termijn, huishouden: str | None = None) -> Record:
    """A deadline of one person for the deadlines view, with who it is for: a case worker works a
    list of names, not of identifiers (name, household, phase and case worker beside the date);
    ``huishouden`` is the household's COA reference where the view has it."""
    return {
        "persoonId": persoon.id,
        "naam": naamregels.weergavenaam(persoon.geslachtsnaam, persoon.voornamen),
        "huishoudenId": persoon.huishouden_id,
        "huishouden": huishouden,
        "fase": persoon.fase,
        "gemeentecode": persoon.gemeentecode,
        "casemanager": persoon.casemanager,
        "regel": t.regel,
        "omschrijving": t.omschrijving,
        "start": t.start.isoformat(),
        "vervaldatum": t.vervaldatum.isoformat(),
        "status": t.status.value,
        "bron": t.bron,
    }
