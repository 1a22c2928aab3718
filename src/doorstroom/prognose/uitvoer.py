"""What a forecast shows people: tables, a summary sheet, a short Dutch text, and the JSON document.

Tables and workbooks show persons as whole numbers and euros without cents (Excel users read
``2.092``, not ``2091.767986431656``); the JSON document keeps full precision for programs. Every
title says what the numbers rest on: published figures, judgements (how many), or — for a scenario
with example values — *illustratief*.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from doorstroom.prognose.core.montecarlo import REGIO_KWANTIELEN, Resultaat
from doorstroom.prognose.core.opvang import OpvangProvincie
from doorstroom.prognose.core.reeksen import SERIES, reeksnaam
from doorstroom.prognose.core.scenario import SPECS, FloatArray, Herkomst, Scenario
from doorstroom.taakstelling import landelijk
from doorstroom.values.periode import Periode
from doorstroom.values.record import Record

GELD = ("kosten",)
"""Series in euro; every other series counts persons or places."""
SAMENVATTING_MAANDEN = (6, 12, 24)
SAMENVATTING_REEKSEN = (
    "coa_bezetting",
    "vergunninghouders_coa",
    "ind_wachtrij",
    "instroom_totaal",
    "huisvesting_totaal",
    "achterstand",
)
"""The series of the summary sheet, named in words by :func:`reeksnaam`."""


@dataclass(frozen=True)
class Tabel:
    """One output table: its sheet and file name, a title for people, its records and columns."""

    naam: str
    titel: str
    records: list[Record]
    kolommen: tuple[str, ...]


def kenmerk(scenario: Scenario) -> str:
    """What the numbers rest on, for titles: published figures, judgements, or examples."""
    if scenario.illustratief():
        return "ILLUSTRATIEF: voorbeeldwaarden, niet voor besluiten"
    value = [n for n, p in scenario.parameters.items() if p.herkomst is Herkomst.oordeel]
    if not value:
        return "op gepubliceerde en gefitte cijfers"
    return f"deels oordeel ({len(value)} van {len(SPECS)} parameters)"


def titel(resultaat: Resultaat, *, met_kenmerk: bool = True, naam: str | None = None) -> str:
    """The title of every chart and workbook of this forecast (a workbook marks what the numbers rest
    on in its own red line, so it asks for the title without it). ``naam``: a stored forecast's own
    name, which the reader chose it by; the scenario's name otherwise."""
    s = resultaat.scenario
    basis = f"Prognose '{naam or s.naam}' vanaf {resultaat.maanden[0]}"
    return f"{basis} — {kenmerk(s)}" if met_kenmerk else basis


def _round(value: float, rond: bool) -> float | int:
    return round(value) if rond and math.isfinite(value) else value


def kwantiel_records(resultaat: Resultaat, *, rond: bool, reeksen: Sequence[str] = SERIES) -> list[Record]:
    """One record per series and month: P10, P50, P90 (whole persons or euros when ``rond``)."""
    return [
        {"reeks": name, "maand": month, **_band(resultaat.kwantielen[name][:, t], rond)}
        for name in reeksen
        for t, month in enumerate(resultaat.maanden)
    ]


def _band(values: FloatArray, rond: bool) -> Record:
    return {q: _round(float(v), rond) for q, v in zip(("p10", "p50", "p90"), values, strict=True)}


def kans_records(resultaat: Resultaat, *, rond: bool) -> list[Record]:
    """Per month: probability that occupancy exceeds capacity, and the flex buffer needed."""
    return [
        {
            "maand": month,
            "kans_overschrijding": float(resultaat.kans_overschrijding[t]),
            "flexbuffer": _round(float(resultaat.flexbuffer_per_maand[t]), rond),
        }
        for t, month in enumerate(resultaat.maanden)
    ]


def provincie_records(resultaat: Resultaat, *, rond: bool) -> list[Record]:
    """Per province, series and month: P10, P50, P90 of the province's own stocks and flows."""
    return [
        {"provincie": province, "reeks": name, "maand": month, **_band(q[:, r, t], rond)}
        for r, province in enumerate(resultaat.regios)
        for name in REGIO_KWANTIELEN
        for q in (resultaat.regio_kwantielen[name],)
        for t, month in enumerate(resultaat.maanden)
    ]


