"""Where the chain stands at the start: stocks, occupancy and capacity as last published.

A stock is the most recent published figure before the start; one published more than
:data:`VERS_MAANDEN` months before the start is still used but marked a judgement. COA occupancy
is published directly or derived as permit holders in reception divided by their share of the
residents; capacity is occupancy divided by COA's planning occupancy rate.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from doorstroom.prognose import gepubliceerd
from doorstroom.prognose.core.scenario import Herkomst, Parameter
from doorstroom.prognose.gepubliceerd import Feit
from doorstroom.values.maand import maanden_tussen

VERS_MAANDEN = 12
"""A stock older than this at the start is used, but marked a judgement."""
PUB, AFG, OOR = Herkomst.gepubliceerd, Herkomst.afgeleid, Herkomst.oordeel


def parameter(
    naam: str, waarde: float, herkomst: Herkomst, bron: str, datum: str = "", **spread: object
) -> Parameter:
    return Parameter(naam=naam, waarde=waarde, herkomst=herkomst, bron=bron, datum=datum, **spread)  # type: ignore[arg-type]


def actueel(kind: Herkomst, einde: str, start: str) -> Herkomst:
    return kind if maanden_tussen(einde, start) <= VERS_MAANDEN + 1 else OOR


def _stock(naam: str, feit: Feit | None, start: str, fallback: float) -> Parameter:
    if feit is None:
        return parameter(naam, fallback, OOR, "geen gepubliceerd cijfer vóór de start")
    kind = actueel(PUB, feit.einde, start)
    age = maanden_tussen(feit.einde, start) - 1
    note = f"; {age} maanden voor de start gepubliceerd, daarom oordeel" if kind is OOR else ""
    return parameter(
        naam,
        feit.waarde,
        kind,
        f"{feit.waarde:,.0f} ({feit.periode}): {feit.beschrijving}{note}",
        feit.periode,
    )


@dataclass(frozen=True)
class Bezetting:
    """COA occupancy at a reference month, published or derived."""

    waarde: float
    datum: str
    herkomst: Herkomst
    bron: str


def laatste_bezetting(start: str) -> Bezetting:
    """The latest COA occupancy before ``start``: published, or permit holders / their share."""
    direct = gepubliceerd.laatste("coa_bezetting_personen", start)
    share = gepubliceerd.laatste("aandeel_vergunninghouders_in_opvang_pct", start)
    holders = gepubliceerd.laatste("vergunninghouders_in_coa_opvang", start)
    options = []
    if direct is not None:
        options.append(Bezetting(direct.waarde, direct.periode, PUB, direct.beschrijving))
    if share is not None and holders is not None and share.einde == holders.einde:
        value = holders.waarde / (share.waarde / 100.0)
        source = (
            f"{holders.waarde:,.0f} vergunninghouders / {share.waarde:.0f} % van de bewoners: "
            f"{share.beschrijving}"
        )
        options.append(Bezetting(value, holders.periode, AFG, source))
    if not options:
        return Bezetting(30000.0, "", OOR, "geen gepubliceerde bezetting vóór de start")
    latest = max(options, key=lambda b: gepubliceerd.laatste_maand(b.datum))
    kind = actueel(latest.herkomst, gepubliceerd.laatste_maand(latest.datum), start)
    return replace(latest, herkomst=kind)


def voorraden(start: str) -> dict[str, Parameter]:
    queue = _stock(
        "begin_ind_wachtrij", gepubliceerd.laatste("ind_openstaande_asielaanvragen", start), start, 20000
    )
    waiting = _stock(
        "begin_vergunninghouders_coa",
        gepubliceerd.laatste("vergunninghouders_in_coa_opvang", start),
        start,
        10000,
    )
    occupancy = laatste_bezetting(start)
    rest = occupancy.waarde - queue.waarde - waiting.waarde
    if rest > 0:
        kind = OOR if OOR in (queue.herkomst, waiting.herkomst, occupancy.herkomst) else AFG
        rejected = parameter(
            "begin_afgewezen_coa",
            rest,
            kind,
            f"bezetting {occupancy.waarde:,.0f} ({occupancy.datum}) min IND-wachtrij en vergunninghouders",
            occupancy.datum,
        )
    else:
        rejected = parameter(
            "begin_afgewezen_coa",
            0.05 * occupancy.waarde,
            OOR,
            "5 % van de bezetting: bezetting min wachtrij en vergunninghouders is niet positief",
        )
    return {
        "begin_ind_wachtrij": queue,
        "begin_vergunninghouders_coa": waiting,
        "begin_afgewezen_coa": rejected,
    }


def capaciteit(start: str) -> dict[str, Parameter]:
    occupancy = laatste_bezetting(start)
    norm = gepubliceerd.laatste("coa_bezettingsnorm_pct", "9999-12")
    rate = norm.waarde / 100.0 if norm is not None else 0.91
    total = occupancy.waarde / rate
    kind = OOR if occupancy.herkomst is OOR else AFG
    source = f"bezetting {occupancy.waarde:,.0f} ({occupancy.datum}) / bezettingsnorm {rate:.0%}"
    split = "; verdeling regulier/nood naar de bezetting van september 2023 (31.087 : 20.834, COA)"
    regular_share = 31087 / (31087 + 20834)
    return {
        "coa_regulier": parameter(
            "coa_regulier", total * regular_share, kind, source + split, occupancy.datum
        ),
        "coa_nood": parameter("coa_nood", total * (1 - regular_share), kind, source + split, occupancy.datum),
    }
