"""The decision rules of a review: what a person's decision on a proposal means and when it needs a reason.

A proposal is advice; a named person decides (human oversight, see ``docs/algoritmeregister.md``).
Decisions are history, not state: each is a new entry, and the newest one holds. A decision
*accepts* the proposal or *overrides* it with another municipality. A reason is required for an
override, for a decision that reverses the one holding now (another municipality than that
decision gave), and for one decision over several proposals at once (one reason for all). The
counts per municipality that remain after a run's personal data is removed are made here too.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields
from enum import StrEnum

from doorstroom.platform.errors import InputError, Problem


class Besluit(StrEnum):
    """What a decision did with the proposal."""

    geaccepteerd = "geaccepteerd"
    overschreven = "overschreven"


OPEN = "open"
"""State of a proposal nobody has decided on yet."""


@dataclass(frozen=True)
class Stand:
    """A proposal as it stands: the proposed municipality and the decision holding now (if any)."""

    voorgesteld: str | None
    besluit: Besluit | None = None
    gemeentecode: str | None = None

    @property
    def plaats(self) -> str | None:
        """Where the plan puts the household now: the decided municipality, else the proposal."""
        return self.gemeentecode if self.besluit is not None else self.voorgesteld

    @property
    def beoordeling(self) -> str:
        """``open``, ``geaccepteerd`` or ``overschreven``."""
        return OPEN if self.besluit is None else str(self.besluit)


@dataclass(frozen=True)
class Wijziging:
    """A decision about to be recorded."""

    besluit: Besluit
    gemeentecode: str
    omkering: bool


def nieuw(stand: Stand, doel: str | None) -> Wijziging:
    """The decision that accepts (``doel`` None or the proposal) or overrides with ``doel``."""
    code = doel or stand.voorgesteld
    if code is None:
        raise InputError(
            Problem("dit huishouden heeft geen voorstel; kies zelf een gemeente", field="gemeente")
        )
    besluit = Besluit.geaccepteerd if code == stand.voorgesteld else Besluit.overschreven
    return Wijziging(besluit, code, omkering=stand.besluit is not None and stand.gemeentecode != code)


def toelichting_nodig(wijziging: Wijziging, *, meerdere: bool) -> str | None:
    """Why this decision needs a reason, in Dutch; None when it may go without one."""
    if wijziging.besluit is Besluit.overschreven and not wijziging.omkering:
        return "een afwijking van het voorstel vraagt een toelichting"
    if wijziging.omkering:
        return "dit besluit draait een eerder besluit om en vraagt een toelichting"
    if meerdere:
        return "een besluit over meerdere voorstellen tegelijk vraagt een toelichting"
    return None


@dataclass
class Telling:
    """Counts of one municipality in a run (``gemeentecode`` None: households left unlinked)."""

    gemeentecode: str | None
    voorgesteld_huishoudens: int = 0
    voorgesteld_personen: int = 0
    geaccepteerd_huishoudens: int = 0
    overschreven_weg: int = 0
    overschreven_naartoe: int = 0
    definitief_huishoudens: int = 0
    definitief_personen: int = 0
    open_huishoudens: int = 0

    def as_dict(self) -> dict[str, object]:
        """The counts by name."""
        return {f.name: getattr(self, f.name) for f in fields(self)}


def samenvatting(standen: Iterable[tuple[Stand, int]]) -> list[Telling]:
    """Counts per municipality of (proposal state, persons) pairs; unlinked households last."""
    tellingen: dict[str | None, Telling] = {}

    def telling(code: str | None) -> Telling:
        return tellingen.setdefault(code, Telling(code))

    for stand, personen in standen:
        voorgesteld = telling(stand.voorgesteld)
        voorgesteld.voorgesteld_huishoudens += 1
        voorgesteld.voorgesteld_personen += personen
        if stand.besluit is None:
            voorgesteld.open_huishoudens += 1
            continue
        definitief = telling(stand.gemeentecode)
        definitief.definitief_huishoudens += 1
        definitief.definitief_personen += personen
        if stand.besluit is Besluit.geaccepteerd:
            voorgesteld.geaccepteerd_huishoudens += 1
        else:
            voorgesteld.overschreven_weg += 1
            definitief.overschreven_naartoe += 1
    return sorted(tellingen.values(), key=lambda t: (t.gemeentecode is None, t.gemeentecode or ""))