def provincie_opgaven(resultaat: Resultaat, opvang: Sequence[OpvangProvincie], *, rond: bool) -> list[Record]:
    """Per province: its reception places, the chance of exceeding them, and where it ends (P50)."""
    places = {item.provincie: item.plaatsen for item in opvang}
    last = len(resultaat.maanden) - 1
    records: list[Record] = []
    for r, province in enumerate(resultaat.regios):
        q = resultaat.regio_kwantielen
        records.append(
            {
                "provincie": province,
                "plaatsen_invoer": _round(places.get(province, math.nan), rond),
                "max_kans_overschrijding": float(resultaat.regio_kans_overschrijding[r].max()),
                "bezetting_eind_p50": _round(float(q["coa_bezetting"][1, r, last]), rond),
                "wachtend_eind_p50": _round(float(q["vergunninghouders_coa"][1, r, last]), rond),
                "achterstand_eind_p50": _round(float(q["achterstand"][1, r, last]), rond),
            }
        )
    return records


def benodigd_records(resultaat: Resultaat, *, rond: bool) -> list[Record]:
    """Per half year: the needed national taakstelling beside the planned and the published one."""
    records = []
    for task in resultaat.benodigd_per_halfjaar:
        published = landelijk.voor(Periode.parse(task.periode))
        records.append(
            {
                "periode": task.periode,
                "maanden": task.maanden,
                "doel_wachtend": _round(task.doel, rond),
                "gepland": _round(task.gepland, rond),
                "gepubliceerd": None if published is None else published.landelijk,
                "benodigd": None if task.benodigd is None else _round(task.benodigd, rond),
                "benodigd_mediaan": None if task.mediaan is None else _round(task.mediaan, rond),
                "aandeel_onhaalbaar": task.onhaalbaar,
            }
        )
    return records


def parameter_records(scenario: Scenario) -> list[Record]:
    """Every parameter with its unit, distribution and provenance."""
    return [
        {
            "parameter": name,
            "waarde": p.waarde,
            "eenheid": p.spec.eenheid,
            "verdeling": p.verdeling.value,
            "laag": p.laag,
            "hoog": p.hoog,
            "sd": p.sd,
            "herkomst": p.herkomst.value,
            "spreiding": p.spreiding_herkomst.value if p.spreiding_herkomst else "",
            "datum": p.datum,
            "bron": p.bron,
        }
        for name, p in scenario.parameters.items()
    ]


def kalibratie_records(scenario: Scenario) -> list[Record]:
    """What was fitted from which file, with its standard error."""
    return [
        {
            "parameter": k.parameter,
            "waarde": k.waarde,
            "standaardfout": k.standaardfout,
            "bestand": k.bestand,
            "kolommen": ", ".join(k.kolommen),
            "perioden": k.perioden,
            "waarnemingen": k.waarnemingen,
            "methode": k.methode,
        }
        for k in scenario.kalibratie
    ]


def samenvatting_records(resultaat: Resultaat) -> list[Record]:
    """The summary sheet: key quantiles after 6, 12 and 24 months, exceedance chances, flex buffer."""
    months = [m for m in SAMENVATTING_MAANDEN if m <= len(resultaat.maanden)]
    columns = {m: f"na {m} maanden ({resultaat.maanden[m - 1]})" for m in months}
    rows: list[Record] = []
    for name in SAMENVATTING_REEKSEN:
        label = reeksnaam(name)
        for q, quantile in enumerate(("P10", "P50", "P90")):
            values = {columns[m]: _round(float(resultaat.kwantielen[name][q, m - 1]), True) for m in months}
            rows.append({"grootheid": label, "maat": quantile, **values})
    rows.append(
        {
            "grootheid": "kans dat de bezetting de capaciteit overschrijdt",
            "maat": "procent",  # a column of persons: a fraction of 0.03 would show as 0
            **{columns[m]: round(100 * float(resultaat.kans_overschrijding[m - 1]), 1) for m in months},
        }
    )
    kans = f"{resultaat.scenario.doelen.kans:.0%}"
    rows.append(
        {
            "grootheid": f"flexbuffer voor {kans} zekerheid in die maand",
            "maat": "plaatsen",
            **{columns[m]: _round(float(resultaat.flexbuffer_per_maand[m - 1]), True) for m in months},
        }
    )
    first = columns[months[0]] if months else "waarde"
    rows.append(
        {
            "grootheid": f"flexbuffer voor {kans} zekerheid over de hele horizon",
            "maat": "plaatsen",
            first: _round(resultaat.flexbuffer_horizon, True),
        }
    )
    return rows


def samenvatting_kolommen(resultaat: Resultaat) -> tuple[str, ...]:
    """Columns of the summary sheet."""
    months = [m for m in SAMENVATTING_MAANDEN if m <= len(resultaat.maanden)]
    return ("grootheid", "maat", *(f"na {m} maanden ({resultaat.maanden[m - 1]})" for m in months))


