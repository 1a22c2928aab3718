"""The housing plan as rows: one row type per table, the same in the terminal, CSV, JSON, the API,
the web page and the workbook (column meanings in :mod:`doorstroom.huisvesting.kolommen`)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import datetime

from doorstroom.huisvesting.core.aanbod import EenheidVersie
from doorstroom.huisvesting.core.geld import Geldplan, Regeling, Saldo
from doorstroom.huisvesting.core.plan import Plan, Planmaand
from doorstroom.values.record import Record
from doorstroom.values.woningklasse import GROOT, WONINGKLASSEN

MAANDKOLOMMEN = (
    "maand",
    "behoefte_nieuw",
    "behoefte",
    "behoefte_p10",
    "behoefte_p90",
    "huishoudens",
    "aanbod",
    "gehuisvest",
    "saldo",
    "tekort",
    "overschot",
    "behoefte_5plus",
    "aanbod_5plus",
    "tekort_5plus",
    "eindigt",
    "achter",
    "bron",
)
KLASSEKOLOMMEN = (
    "maand",
    "klasse",
    "nieuw",
    "behoefte",
    "huishoudens",
    "aanbod",
    "saldo",
    "tekort",
    "overschot",
    "gehuisvest",
)
AANBODKOLOMMEN = (
    "kenmerk",
    "naam",
    "soort",
    "eenheden",
    "personen",
    "plaatsen",
    "klasse",
    "beschikbaar",
    "einde",
    "status",
    "telt_mee",
    "kosten_eenmalig",
    "kosten_per_maand",
    "bron",
    "versie",
    "geregistreerd_op",
    "geregistreerd_door",
    "reden",
)
EINDKOLOMMEN = ("kenmerk", "naam", "soort", "plaatsen", "klasse", "einde", "maand")
SALDOKOLOMMEN = ("periode", "inkomsten", "kosten", "tekort")
GELDKOLOMMEN = (
    "maand",
    "sleutel",
    "regeling",
    "richting",
    "hoeveelheid",
    "eenheid",
    "bedrag",
    "totaal",
    "status",
    "bron",
)
OVERGESLAGENKOLOMMEN = ("sleutel", "regeling", "reden")
REGELINGKOLOMMEN = (
    "sleutel",
    "regeling",
    "richting",
    "grondslag",
    "soorten",
    "bedrag",
    "bedrag_hoog",
    "aandeel",
    "eenheid",
    "geldig_van",
    "geldig_tot",
    "status",
    "bron",
    "toelichting",
)
OVERZICHTKOLOMMEN = (
    "gemeentecode",
    "gemeentenaam",
    "provincie",
    "behoefte",
    "aanbod",
    "tekort",
    "tekort_5plus",
    "achter_vanaf",
    "achter_vanaf_5plus",
    "eindigend",
    "aanbodregels",
)


def _janee(waarde: bool) -> str:
    return "ja" if waarde else "nee"


def maandrijen(plan: Plan, band: Mapping[str, tuple[int, int]]) -> list[Record]:
    """Per month: need (new, cumulative, its band), supply, the balance, large households apart."""
    plaatsen = {e.kenmerk: e.plaatsen for e in plan.eenheden}
    return [
        _maandrij(m, band.get(m.maand, (None, None)), sum(plaatsen[k] for k in m.eindigt))
        for m in plan.maanden
    ]


def _maandrij(m: Planmaand, band: tuple[int | None, int | None], eindigt: int) -> Record:
    groot = m.klassen[GROOT]
    return {
        "maand": m.maand,
        "behoefte_nieuw": m.som("nieuw"),
        "behoefte": m.som("behoefte"),
        "behoefte_p10": band[0],
        "behoefte_p90": band[1],
        "huishoudens": m.som("huishoudens"),
        "aanbod": m.som("aanbod"),
        "gehuisvest": m.som("gehuisvest"),
        "saldo": m.som("saldo"),
        "tekort": m.som("tekort"),
        "overschot": m.som("overschot"),
        "behoefte_5plus": groot.behoefte,
        "aanbod_5plus": groot.aanbod,
        "tekort_5plus": groot.tekort,
        "eindigt": eindigt,
        "achter": _janee(m.achter),
        "bron": m.bron,
    }


def klasserijen(plan: Plan) -> list[Record]:
    """Per month and size class: need, households, supply, balance, persons placed."""
    return [
        {
            "maand": m.maand,
            "klasse": k,
            "nieuw": s.nieuw,
            "behoefte": s.behoefte,
            "huishoudens": s.huishoudens,
            "aanbod": s.aanbod,
            "saldo": s.saldo,
            "tekort": s.tekort,
            "overschot": s.overschot,
            "gehuisvest": s.gehuisvest,
        }
        for m in plan.maanden
        for k in WONINGKLASSEN
        for s in (m.klassen[k],)
    ]


def aanbodrijen(
    versies: Sequence[EenheidVersie], plan: Plan | None, tijd: Callable[[datetime], str]
) -> list[Record]:
    """Every line of the supply as registered now, and whether the plan counts it."""
    geteld = {e.kenmerk for e in plan.eenheden} if plan is not None else set()
    rijen = []
    for v in versies:
        e, reg = v.eenheid, v.registratie
        rijen.append(
            {
                "kenmerk": e.kenmerk,
                "naam": e.naam,
                "soort": e.soort.value,
                "eenheden": e.eenheden,
                "personen": e.personen,
                "plaatsen": e.plaatsen,
                "klasse": e.klasse,
                "beschikbaar": e.beschikbaar,
                "einde": e.einde,
                "status": e.status.value,
                "telt_mee": "" if plan is None else _janee(e.kenmerk in geteld),
                "kosten_eenmalig": e.kosten_eenmalig,
                "kosten_per_maand": e.kosten_per_maand,
                "bron": e.bron,
                "versie": v.versie,
                "geregistreerd_op": tijd(reg.op),
                "geregistreerd_door": reg.door,
                "reden": reg.reden,
            }
        )
    return rijen


def eindigendrijen(plan: Plan) -> list[Record]:
    """The temporary lines that leave the stock within the plan, with the month they no longer count."""
    return [
        {
            "kenmerk": e.eenheid.kenmerk,
            "naam": e.eenheid.naam,
            "soort": e.eenheid.soort.value,
            "plaatsen": e.eenheid.plaatsen,
            "klasse": e.eenheid.klasse,
            "einde": e.eenheid.einde,
            "maand": e.maand,
        }
        for e in plan.eindigend
    ]


def saldorijen(saldi: Sequence[Saldo]) -> list[Record]:
    """Income, costs and gap per month or year."""
    return [
        {"periode": s.periode, "inkomsten": s.inkomsten, "kosten": s.kosten, "tekort": s.tekort}
        for s in saldi
    ]


def geldrijen(geld: Geldplan) -> list[Record]:
    """Every money line of every month."""
    return [
        {
            "maand": r.maand,
            "sleutel": r.sleutel,
            "regeling": r.regeling,
            "richting": r.richting.value,
            "hoeveelheid": r.hoeveelheid,
            "eenheid": r.eenheid,
            "bedrag": r.bedrag,
            "totaal": r.totaal,
            "status": r.status,
            "bron": r.bron,
        }
        for r in geld.regels
    ]


def overgeslagenrijen(geld: Geldplan) -> list[Record]:
    """The arrangements the plan did not compute, and why."""
    return [
        {"sleutel": o.regeling.sleutel, "regeling": o.regeling.regeling, "reden": o.reden}
        for o in geld.overgeslagen
    ]


def regelingrijen(regelingen: Sequence[Regeling]) -> list[Record]:
    """The money table: every arrangement with its amount, validity, mark and source."""
    return [
        {
            "sleutel": r.sleutel,
            "regeling": r.regeling,
            "richting": r.richting.value,
            "grondslag": r.grondslag.value,
            "soorten": ", ".join(s.value for s in r.soorten),
            "bedrag": r.bedrag,
            "bedrag_hoog": r.bedrag_hoog,
            "aandeel": r.aandeel,
            "eenheid": r.eenheid,
            "geldig_van": r.geldig_van,
            "geldig_tot": r.geldig_tot,
            "status": r.status.value,
            "bron": r.bron,
            "toelichting": r.toelichting,
        }
        for r in regelingen
    ]


def overzichtsrij(code: str, naam: str, provincie: str, plan: Plan, regels: int) -> Record:
    """One municipality in a province's or the national overview: the plan's last month and its dates."""
    laatste = plan.maanden[-1] if plan.maanden else None
    return {
        "gemeentecode": code,
        "gemeentenaam": naam,
        "provincie": provincie,
        "behoefte": laatste.som("behoefte") if laatste else 0,
        "aanbod": laatste.som("aanbod") if laatste else 0,
        "tekort": laatste.som("tekort") if laatste else 0,
        "tekort_5plus": laatste.klassen[GROOT].tekort if laatste else 0,
        "achter_vanaf": plan.achter_vanaf,
        "achter_vanaf_5plus": plan.grote_huishoudens_achter_vanaf,
        "eindigend": sum(e.eenheid.plaatsen for e in plan.eindigend),
        "aanbodregels": regels,
    }
