"""What a user sends to change the case file, validated at the boundary (Pydantic).

The API uses these models as request bodies and the web app as form models, so both check the same
things in the same words. A new event is one of the per-kind models built from the catalogue in
:mod:`doorstroom.dossier.gebeurtenissen`, chosen by its ``soort`` (a discriminated union), so the
published OpenAPI document describes the data of every kind exactly.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Annotated, Any, Literal, Union

from pydantic import AfterValidator, Field, create_model

from doorstroom.dossier.gebeurtenissen import SOORTEN, Toelichting
from doorstroom.dossier.waarden import Bsn, Gemeentecode, Geslacht, Invoer, Vnummer, tekst
from doorstroom.dossier.weergave import vandaag
from doorstroom.values.domains import GESLACHTSNAAM, REFERENTIE, TOELICHTING, VOORNAMEN

EERSTE_DATUM = date(1900, 1, 1)


def _verleden(value: date) -> date:
    if value < EERSTE_DATUM or value > vandaag():
        raise ValueError(f"datum moet tussen {EERSTE_DATUM.isoformat()} en vandaag liggen")
    return value


def _niet_ver_weg(value: date) -> date:
    if value < EERSTE_DATUM or value.year > vandaag().year + 10:
        raise ValueError("datum ligt niet tussen 1900 en tien jaar vooruit")
    return value


Geboortedatum = Annotated[date, AfterValidator(_verleden)]
Datum = Annotated[date, AfterValidator(_niet_ver_weg)]
Geslachtsnaam = Annotated[str, Field(min_length=1), tekst(GESLACHTSNAAM)]
Voornamen = Annotated[str, tekst(VOORNAMEN)]
Gebruikersnaam = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9._@-]{2,49}$")]
Id = Annotated[str, Field(min_length=1, max_length=36)]
Reden = Annotated[str, Field(min_length=1), tekst(TOELICHTING)]


class NieuwePersoon(Invoer):
    """A new person: surname and date of birth suffice (plus the municipality for gemeente users)."""

    geslachtsnaam: Geslachtsnaam
    geboortedatum: Geboortedatum
    gemeentecode: Gemeentecode | None = None
    voornamen: Voornamen | None = None
    geslacht: Geslacht | None = None
    vnummer: Vnummer | None = None
    bsn: Bsn | None = None
    huishouden_id: Id | None = None
    casemanager: Gebruikersnaam | None = None


class PersoonWijziging(Invoer):
    """A partial change (only the keys sent change); identity fields need a reason (AVG art. 16)."""

    geslachtsnaam: Geslachtsnaam | None = None
    voornamen: Voornamen | None = None
    geboortedatum: Geboortedatum | None = None
    geslacht: Geslacht | None = None
    vnummer: Vnummer | None = None
    bsn: Bsn | None = None
    huishouden_id: Id | None = None
    casemanager: Gebruikersnaam | None = None
    toelichting: Reden | None = None


IDENTITEIT = frozenset({"geslachtsnaam", "voornamen", "geboortedatum", "vnummer", "bsn"})


class NieuwHuishouden(Invoer):
    """A household; ``referentie`` is COA's pseudonymous household reference, when known."""

    referentie: Annotated[str, Field(min_length=1), tekst(REFERENTIE)] | None = None
    gemeentecode: Gemeentecode | None = None


class Intrekking(Invoer):
    """Withdraw an event recorded in error; the event stays in the history with this reason."""

    toelichting: Reden


class Beoordeling(Invoer):
    """A person's decision on a koppeling proposal: accept, or override with another municipality."""

    gemeentecode: Gemeentecode | None = None
    toelichting: Reden


class Aanmeldingsbesluit(Invoer):
    """COA's decision on an aanmelding: grant (merge and transfer the file) or refuse, with a reason."""

    toekennen: bool
    toelichting: Reden


def _verplicht(model: type[Invoer]) -> bool:
    return any(field.is_required() for field in model.model_fields.values())


def _gebeurtenismodel(naam: str) -> type[Invoer]:
    spec = SOORTEN[naam]
    fields: dict[str, Any] = {
        "persoon_id": (Id, ...),
        "soort": (Literal[naam], ...),
        "datum": (Datum, ...),
        "gegevens": (spec.model, ...)
        if _verplicht(spec.model)
        else (spec.model, Field(default_factory=spec.model)),
        "vervangt": (Id | None, None),
        "toelichting": (Toelichting | None, None),
    }
    titel = "NieuweGebeurtenis" + "".join(deel.capitalize() for deel in naam.split("_"))
    return create_model(
        titel, __base__=Invoer, __doc__=f"Nieuwe gebeurtenis '{naam}': {spec.omschrijving}.", **fields
    )


GEBEURTENISMODELLEN: dict[str, type[Invoer]] = {naam: _gebeurtenismodel(naam) for naam in SOORTEN}
if TYPE_CHECKING:
    NieuweGebeurtenis = Invoer
else:
    NieuweGebeurtenis = Annotated[Union[tuple(GEBEURTENISMODELLEN.values())], Field(discriminator="soort")]  # noqa: UP007


def naam_van(model: Any) -> str:
    """The kind of a validated new-event model."""
    return str(model.soort)
