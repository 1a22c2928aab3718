"""Turn taakstelling values into the flat rows users export, and aggregate them by region.

The column names are the public contract of the CLI's CSV/JSON/XLSX output (see
``docs/taakstelling.md``); provinces and labour-market regions are sums of their municipalities.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from doorstroom.taakstelling.domain import Realisatie, Taakstelling

BASIS_KOLOMMEN = (
    "gemeentecode",
    "gemeentenaam",
    "provincie",
    "arbeidsmarktregio",
    "inwoners",
    "taakstelling",
    "achterstand",
    "gecorrigeerde_taakstelling",
    "resterende_voorsprong",
)
SOM_KOLOMMEN = (
    "inwoners",
    "taakstelling",
    "achterstand",
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
)

Record = dict[str, Any]


def taakstelling_record(taak: Taakstelling, sleutelnaam: str = "inwoners") -> Record:
    """The row of one municipality's quota."""
    g = taak.gemeente
    return {
        "gemeentecode": g.code,
        "gemeentenaam": g.naam,
        "provincie": g.provincie,
        "arbeidsmarktregio": g.arbeidsmarktregio,
        "inwoners": g.inwoners,
        **({} if sleutelnaam == "inwoners" else {sleutelnaam: taak.sleutelwaarde}),
        "taakstelling": taak.taakstelling,
        "achterstand": taak.achterstand,
        "gecorrigeerde_taakstelling": taak.gecorrigeerde_taakstelling,
        "resterende_voorsprong": taak.resterende_voorsprong,
    }


def realisatie_record(realisatie: Realisatie, sleutelnaam: str = "inwoners") -> Record:
    """The row of one municipality's quota with its realisation and blame assessment."""
    r = realisatie
    return {
        **taakstelling_record(r.taakstelling, sleutelnaam),
        "peildatum": r.peildatum.isoformat(),
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


def aggregeer(records: Iterable[Record], per: str) -> list[Record]:
    """Sum municipality rows per ``per`` (provincie or arbeidsmarktregio; unknown region kept apart)."""
    groups: dict[str, Record] = {}
    for record in records:
        name = record.get(per) or "(onbekend)"
        group = groups.setdefault(name, {per: name, "gemeenten": 0})
        group["gemeenten"] += 1
        for column in SOM_KOLOMMEN:
            if column in record:
                group[column] = group.get(column, 0) + record[column]
    return [_with_percentage(groups[name]) for name in sorted(groups)]


def _with_percentage(group: Record) -> Record:
    if "gerealiseerd" in group:
        quota = group["gecorrigeerde_taakstelling"]
        group["percentage"] = 100.0 if quota == 0 else round(100 * group["gerealiseerd"] / quota, 1)
    return group


def columns_of(records: Sequence[Record]) -> list[str]:
    """Column order of ``records`` as they were built (first row decides)."""
    return list(records[0]) if records else list(BASIS_KOLOMMEN)
