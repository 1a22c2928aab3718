"""Households waiting for a koppeling, read from the case file (issue 23: one chain, no upload).

COA links permit holders in reception to a municipality (Huisvestingswet 2014 art. 28 ff., the
taakstelling). The households it links are in the case file already: a household waits when one of
its members holds a residence permit (``verblijfsvergunning``), all its members within scope are in
reception, and none of them has a current ``koppeling``. Its composition (adults are 18 or older on the
reference date), its reception municipality (the latest ``verblijfplaats_azc``), its hard tie
(``binding``, COA's criteria: family, work contract, study place) and its medical need
(``medische_behandeling``) come from the events, each with its source and date. A household without a
known reception municipality cannot be placed and is left out (counted in the result).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum

from pydantic import Field
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from doorstroom.accounts import toegang
from doorstroom.accounts.domain import Gebruiker
from doorstroom.accounts.namens import namens
from doorstroom.accounts.service import bereik_voor
from doorstroom.accounts.toegang import Bereik, Handeling
from doorstroom.dossier import repository, weergave
from doorstroom.dossier.koppelbesluit import nieuwe_run
from doorstroom.dossier.models import HuishoudenRecord, PersoonRecord
from doorstroom.dossier.tijdlijn import Gebeurtenis, actueel, laatste
from doorstroom.dossier.waarden import Invoer
from doorstroom.koppeling import service as koppeling
from doorstroom.platform import audit
from doorstroom.platform.db import transaction
from doorstroom.values.domains import PRIJSSCENARIOS, SECONDEN, SEED
from doorstroom.values.periode import PERIODE_PATROON, Periode

SOORTEN = ("verblijfsvergunning", "koppeling", "verblijfplaats_azc", "binding", "medische_behandeling")
VOLWASSEN = 18
"""Age of an adult in the household's composition (Burgerlijk Wetboek 1:233)."""


@dataclass(frozen=True)
class Wachtenden:
    """The households ready for a koppeling, and how many waiting ones lack a reception municipality."""

    huishoudens: tuple[koppeling.Huishouden, ...]
    zonder_opvanggemeente: int


Solver = StrEnum("Solver", {naam: naam for naam in koppeling.SOLVERS})  # type: ignore[misc]
"""The solvers a run may use: the koppeling's one list (as on the command line)."""


class Methode(StrEnum):
    """How a run uses the room of its period (as ``doorstroom koppeling voorstel --methode``)."""

    aandeel = "aandeel"
    geprijsd = "geprijsd"


class NieuweKoppelrun(Invoer):
    """A run over the households waiting in the case file; method options as on the command line
    (``doorstroom koppeling voorstel``), with the same defaults. ``periode``: the taakstelling period
    whose remaining quota is the capacity (default: the current one). ``methode`` ``geprijsd`` places
    the run as this week's batch of the period, priced for the households still to come
    (``scenarios`` and ``seed`` of the price estimate)."""

    solver: Solver = Solver(koppeling.STANDAARD_SOLVER)
    tijdslimiet: float = Field(default=koppeling.TIJDSLIMIET, ge=SECONDEN.minimum, le=SECONDEN.maximum)
    periode: str | None = Field(default=None, pattern=PERIODE_PATROON)
    methode: Methode = Methode.aandeel
    scenarios: int = Field(default=koppeling.SCENARIOS, ge=PRIJSSCENARIOS.minimum, le=PRIJSSCENARIOS.maximum)
    seed: int = Field(default=1, ge=SEED.minimum, le=SEED.maximum)

    def prijzen(self) -> koppeling.Prijsverzoek | None:
        """The price estimate of a priced batch, None for a run by share of the period."""
        if self.methode is Methode.aandeel:
            return None
        return koppeling.Prijsverzoek(scenarios=self.scenarios, seed=self.seed)

    def verzoek(self) -> koppeling.Verzoek:
        """The koppeling's request; its households are filled in from the case file."""
        periode = Periode.parse(self.periode, field="periode") if self.periode else None
        return koppeling.Verzoek((), solver=str(self.solver), tijdslimiet=self.tijdslimiet, periode=periode)


@namens
def wachtende_huishoudens(engine: Engine, gebruiker: Gebruiker, peildatum: date | None = None) -> Wachtenden:
    """The households with a permit, in reception and not linked, as the koppeling reads them (COA)."""
    toegang.eis(gebruiker, Handeling.koppeling_beoordelen)
    scope, dag = bereik_voor(engine, gebruiker), peildatum or weergave.vandaag()
    with transaction(engine, schrijven=True) as session:
        gevonden, zonder = _lees(session, scope, dag)
        objecten = sorted(p.id for leden, _ in gevonden for p in leden)
        if objecten:
            audit.record(
                session, "read", "koppelinvoer", f"wachtend op {dag}", len(objecten), objecten=objecten
            )
    return Wachtenden(tuple(h for _, h in gevonden), zonder)


