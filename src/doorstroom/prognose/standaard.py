"""The default scenario, built from published figures as they stood before its start month.

Every parameter is derived from the embedded published series (:mod:`gepubliceerd`) and the
published national taakstelling (:mod:`doorstroom.taakstelling.landelijk`) by a rule documented
here and in ``docs/prognose.md``; each keeps its source and the date of the figure, and where no
published figure exists the value is a *judgement* (``herkomst = oordeel``), named in every
output. Only figures covering months before the start are used, so the same rules rebuild the
default as a planner would have had it at an earlier start (``--start``).

By default the forecast starts in the month after the most recent inflow figure.

Rules, in short (see ``docs/prognose.md`` for the full table):

* inflow level: the published annual total of the year before the start divided by 12 when the
  quarterly series does not cover that year, else the fitted level of the quarterly series
  (:func:`calibration.instroom`); drift, over-dispersion and season are fitted on the quarters;
* IND: decisions per month from the latest annual count; time to decision from the latest
  published average; grant rate as last published;
* housing: the published taakstelling of the half years that had been published (the current
  one and the next), the realisation rate fitted on the published half years, the arrears as last
  published;
* stocks: last published; a stock published more than :data:`VERS_MAANDEN` months before the start
  is still used but marked a judgement;
* capacity: last published occupancy divided by COA's planning occupancy rate (91 %).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache


from doorstroom.prognose import gepubliceerd
from doorstroom.prognose.calibration import Instroomfit, Realisatie, als_parameter, instroom, realisatiegraad
from doorstroom.prognose.gepubliceerd import Feit
from doorstroom.prognose.historie import gepubliceerde_instroom
from doorstroom.prognose.scenario import (
    SPECS,
    Doelen,
    Herkomst,
    Kalibratie,
    Parameter,
    Scenario,
    Verdeling,
    Wijziging,
    halfjaar,
    maand_labels,
)
from doorstroom.reference.periode import Periode
from doorstroom.taakstelling import landelijk

VERS_MAANDEN = 12
"""A stock older than this at the start is used, but marked a judgement."""
HORIZON = 36
G, A, O = Herkomst.gepubliceerd, Herkomst.afgeleid, Herkomst.oordeel


def meest_recente_start() -> str:
    """The month after the last month covered by a published inflow figure."""
    last = max(f.einde for f in gepubliceerd.reeks("eerste_asielverzoeken"))
    return maand_labels(last, 2)[1]


def maanden_tussen(eerder: str, later: str) -> int:
    """Whole months from ``eerder`` to ``later`` (both ``YYYY-MM``)."""
    return (int(later[:4]) - int(eerder[:4])) * 12 + int(later[5:]) - int(eerder[5:])


@lru_cache(maxsize=16)
def standaard(start: str | None = None) -> Scenario:
    """The default scenario from ``start`` (``YYYY-MM``; default :func:`meest_recente_start`)."""
    start = start or meest_recente_start()
    fit = _inflow_fit(start)
    parameters = {
        **_inflow(fit, start),
        **_ind(start),
        **_housing(start),
        **_stocks(start),
        **_capacity(start),
        **_judgements(),
    }
    ordered = {name: parameters[name] for name in SPECS}
    return Scenario(
        naam="standaard",
        start=start,
        maanden=HORIZON,
        parameters=ordered,
        seizoen=fit.seizoen,
        seizoen_bron=f"gefit op de gepubliceerde kwartaalcijfers ({fit.omvang})",
        wijzigingen=_taakstelling_changes(start),
        doelen=Doelen(),
        beschrijving=(
            "Standaardscenario op gepubliceerde cijfers (CBS, IND, COA, ministerie) tot de start; "
            "waar geen cijfer bestaat staat 'oordeel'. Zie docs/prognose.md."
        ),
        kalibratie=tuple(_records(fit)),
    )


def _p(naam: str, waarde: float, herkomst: Herkomst, bron: str, datum: str = "", **spread: object) -> Parameter:
    return Parameter(naam=naam, waarde=waarde, herkomst=herkomst, bron=bron, datum=datum, **spread)  # type: ignore[arg-type]


# ------------------------------------------------------------------------------------------ inflow


def _inflow_fit(start: str) -> Instroomfit:
    history = gepubliceerde_instroom()
    usable = sum(1 for n in range(len(history.perioden)) if maand_labels(history.eerste_maand(n), 3)[-1] < start)
    return instroom(history.tot(usable))


def _inflow(fit: Instroomfit, start: str) -> dict[str, Parameter]:
    source = "CBS-kwartaalcijfers (StatLine 83102NED)"
    found = {
        name: als_parameter(estimate, source, start)
        for estimate in fit.schattingen
        if (name := estimate.parameter) in ("instroom_drift", "instroom_dispersie", "eerste_aanvragen", "nareizigers")
    }
    for name, measure in (("eerste_aanvragen", "eerste_asielverzoeken"), ("nareizigers", "nareizigers")):
        annual = _annual_level(name, measure, fit, start)
        if annual is not None:
            found[name] = annual
    return found


def _annual_level(name: str, measure: str, fit: Instroomfit, start: str) -> Parameter | None:
    """Use the annual total of the year before the start when the quarters do not reach it."""
    year = int(start[:4]) - 1
    total = gepubliceerd.jaartotaal(measure, year)
    covered = fit.omvang.split(" t/m ")[-1]
    if total is None or covered >= f"{year}-Q4" or total.einde >= start:
        return None
    sd = fit.niveau_sd
    lag = maanden_tussen(total.einde, start) - 1
    note = f"; de start ligt {lag} maanden na dit cijfer" if lag > 0 else ""
    return _p(name, total.waarde / 12.0, A, f"jaartotaal {year} / 12: {total.beschrijving}{note}", total.periode,
              verdeling=Verdeling.lognormaal, sd=sd, spreiding=Herkomst.gefit)  # fmt: skip


def _records(fit: Instroomfit) -> list[Kalibratie]:
    return [
        Kalibratie(e.parameter, e.waarde, e.standaardfout, "gepubliceerd: CBS-kwartaalcijfers", e.kolommen,
                   e.perioden, e.waarnemingen, e.methode)
        for e in fit.schattingen
    ]  # fmt: skip


# --------------------------------------------------------------------------------------------- IND


def _ind(start: str) -> dict[str, Parameter]:
    return {
        "ind_capaciteit": _decisions(start),
        "ind_doorlooptijd": _duration(start),
        "inwilligingspercentage": _grant_rate(start),
    }


def _decisions(start: str) -> Parameter:
    counts = gepubliceerd.reeks("ind_asielbeslissingen_totaal")
    growth = {f.periode: f for f in gepubliceerd.reeks("ind_asielbeslissingen_meer_dan_vorig_jaar")}
    years = {f.periode: (f.waarde, f.beschrijving, G) for f in counts}
    for year, extra in growth.items():
        before = years.get(str(int(year) - 1))
        if before is not None and year not in years:
            years[year] = (before[0] + extra.waarde, f"{before[1]} plus {extra.beschrijving}", A)
    usable = sorted(y for y in years if f"{y}-12" < start)
    if not usable:
        return _p("ind_capaciteit", 2500.0, O, "geen gepubliceerd aantal beslissingen vóór de start",
                  verdeling=Verdeling.normaal, sd=250.0)  # fmt: skip
    year = usable[-1]
    value, source, kind = years[year]
    kind = _stale(kind, f"{year}-12", start)
    return _p("ind_capaciteit", value / 12.0, kind, f"{value:,.0f} asielbeslissingen in {year} / 12: {source}",
              year, verdeling=Verdeling.normaal, sd=0.1 * value / 12.0)  # fmt: skip


def _duration(start: str) -> Parameter:
    latest = gepubliceerd.laatste("ind_doorlooptijd_weken", start)
    spread = {"verdeling": Verdeling.driehoek}
    if latest is None:
        return _p("ind_doorlooptijd", 6.0, O, "wettelijke beslistermijn 6 maanden (Vw 2000 art. 42)",
                  laag=4.0, hoog=15.0, **spread)  # fmt: skip
    months = latest.waarde * 12.0 / 52.0
    return _p("ind_doorlooptijd", months, _stale(G, latest.einde, start),
              f"gemiddeld {latest.waarde:.0f} weken tot een asielbesluit ({latest.periode}): {latest.beschrijving}",
              latest.periode, laag=0.7 * months, hoog=1.3 * months, **spread)  # fmt: skip


GRANT_MEASURES = (
    "inwilligingspercentage_algemene_en_verlengde_procedure_pct",
    "inwilligingspercentage_eerste_aanvragen_12mnd_pct",
    "inwilligingspercentage_pct",
)


def _grant_rate(start: str) -> Parameter:
    found = [f for m in GRANT_MEASURES if (f := gepubliceerd.laatste(m, start)) is not None]
    if not found:
        return _p("inwilligingspercentage", 0.7, O, "geen gepubliceerd inwilligingspercentage vóór de start",
                  verdeling=Verdeling.uniform, laag=0.55, hoog=0.85)  # fmt: skip
    latest = max(found, key=lambda f: f.einde)
    rate = latest.waarde / 100.0
    return _p("inwilligingspercentage", rate, _stale(G, latest.einde, start),
              f"{latest.waarde:.0f} % ({latest.periode}): {latest.beschrijving}", latest.periode,
              verdeling=Verdeling.driehoek, laag=0.8 * rate, hoog=min(1.0, 1.5 * rate))  # fmt: skip


# ----------------------------------------------------------------------------------------- housing


def _housing(start: str) -> dict[str, Parameter]:
    half = Periode.parse(halfjaar(start))
    published = {item.periode: item for item in landelijk.gepubliceerd()}
    current = published.get(half)
    if current is not None:
        task = _p("taakstelling", float(current.landelijk), G, f"landelijke taakstelling {half}: {current.bron}",
                  str(half))  # fmt: skip
    else:
        before = [item for item in published.values() if item.periode < half]
        last = max(before, key=lambda item: item.periode)
        task = _p("taakstelling", float(last.landelijk), O,
                  f"{half} niet gevonden; laatst gepubliceerde taakstelling ({last.periode}) voortgezet: {last.bron}",
                  str(last.periode))  # fmt: skip
    return {"taakstelling": task, **_realisation(start), "begin_achterstand": _arrears(start)}


def _realisation(start: str) -> dict[str, Parameter]:
    halves = [
        Realisatie(str(item.periode), float(item.gerealiseerd), float(item.met_achterstand))
        for item in landelijk.gepubliceerd()
        if item.gerealiseerd is not None and item.met_achterstand is not None and _ended(item.periode, start)
    ]
    source = "landelijke realisatie per halfjaar (Aanhangsel Handelingen TK 2023-2024 nr. 2564)"
    estimates = realisatiegraad(halves, source, ("gerealiseerd", "met_achterstand"))
    return {e.parameter: als_parameter(e, source, start) for e in estimates}


def _ended(periode: Periode, start: str) -> bool:
    return f"{periode.end.year}-{periode.end.month:02d}" < start


def _arrears(start: str) -> Parameter:
    ended = [i for i in landelijk.gepubliceerd() if i.saldo_einde is not None and _ended(i.periode, start)]
    if not ended:
        return _p("begin_achterstand", 0.0, O, "geen gepubliceerd saldo vóór de start")
    last = ended[-1]
    end = f"{last.periode.end.year}-{last.periode.end.month:02d}"
    return _p("begin_achterstand", float(-last.saldo_einde), _stale(G, end, start),  # type: ignore[operator]
              f"saldo eind {last.periode}: {last.saldo_einde:,} (negatief = achterstand): {last.bron}",
              str(last.periode))  # fmt: skip


def _taakstelling_changes(start: str) -> tuple[Wijziging, ...]:
    """Published numbers of the following half years known at the start (published 13 weeks ahead)."""
    labels = maand_labels(start, HORIZON)
    changes = []
    for item in landelijk.gepubliceerd():
        first = f"{item.periode.year}-{item.periode.first_month:02d}"
        if start < first and maanden_tussen(start, first) <= 6:
            month = labels.index(first) + 1
            changes.append(
                Wijziging("taakstelling", month, waarde=float(item.landelijk),
                          toelichting=f"gepubliceerde taakstelling {item.periode}: {item.bron}")
            )  # fmt: skip
    return tuple(changes)


# ------------------------------------------------------------------------------------------ stocks


def _stale(kind: Herkomst, einde: str, start: str) -> Herkomst:
    return kind if maanden_tussen(einde, start) <= VERS_MAANDEN + 1 else O


def _stock(naam: str, feit: Feit | None, start: str, fallback: float) -> Parameter:
    if feit is None:
        return _p(naam, fallback, O, "geen gepubliceerd cijfer vóór de start")
    kind = _stale(G, feit.einde, start)
    age = maanden_tussen(feit.einde, start) - 1
    note = f"; {age} maanden voor de start gepubliceerd, daarom oordeel" if kind is O else ""
    return _p(naam, feit.waarde, kind, f"{feit.waarde:,.0f} ({feit.periode}): {feit.beschrijving}{note}", feit.periode)


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
        options.append(Bezetting(direct.waarde, direct.periode, G, direct.beschrijving))
    if share is not None and holders is not None and share.einde == holders.einde:
        value = holders.waarde / (share.waarde / 100.0)
        source = f"{holders.waarde:,.0f} vergunninghouders / {share.waarde:.0f} % van de bewoners: {share.beschrijving}"
        options.append(Bezetting(value, holders.periode, A, source))
    if not options:
        return Bezetting(30000.0, "", O, "geen gepubliceerde bezetting vóór de start")
    latest = max(options, key=lambda b: gepubliceerd.laatste_maand(b.datum))
    kind = _stale(latest.herkomst, gepubliceerd.laatste_maand(latest.datum), start)
    return replace(latest, herkomst=kind)


def _stocks(start: str) -> dict[str, Parameter]:
    queue = _stock("begin_ind_wachtrij", gepubliceerd.laatste("ind_openstaande_asielaanvragen", start), start, 20000)
    waiting = _stock(
        "begin_vergunninghouders_coa", gepubliceerd.laatste("vergunninghouders_in_coa_opvang", start), start, 10000
    )
    occupancy = laatste_bezetting(start)
    rest = occupancy.waarde - queue.waarde - waiting.waarde
    if rest > 0:
        kind = O if O in (queue.herkomst, waiting.herkomst, occupancy.herkomst) else A
        rejected = _p("begin_afgewezen_coa", rest, kind,
                      f"bezetting {occupancy.waarde:,.0f} ({occupancy.datum}) min IND-wachtrij en vergunninghouders",
                      occupancy.datum)  # fmt: skip
    else:
        rejected = _p("begin_afgewezen_coa", 0.05 * occupancy.waarde, O,
                      "5 % van de bezetting: bezetting min wachtrij en vergunninghouders is niet positief")  # fmt: skip
    return {"begin_ind_wachtrij": queue, "begin_vergunninghouders_coa": waiting, "begin_afgewezen_coa": rejected}


def _capacity(start: str) -> dict[str, Parameter]:
    occupancy = laatste_bezetting(start)
    norm = gepubliceerd.laatste("coa_bezettingsnorm_pct", "9999-12")
    rate = norm.waarde / 100.0 if norm is not None else 0.91
    total = occupancy.waarde / rate
    kind = O if occupancy.herkomst is O else A
    source = f"bezetting {occupancy.waarde:,.0f} ({occupancy.datum}) / bezettingsnorm {rate:.0%}"
    split = "; verdeling regulier/nood naar de bezetting van september 2023 (31.087 : 20.834, COA)"
    regular_share = 31087 / (31087 + 20834)
    return {
        "coa_regulier": _p("coa_regulier", total * regular_share, kind, source + split, occupancy.datum),
        "coa_nood": _p("coa_nood", total * (1 - regular_share), kind, source + split, occupancy.datum),
    }


# -------------------------------------------------------------------------------------- judgements


def _judgements() -> dict[str, Parameter]:
    law = "Wet inburgering 2021"
    return {
        "herhaalde_aanvragen": _p("herhaalde_aanvragen", 150.0, O,
                                  "geen gepubliceerde reeks in de meegeleverde data; het ministerie telt ze in de "
                                  "totale asielinstroom", verdeling=Verdeling.uniform, laag=50.0, hoog=300.0),
        "vertrektermijn": _p("vertrektermijn", 6.0, O,
                             "wettelijke vertrektermijn 4 weken (Vw 2000 art. 62); feitelijk vertrek duurt langer",
                             verdeling=Verdeling.driehoek, laag=3.0, hoog=12.0),
        "inburgeringsplicht": _p("inburgeringsplicht", 0.6, O, f"kinderen en ouderen zijn niet inburgeringsplichtig ({law})"),
        "inburgering_duur": _p("inburgering_duur", 30.0, O, f"inburgeringstermijn 3 jaar ({law}); gemiddelde: oordeel",
                               verdeling=Verdeling.uniform, laag=24.0, hoog=36.0),
        "inburgering_geslaagd": _p("inburgering_geslaagd", 0.75, O, "geen cijfer in de meegeleverde data",
                                   verdeling=Verdeling.uniform, laag=0.65, hoog=0.85),
        "begin_inburgering": _p("begin_inburgering", 60000.0, O, "geen cijfer in de meegeleverde data"),
        "flexbuffer": _p("flexbuffer", 3000.0, O, "Uitvoeringsagenda Flexibilisering Asielketen vraagt om buffercapaciteit"),
        "kosten_regulier": _p("kosten_regulier", 120.0, O, "geen kostprijs in de meegeleverde data"),
        "kosten_nood": _p("kosten_nood", 200.0, O, "noodopvang is duurder dan regulier (geen kostprijs in de data)"),
        "kosten_flex": _p("kosten_flex", 60.0, O, "een leegstaande bufferplaats kost minder dan een bezette"),
        "kosten_overloop": _p("kosten_overloop", 300.0, O, "crisisnoodopvang boven de capaciteit"),
    }  # fmt: skip


def gebruikte_feiten(scenario: Scenario) -> int:
    """How many parameters rest on a published, derived or fitted figure (for the summary)."""
    return sum(1 for p in scenario.parameters.values() if p.herkomst is not Herkomst.oordeel)
