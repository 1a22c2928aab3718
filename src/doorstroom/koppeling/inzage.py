"""What the koppeling holds about one household, for its members' AVG inspection (art. 15(1)(h))."""

from __future__ import annotations

from sqlalchemy.orm import Session

from doorstroom.koppeling import repository
from doorstroom.platform.clock import lokale_tijd


def over_huishouden(session: Session, huishouden_id: str) -> list[dict[str, object]]:
    """What the koppeling holds about one household, for its members' AVG inspection (art. 15(1)(h):
    the logic involved in a decision about them): each proposal with its explanation and criteria,
    and every decision on it with who, when and why. Nothing about other households."""
    return [
        {
            "run": v.run_id,
            "runAangemaaktOp": lokale_tijd(v.run.aangemaakt_op),
            "voorgesteldeGemeente": v.gemeentecode,
            "score": v.score,
            "criteria": v.criteria,
            "uitleg": v.uitleg,
            "besluiten": [
                {
                    "besluit": b.besluit,
                    "gemeentecode": b.gemeentecode,
                    "door": b.door,
                    "op": lokale_tijd(b.genomen_op),
                    "toelichting": b.toelichting,
                }
                for b in v.besluiten
            ],
        }
        for v in repository.voorstellen_van_huishouden(session, huishouden_id)
    ]
