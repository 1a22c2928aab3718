"""Reception present per region on one day: places, occupancy, permit holders in reception.

This is the one rule for "how much reception is there in a region": a location counts on a day when
it is open that day (opening and closing day included), in the region of the municipality it lies
in. The prognose's regional split and the koppeling's region binding consume it as plain values::

    opvang_per_provincie(locaties, gemeenten, peildatum)["Gelderland"].vergunninghouders

``vergunninghouders`` (permit holders still in reception) is the demand that region binding wants
housed in the region; ``plaatsen`` and ``bezetting`` are the reception capacity and its use.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from doorstroom.reference.core.domain import Gemeente
from doorstroom.spreiding.core.domain import Locatie
from doorstroom.spreiding.core.duurzaam import is_duurzaam


@dataclass(frozen=True)
class Opvang:
    """Reception in one region on one day."""

    locaties: int = 0
    plaatsen: int = 0
    duurzame_plaatsen: int = 0
    amv_plaatsen: int = 0
    bezetting: int = 0
    vergunninghouders: int = 0

    def plus(self, locatie: Locatie) -> Opvang:
        """This region's figures with one more open location."""
        return Opvang(
            locaties=self.locaties + 1,
            plaatsen=self.plaatsen + locatie.capaciteit,
            duurzame_plaatsen=self.duurzame_plaatsen + (locatie.capaciteit if is_duurzaam(locatie) else 0),
            amv_plaatsen=self.amv_plaatsen + locatie.amv_capaciteit,
            bezetting=self.bezetting + locatie.bezetting,
            vergunninghouders=self.vergunninghouders + locatie.vergunninghouders,
        )

    @property
    def bezettingsgraad(self) -> float | None:
        """Occupancy as a share of places (None without places)."""
        return self.bezetting / self.plaatsen if self.plaatsen else None


def opvang_per_regio(
    locaties: Iterable[Locatie], regio_van: Mapping[str, str], peildatum: date
) -> dict[str, Opvang]:
    """Reception per region for every region in ``regio_van`` (municipality code → region)."""
    result = {regio: Opvang() for regio in sorted(set(regio_van.values()))}
    for locatie in locaties:
        if locatie.open_op(peildatum):
            regio = regio_van[locatie.gemeentecode]
            result[regio] = result[regio].plus(locatie)
    return result


def opvang_per_provincie(
    locaties: Iterable[Locatie], gemeenten: Iterable[Gemeente], peildatum: date
) -> dict[str, Opvang]:
    """Reception per province (all provinces of ``gemeenten``, zero where nothing is open)."""
    return opvang_per_regio(locaties, {g.code: g.provincie for g in gemeenten}, peildatum)
