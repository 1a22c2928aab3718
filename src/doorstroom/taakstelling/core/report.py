"""Turn taakstelling values into the flat rows users export, and aggregate them by region.

The column names are the public contract of the CLI's CSV/JSON/XLSX output (see
``docs/taakstelling.md``); provinces, labour-market regions and COROP areas are sums of their
municipalities. Every row carries the statement's accounting (:class:`Verantwoording`): the rule,
the reference date of the population, the national number and the sum of the municipal numbers,
so a row pasted into another sheet still says how it was computed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from doorstroom.taakstelling.core.domain import Realisatie, Taakstelling
from doorstroom.taakstelling.core.verdeling import Afrondingsregel
from doorstroom.values.number_text import format_nl
from doorstroom.values.periode import Periode
from doorstroom.values.record import Record

REGIO_KOLOMMEN = {"provincie": "provincie", "arbeidsmarktregio": "arbeidsmarktregio", "corop": "coropgebied"}
SOM_KOLOMMEN = (
    "inwoners",
    "taakstelling",
    "ruil",
    "achterstand",
    "achterstand_overgenomen",
    "gecorrigeerde_taakstelling",
    "resterende_voorsprong",
    "gerealiseerd",
    "resterend",
    "gekoppeld",
    "binnen_termijn",
    "te_laat",
    "achterstand_nu",
    "verschoonbaar",
    "verwijtbaar",
    "tvs_op_schema",
    "tvs_te_laat",
    "tvs_verschoonbaar",
)
VERANTWOORDING_KOLOMMEN = ("regel", "bevolking_peildatum", "landelijk", "som_taakstelling")
BASIS_KOLOMMEN = (
    "gemeentecode",
    "gemeentenaam",
    "provincie",
    "arbeidsmarktregio",
    "coropgebied",
    "inwoners",
    "taakstelling",
    "ruil",
    "achterstand",
    "achterstand_overgenomen",
    "gecorrigeerde_taakstelling",
    "resterende_voorsprong",
    *VERANTWOORDING_KOLOMMEN,
)


@dataclass(frozen=True)
class Verantwoording:
    """How a statement was computed: rule, population reference date, national number, sum."""

    periode: Periode
    regel: Afrondingsregel
    landelijk: int
    landelijk_bron: str
    som: int
    peildatum: date | None
    bron: str
    meldingen: tuple[str, ...] = ()

    def kolommen(self) -> Record:
        """The accounting columns every row carries."""
        return {
            "regel": self.regel.value,
            "bevolking_peildatum": self.peildatum.isoformat() if self.peildatum else "",
            "landelijk": self.landelijk,
            "som_taakstelling": self.som,
        }

    def regels(self) -> list[str]:
        """The accounting as Dutch lines, for the terminal and the workbook's 'verantwoording' sheet."""
        verschil = self.som - self.landelijk
        som = f"som van de gemeenten: {format_nl(self.som)}"
        if verschil:
            som += (
                f" ({'+' if verschil > 0 else ''}{format_nl(verschil)} t.o.v. landelijk: afrondingsverschil)"
            )
        datum = (
            f"1 januari {self.peildatum.year}" if self.peildatum and self.peildatum.day == 1 else "onbekend"
        )
        return [
            f"periode {self.periode}: regel '{self.regel.value}' ({REGEL_UITLEG[self.regel]})",
            f"bevolking op {datum}: {self.bron}" if self.peildatum else f"verdeelsleutel: {self.bron}",
            f"landelijke taakstelling: {format_nl(self.landelijk)} ({self.landelijk_bron})",
            som,
            *self.meldingen,
        ]

    def als_records(self) -> list[Record]:
        """The accounting as rows of one column, for an XLSX sheet."""
        return [{"verantwoording": regel} for regel in self.regels()]


REGEL_UITLEG = {
    Afrondingsregel.wet: "art. 29 lid 1: ieder aandeel naar boven afgerond",
    Afrondingsregel.afronden: "ieder aandeel rekenkundig afgerond, zoals de circulaires",
    Afrondingsregel.hamilton: "grootste overschot: de som is precies het landelijke aantal",
}


