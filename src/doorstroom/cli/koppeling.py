"""``doorstroom koppeling ...``: generate, propose, advise, report, and review proposals."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from doorstroom.cli import koppelruns
from doorstroom.cli.koppelruns import GemeenteFilter
from doorstroom.cli.options import Doel, FormatOption, OutOption, getal_optie, out_option
from doorstroom.cli.output import Format, emit, err, json_document
from doorstroom.cli.store import open_store, optional_store
from doorstroom.files.tabular import atomic_write
from doorstroom.koppeling import service
from doorstroom.koppeling.service import CRITERIA, SCENARIOS, Beleid, Gewichten, RegioBinding, RegioSoort
from doorstroom.values.domains import (
    AANDEEL,
    EVENWICHTSMARGE,
    GEWICHT,
    INSTANTIE_HUISHOUDENS,
    KANDIDATEN,
    PRIJSSCENARIOS,
    SECONDEN,
    SEED,
    VERWACHTE_HUISHOUDENS,
)
from doorstroom.values.periode import Periode

app = typer.Typer(
    help="Koppeling: voorstellen voor het koppelen van huishoudens aan gemeenten.", no_args_is_help=True
)
app.add_typer(koppelruns.app)  # runs, toon, beoordeel, opschonen, periode


class Methode(StrEnum):
    """How a batch uses the room of the period."""

    aandeel = "aandeel"
    geprijsd = "geprijsd"


HuishoudensOption = Annotated[Path, typer.Option("--huishoudens", help="CSV/XLSX met huishoudens.")]
BronOption = Annotated[Path | None, typer.Option("--huishoudens", help="CSV/XLSX met huishoudens.")]
UitDossierOption = Annotated[
    bool, typer.Option("--uit-dossier", help="De huishoudens met vergunning in de opvang, uit het dossier.")
]
CapaciteitOption = Annotated[
    Path | None,
    typer.Option(
        "--capaciteit",
        help="CSV/XLSX met capaciteit per gemeente (standaard: resterende taakstelling, naar rato).",
    ),
]
ArbeidsmarktOption = Annotated[
    Path | None, typer.Option("--arbeidsmarkt", help="CSV/XLSX met vraag per arbeidsmarktregio en sector.")
]
RegioOption = Annotated[
    RegioSoort, typer.Option("--regio", help="Regio's: provincie, arbeidsmarktregio of bestand.")
]
RegiobestandOption = Annotated[
    Path | None, typer.Option("--regiobestand", help="CSV gemeentecode,regio (bijvoorbeeld COA-regio's).")
]
RegiobindingOption = Annotated[
    RegioBinding,
    typer.Option(
        "--regiobinding",
        help="Opvangregio: gewicht (telt mee in de score), hard (alleen gemeenten in de opvangregio) "
        "of uit (speelt geen rol).",
    ),
]
SolverNaam = StrEnum("SolverNaam", {naam: naam for naam in service.SOLVERS})  # type: ignore[misc]
"""The solvers offered on the command line: the koppeling's one list."""

STANDAARD_SOLVER = SolverNaam(service.STANDAARD_SOLVER)
SolverOption = Annotated[
    SolverNaam,
    typer.Option(
        "--solver",
        help=f"{service.SOLVERS[0]} (standaard), {', '.join(service.SOLVERS[1:-1])} "
        f"of {service.SOLVERS[-1]}.",
    ),
]
TijdslimietOption = Annotated[
    float, getal_optie("--tijdslimiet", domain=SECONDEN, help="Seconden rekentijd.")
]
PeriodeOption = Annotated[
    str | None, typer.Option("--periode", help="Taakstellingsperiode voor de capaciteit (standaard: nu).")
]
AandeelOption = Annotated[
    float | None,
    getal_optie(
        "--aandeel",
        domain=AANDEEL,
        help="Deel van de rest van de periode dat deze batch dekt (standaard: 1 week).",
    ),
]


def _verzoek(
    huishoudens: Path | tuple[service.Huishouden, ...],
    capaciteit: Path | None,
    arbeidsmarkt: Path | None,
    regio: RegioSoort,
    regiobestand: Path | None,
    regiobinding: RegioBinding,
    solver: str = service.STANDAARD_SOLVER,
    tijdslimiet: float = service.TIJDSLIMIET,
    periode: str | None = None,
    aandeel: float | None = None,
    uitkomsten: Path | None = None,
    uitkomstgewicht: float = 0.0,
) -> service.Verzoek:
    beleid = Beleid(regio_binding=regiobinding, gewichten=Gewichten(uitkomst=uitkomstgewicht))
    return service.Verzoek(
        huishoudens, capaciteit, arbeidsmarkt, regio, regiobestand, str(solver), tijdslimiet, beleid,
        Periode.parse(periode, field="--periode") if periode else None, aandeel, uitkomsten,
    )  # fmt: skip


