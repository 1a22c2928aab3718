"""One person, one file — and no answer that tells a user whether a number exists outside their scope.

A BSN or V-number identifies one person, so it belongs to one file. When a user opens or corrects a
file with a number that another file already holds:

* within the user's scope, the user can see that file: the answer is a conflict naming it;
* outside the user's scope, the answer must be the one a free number gets, or the system becomes an
  oracle for "does this person live elsewhere?" (AVG art. 5(1)(f), 25). The file is stored with the
  number *aangemeld* (``vnummer_aangemeld`` / ``bsn_aangemeld``) — shown and searchable as its own
  for the user — and an *aanmelding* asks COA, the chain's keeper of V-numbers, to decide. Granting
  merges the new file into the existing one, which moves to the user's municipality; refusing drops
  the number from the new file with a correction that says why. Either is a human decision with a
  legal ground (transfer of the file, Wet inburgering 2021 art. 26 and the Huisvestingswet 2014 art.
  28), not an automatic answer. See docs/dossier.md, "Aanmeldingen".
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Literal

from sqlalchemy.orm import Session

from doorstroom.accounts.toegang import Bereik
from doorstroom.dossier import repository
from doorstroom.dossier.models import AanmeldingRecord, PersoonRecord, nieuw_id
from doorstroom.platform.errors import Conflict

Soort = Literal["bsn", "vnummer"]
SOORTEN: tuple[Soort, ...] = ("bsn", "vnummer")
OPEN, TOEGEKEND, AFGEWEZEN, INGETROKKEN = "open", "toegekend", "afgewezen", "ingetrokken"
STATUSSEN = (OPEN, TOEGEKEND, AFGEWEZEN, INGETROKKEN)
NAMEN = {"bsn": "BSN", "vnummer": "V-nummer"}


def wijs_toe(
    session: Session, scope: Bereik, persoon: PersoonRecord, soort: Soort, waarde: str | None, door: str
) -> None:
    """Give ``persoon`` this number: held directly when free, *aangemeld* when a file outside scope holds it.

    Raises :class:`Conflict` when a file within ``scope`` already holds (or has aangemeld) the number.
    """
    with session.no_autoflush:
        binnen = waarde is not None and repository.binnen_bereik_met_nummer(
            session, scope, soort, waarde, behalve=persoon.id
        )
        houder = None if waarde is None else repository.houder_van(session, soort, waarde, behalve=persoon.id)
        open_ = repository.open_aanmeldingen_van(session, persoon.id)
    if binnen:
        raise Conflict(
            f"er bestaat binnen uw bereik al een dossier met dit {NAMEN[soort]}; zoek het op in plaats "
            "van een nieuw dossier te openen"
        )
    for aanmelding in open_:
        if soort_van(aanmelding) == soort:
            sluit(aanmelding, INGETROKKEN, door, "vervangen door een ander nummer")
    setattr(persoon, soort, waarde if houder is None else None)
    setattr(persoon, f"{soort}_aangemeld", None if houder is None else waarde)
    if houder is not None and waarde is not None:
        session.flush()  # the file first: the aanmelding refers to it
        session.add(_aanmelding(persoon, houder, soort, waarde, door))


def _aanmelding(
    persoon: PersoonRecord, houder: PersoonRecord, soort: Soort, waarde: str, door: str
) -> AanmeldingRecord:
    return AanmeldingRecord(
        id=nieuw_id(),
        persoon_id=persoon.id,
        bestaand_id=houder.id,
        bsn=waarde if soort == "bsn" else None,
        vnummer=waarde if soort == "vnummer" else None,
        gemeentecode=persoon.gemeentecode,
        aangevraagd_door=door[:100],
        aangevraagd_op=datetime.now(UTC),
        status=OPEN,
    )


def soort_van(aanmelding: AanmeldingRecord) -> Soort:
    """Which number an aanmelding is about."""
    return "bsn" if aanmelding.bsn is not None else "vnummer"


def nummer_van(aanmelding: AanmeldingRecord) -> str:
    """The number an aanmelding is about."""
    return aanmelding.bsn or aanmelding.vnummer or ""


def sluit(aanmelding: AanmeldingRecord, status: str, door: str, toelichting: str) -> None:
    """Record the decision on an open aanmelding: who, when, why (once; a closed one stays closed)."""
    if aanmelding.status != OPEN:
        raise Conflict(f"aanmelding {aanmelding.id} is al {aanmelding.status}")
    aanmelding.status = status
    aanmelding.besloten_door = door[:100]
    aanmelding.besloten_op = datetime.now(UTC)
    aanmelding.toelichting = toelichting
