"""The overviews of the chain as one call each, within the caller's scope.

* :func:`ketenbeeld` — the chain for a country, province or municipality: reception (the spreiding
  register), the case file (in reception, waiting for a home and for how long, in integration), the
  taakstelling of the current half year, and a stored forecast (the chosen one, else the chain's
  shared one) beside the published history with the national taakstelling it implies;
* :func:`landbeeld` — every municipality's realisation for a period, and per province and
  labour-market region;
* :func:`gemeentebeeld` — one municipality: quota, swaps, carry-over, realisation by month, waiting
  households and their deadlines, integration per leerroute.

Figures of the case file and the realisation are aggregates; a user sees those of the municipalities
in their aggregate scope (:mod:`doorstroom.accounts.toegang`) and no personal data unless their role
has it (the waiting persons of :func:`gemeentebeeld`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import Engine

from doorstroom.accounts import toegang
from doorstroom.accounts.domain import Gebruiker
from doorstroom.accounts.service import bereik_voor
from doorstroom.accounts.toegang import Handeling
from doorstroom.dossier import service as dossier
from doorstroom.dossier.service import Inburgering
from doorstroom.keten.blik import Blik, keuzes, kies
from doorstroom.keten.tellen import optellen, per_regio, statussen
from doorstroom.platform.clock import vandaag
from doorstroom.platform.errors import NotFound
from doorstroom.platform.paging import Pagina
from doorstroom.prognose import service as prognose_service
from doorstroom.reference.service import gemeenten_in_gebruik
from doorstroom.spreiding import service as spreiding
from doorstroom.spreiding.service import Opvang, opvang_per_regio
from doorstroom.taakstelling import ruilregister as taakruilen
from doorstroom.taakstelling import service as taakstelling
from doorstroom.values.periode import Periode

Record = dict[str, Any]
HISTORIE = {
    "coa_bezetting": "coa_bezetting_personen",
    "vergunninghouders_coa": "vergunninghouders_in_coa_opvang",
}


@dataclass(frozen=True)
class Taakbeeld:
    """The taakstelling of a period summed over the municipalities in view (None: not fixed)."""

    periode: str
    peildatum: str
    gemeenten: int
    totalen: Record
    statussen: dict[str, int]


@dataclass(frozen=True)
class Ketenbeeld:
    """The chain for one scope."""

    blik: Blik
    keuzes: list[Blik]
    peildatum: date
    opvang: Opvang
    dossier: Record
    wachten: dict[str, object]
    inburgering: Inburgering
    taak: Taakbeeld | None
    prognoses: list[Record]
    prognose: Record | None
    historie: dict[str, list[Record]] = field(default_factory=dict)
    gedeeld: prognose_service.Deling | None = None
    """The chain's shared forecast and who marked it when (None: none marked, the built-in default)."""
    mag_delen: bool = False


def ketenbeeld(
    engine: Engine, gebruiker: Gebruiker, blik: str | None = None, prognose_id: int | None = None
) -> Ketenbeeld:
    """The chain at a glance for the chosen scope (default: the broadest the user may see)."""
    toegang.eis(gebruiker, Handeling.ketencijfers_lezen)
    lijst = gemeenten_in_gebruik(engine)
    gekozen, keuzes = kies(bereik_voor(engine, gebruiker), lijst, blik)
    peildatum = vandaag()
    codes = sorted(gekozen.codes)
    regio = {g.code: "blik" if g.code in gekozen.codes else "buiten" for g in lijst}
    opvang = opvang_per_regio(spreiding.huidige_locaties(engine), regio, peildatum).get("blik", Opvang())
    opgeslagen = prognose_service.runs(engine, gebruiker)
    document = _prognose(engine, gebruiker, opgeslagen, prognose_id)
    return Ketenbeeld(
        gekozen,
        keuzes,
        peildatum,
        opvang,
        dossier.totaal(engine, gebruiker, codes),
        dossier.wachttijden(engine, gebruiker, codes, peildatum),
        dossier.inburgering(engine, gebruiker, codes),
        _taakbeeld(engine, gebruiker, Periode.containing(peildatum), gekozen.codes),
        opgeslagen,
        document,
        _historie(),
        prognose_service.gedeelde(engine, gebruiker),
        prognose_service.mag_delen(gebruiker),
    )


def gemeentekeuzes(engine: Engine, gebruiker: Gebruiker) -> list[Blik]:
    """The municipalities whose page ``gebruiker`` may open, by name."""
    toegang.eis(gebruiker, Handeling.ketencijfers_lezen)
    bereik = bereik_voor(engine, gebruiker)
    return [b for b in keuzes(bereik, gemeenten_in_gebruik(engine)) if b.soort == "gemeente"]


def _prognose(
    engine: Engine, gebruiker: Gebruiker, opgeslagen: list[Record], prognose_id: int | None
) -> Record | None:
    """The chosen forecast, else the shared one (never merely the newest: that may be anyone's trial)."""
    gekozen = prognose_id if prognose_id is not None else prognose_service.voorgekozen(opgeslagen)
    return None if gekozen is None else prognose_service.document(engine, gebruiker, gekozen)