@namens
def koppelrun_uit_dossier(
    engine: Engine,
    gebruiker: Gebruiker,
    verzoek: koppeling.Verzoek | NieuweKoppelrun,
    prijzen: koppeling.Prijsverzoek | None = None,
) -> dict[str, object]:
    """Solve and store a run over the waiting households; ``verzoek`` gives the method and its options
    (its own ``huishoudens`` are replaced by the case file's), ``prijzen`` a priced weekly batch.
    Returns the stored run as listed."""
    if isinstance(verzoek, NieuweKoppelrun):
        prijzen = verzoek.prijzen()
        verzoek = verzoek.verzoek()
    wachtend = wachtende_huishoudens(engine, gebruiker)
    run_id = nieuwe_run(engine, gebruiker, replace(verzoek, huishoudens=wachtend.huishoudens), prijzen)
    return next(run for run in koppeling.runs(engine) if run["run"] == run_id)


def _lees(
    session: Session, scope: Bereik, dag: date
) -> tuple[list[tuple[list[PersoonRecord], koppeling.Huishouden]], int]:
    personen = [p for p in repository.alle_zichtbare(session, scope, {}) if p.huishouden_id]
    per_huishouden: dict[str, list[PersoonRecord]] = {}
    for persoon in personen:
        per_huishouden.setdefault(str(persoon.huishouden_id), []).append(persoon)
    soorten = [s for s in SOORTEN if s in repository.zichtbare_soorten(scope)]
    events: dict[str, list[Gebeurtenis]] = {}
    for record in repository.gebeurtenissen_van(session, [p.id for p in personen], soorten):
        events.setdefault(record.persoon_id, []).append(weergave.als_waarde(record))
    tijdlijnen = {p.id: actueel(events.get(p.id, [])) for p in personen}
    query = select(HuishoudenRecord).where(HuishoudenRecord.id.in_(sorted(per_huishouden)))
    referenties = {h.id: h.referentie for h in session.scalars(query)}
    gevonden, zonder = [], 0
    for huishouden_id, leden in sorted(per_huishouden.items()):
        referentie = referenties.get(huishouden_id)
        lijnen = [tijdlijnen[p.id] for p in leden]
        if referentie is None or not _wacht(leden, lijnen):
            continue
        huishouden = _huishouden(referentie, leden, lijnen, dag)
        if huishouden is None:
            zonder += 1
        else:
            gevonden.append((leden, huishouden))
    return gevonden, zonder


def _wacht(leden: Sequence[PersoonRecord], lijnen: Sequence[Sequence[Gebeurtenis]]) -> bool:
    heeft_vergunning = any(laatste(lijn, "verblijfsvergunning") for lijn in lijnen)
    gekoppeld = any(laatste(lijn, "koppeling") for lijn in lijnen)
    return heeft_vergunning and not gekoppeld and all(p.in_opvang for p in leden)


def _huishouden(
    referentie: str, leden: Sequence[PersoonRecord], lijnen: Sequence[Sequence[Gebeurtenis]], dag: date
) -> koppeling.Huishouden | None:
    alle = sorted((g for lijn in lijnen for g in lijn), key=lambda g: g.datum)
    azc = laatste(alle, "verblijfplaats_azc")
    if azc is None or not azc.gegevens.get("gemeentecode"):
        return None
    binding = laatste(alle, "binding")
    zorg = laatste(alle, "medische_behandeling")
    volwassenen = sum(1 for p in leden if _leeftijd(p.geboortedatum, dag) >= VOLWASSEN)
    return koppeling.Huishouden(
        id=referentie,
        volwassenen=tuple(koppeling.Volwassene() for _ in range(volwassenen)),
        kinderen=len(leden) - volwassenen,
        opvang_gemeente=str(azc.gegevens["gemeentecode"]),
        binding_gemeente=str(binding.gegevens["gemeentecode"]) if binding else None,
        binding=koppeling.HardeBinding(binding.gegevens["soort"]) if binding else None,
        zorg=str(zorg.gegevens["zorg"]) if zorg else None,
    )


def _leeftijd(geboren: date, dag: date) -> int:
    return dag.year - geboren.year - ((dag.month, dag.day) < (geboren.month, geboren.day))