def samenvatting(resultaat: Resultaat) -> dict[str, object]:
    """Scalar answers for the JSON document (full precision)."""
    needed = resultaat.benodigde_taakstelling
    s = resultaat.scenario
    return {
        "scenario": s.naam,
        "start": resultaat.maanden[0],
        "maanden": len(resultaat.maanden),
        "paden": resultaat.paden,
        "seed": resultaat.seed,
        "kans": s.doelen.kans,
        "kenmerk": kenmerk(s),
        "oordeel_waarde": [n for n, p in s.parameters.items() if p.herkomst is Herkomst.oordeel],
        "oordeel_spreiding": [n for n, p in s.parameters.items() if p.spreiding_herkomst is Herkomst.oordeel],
        "flexbuffer_horizon": resultaat.flexbuffer_horizon,
        "max_kans_overschrijding": float(resultaat.kans_overschrijding.max()),
        "benodigde_taakstelling": {
            "doel_wachtende_vergunninghouders": needed.doel,
            "uiterlijk": needed.maand,
            "per_halfjaar": _finite(needed.per_halfjaar),
            "mediaan": _finite(needed.mediaan),
            "aandeel_paden_onhaalbaar": needed.onhaalbaar,
        },
        "kosten_totaal_euro": dict(
            zip(("p10", "p50", "p90"), map(float, resultaat.kosten_totaal), strict=True)
        ),
    }


def _finite(value: float) -> float | None:
    """JSON has no infinity: an unreachable target is ``null``."""
    return value if math.isfinite(value) else None


def als_json(resultaat: Resultaat, opvang: Sequence[OpvangProvincie]) -> dict[str, object]:
    """The JSON document: summary, every series month by month, provinces, needed taakstelling."""
    series: dict[str, list[Record]] = {}
    for record in kwantiel_records(resultaat, rond=False):
        series.setdefault(str(record["reeks"]), []).append(
            {k: record[k] for k in ("maand", "p10", "p50", "p90")}
        )
    return {
        "samenvatting": samenvatting(resultaat),
        "reeksen": series,
        "kansen": kans_records(resultaat, rond=False),
        "provincies": provincie_records(resultaat, rond=False),
        "provincie_opgaven": provincie_opgaven(resultaat, opvang, rond=False),
        "benodigde_taakstelling": benodigd_records(resultaat, rond=False),
        "parameters": parameter_records(resultaat.scenario),
        "kalibratie": kalibratie_records(resultaat.scenario),
    }


KOLOMMEN_PER_TABEL = {
    "kwantielen": ("reeks", "maand", "p10", "p50", "p90"),
    "kansen": ("maand", "kans_overschrijding", "flexbuffer"),
    "provincies": ("provincie", "reeks", "maand", "p10", "p50", "p90"),
    "provincie_opgaven": (
        "provincie", "plaatsen_invoer", "max_kans_overschrijding", "bezetting_eind_p50", "wachtend_eind_p50",
        "achterstand_eind_p50",
    ),
    "benodigde_taakstelling": (
        "periode", "maanden", "doel_wachtend", "gepland", "gepubliceerd", "benodigd", "benodigd_mediaan",
        "aandeel_onhaalbaar",
    ),
    "parameters": (
        "parameter", "waarde", "eenheid", "verdeling", "laag", "hoog", "sd", "herkomst", "spreiding", "datum",
        "bron",
    ),
    "kalibratie": (
        "parameter", "waarde", "standaardfout", "bestand", "kolommen", "perioden", "waarnemingen", "methode",
    ),
}  # fmt: skip
"""The columns of every table of a forecast but the summary (whose columns depend on the forecast)."""


def tabellen(resultaat: Resultaat, opvang: Sequence[OpvangProvincie]) -> list[Tabel]:
    """Every table of a forecast, rounded for people, in workbook order; each title says what its sheet
    adds to the forecast's own title (the workbook puts that above every sheet)."""
    rijen = {
        "kwantielen": ("P10/P50/P90 per maand", kwantiel_records(resultaat, rond=True)),
        "kansen": ("kans op overschrijding en flexbuffer", kans_records(resultaat, rond=True)),
        "provincies": ("per provincie", provincie_records(resultaat, rond=True)),
        "provincie_opgaven": ("opgave per provincie", provincie_opgaven(resultaat, opvang, rond=True)),
        "benodigde_taakstelling": (
            "benodigde landelijke taakstelling per halfjaar",
            benodigd_records(resultaat, rond=True),
        ),
        "parameters": ("parameters en herkomst", parameter_records(resultaat.scenario)),
        "kalibratie": ("wat is gefit, uit welk bestand", kalibratie_records(resultaat.scenario)),
    }
    samenvatting = Tabel(
        "samenvatting", "", samenvatting_records(resultaat), samenvatting_kolommen(resultaat)
    )
    return [samenvatting] + [
        Tabel(naam, titel, records, KOLOMMEN_PER_TABEL[naam]) for naam, (titel, records) in rijen.items()
    ]
