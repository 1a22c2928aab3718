"""Koppeling runs and decisions as seen from the case file (COA only).

A decision on a proposal goes through the koppeling context's own service and validator — the same
function the command line calls — with a required reason. When the household is in the case file
(COA reference = the run's household id), each member gets a ``koppeling`` event with source
``koppelvoorstel`` and the run id that replaces the koppeling holding until then, so the file shows
where the koppeling came from and always follows the latest decision.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from doorstroom.accounts import toegang
from doorstroom.accounts.domain import Gebruiker
from doorstroom.accounts.namens import namens
from doorstroom.accounts.service import bereik_voor
from doorstroom.accounts.toegang import Bereik, Handeling
from doorstroom.dossier import repository, signalen, tijdlijn, weergave
from doorstroom.dossier.invoer import Beoordeling
from doorstroom.dossier.vastleggen import voeg_toe
from doorstroom.koppeling import service as koppeling
from doorstroom.koppeling import vergelijking
from doorstroom.platform import audit
from doorstroom.platform.db import transaction
from doorstroom.platform.paging import Deel, Pagina


@namens
def runs(engine: Engine, gebruiker: Gebruiker, pagina: Pagina | None = None) -> Deel[dict[str, object]]:
    """Stored koppeling runs (one page of them, or all), newest first, and how many there are."""
    toegang.eis(gebruiker, Handeling.koppeling_beoordelen)
    return koppeling.runs_pagina(engine, pagina)


@namens
def voorstellen(engine: Engine, gebruiker: Gebruiker, run_id: int) -> list[dict[str, object]]:
    """The proposals of one run as they stand, with their latest decision."""
    toegang.eis(gebruiker, Handeling.koppeling_beoordelen)
    return koppeling.voorstellen(engine, run_id)


@namens
def beoordeel(
    engine: Engine,
    gebruiker: Gebruiker,
    run_id: int,
    huishouden_id: str,
    besluit: Beoordeling,
    versie: int | None = None,
) -> dict[str, Any]:
    """Accept or override one proposal (reason required here); record the koppeling in the file.

    The decision is appended to the run's history by the koppeling context, which validates the
    resulting plan exactly as it validates a solver result; the file's koppeling events are written
    in the same transaction, so a decision never lands without them (or they without it).
    ``versie``: the number of decisions the decider saw; when another decision came in between,
    nothing is recorded (Verouderd).
    """
    versies = {} if versie is None else {huishouden_id: versie}
    return beoordeel_meerdere(engine, gebruiker, run_id, (huishouden_id,), besluit, versies)[0]


def _in_dossier(session: Session, scope: Bereik, gebruiker: Gebruiker, uitkomst: dict[str, Any]) -> None:
    """The decision into every member's file: a koppeling event that replaces the current one.

    The household moves first (a decision is about the whole household, which lives in one
    municipality), then each member gets a new koppeling event that replaces the koppeling that
    held until now, so the file keeps the history and its municipality always follows the latest
    decision (Wet inburgering 2021 art. 2: the municipality of the koppeling is responsible).
    """
    referentie, code = str(uitkomst["huishouden_id"]), str(uitkomst["gemeentecode"])
    household = repository.met_referentie(session, [referentie]).get(referentie)
    if household is None:
        return
    household.gemeentecode = code
    leden = repository.leden(session, scope, household.id)
    besluit_id, run = uitkomst["besluit_id"], uitkomst["run"]
    gegevens = {
        "gemeentecode": code,
        "bron": "koppelvoorstel",
        "runId": run,
        "huishoudenReferentie": referentie,
    }
    toelichting = f"besluit {besluit_id} over koppelrun {run}: {uitkomst['beoordeling']}"
    for persoon in leden:
        huidig = _huidige_koppeling(session, persoon.id)
        voeg_toe(
            session, scope, persoon, "koppeling", weergave.vandaag(), gegevens,
            bron="koppelvoorstel", door=gebruiker.actor, bron_sleutel=f"koppelbesluit:{besluit_id}",
            vervangt=huidig, toelichting=toelichting if huidig else None,
        )  # fmt: skip
    if leden:
        audit.record(
            session, "write", "gebeurtenis", f"koppelbesluit {besluit_id}", len(leden),
            velden=gegevens, objecten=[p.id for p in leden],
        )  # fmt: skip
    signalen.nieuwe_koppeling(session, code, household.id, weergave.vandaag())  # to the municipality


def _huidige_koppeling(session: Session, persoon_id: str) -> str | None:
    """The id of the koppeling event that holds now in a person's file, if any."""
    events = [weergave.als_waarde(r) for r in repository.gebeurtenissen_van(session, [persoon_id])]
    huidig = tijdlijn.laatste(tijdlijn.actueel(events), "koppeling")
    return huidig.id if huidig else None


@namens
def beoordeel_meerdere(
    engine: Engine,
    gebruiker: Gebruiker,
    run_id: int,
    huishoudens: tuple[str, ...],
    besluit: Beoordeling,
    versies: Mapping[str, int] | None = None,
) -> list[dict[str, Any]]:
    """One decision on several proposals at once (all or none), each recorded in the file.

    The koppeling context validates the plan with all of them together, in the same transaction
    as the file's koppeling events; decisions on one run take turns (its row is locked), and with
    ``versies`` a decision on a proposal that changed since the decider looked is refused.
    """
    toegang.eis(gebruiker, Handeling.koppeling_beoordelen)
    selectie = koppeling.Selectie(huishoudens=huishoudens, versies=dict(versies or {}))
    keuze = koppeling.Beoordeling(gebruiker.actor, besluit.toelichting, besluit.gemeentecode)
    scope = bereik_voor(engine, gebruiker)
    with transaction(engine, schrijven=True) as session:
        uitkomsten = koppeling.beoordeel_in(session, run_id, selectie, keuze)
        for uitkomst in uitkomsten:
            _in_dossier(session, scope, gebruiker, uitkomst)
        return uitkomsten


@namens
def runoverzicht(engine: Engine, gebruiker: Gebruiker, run_id: int) -> dict[str, Any]:
    """A run for review: proposals, decision history, room left per municipality, the stored reports."""
    toegang.eis(gebruiker, Handeling.koppeling_beoordelen)
    return {
        "voorstellen": koppeling.voorstellen(engine, run_id),
        "geschiedenis": koppeling.geschiedenis(engine, run_id),
        "ruimte": vergelijking.ruimte(engine, run_id),
        "rapporten": vergelijking.rapporten(engine, run_id),
    }


def nieuwe_run(
    engine: Engine,
    gebruiker: Gebruiker,
    verzoek: koppeling.Verzoek,
    prijzen: koppeling.Prijsverzoek | None = None,
) -> int:
    """Solve and store a run for review (COA): with its report beside the greedy baseline, or, with
    ``prijzen``, as this week's batch of the period priced for what is still to come
    (:mod:`doorstroom.koppeling.periode`).

    Not retried as a whole (a retry would solve again): the koppeling context's writes wait while
    the database is busy themselves.
    """
    toegang.eis(gebruiker, Handeling.koppeling_beoordelen)
    with audit.acting_as(gebruiker.actor), audit.met_doel(toegang.doel(gebruiker)):
        if prijzen is None:
            return vergelijking.voorstel_met_rapport(verzoek, engine)
        run_id = koppeling.voorstel_in_periode(verzoek, prijzen, engine).uitkomst.run_id
        assert run_id is not None  # stored: voorstel_in_periode keeps what it places by default
        return run_id
