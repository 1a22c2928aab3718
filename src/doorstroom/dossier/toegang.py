"""Who may see and change what in the case file: the one access rule, applied in every query.

Least privilege (AVG art. 5(1)(c) and 25; BIO 9.1/9.2):

| role | persons | events | BSN | V-number | writes |
|---|---|---|---|---|---|
| gemeente | linked to its own municipality | all stages | yes | yes | own persons |
| coa | in COA reception, any municipality | reception, permit, koppeling, housing | no | yes | those |
| provincie | none: aggregates of its municipalities only | none | no | no | no |
| beheerder | none: users and settings | none | no | no | no |
| systeem | all (the command line on the server) | all | yes | yes | yes |

A record outside the caller's scope does not exist for the caller (API 404, not 403): its existence
is itself information. A role that may not use a kind of record at all gets 403 for the whole kind.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from doorstroom.accounts.domain import Gebruiker, Rol
from doorstroom.dossier.gebeurtenissen import OPVANGSTADIA, Stadium
from doorstroom.platform.errors import PermissionDenied


@dataclass(frozen=True)
class Bereik:
    """The part of the case file one user may see; every repository query takes one."""

    rol: Rol
    personen: bool
    gemeentecodes: frozenset[str] | None
    alleen_opvang: bool
    stadia: frozenset[Stadium]
    bsn: bool
    vnummer: bool
    aggregaten: frozenset[str] | None

    def eis_personen(self) -> None:
        """Refuse roles that never see personal data (provincie, beheerder)."""
        if not self.personen:
            raise PermissionDenied(f"rol {self.rol} heeft geen toegang tot persoonsgegevens")

    def eis_stadium(self, stadium: Stadium) -> None:
        """Refuse writing an event of a stage outside the role (COA: reception stages only)."""
        self.eis_personen()
        if stadium not in self.stadia:
            raise PermissionDenied(f"rol {self.rol} mag geen gebeurtenissen van stadium {stadium} vastleggen")

    def mag_gemeente(self, code: str | None) -> bool:
        """Whether a person linked to ``code`` falls in this scope (None: not linked yet)."""
        if self.gemeentecodes is None:
            return True
        return code is not None and code in self.gemeentecodes

    def ziet_aggregaat(self, code: str) -> bool:
        """Whether this user may see aggregate figures of municipality ``code``."""
        return self.aggregaten is None or code in self.aggregaten


ALLE_STADIA = frozenset(Stadium)


def bereik(gebruiker: Gebruiker, gemeenten_van_provincie: Iterable[str] = ()) -> Bereik:
    """The scope of ``gebruiker``; a provincial user's municipalities are passed in by the caller."""
    rol = gebruiker.rol
    if rol is Rol.gemeente:
        eigen = frozenset({gebruiker.gemeentecode or ""})
        return Bereik(rol, True, eigen, False, ALLE_STADIA, True, True, eigen)
    if rol is Rol.coa:
        return Bereik(rol, True, None, True, OPVANGSTADIA, False, True, None)
    if rol is Rol.provincie:
        return Bereik(
            rol, False, frozenset(), False, frozenset(), False, False, frozenset(gemeenten_van_provincie)
        )
    if rol is Rol.beheerder:
        return Bereik(rol, False, frozenset(), False, frozenset(), False, False, frozenset())
    return Bereik(rol, True, None, False, ALLE_STADIA, True, True, None)
