"""Turn spreiding values into the flat rows users export (table, CSV, JSON, XLSX, web).

The column names are the public contract of the output (``docs/spreiding.md``). Whole places are
integers; the exact share and the correction factor are decimals for checking. ``aanbod`` is what a
municipality provides: its number in the province's plan when the plan covers its province, else
its durable places counted now; ``positie`` says whether that is more than its share (which
qualifies for the incentive payment), less, or equal.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from doorstroom.platform.clock import lokale_tijd
from doorstroom.spreiding.core.domain import LocatieVersie
from doorstroom.spreiding.core.duurzaam import Bestaand, criterium, is_duurzaam
from doorstroom.spreiding.core.plan import positie
from doorstroom.spreiding.core.regio import RegioRegel
from doorstroom.spreiding.core.verdeling import Aandeel, Verdeling
from doorstroom.values.record import Record

TABEL = {
    "provincie": ("provincie", "inwoners", "opgave", "amv", "bestaand_duurzaam", "nog_te_realiseren",
                  "overschot", "plan", "gemeenten_meer", "gemeenten_minder"),
    "gemeente": ("gemeentecode", "gemeentenaam", "provincie", "inwoners", "correctiefactor", "opgave", "amv",
                 "bestaand_duurzaam", "nog_te_realiseren", "plan", "aanbod", "verschil", "positie"),
    "regio": ("plaatsen_nodig", "plaatsen_aanwezig", "verschil_plaatsen", "bezetting",
              "vergunninghouders_in_opvang", "taakstelling", "resterend", "huisvesting_in_regio",
              "buiten_regio", "ruimte_voor_anderen"),
}  # fmt: skip
"""The columns a terminal table shows; CSV, JSON and XLSX carry every column."""


def kolommen(records: Sequence[Record], tabel: str | None) -> list[str]:
    """Every column of ``records`` in order, or only the terminal table's selection of them."""
    alle = list(records[0]) if records else []
    if tabel is None:
        return alle
    return [k for k in alle if k in TABEL[tabel] or (tabel == "regio" and k == alle[0])]


def gemeente_records(
    verdeling: Verdeling, bestaand: Mapping[str, Bestaand], aanbod: Mapping[str, int] | None
) -> list[Record]:
    """One row per municipality, by province then code."""
    rijen = [
        _gemeente(a, bestaand.get(a.gemeente.code, Bestaand()), aanbod, verdeling)
        for a in verdeling.gemeenten
    ]
    return sorted(rijen, key=lambda r: (r["provincie"], r["gemeentecode"]))


def _gemeente(a: Aandeel, bestaand: Bestaand, aanbod: Mapping[str, int] | None, v: Verdeling) -> Record:
    g = a.gemeente
    gepland = None if aanbod is None else aanbod.get(g.code)
    geleverd = bestaand.plaatsen if gepland is None else gepland
    return {
        "gemeentecode": g.code,
        "gemeentenaam": g.naam,
        "provincie": g.provincie,
        "inwoners": g.inwoners,
        "correctiefactor": round(float(a.factor), 4),
        "exact": round(float(a.exact), 2),
        "opgave": a.opgave,
        "amv": a.amv,
        **_bestaand(a.opgave, a.amv, bestaand),
        "plan": gepland,
        "aanbod": geleverd,
        "aanbod_volgens": "bestaand" if gepland is None else "plan",
        "verschil": geleverd - a.opgave,
        "positie": positie(geleverd, a.opgave).value,
        "correctie_toegepast": v.correctie_toegepast,
    }


def _bestaand(opgave: int, amv: int, bestaand: Bestaand) -> Record:
    return {
        "bestaand_duurzaam": bestaand.plaatsen,
        "bestaand_amv": bestaand.amv,
        "nog_te_realiseren": max(opgave - bestaand.plaatsen, 0),
        "amv_nog_te_realiseren": max(amv - bestaand.amv, 0),
        "overschot": max(bestaand.plaatsen - opgave, 0),
    }