@app.command("genereer")
def genereer_command(
    huishoudens: Annotated[
        int, getal_optie("--huishoudens", domain=INSTANTIE_HUISHOUDENS, help="Aantal huishoudens.")
    ] = 8000,
    seed: Annotated[int, getal_optie("--seed", domain=SEED, help="Startgetal van de toevalsgenerator.")] = 1,
    out: Annotated[
        Path, out_option("Map voor de SYNTHETISCHE invoerbestanden (nieuw of bestaand).", Doel.map)
    ] = Path("."),
) -> None:
    """Schrijf een SYNTHETISCHE instantie: huishoudens.csv, capaciteit.csv en arbeidsmarkt.csv."""
    for pad in service.genereer(huishoudens, seed, out):
        err.print(f"geschreven (SYNTHETISCH): {pad}")


OpslaanOption = Annotated[
    bool, typer.Option("--opslaan/--niet-opslaan", help="Run bewaren voor beoordeling.")
]
UitkomstenOption = Annotated[
    Path | None,
    typer.Option("--uitkomsten", help="Historie (huishoudens + geplaatst, uitkomst) voor het uitkomstmodel."),
]
UitkomstgewichtOption = Annotated[
    float, getal_optie("--uitkomstgewicht", domain=GEWICHT, help="Gewicht van het uitkomstmodel in de score.")
]
MethodeOption = Annotated[
    Methode,
    typer.Option(
        "--methode",
        help="aandeel: deze batch krijgt zijn deel van de rest van de periode; geprijsd: alle ruimte "
        "van de opgeslagen periode, met prijzen uit scenario's van latere aankomsten.",
    ),
]
ScenariosOption = Annotated[
    int, getal_optie("--scenarios", domain=PRIJSSCENARIOS, help="Geprijsd: aantal scenario's.")
]
TrekkingSeedOption = Annotated[
    int, getal_optie("--seed", domain=SEED, help="Geprijsd: startgetal van de trekking.")
]
HistorieOption = Annotated[
    Path | None,
    typer.Option("--historie", help="Geprijsd: huishoudensbestand met eerdere aankomsten om uit te trekken."),
]
VerwachtOption = Annotated[
    float | None,
    getal_optie(
        "--verwacht",
        domain=VERWACHTE_HUISHOUDENS,
        help="Geprijsd: huishoudens nog verwacht in de periode na deze batch (standaard: de prognose).",
    ),
]
EvenwichtOption = Annotated[
    float | None,
    getal_optie(
        "--evenwicht",
        domain=EVENWICHTSMARGE,
        help="Geprijsd: schaal de prijzen zodat het deel van het beste van deze batch binnen deze marge "
        "(0,02 = 2 %) ligt van dat van latere aankomsten; ruilt wat waarde voor evenwicht tussen "
        "aankomstweken, kosten getoond.",
    ),
]


@app.command("voorstel")
def voorstel_command(
    huishoudens: BronOption = None,
    uit_dossier: UitDossierOption = False,
    capaciteit: CapaciteitOption = None,
    arbeidsmarkt: ArbeidsmarktOption = None,
    regio: RegioOption = RegioSoort.provincie,
    regiobestand: RegiobestandOption = None,
    regiobinding: RegiobindingOption = RegioBinding.gewicht,
    solver: SolverOption = STANDAARD_SOLVER,
    tijdslimiet: TijdslimietOption = service.TIJDSLIMIET,
    periode: PeriodeOption = None,
    aandeel: AandeelOption = None,
    fmt: FormatOption = Format.table,
    out: OutOption = None,
    opslaan: OpslaanOption = True,
    uitkomsten: UitkomstenOption = None,
    uitkomstgewicht: UitkomstgewichtOption = 2.0,
    methode: MethodeOption = Methode.aandeel,
    scenarios: ScenariosOption = SCENARIOS,
    seed: TrekkingSeedOption = 1,
    historie: HistorieOption = None,
    verwacht: VerwachtOption = None,
    evenwicht: EvenwichtOption = None,
) -> None:
    """Bereken koppelvoorstellen; de run wordt bewaard zodat een medewerker ze kan beoordelen."""
    verzoek = _verzoek(
        koppelruns.huishoudensbron(huishoudens, uit_dossier), capaciteit, arbeidsmarkt, regio, regiobestand,
        regiobinding, solver, tijdslimiet,
        periode, aandeel, uitkomsten, uitkomstgewicht if uitkomsten else 0.0,
    )  # fmt: skip
    if methode is Methode.geprijsd:
        prijsverzoek = service.Prijsverzoek(scenarios, seed, historie, verwacht, evenwicht)
        with open_store() as engine:
            geplaatst = service.voorstel_in_periode(verzoek, prijsverzoek, engine, bewaren=opslaan)
        _toon_prijzen(geplaatst)
        _toon_voorstel(geplaatst.uitkomst, fmt, out, _periode_json(geplaatst))
        return
    with open_store() if opslaan else optional_store() as engine:
        uitkomst = service.voorstel(verzoek, engine, bewaren=opslaan)
    err.print(f"capaciteit: {uitkomst.capaciteitsbron}")
    if uitkomst.uitkomstvalidatie:
        v = uitkomst.uitkomstvalidatie
        err.print(
            f"uitkomstmodel: AUC {v['auc']:.2f}, Brier {v['brier']:.3f}, ECE {v['ece']:.3f}, "
            f"{v['rijen']:.0f} validatierijen"
        )
    _toon_voorstel(uitkomst, fmt, out)