def _historie() -> dict[str, list[Record]]:
    """Published figures of the series the fan charts show, by the month they describe."""
    return {
        reeks: [
            {"maand": f.einde, "waarde": f.waarde, "bron": f.bron}
            for f in prognose_service.gepubliceerde_reeks(maat)
        ]
        for reeks, maat in HISTORIE.items()
    }


def _taakbeeld(
    engine: Engine, gebruiker: Gebruiker, periode: Periode, codes: Iterable[str]
) -> Taakbeeld | None:
    try:
        rijen = _taakrijen(engine, gebruiker, periode, None)
    except NotFound:
        return None
    binnen = [r for r in rijen if r["gemeentecode"] in set(codes)]
    peildatum = str(binnen[0]["peildatum"]) if binnen else ""
    return Taakbeeld(str(periode), peildatum, len(binnen), optellen(binnen), statussen(binnen))


def _taakrijen(
    engine: Engine, gebruiker: Gebruiker, periode: Periode, peildatum: date | None
) -> list[Record]:
    """The supervision rows of a stored period the caller may see: quota and realisation are public,
    so the access rule decides (:meth:`~doorstroom.accounts.toegang.Bereik.ziet_taakstelling`)."""
    toegang.eis(gebruiker, Handeling.ketencijfers_lezen)
    scope = bereik_voor(engine, gebruiker)
    statement = taakstelling.voortgang(engine, periode, peildatum or min(vandaag(), periode.supervision_date))
    return [r for r in statement.records if scope.ziet_taakstelling(str(r["gemeentecode"]))]


@dataclass(frozen=True)
class Landbeeld:
    """Every municipality's realisation in a period, and sums per province and labour-market region."""

    periode: Periode
    gemeenten: list[Record]
    provincies: list[Record]
    arbeidsmarktregios: list[Record]
    statussen: dict[str, int]
    totalen: Record
    te_openen: frozenset[str] = frozenset()
    """The municipalities whose own page (case-file counts too) the caller may open."""


def landbeeld(
    engine: Engine, gebruiker: Gebruiker, periode: Periode, peildatum: date | None = None
) -> Landbeeld:
    """The realisation of ``periode`` of every municipality whose quota the caller may see (all, for
    each role that reads the chain's figures: the realisation is published per municipality)."""
    rijen = _taakrijen(engine, gebruiker, periode, peildatum)
    scope = bereik_voor(engine, gebruiker)
    return Landbeeld(
        periode,
        rijen,
        per_regio(rijen, "provincie"),
        per_regio(rijen, "arbeidsmarktregio"),
        statussen(rijen),
        optellen(rijen),
        frozenset(str(r["gemeentecode"]) for r in rijen if scope.ziet_aggregaat(str(r["gemeentecode"]))),
    )


@dataclass(frozen=True)
class Gemeentebeeld:
    """One municipality's page."""

    gemeente: Record
    periode: Periode
    taak: Record | None
    ruilen: list[Record]
    per_maand: list[Record]
    wachten: dict[str, object]
    wachtenden: list[Record] | None
    inburgering: Inburgering
    dossier: Record


def gemeentebeeld(engine: Engine, gebruiker: Gebruiker, code: str, periode: Periode) -> Gemeentebeeld:
    """Quota, swaps, carry-over, realisation by month, waiting households, integration progress."""
    gemeente = next((g for g in gemeenten_in_gebruik(engine) if g.code == code), None)
    scope = bereik_voor(engine, gebruiker)
    if gemeente is None or not scope.ziet_aggregaat(code):
        raise NotFound(f"gemeente {code} bestaat niet of valt buiten uw bereik")
    try:
        taak = next(
            (r for r in _taakrijen(engine, gebruiker, periode, None) if r["gemeentecode"] == code), None
        )
    except NotFound:
        taak = None
    maanden = taakstelling.realisatie_per_maand(engine, periode).get(code, {})
    return Gemeentebeeld(
        {
            "code": gemeente.code,
            "naam": gemeente.naam,
            "provincie": gemeente.provincie,
            "arbeidsmarktregio": gemeente.arbeidsmarktregio,
            "inwoners": gemeente.inwoners,
        },
        periode,
        taak,
        taakruilen.ruilen(engine, periode, (code,)),
        [
            {"maand": f"{j}-{m:02d}", "gehuisvest": maanden.get(f"{j}-{m:02d}", 0)}
            for j, m in periode.months()
        ],
        dossier.wachttijden(engine, gebruiker, [code]),
        _wachtenden(engine, gebruiker, code, scope.personen),
        dossier.inburgering(engine, gebruiker, [code]),
        dossier.aantallen(engine, gebruiker, [code]).get(code, {"personen": 0, "inOpvang": 0, "perFase": {}}),
    )


def _wachtenden(engine: Engine, gebruiker: Gebruiker, code: str, personen: bool) -> list[Record] | None:
    """Persons linked to ``code`` and not yet housed, with their housing deadline and name (roles with
    files): each deadline row says whom it is for."""
    if not personen:
        return None
    filter_ = dossier.Termijnfilter(gemeentecode=code, regel="huisvesting_na_koppeling")
    termijnen, _ = dossier.termijnoverzicht(engine, gebruiker, filter_, Pagina(1, 100))
    return termijnen