def provincie_records(
    verdeling: Verdeling, bestaand: Mapping[str, Bestaand], aanbod: Mapping[str, int] | None
) -> list[Record]:
    """One row per province: its number and amv, durable places counted, plan sum, more/less."""
    gemeenten = gemeente_records(verdeling, bestaand, aanbod)
    rijen = []
    for p in verdeling.provincies:
        leden = [r for r in gemeenten if r["provincie"] == p.provincie]
        totaal_bestaand = Bestaand(
            sum(r["bestaand_duurzaam"] for r in leden), sum(r["bestaand_amv"] for r in leden)
        )
        geplande = [r["plan"] for r in leden if r["plan"] is not None]
        rijen.append(
            {
                "provincie": p.provincie,
                "gemeenten": len(leden),
                "inwoners": p.inwoners,
                "correctiefactor": round(float(p.sleutel / p.inwoners), 4) if p.inwoners else 1.0,
                "exact": round(float(p.exact), 2),
                "opgave": p.opgave,
                "amv": p.amv,
                **_bestaand(p.opgave, p.amv, totaal_bestaand),
                "plan": sum(geplande) if geplande else None,
                "gemeenten_meer": sum(1 for r in leden if r["positie"] == "meer"),
                "gemeenten_minder": sum(1 for r in leden if r["positie"] == "minder"),
                "correctie_toegepast": verdeling.correctie_toegepast,
            }
        )
    return rijen


def regio_records(regels: Sequence[RegioRegel], per: str) -> list[Record]:
    """One row per region: required, present and occupied places; permit holders; the match."""
    return [
        {
            per: r.regio,
            "gemeenten": r.gemeenten,
            "inwoners": r.inwoners,
            "plaatsen_nodig": r.opgave,
            "amv_nodig": r.amv,
            "locaties": r.opvang.locaties,
            "plaatsen_aanwezig": r.opvang.plaatsen,
            "duurzaam_aanwezig": r.opvang.duurzame_plaatsen,
            "amv_aanwezig": r.opvang.amv_plaatsen,
            "verschil_plaatsen": r.verschil_plaatsen,
            "bezetting": r.opvang.bezetting,
            "bezettingsgraad": None
            if r.opvang.bezettingsgraad is None
            else round(r.opvang.bezettingsgraad, 3),
            "vergunninghouders_in_opvang": r.opvang.vergunninghouders,
            "taakstelling": r.taakstelling,
            "resterend": r.resterend,
            "huisvesting_in_regio": r.in_regio,
            "buiten_regio": r.buiten_regio,
            "ruimte_voor_anderen": r.ruimte,
        }
        for r in regels
    ]


def locatie_record(versie: LocatieVersie, namen: Mapping[str, str]) -> Record:
    """One location as registered now, with whether it counts as durable and by which rule."""
    loc = versie.locatie
    return {
        "locatie_id": loc.id,
        "naam": loc.naam,
        "soort": loc.soort.value,
        "gemeentecode": loc.gemeentecode,
        "gemeentenaam": namen.get(loc.gemeentecode, ""),
        "capaciteit": loc.capaciteit,
        "bezetting": loc.bezetting,
        "vergunninghouders": loc.vergunninghouders,
        "amv_capaciteit": loc.amv_capaciteit,
        "opening": loc.opening.isoformat(),
        "sluiting": loc.sluiting.isoformat() if loc.sluiting else None,
        "duurzaam": _ja_nee(loc.duurzaam),
        "voldoet_aan_criterium": _ja_nee(criterium(loc)),
        "telt_als_duurzaam": _ja_nee(is_duurzaam(loc)),
        "versie": versie.versie,
        "geregistreerd_op": lokale_tijd(versie.registratie.op),
        "geregistreerd_door": versie.registratie.door,
    }


def historie_record(versie: LocatieVersie, wijziging: str, namen: Mapping[str, str]) -> Record:
    """One version in the history: who, when, why, what changed, and the values it registered."""
    return {
        "locatie_id": versie.locatie.id,
        "versie": versie.versie,
        "geregistreerd_op": lokale_tijd(versie.registratie.op),
        "geregistreerd_door": versie.registratie.door,
        "reden": versie.registratie.reden,
        "bron": versie.registratie.bron,
        "wijziging": wijziging,
        **{k: v for k, v in locatie_record(versie, namen).items() if k not in _REGISTRATIE},
    }


_REGISTRATIE = {"locatie_id", "versie", "geregistreerd_op", "geregistreerd_door"}


def _ja_nee(waarde: bool | None) -> str | None:
    return None if waarde is None else ("ja" if waarde else "nee")


def toelichting_records(regels: Sequence[tuple[str, str]]) -> list[Record]:
    """The inputs a result rests on, as rows (the XLSX sheet 'toelichting')."""
    return [{"onderdeel": naam, "waarde": waarde} for naam, waarde in regels]
