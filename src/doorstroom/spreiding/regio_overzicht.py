"""The region view as one call: reception required, present and occupied beside housing, per region.

Per province, labour-market region or COROP area (CBS, embedded in the municipality list) the view
shows the places the Spreidingswet asks, the places open and occupied on the reference date, permit
holders in reception, the region's taakstelling for the half year with what remains to be housed,
and the match (:mod:`doorstroom.spreiding.core.regio`). The taakstelling is read through the taakstelling
context's service, never recomputed here.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum
from pathlib import Path

from sqlalchemy import Engine

from doorstroom.platform.errors import InputError, NotFound, Problem
from doorstroom.reference.core.domain import Gemeente
from doorstroom.reference.core.lookup import label, namen
from doorstroom.spreiding.core.regio import RegioRegel, Taak, per_regio
from doorstroom.spreiding.core.report import regio_records
from doorstroom.spreiding.opgaven import Toelichting, Verzoek, bereken
from doorstroom.taakstelling import landelijk
from doorstroom.taakstelling import service as taakstelling_service
from doorstroom.values.domains import TAAKSTELLING_LANDELIJK
from doorstroom.values.number_text import format_nl
from doorstroom.values.periode import Periode
from doorstroom.values.record import Record


class Regiosoort(StrEnum):
    """Regions of the region view: provinces, labour-market regions or COROP areas (CBS)."""

    provincie = "provincie"
    arbeidsmarktregio = "arbeidsmarktregio"
    coropgebied = "coropgebied"


@dataclass(frozen=True)
class RegioVerzoek:
    """The region view: a distribution request, the kind of region, and the taakstelling's period.

    ``taakstelling`` is a national half-year number to split when the period is not stored.
    """

    spreiding: Verzoek
    per: Regiosoort = Regiosoort.provincie
    periode: Periode | None = None
    taakstelling: int | None = None


@dataclass(frozen=True)
class RegioOverzicht:
    """Rows per region and the inputs they rest on."""

    per: Regiosoort
    regels: list[RegioRegel]
    records: list[Record]
    toelichting: Toelichting


def regio(verzoek: RegioVerzoek, engine: Engine | None = None) -> RegioOverzicht:
    """Reception required, present and occupied per region beside the region's taakstelling."""
    spreiding = bereken(verzoek.spreiding, engine)
    peildatum = spreiding.toelichting.peildatum
    periode = verzoek.periode or Periode.containing(peildatum)
    taken, taakbron = taken_voor(
        engine, periode, peildatum, verzoek.taakstelling, verzoek.spreiding.gemeenten
    )
    regio_van = regio_indeling(spreiding.lijst, verzoek.per)
    regels = per_regio(spreiding.verdeling, spreiding.locaties, taken, regio_van, peildatum)
    extra = (
        ("indeling", f"per {verzoek.per.value}"),
        ("taakstelling", taakbron),
        *_buiten_lijst(taken, regio_van),
    )
    toelichting = replace(spreiding.toelichting, extra=extra)
    return RegioOverzicht(verzoek.per, regels, regio_records(regels, verzoek.per.value), toelichting)


def _buiten_lijst(taken: dict[str, Taak], regio_van: dict[str, str]) -> tuple[tuple[str, str], ...]:
    """Codes of the taakstelling that the municipality list in use does not have (a merger)."""
    buiten = sorted(set(taken) - set(regio_van))
    if not buiten:
        return ()
    return (("let op", f"taakstelling van {', '.join(buiten)} niet in de gemeentelijst; niet meegeteld"),)


def regio_indeling(lijst: list[Gemeente], per: Regiosoort) -> dict[str, str]:
    """Region of every municipality; a municipality without one is named, never dropped."""
    indeling = {g.code: getattr(g, per.value) for g in lijst}
    zonder = [code for code, regio in indeling.items() if not regio]
    if zonder:
        voorbeeld = ", ".join(label(code, namen(lijst)) for code in zonder[:5])
        raise InputError(
            Problem(
                f"geen {per.value} voor {len(zonder)} gemeenten in de gemeentelijst ({voorbeeld})",
                field="per",
            )
        )
    return {code: str(regio) for code, regio in indeling.items()}


def taken_voor(
    engine: Engine | None, periode: Periode, peildatum: date, landelijk: int | None, gemeenten: Path | None
) -> tuple[dict[str, Taak], str]:
    """Each municipality's taakstelling and what remains of it, read through the taakstelling.

    A period stored in the database gives the corrected taakstelling and what is still to house on
    ``peildatum``; otherwise the national number (``landelijk``, or the one published for the period)
    is split by the taakstelling's own rule, and nothing counts as housed yet.
    """
    if engine is not None and landelijk is None:
        try:
            overzicht = taakstelling_service.voortgang(engine, periode, peildatum)
        except NotFound:
            pass
        else:
            taken = {
                r["gemeentecode"]: _taak(r["gecorrigeerde_taakstelling"], r["resterend"])
                for r in overzicht.records
            }
            return taken, f"vastgestelde taakstelling {periode} (database), resterend op {peildatum}"
    totaal = landelijk if landelijk is not None else _gepubliceerd(periode)
    if probleem := TAAKSTELLING_LANDELIJK.problem(totaal):
        raise InputError(Problem(probleem, field="taakstelling"))
    verzoek = taakstelling_service.Verzoek(periode=periode, totaal=totaal, gemeenten=gemeenten)
    overzicht = taakstelling_service.bereken_overzicht(verzoek)
    taken = {
        r["gemeentecode"]: _taak(r["gecorrigeerde_taakstelling"], r["gecorrigeerde_taakstelling"])
        for r in overzicht.records
    }
    return (
        taken,
        f"landelijke taakstelling {format_nl(totaal)} voor {periode} naar inwoners verdeeld; "
        "nog niets gehuisvest",
    )


def _taak(taakstelling: object, resterend: object) -> Taak:
    return Taak(int(str(taakstelling)), int(str(resterend)))


def _gepubliceerd(periode: Periode) -> int:
    gepubliceerd = landelijk.voor(periode)
    if gepubliceerd is None:
        raise InputError(
            Problem(
                f"geen landelijke taakstelling bekend voor {periode}; geef het landelijke aantal "
                "of stel de taakstelling van die periode eerst vast",
                field="taakstelling",
            )
        )
    return gepubliceerd.landelijk
