"""The TVS timeline of a linked household and the municipality's status on it (pure).

COA follows each koppeling in its *taakstellingvolgsysteem* (TVS): a dwelling offered within ten
weeks of the koppeldatum, the move two weeks after the offer, and three months overall (the
taakstelling's housing term). The due dates are the deadline rules of
:mod:`doorstroom.dossier.termijnen` (``woningaanbod_na_koppeling``, ``verhuizing_na_aanbod``,
``huisvesting_na_koppeling``), so the file's deadlines, the signals and this timeline never differ.

The municipality's status on a date:

* ``te laat`` — a due date passed without the offer, or without the move (or the move came after it);
* ``verschoonbaar`` (excused) — it would be late, but the household refused an offer the municipality
  made in time; or COA linked the household so late in the half year that its move-in due date lies
  after the period's last day (the quota supervision's *buiten schuld* reasoning);
* ``op schema`` — otherwise.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from doorstroom.dossier.termijnen import Regels, aanbod_na, aanbod_uiterlijk, verhuizing_uiterlijk
from doorstroom.dossier.tijdlijn import Gebeurtenis, laatste
from doorstroom.values.periode import Periode


class Tvsstatus(StrEnum):
    """The municipality's status on a linked household's timeline."""

    op_schema = "op schema"
    te_laat = "te laat"
    verschoonbaar = "verschoonbaar"


@dataclass(frozen=True)
class Tvs:
    """One linked household's timeline: the facts, the due dates and the status on ``peildatum``."""

    gemeentecode: str
    koppeldatum: date
    aanbod_uiterlijk: date
    aanbod: date | None
    verhuizing_uiterlijk: date
    huisvesting: date | None
    status: Tvsstatus
    reden: str


def tvs(tijdlijn: Sequence[Gebeurtenis], regels: Regels, peildatum: date) -> Tvs | None:
    """The timeline of the current koppeling of a current timeline (None: not linked)."""
    koppeling = laatste(tijdlijn, "koppeling")
    if koppeling is None:
        return None
    kdatum = koppeling.datum
    aanbod = aanbod_na(tijdlijn, kdatum)
    huisvesting = next((g.datum for g in tijdlijn if g.soort == "huisvesting" and g.datum >= kdatum), None)
    aanbod_uit = aanbod_uiterlijk(kdatum, regels)
    verhuizing_uit = verhuizing_uiterlijk(kdatum, aanbod.datum if aanbod else None, regels)
    op_tijd_geweigerd = aanbod is not None and aanbod.datum <= aanbod_uit and _geweigerd(tijdlijn, kdatum)
    feiten = _Feiten(kdatum, aanbod.datum if aanbod else None, huisvesting, aanbod_uit, verhuizing_uit)
    status, reden = _status(feiten, op_tijd_geweigerd, peildatum)
    return Tvs(
        str(koppeling.gegevens.get("gemeentecode", "")),
        kdatum,
        aanbod_uit,
        feiten.aanbod,
        verhuizing_uit,
        huisvesting,
        status,
        reden,
    )


@dataclass(frozen=True)
class _Feiten:
    koppeldatum: date
    aanbod: date | None
    huisvesting: date | None
    aanbod_uiterlijk: date
    verhuizing_uiterlijk: date


def _geweigerd(tijdlijn: Sequence[Gebeurtenis], koppeldatum: date) -> bool:
    return any(g.soort == "woningaanbod_geweigerd" and g.datum >= koppeldatum for g in tijdlijn)


def _status(f: _Feiten, op_tijd_geweigerd: bool, peildatum: date) -> tuple[Tvsstatus, str]:
    if f.huisvesting is not None and f.huisvesting <= peildatum:
        if f.huisvesting <= f.verhuizing_uiterlijk:
            return Tvsstatus.op_schema, "op tijd gehuisvest"
        return _laat(
            op_tijd_geweigerd, f"gehuisvest na de uiterste datum {f.verhuizing_uiterlijk.isoformat()}"
        )
    if f.aanbod is None and peildatum > f.aanbod_uiterlijk:
        return _laat(op_tijd_geweigerd, f"geen woningaanbod vóór {f.aanbod_uiterlijk.isoformat()}")
    if peildatum > f.verhuizing_uiterlijk:
        return _laat(op_tijd_geweigerd, f"niet verhuisd vóór {f.verhuizing_uiterlijk.isoformat()}")
    periode = Periode.containing(f.koppeldatum)
    if f.verhuizing_uiterlijk > periode.end:
        return (
            Tvsstatus.verschoonbaar,
            f"laat in {periode} gekoppeld: verhuizen uiterlijk {f.verhuizing_uiterlijk.isoformat()}, "
            "na het einde van de periode",
        )
    return Tvsstatus.op_schema, "binnen de termijnen"


def _laat(op_tijd_geweigerd: bool, reden: str) -> tuple[Tvsstatus, str]:
    if op_tijd_geweigerd:
        return Tvsstatus.verschoonbaar, f"{reden}; het huishouden weigerde een tijdig aanbod"
    return Tvsstatus.te_laat, reden