def taakstelling_record(taak: Taakstelling, sleutelnaam: str = "inwoners", toelichting: str = "") -> Record:
    """The row of one municipality's quota."""
    g = taak.gemeente
    return {
        "gemeentecode": g.code,
        "gemeentenaam": g.naam,
        "provincie": g.provincie,
        "arbeidsmarktregio": g.arbeidsmarktregio,
        "coropgebied": g.coropgebied,
        "inwoners": g.inwoners,
        **({} if sleutelnaam == "inwoners" else {sleutelnaam: taak.sleutelwaarde}),
        "taakstelling": taak.taakstelling,
        "ruil": taak.ruil,
        "achterstand": taak.achterstand,
        "achterstand_overgenomen": taak.overgenomen,
        "gecorrigeerde_taakstelling": taak.gecorrigeerde_taakstelling,
        "resterende_voorsprong": taak.resterende_voorsprong,
        "toelichting": toelichting,
    }


def realisatie_record(
    realisatie: Realisatie, sleutelnaam: str = "inwoners", toelichting: str = "", gemeld: bool = True
) -> Record:
    """The row of one municipality's quota with its realisation and blame assessment."""
    r = realisatie
    return {
        **taakstelling_record(r.taakstelling, sleutelnaam, toelichting),
        "peildatum": r.peildatum.isoformat(),
        "realisatie_gemeld": gemeld,
        "gerealiseerd": r.gerealiseerd,
        "resterend": r.resterend,
        "percentage": r.percentage,
        "verwacht": round(float(r.verwacht), 1),
        "status": r.status.value,
        "gekoppeld": r.gekoppeld,
        "binnen_termijn": r.binnen_termijn,
        "te_laat": r.te_laat,
        "achterstand_nu": r.achterstand_nu,
        "verschoonbaar": r.verschoonbaar,
        "verwijtbaar": r.verwijtbaar,
        "buiten_schuld": r.buiten_schuld,
    }


def met_verantwoording(records: Iterable[Record], verantwoording: Verantwoording) -> list[Record]:
    """``records`` with the accounting columns appended to each."""
    kolommen = verantwoording.kolommen()
    return [{**record, **kolommen} for record in records]


def aggregeer(records: Iterable[Record], per: str) -> list[Record]:
    """Sum municipality rows per region column ``per`` (unknown region kept apart as '(onbekend)')."""
    groups: dict[str, Record] = {}
    for record in records:
        name = record.get(per) or ONBEKEND
        group = groups.setdefault(name, {per: name, "gemeenten": 0})
        group["gemeenten"] += 1
        for column in SOM_KOLOMMEN:
            if column in record:
                group[column] = group.get(column, 0) + record[column]
        for column in VERANTWOORDING_KOLOMMEN:
            if column in record:
                group.setdefault(column, record[column])
    return [_with_percentage(groups[name]) for name in sorted(groups)]


ONBEKEND = "(onbekend)"


def zonder_regio(records: Iterable[Record], per: str) -> list[str]:
    """'GM0001 Naam' of every municipality without a value in region column ``per``."""
    return [f"{r['gemeentecode']} {r['gemeentenaam']}" for r in records if not r.get(per)]


def _with_percentage(group: Record) -> Record:
    if "gerealiseerd" in group:
        quota = group["gecorrigeerde_taakstelling"]
        group["percentage"] = 100.0 if quota == 0 else round(100 * group["gerealiseerd"] / quota, 1)
    ordered = {key: value for key, value in group.items() if key not in VERANTWOORDING_KOLOMMEN}
    return ordered | {key: group[key] for key in VERANTWOORDING_KOLOMMEN if key in group}


def columns_of(records: Sequence[Record]) -> list[str]:
    """Column order of ``records`` as they were built (first row decides)."""
    return list(records[0]) if records else list(BASIS_KOLOMMEN)
