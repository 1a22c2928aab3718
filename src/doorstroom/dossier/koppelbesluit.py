"""Koppeling runs and decisions as seen from the case file (COA only).

A decision on a proposal goes through the koppeling context's own service and validator — the same
function the command line calls — with a required reason. When the household is in the case file
(COA reference = the run's household id), its members get a ``koppeling`` event with source
``koppelvoorstel`` and the run id, so the file shows where the koppeling came from.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from doorstroom.accounts.domain import Gebruiker, Rol
from doorstroom.dossier import repository, weergave
from doorstroom.dossier.invoer import Beoordeling
from doorstroom.dossier.namens import DOELEN, namens
from doorstroom.dossier.toegang import Bereik
from doorstroom.dossier.vastleggen import voeg_toe
from doorstroom.koppeling import service as koppeling
from doorstroom.koppeling import vergelijking
from doorstroom.platform import audit
from doorstroom.platform.db import transaction
from doorstroom.platform.errors import PermissionDenied


def _eis_coa(gebruiker: Gebruiker) -> None:
    if gebruiker.rol not in (Rol.coa, Rol.systeem):
        raise PermissionDenied(f"rol {gebruiker.rol} heeft geen toegang tot koppelruns")


@namens
def runs(engine: Engine, gebruiker: Gebruiker) -> list[dict[str, object]]:
    """Stored koppeling runs, newest first."""
    _eis_coa(gebruiker)
    return koppeling.runs(engine)


@namens
def voorstellen(engine: Engine, gebruiker: Gebruiker, run_id: int) -> list[dict[str, object]]:
    """The proposals of one run as they stand, with their latest decision."""
    _eis_coa(gebruiker)
    return koppeling.voorstellen(engine, run_id)


@namens
def beoordeel(
    engine: Engine, gebruiker: Gebruiker, run_id: int, huishouden_id: str, besluit: Beoordeling
) -> dict[str, Any]:
    """Accept or override one proposal (reason required here); record the koppeling in the file.

    The decision is appended to the run's history by the koppeling context, which validates the
    resulting plan exactly as it validates a solver result; the file's koppeling events are written
    in the same transaction, so a decision never lands without them (or they without it).
    """
    _eis_coa(gebruiker)
    selectie = koppeling.Selectie(huishoudens=(huishouden_id,))
    keuze = koppeling.Beoordeling(gebruiker.actor, besluit.toelichting, besluit.gemeentecode)
    scope = weergave.bereik_voor(engine, gebruiker)
    with transaction(engine, schrijven=True) as session:
        uitkomst = koppeling.beoordeel_in(session, run_id, selectie, keuze)[0]
        _in_dossier(session, scope, gebruiker, run_id, huishouden_id, str(uitkomst["gemeentecode"]))
        return uitkomst


def _in_dossier(
    session: Session, scope: Bereik, gebruiker: Gebruiker, run_id: int, huishouden_id: str, code: str
) -> None:
    household = repository.met_referentie(session, [huishouden_id]).get(huishouden_id)
    if household is None:
        return
    leden = repository.leden(session, scope, household.id)
    sleutel = f"koppelvoorstel:{run_id}:{code}"
    gegevens = {
        "gemeentecode": code,
        "bron": "koppelvoorstel",
        "runId": run_id,
        "huishoudenReferentie": huishouden_id,
    }
    datum = weergave.vandaag()
    for persoon in leden:
        if repository.met_bron_sleutel(session, persoon.id, sleutel) is None:
            voeg_toe(
                session, scope, persoon, "koppeling", datum, gegevens,
                bron="koppelvoorstel", door=gebruiker.actor, bron_sleutel=sleutel,
            )  # fmt: skip
    if leden:
        audit.record(
            session,
            "write",
            "gebeurtenis",
            f"koppelvoorstel {run_id}",
            len(leden),
            velden=gegevens,
            objecten=[p.id for p in leden],
        )


@namens
def beoordeel_meerdere(
    engine: Engine, gebruiker: Gebruiker, run_id: int, huishoudens: tuple[str, ...], besluit: Beoordeling
) -> list[dict[str, Any]]:
    """One decision on several proposals at once (all or none), each recorded in the file.

    The koppeling context validates the plan with all of them together, as :func:`beoordeel` does
    for one, in the same transaction as the file's koppeling events; a reason is required here.
    """
    _eis_coa(gebruiker)
    selectie = koppeling.Selectie(huishoudens=huishoudens)
    keuze = koppeling.Beoordeling(gebruiker.actor, besluit.toelichting, besluit.gemeentecode)
    scope = weergave.bereik_voor(engine, gebruiker)
    with transaction(engine, schrijven=True) as session:
        uitkomsten = koppeling.beoordeel_in(session, run_id, selectie, keuze)
        for uitkomst in uitkomsten:
            _in_dossier(
                session,
                scope,
                gebruiker,
                run_id,
                str(uitkomst["huishouden_id"]),
                str(uitkomst["gemeentecode"]),
            )
        return uitkomsten


@namens
def runoverzicht(engine: Engine, gebruiker: Gebruiker, run_id: int) -> dict[str, Any]:
    """A run for review: proposals, decision history, room left per municipality, the stored reports."""
    _eis_coa(gebruiker)
    return {
        "voorstellen": koppeling.voorstellen(engine, run_id),
        "geschiedenis": koppeling.geschiedenis(engine, run_id),
        "ruimte": vergelijking.ruimte(engine, run_id),
        "rapporten": vergelijking.rapporten(engine, run_id),
    }


def nieuwe_run(engine: Engine, gebruiker: Gebruiker, verzoek: koppeling.Verzoek) -> int:
    """Solve and store a run for review (COA), with its report beside the greedy baseline.

    Not retried as a whole (a retry would solve again): the koppeling context's writes wait while
    the database is busy themselves.
    """
    _eis_coa(gebruiker)
    with audit.acting_as(gebruiker.actor), audit.met_doel(DOELEN[gebruiker.rol]):
        return vergelijking.voorstel_met_rapport(verzoek, engine)
