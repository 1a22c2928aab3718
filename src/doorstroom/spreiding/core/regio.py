"""Reception and housing side by side per region: places required, present, occupied, and the match.

The municipalities' integral agenda asks that an asylum seeker be received in the region where he
will later be housed, so that integration starts at once. Per region (province, labour-market region
or COROP area) this view puts together:

* reception places *required* (the region's municipalities' numbers under the Spreidingswet),
  *present* and *occupied* on the reference date (:mod:`doorstroom.spreiding.core.opvang`);
* permit holders still in reception there, and the region's taakstelling for the half year with what
  remains of it to be housed;
* the match: ``in_regio = min(permit holders in reception, remaining taakstelling)`` permit holders
  could be housed in the region where they are received; ``buiten_regio`` must go elsewhere, and
  ``ruimte`` is housing room left for permit holders received in other regions.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from doorstroom.spreiding.core.domain import Locatie
from doorstroom.spreiding.core.opvang import Opvang, opvang_per_regio
from doorstroom.spreiding.core.verdeling import Verdeling


@dataclass(frozen=True)
class Taak:
    """A municipality's taakstelling for the half year and the persons it still has to house."""

    taakstelling: int
    resterend: int


@dataclass(frozen=True)
class RegioRegel:
    """One region's reception and housing figures."""

    regio: str
    gemeenten: int
    inwoners: int
    opgave: int
    amv: int
    opvang: Opvang
    taakstelling: int
    resterend: int

    @property
    def verschil_plaatsen(self) -> int:
        """Places present minus places required (negative: too few)."""
        return self.opvang.plaatsen - self.opgave

    @property
    def in_regio(self) -> int:
        """Permit holders in reception here who could be housed in this region."""
        return min(self.opvang.vergunninghouders, self.resterend)

    @property
    def buiten_regio(self) -> int:
        """Permit holders in reception here for whom the region has no housing task left."""
        return self.opvang.vergunninghouders - self.in_regio

    @property
    def ruimte(self) -> int:
        """Remaining taakstelling not filled by permit holders received in this region."""
        return self.resterend - self.in_regio


def per_regio(
    verdeling: Verdeling,
    locaties: Iterable[Locatie],
    taken: Mapping[str, Taak],
    regio_van: Mapping[str, str],
    peildatum: date,
) -> list[RegioRegel]:
    """The view for every region of ``regio_van`` (municipality code → region), by region name."""
    opvang = opvang_per_regio(locaties, regio_van, peildatum)
    regels = []
    for regio, huidig in opvang.items():
        leden = [a for a in verdeling.gemeenten if regio_van[a.gemeente.code] == regio]
        codes = [a.gemeente.code for a in leden]
        regels.append(
            RegioRegel(
                regio=regio,
                gemeenten=len(leden),
                inwoners=sum(a.gemeente.inwoners for a in leden),
                opgave=sum(a.opgave for a in leden),
                amv=sum(a.amv for a in leden),
                opvang=huidig,
                taakstelling=sum(taken[c].taakstelling for c in codes if c in taken),
                resterend=sum(taken[c].resterend for c in codes if c in taken),
            )
        )
    return regels