TOON_PRIJZEN = 10
"""Prices explained on standard error after a priced run (all of them are in JSON and in ``periode``)."""


def _toon_prijzen(geplaatst: service.Periodeuitkomst) -> None:
    err.print(f"capaciteit: {geplaatst.uitkomst.capaciteitsbron}")
    s = geplaatst.schatting
    err.print(
        f"periode {geplaatst.periode}, batch {geplaatst.batch}: {s.scenarios} scenario's van {s.getrokken} "
        f"trekkingen voor {s.verwacht:.0f} verwachte huishoudens ({geplaatst.verwacht_bron}); "
        f"prijzen in {geplaatst.prijs_seconden:.2f} s"
    )
    if geplaatst.afweging is not None:
        err.print(f"evenwicht: {service.evenwichtstoelichting(geplaatst.afweging)}")
    for regel in geplaatst.prijzen[:TOON_PRIJZEN]:
        err.print(f"prijs: {service.prijstoelichting(regel)}")
    if len(geplaatst.prijzen) > TOON_PRIJZEN:
        err.print(
            f"... en {len(geplaatst.prijzen) - TOON_PRIJZEN} prijzen meer ('doorstroom koppeling periode')"
        )


def _periode_json(geplaatst: service.Periodeuitkomst) -> dict[str, object]:
    s = geplaatst.schatting
    return {
        "periode": {
            "periode": str(geplaatst.periode), "batch": geplaatst.batch, "methode": service.METHODE,
            "scenarios": s.scenarios, "getrokken": s.getrokken, "verwacht_huishoudens": round(s.verwacht, 3),
            "verwacht_bron": geplaatst.verwacht_bron, "prijs_seconden": round(geplaatst.prijs_seconden, 3),
            "prijzen": geplaatst.prijzen,
            "evenwicht": None if geplaatst.afweging is None else geplaatst.afweging.as_dict(),
        }
    }  # fmt: skip


def _toon_voorstel(
    uitkomst: service.Uitkomst, fmt: Format, out: Path | None, extra: dict[str, object] | None = None
) -> None:
    result = uitkomst.result
    namen = {g.code: g.naam for g in uitkomst.instantie.gemeenten}
    if fmt is Format.json:
        data = result.as_dict() | {"run": uitkomst.run_id, "synthetisch": uitkomst.instantie.synthetisch}
        data |= extra or {}
        for toewijzing in data["assignments"]:  # type: ignore[attr-defined]
            toewijzing["gemeentenaam"] = namen.get(toewijzing["gemeentecode"], "")
            toewijzing["uitleg"] = uitkomst.uitleg[toewijzing["huishouden_id"]].tekst
        gebruikt = {t.gemeentecode for t in result.assignments} | set(result.overschrijding)
        data["gemeentenamen"] = {code: namen.get(code, "") for code in sorted(gebruikt)}
        _schrijf_json(data, out)
    else:
        records = [_record(uitkomst, h.id, namen) for h in uitkomst.instantie.huishoudens]
        columns = ["huishouden_id", "gemeentecode", "gemeentenaam", "personen", "score", *CRITERIA, "uitleg"]
        emit(
            records,
            columns,
            fmt,
            out,
            title=service.titel("Koppelvoorstellen", synthetisch=uitkomst.instantie.synthetisch),
            kop=service.kop("Koppelvoorstellen", synthetisch=uitkomst.instantie.synthetisch),
            catalogus=service.KOLOMMEN,
            regels=service.REGELS,
        )
    gap = "onbekend" if result.gap != result.gap else f"{result.gap:.4%}"
    err.print(f"status {result.status}, doel {result.objective:.1f}, grens {result.bound:.1f}, gap {gap}, "
              f"{result.seconds:.2f} s, niet gekoppeld {len(result.unassigned)}, "
              f"boven batchaandeel {result.overschrijding_personen} personen")  # fmt: skip
    for conflict in result.conflicts:
        tekst = service.met_namen(f"{conflict.beperking}: {conflict.toelichting}", uitkomst.instantie)
        err.print(f"conflict: {tekst} ({len(conflict.huishoudens)} huishoudens)")
    if uitkomst.run_id is not None:
        err.print(f"opgeslagen als run {uitkomst.run_id}; beoordeel met 'doorstroom koppeling beoordeel'")


