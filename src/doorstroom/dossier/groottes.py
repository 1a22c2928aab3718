"""Households per size in a municipality's case file: what the housing plan needs, no person in it.

The housing plan (:mod:`doorstroom.huisvesting`) sets the homes in a municipality's pipeline against
the households it must house, by size class. The case file knows the actual sizes: a household is
its members (a person without a household is a household of one), counted in the municipality the
file is responsible for. *Linked* households are those with a member linked (koppeling) and not yet
housed: they wait for a home now. Only counts leave this module; counts of fewer than ten persons
are the caller's to hide from anyone who may not see the persons (``exact``,
:meth:`doorstroom.accounts.toegang.Bereik.exact_aantal`; :mod:`doorstroom.values.afscherming`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import Engine, select

from doorstroom.accounts.domain import Gebruiker
from doorstroom.accounts.namens import namens
from doorstroom.accounts.service import bereik_voor
from doorstroom.dossier.models import PersoonRecord
from doorstroom.dossier.tijdlijn import Fase
from doorstroom.platform.db import transaction


@dataclass(frozen=True)
class Huishoudgroottes:
    """Households per size (persons → households): linked and waiting, and every household in the file.

    ``exact``: whether the caller may see these counts as they are; otherwise any figure resting on
    them is shown only from ten persons up.
    """

    gekoppeld: dict[int, int]
    alle: dict[int, int]
    exact: bool


@namens
def huishoudgroottes(
    engine: Engine, gebruiker: Gebruiker, codes: Iterable[str]
) -> dict[str, Huishoudgroottes]:
    """Per municipality of ``codes`` whose aggregates the caller may see: its households by size."""
    scope = bereik_voor(engine, gebruiker)
    gekozen = sorted({c for c in codes if scope.ziet_aggregaat(c)})
    query = select(
        PersoonRecord.id, PersoonRecord.gemeentecode, PersoonRecord.huishouden_id, PersoonRecord.fase
    )
    with transaction(engine) as session:
        rijen = list(session.execute(query.where(PersoonRecord.gemeentecode.in_(gekozen)))) if gekozen else []
    leden: dict[tuple[str, str], list[str]] = {}
    for persoon, code, huishouden, fase in rijen:
        leden.setdefault((str(code), huishouden or persoon), []).append(str(fase))
    uit = {code: (Counter[int](), Counter[int]()) for code in gekozen}
    for (code, _), fasen in leden.items():
        gekoppeld, alle = uit[code]
        alle[len(fasen)] += 1
        if Fase.gekoppeld.value in fasen:
            gekoppeld[len(fasen)] += 1
    return {
        code: Huishoudgroottes(dict(g), dict(a), scope.exact_aantal(code)) for code, (g, a) in uit.items()
    }
