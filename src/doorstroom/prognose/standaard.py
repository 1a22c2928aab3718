"""The default scenario, built from published figures as they stood before its start month.

Every parameter is derived from the embedded published series (:mod:`gepubliceerd`) and the
published national taakstelling (:mod:`doorstroom.taakstelling.landelijk`) by a rule documented
here and in ``docs/prognose.md``; each keeps its source and the date of the figure, and where no
published figure exists the value is a *judgement* (``herkomst = oordeel``), named in every
output. Only figures covering months before the start are used, so the same rules rebuild the
default as a planner would have had it at an earlier start (``--start``).

By default the forecast starts in the month after the most recent inflow figure.

Rules, in short (see ``docs/prognose.md`` for the full table):

* inflow: level, drift (first applications and nareizigers each), over-dispersion and season fitted
  (:func:`instroomfit.instroom`) on every published quarter and annual total that ended before the
  start — so a year published only as a total (2025) moves the level, and the years before the
  quarterly series (2015, 2017) inform the drift;
* IND: decisions per month from the latest annual count; time to decision from the latest
  published average; grant rate as last published;
* housing: the published taakstelling of the half years that had been published (the current
  one and the next), the realisation rate fitted on the published half years, the arrears as last
  published;
* stocks (:mod:`startstand`): last published; a stock published more than a year before the start
  is still used but marked a judgement;
* capacity: last published occupancy divided by COA's planning occupancy rate (91 %).
"""

from __future__ import annotations

from functools import lru_cache

from doorstroom.prognose import gepubliceerd
from doorstroom.prognose.core.calibration import als_parameter
from doorstroom.prognose.core.instroomfit import Instroomfit, instroom
from doorstroom.prognose.core.ketenfit import Realisatie, realisatiegraad
from doorstroom.prognose.core.scenario import (
    SPECS,
    Doelen,
    Herkomst,
    Kalibratie,
    Parameter,
    Scenario,
    Verdeling,
    Wijziging,
)
from doorstroom.prognose.historie import gepubliceerde_instroom, gepubliceerde_jaartotalen
from doorstroom.prognose.oordelen import oordelen
from doorstroom.prognose.startstand import AFG, OOR, PUB, actueel, capaciteit, parameter, voorraden
from doorstroom.taakstelling import landelijk
from doorstroom.values.maand import halfjaar, maand_labels, maanden_tussen
from doorstroom.values.periode import Periode

HORIZON = 36


def meest_recente_start() -> str:
    """The month after the last month covered by a published inflow figure."""
    last = max(f.einde for f in gepubliceerd.reeks("eerste_asielverzoeken"))
    return maand_labels(last, 2)[1]


