"""A person as the monitor reads them, and the facts every indicator starts from.

The case file hands over pseudonymous timelines (:mod:`doorstroom.dossier.statistiek`): no name,
identifier or date of birth, only the year of birth, the BRP sex code, a household number valid in
one hand-over, the current events with their coded fields, and the start and due date of each
deadline rule of the file (:mod:`doorstroom.dossier.termijnen`, the one home of those rules).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Feit:
    """One current event: kind, date, coded fields (DUO/GGM names as in the file)."""

    soort: str
    datum: date
    gegevens: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class Persoon:
    """One person's pseudonymous timeline; ``termijnen``: rule name → (start, due date)."""

    geboortejaar: int
    feiten: tuple[Feit, ...]
    geslacht: str | None = None
    huishouden: int | None = None
    termijnen: Mapping[str, tuple[date, date]] = field(default_factory=dict)

    def eerste(self, *soorten: str) -> Feit | None:
        """The earliest event of one of ``soorten``."""
        return next((f for f in self.feiten if f.soort in soorten), None)

    def laatste(self, *soorten: str, tot: date | None = None) -> Feit | None:
        """The latest event of one of ``soorten`` (on or before ``tot``, when given)."""
        gevonden = [f for f in self.feiten if f.soort in soorten and (tot is None or f.datum <= tot)]
        return gevonden[-1] if gevonden else None

    def alle(self, *soorten: str) -> list[Feit]:
        """Every event of one of ``soorten``, oldest first."""
        return [f for f in self.feiten if f.soort in soorten]


def gemeente(persoon: Persoon) -> str | None:
    """The municipality a person counts for: of the first move-in, else of the latest koppeling.

    The municipality that housed the person guides the integration that follows (Wet inburgering
    2021) and its taakstelling counted the person; before a move-in, the municipality the person is
    linked to. A later move (``verhuizing``) does not move the person to another cohort.
    """
    bepalend = persoon.eerste("huisvesting") or persoon.laatste("koppeling")
    code = bepalend.gegevens.get("gemeentecode") if bepalend else None
    return str(code) if code else None


def loopt(persoon: Persoon, start: str, einde: str, soorten: frozenset[str] | None, op: date) -> bool:
    """Whether something started by an event ``start`` is running on ``op``: a start on or before
    ``op`` (of one of ``soorten``, when given) with no ``einde`` of the same ``soort`` after it and on
    or before ``op``."""
    for begin in persoon.alle(start):
        soort = begin.gegevens.get("soort")
        if begin.datum > op or (soorten is not None and soort not in soorten):
            continue
        gestopt = any(
            e.gegevens.get("soort") == soort and begin.datum <= e.datum <= op for e in persoon.alle(einde)
        )
        if not gestopt:
            return True
    return False