def _record(uitkomst: service.Uitkomst, ident: str, namen: dict[str, str]) -> dict[str, object]:
    toewijzing = {t.huishouden_id: t for t in uitkomst.result.assignments}.get(ident)
    basis: dict[str, object] = {"huishouden_id": ident, "uitleg": uitkomst.uitleg[ident].tekst}
    if toewijzing is None:
        return basis
    code = toewijzing.gemeentecode
    return basis | {"gemeentecode": code, "gemeentenaam": namen.get(code), "personen": toewijzing.personen,
                    "score": round(toewijzing.score, 3), **toewijzing.criteria}  # fmt: skip


def _schrijf_json(data: object, out: Path | None) -> None:
    text = json_document(data)
    if out is None:
        print(text, end="")
        return
    with atomic_write(out, "w", encoding="utf-8") as handle:
        handle.write(text)


@app.command("advies")
def advies_command(
    huishoudens: HuishoudensOption,
    capaciteit: CapaciteitOption = None,
    arbeidsmarkt: ArbeidsmarktOption = None,
    regio: RegioOption = RegioSoort.provincie,
    regiobestand: RegiobestandOption = None,
    regiobinding: RegiobindingOption = RegioBinding.gewicht,
    aantal: Annotated[
        int, getal_optie("--aantal", domain=KANDIDATEN, help="Aantal gemeenten per huishouden.")
    ] = 3,
    gemeente: GemeenteFilter = None,
    periode: PeriodeOption = None,
    aandeel: AandeelOption = None,
    fmt: FormatOption = Format.table,
    out: OutOption = None,
) -> None:
    """Geef per huishouden de beste gemeenten met redenen (voor wie één voor één beslist)."""
    verzoek = _verzoek(
        huishoudens, capaciteit, arbeidsmarkt, regio, regiobestand, regiobinding,
        periode=periode, aandeel=aandeel,
    )  # fmt: skip
    with optional_store() as engine:
        adviezen, bron, synthetisch = service.advies(verzoek, engine, aantal, gemeente)
    err.print(f"capaciteit: {bron}")
    records = [a.__dict__ for a in adviezen]
    columns = ["huishouden_id", "rang", "gemeentecode", "gemeentenaam", "score", "redenen"]
    emit(records, columns, fmt, out, title=service.titel("Advies", synthetisch=synthetisch),
         kop=service.kop("Advies per huishouden", synthetisch=synthetisch),
         catalogus=service.KOLOMMEN, regels=service.REGELS)  # fmt: skip


@app.command("rapport")
def rapport_command(
    huishoudens: HuishoudensOption,
    capaciteit: CapaciteitOption = None,
    arbeidsmarkt: ArbeidsmarktOption = None,
    regio: RegioOption = RegioSoort.provincie,
    regiobestand: RegiobestandOption = None,
    regiobinding: RegiobindingOption = RegioBinding.gewicht,
    solver: SolverOption = STANDAARD_SOLVER,
    tijdslimiet: TijdslimietOption = service.TIJDSLIMIET,
    periode: PeriodeOption = None,
    aandeel: AandeelOption = None,
    fmt: FormatOption = Format.table,
    out: OutOption = None,
) -> None:
    """Vergelijk het optimale voorstel met de huidige praktijk (greedy), ook per huishoudtype."""
    verzoek = _verzoek(
        huishoudens, capaciteit, arbeidsmarkt, regio, regiobestand, regiobinding, solver, tijdslimiet,
        periode, aandeel,
    )  # fmt: skip
    with optional_store() as engine:
        rapporten, bron, synthetisch = service.rapport(verzoek, engine)
    err.print(f"capaciteit: {bron}")
    records = service.rapportregels(rapporten)
    columns = ["maat", str(solver), "greedy", "huishoudens", "gemiddeld", "p10", "mediaan", "p90"]
    emit(records, columns, fmt, out, title=service.titel("Rapport koppeling", synthetisch=synthetisch),
         kop=service.kop("Rapport: optimaal tegen huidige praktijk", synthetisch=synthetisch),
         catalogus=service.KOLOMMEN, regels=service.REGELS)  # fmt: skip
