"""A stored run read back as domain values, so its review uses the same rules as the solver.

The run keeps the municipalities' capacity, the region mapping and the policy; each proposal keeps
the household facts the hard criteria look at. From those this module rebuilds an
:class:`~doorstroom.koppeling.core.domain.Instantie` that is exactly as large as the validator needs:
households carry their size, care need, binding tie and reception municipality — nothing that only
fed the score (that was not stored).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from doorstroom.koppeling.core.besluit import Besluit, Stand, Telling, samenvatting
from doorstroom.koppeling.core.domain import (
    Beleid,
    GemeenteCapaciteit,
    HardeBinding,
    Huishouden,
    Instantie,
    Locatie,
    RegioBinding,
    Volwassene,
)
from doorstroom.koppeling.io import LIJST, WONING_KOLOMMEN
from doorstroom.koppeling.models import KoppelingRunRecord, KoppelingVoorstelRecord
from doorstroom.reference.core.lookup import namen
from doorstroom.reference.io import embedded_gemeenten


def namen_van(run: KoppelingRunRecord) -> dict[str, str]:
    """Municipality names by code: those stored with the run, else the embedded CBS list."""
    bewaard = {
        str(r["gemeentecode"]): str(r.get("gemeentenaam") or "") for r in run.invoer.get("capaciteit", [])
    }
    return namen(embedded_gemeenten()) | {code: naam for code, naam in bewaard.items() if naam}


@dataclass(frozen=True)
class Opgeslagen:
    """One stored run with its proposals (and their decisions)."""

    run: KoppelingRunRecord
    voorstellen: Sequence[KoppelingVoorstelRecord]

    @classmethod
    def van(cls, run: KoppelingRunRecord, voorstellen: Sequence[KoppelingVoorstelRecord]) -> Opgeslagen:
        """Wrap a run and its proposals as loaded by the repository."""
        return cls(run, tuple(voorstellen))

    @cached_property
    def namen(self) -> dict[str, str]:
        """Municipality names by code."""
        return namen_van(self.run)

    def stand(self, voorstel: KoppelingVoorstelRecord) -> Stand:
        """The proposal with the decision that holds now (the newest)."""
        if not voorstel.besluiten:
            return Stand(voorstel.gemeentecode)
        laatste = voorstel.besluiten[-1]
        return Stand(voorstel.gemeentecode, Besluit(laatste.besluit), laatste.gemeentecode)

    def plan(self) -> dict[str, str]:
        """Household → municipality as the run stands: decided municipality, else the proposal."""
        plan = {}
        for v in self.voorstellen:
            plaats = self.stand(v).plaats
            if plaats is not None:
                plan[v.huishouden_id] = plaats
        return plan

    def tellingen(self) -> list[Telling]:
        """Counts per municipality of the run as it stands."""
        return samenvatting((self.stand(v), v.personen) for v in self.voorstellen)

    def beleid(self) -> Beleid:
        """The policy the hard rules depend on (the region rule), as stored with the run."""
        return Beleid(regio_binding=RegioBinding(self.run.instellingen.get("regio_binding", "gewicht")))

    def instantie(self) -> Instantie:
        """The run's municipalities and its households as far as the hard criteria see them."""
        regio: Mapping[str, str] = self.run.invoer.get("regio", {})
        gemeenten = tuple(_gemeente(r, regio) for r in self.run.invoer.get("capaciteit", []))
        huishoudens = tuple(_huishouden(v) for v in self.voorstellen)
        codes = set(regio) | {g.code for g in gemeenten} | {h.opvang_gemeente for h in huishoudens}
        locaties = {code: Locatie(code, _regio(regio, code)) for code in codes}
        return Instantie(huishoudens, gemeenten, locaties)


def _regio(regio: Mapping[str, str], code: str) -> str:
    """The stored region; a run without its mapping never counts two places as one region."""
    return regio.get(code) or f"(onbekende regio van {code})"


def _gemeente(record: Mapping[str, Any], regio: Mapping[str, str]) -> GemeenteCapaciteit:
    code = str(record["gemeentecode"])
    woningen = [record.get(kolom, "") for kolom in WONING_KOLOMMEN]
    maximum = record.get("maximum")
    return GemeenteCapaciteit(
        code=code,
        naam=str(record.get("gemeentenaam") or ""),
        capaciteit=int(record["capaciteit"]),
        regio=_regio(regio, code),
        woningen=None if "" in woningen or None in woningen else (
            int(woningen[0]), int(woningen[1]), int(woningen[2]), int(woningen[3])
        ),
        zorg=frozenset(filter(None, str(record.get("zorg") or "").split(LIJST))),
        maximum=None if maximum in (None, "") else int(maximum),
    )  # fmt: skip


def _huishouden(v: KoppelingVoorstelRecord) -> Huishouden:
    """Size, care, tie and reception place; the split into adults and children is not kept."""
    return Huishouden(
        id=v.huishouden_id,
        volwassenen=(Volwassene(),),
        kinderen=v.personen - 1,
        opvang_gemeente=v.opvang_gemeente,
        binding_gemeente=v.binding_gemeente,
        binding=HardeBinding(v.binding) if v.binding else None,
        zorg=v.zorg,
    )