@lru_cache(maxsize=16)
def standaard(start: str | None = None) -> Scenario:
    """The default scenario from ``start`` (``YYYY-MM``; default :func:`meest_recente_start`)."""
    start = start or meest_recente_start()
    fit = _inflow_fit(start)
    parameters = {
        **_inflow(fit, start),
        **_ind(start),
        **_housing(start),
        **voorraden(start),
        **capaciteit(start),
        **oordelen(),
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


# ------------------------------------------------------------------------------------------ inflow


def _inflow_fit(start: str) -> Instroomfit:
    """The inflow fitted on every published quarter and annual total that ended before the start."""
    history = gepubliceerde_instroom()
    usable = sum(
        1 for n in range(len(history.perioden)) if maand_labels(history.eerste_maand(n), 3)[-1] < start
    )
    return instroom(history.tot(usable), gepubliceerde_jaartotalen(start))


def _inflow(fit: Instroomfit, start: str) -> dict[str, Parameter]:
    source = "CBS-kwartaal- en jaarcijfers (StatLine 83102NED, 80059NED)"
    fitted = ("instroom_drift", "nareizigers_drift", "instroom_dispersie", "eerste_aanvragen", "nareizigers")
    return {e.parameter: als_parameter(e, source, start) for e in fit.schattingen if e.parameter in fitted}


def _records(fit: Instroomfit) -> list[Kalibratie]:
    return [
        Kalibratie(
            e.parameter,
            e.waarde,
            e.standaardfout,
            "gepubliceerd: CBS-kwartaalcijfers",
            e.kolommen,
            e.perioden,
            e.waarnemingen,
            e.methode,
        )
        for e in fit.schattingen
    ]


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
    years = {f.periode: (f.waarde, f.beschrijving, PUB) for f in counts}
    for year, extra in growth.items():
        before = years.get(str(int(year) - 1))
        if before is not None and year not in years:
            years[year] = (before[0] + extra.waarde, f"{before[1]} plus {extra.beschrijving}", AFG)
    usable = sorted(y for y in years if f"{y}-12" < start)
    if not usable:
        return parameter(
            "ind_capaciteit",
            2500.0,
            OOR,
            "geen gepubliceerd aantal beslissingen vóór de start",
            verdeling=Verdeling.normaal,
            sd=250.0,
        )
    year = usable[-1]
    value, source, kind = years[year]
    kind = actueel(kind, f"{year}-12", start)
    return parameter(
        "ind_capaciteit",
        value / 12.0,
        kind,
        f"{value:,.0f} asielbeslissingen in {year} / 12: {source}",
        year,
        verdeling=Verdeling.normaal,
        sd=0.1 * value / 12.0,
    )


def _duration(start: str) -> Parameter:
    latest = gepubliceerd.laatste("ind_doorlooptijd_weken", start)
    spread = {"verdeling": Verdeling.driehoek}
    if latest is None:
        return parameter(
            "ind_doorlooptijd",
            6.0,
            OOR,
            "wettelijke beslistermijn 6 maanden (Vw 2000 art. 42)",
            laag=4.0,
            hoog=15.0,
            **spread,
        )
    months = latest.waarde * 12.0 / 52.0
    return parameter(
        "ind_doorlooptijd",
        months,
        actueel(PUB, latest.einde, start),
        f"gemiddeld {latest.waarde:.0f} weken tot een asielbesluit ({latest.periode}): {latest.beschrijving}",
        latest.periode,
        laag=0.7 * months,
        hoog=1.3 * months,
        **spread,
    )


GRANT_MEASURES = (
    "inwilligingspercentage_algemene_en_verlengde_procedure_pct",
    "inwilligingspercentage_eerste_aanvragen_12mnd_pct",
    "inwilligingspercentage_pct",
)


def _grant_rate(start: str) -> Parameter:
    found = [f for m in GRANT_MEASURES if (f := gepubliceerd.laatste(m, start)) is not None]
    if not found:
        return parameter(
            "inwilligingspercentage",
            0.7,
            OOR,
            "geen gepubliceerd inwilligingspercentage vóór de start",
            verdeling=Verdeling.uniform,
            laag=0.55,
            hoog=0.85,
        )
    latest = max(found, key=lambda f: f.einde)
    rate = latest.waarde / 100.0
    return parameter(
        "inwilligingspercentage",
        rate,
        actueel(PUB, latest.einde, start),
        f"{latest.waarde:.0f} % ({latest.periode}): {latest.beschrijving}",
        latest.periode,
        verdeling=Verdeling.driehoek,
        laag=0.8 * rate,
        hoog=min(1.0, 1.5 * rate),
    )


# ----------------------------------------------------------------------------------------- housing


def _housing(start: str) -> dict[str, Parameter]:
    half = Periode.parse(halfjaar(start))
    published = {item.periode: item for item in landelijk.gepubliceerd()}
    current = published.get(half)
    if current is not None:
        task = parameter(
            "taakstelling",
            float(current.landelijk),
            PUB,
            f"landelijke taakstelling {half}: {current.bron}",
            str(half),
        )
    else:
        before = [item for item in published.values() if item.periode < half]
        last = max(before, key=lambda item: item.periode)
        task = parameter(
            "taakstelling",
            float(last.landelijk),
            OOR,
            f"{half} niet gevonden; laatst gepubliceerde taakstelling ({last.periode}) voortgezet: "
            f"{last.bron}",
            str(last.periode),
        )
    return {"taakstelling": task, **_realisation(start), "begin_achterstand": _arrears(start)}


def _realisation(start: str) -> dict[str, Parameter]:
    halves = [
        Realisatie(str(item.periode), float(item.gerealiseerd), float(item.met_achterstand))
        for item in landelijk.gepubliceerd()
        if item.gerealiseerd is not None and item.met_achterstand is not None and _ended(item.periode, start)
    ]
    source = "landelijke realisatie per halfjaar (Aanhangsel Handelingen TK 2023-2024 nr. 2564)"
    before = f"{int(start[:4]) - 1}-2" if int(start[5:]) <= 6 else f"{start[:4]}-1"
    estimates = realisatiegraad(halves, source, ("gerealiseerd", "met_achterstand"), tot=before)
    return {e.parameter: als_parameter(e, source, start) for e in estimates}


def _ended(periode: Periode, start: str) -> bool:
    return f"{periode.end.year}-{periode.end.month:02d}" < start


def _arrears(start: str) -> Parameter:
    ended = [i for i in landelijk.gepubliceerd() if i.saldo_einde is not None and _ended(i.periode, start)]
    if not ended:
        return parameter("begin_achterstand", 0.0, OOR, "geen gepubliceerd saldo vóór de start")
    last = ended[-1]
    balance = last.saldo_einde or 0
    end = f"{last.periode.end.year}-{last.periode.end.month:02d}"
    return parameter(
        "begin_achterstand",
        float(-balance),
        actueel(PUB, end, start),
        f"saldo eind {last.periode}: {balance:,} (negatief = achterstand): {last.bron}",
        str(last.periode),
    )


def _taakstelling_changes(start: str) -> tuple[Wijziging, ...]:
    """Published numbers of the following half years known at the start (published 13 weeks ahead)."""
    labels = maand_labels(start, HORIZON)
    changes = []
    for item in landelijk.gepubliceerd():
        first = f"{item.periode.year}-{item.periode.first_month:02d}"
        if start < first and maanden_tussen(start, first) <= 6:
            month = labels.index(first) + 1
            changes.append(
                Wijziging(
                    "taakstelling",
                    month,
                    waarde=float(item.landelijk),
                    toelichting=f"gepubliceerde taakstelling {item.periode}: {item.bron}",
                )
            )
    return tuple(changes)


def gebruikte_feiten(scenario: Scenario) -> int:
    """How many parameters rest on a published, derived or fitted figure (for the summary)."""
    return sum(1 for p in scenario.parameters.values() if p.herkomst is not Herkomst.oordeel)
