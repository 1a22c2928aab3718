"""The national taakstelling per half year as published, 2019 onwards.

The Minister sets the national number for each half year and publishes it in the Staatscourant at
least 13 weeks before the half year starts (Huisvestingswet 2014 art. 28). Numbers are revised
(2019-1: first 8,000, then 6,000; 2025-1: 17,700, then 15,000), so the table keeps the earlier
published number beside the final one. Realisation and end balance come from answers to
parliamentary questions; where no primary source was found the value is empty, never guessed.
Sources per row are in the ``bron`` column and in ``docs/data-sources.md``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from doorstroom.files.tabular import Row, parse_rows, read_table
from doorstroom.platform.errors import InputError, Problem
from doorstroom.values.domains import SALDO_PERSONEN, TAAKSTELLING_LANDELIJK, Domain
from doorstroom.values.number_text import format_nl
from doorstroom.values.periode import Periode


@dataclass(frozen=True)
class LandelijkeTaakstelling:
    """One half year's published national figures (persons)."""

    periode: Periode
    landelijk: int
    eerder_bekendgemaakt: int | None
    met_achterstand: int | None
    gerealiseerd: int | None
    saldo_einde: int | None
    bron: str


def embedded_path() -> Path:
    """Path of the embedded table (a copy of ``shared/data/taakstelling_landelijk.csv``)."""
    return Path(str(resources.files("doorstroom.taakstelling") / "data" / "landelijk.csv"))


@lru_cache(maxsize=1)
def gepubliceerd() -> tuple[LandelijkeTaakstelling, ...]:
    """Every published half year, oldest first."""
    rows = read_table(embedded_path(), required=("periode", "landelijk", "bron"))
    return tuple(sorted(parse_rows(rows, _parse), key=lambda item: item.periode))


def voor(periode: Periode) -> LandelijkeTaakstelling | None:
    """The published figures of ``periode``, or None when no number was found for it."""
    return next((item for item in gepubliceerd() if item.periode == periode), None)


def _parse(row: Row) -> LandelijkeTaakstelling:
    return LandelijkeTaakstelling(
        periode=Periode.parse(row.text("periode")),
        landelijk=row.integer("landelijk", domain=TAAKSTELLING_LANDELIJK),
        eerder_bekendgemaakt=_optional(row, "eerder_bekendgemaakt", TAAKSTELLING_LANDELIJK),
        met_achterstand=_optional(row, "met_achterstand", TAAKSTELLING_LANDELIJK),
        gerealiseerd=_optional(row, "gerealiseerd", TAAKSTELLING_LANDELIJK),
        saldo_einde=_optional(row, "saldo_einde", SALDO_PERSONEN),
        bron=row.text("bron"),
    )


def _optional(row: Row, field: str, domain: Domain) -> int | None:
    return row.integer(field, domain=domain) if row.text(field, required=False) else None


def landelijk_totaal(periode: Periode, opgegeven: int | None) -> tuple[int, str]:
    """The national number of ``periode`` and where it comes from, in Dutch.

    Default: the published number. A period without one needs a given total; a given number that
    differs from the published one is used, and the output says both.
    """
    gepubliceerd_getal = voor(periode)
    if opgegeven is None:
        if gepubliceerd_getal is None:
            raise InputError(
                Problem(
                    f"voor {periode} is geen gepubliceerde landelijke taakstelling bekend "
                    f"(bekend: {', '.join(str(item.periode) for item in gepubliceerd())}); "
                    "geef het landelijke totaal uit de circulaire op",
                    field="totaal",
                )
            )
        return gepubliceerd_getal.landelijk, f"gepubliceerd: {gepubliceerd_getal.bron}"
    if gepubliceerd_getal is None:
        return opgegeven, "opgegeven totaal; geen gepubliceerd aantal bekend"
    if gepubliceerd_getal.landelijk != opgegeven:
        return opgegeven, f"opgegeven totaal; gepubliceerd is {format_nl(gepubliceerd_getal.landelijk)}"
    return opgegeven, f"opgegeven totaal, gelijk aan het gepubliceerde ({gepubliceerd_getal.bron})"


def als_records() -> list[dict[str, object]]:
    """The published table as rows for ``doorstroom taakstelling landelijk``."""
    return [
        {
            "periode": str(item.periode),
            "landelijk": item.landelijk,
            "eerder_bekendgemaakt": item.eerder_bekendgemaakt,
            "met_achterstand": item.met_achterstand,
            "gerealiseerd": item.gerealiseerd,
            "saldo_einde": item.saldo_einde,
            "bron": item.bron,
        }
        for item in gepubliceerd()
    ]
