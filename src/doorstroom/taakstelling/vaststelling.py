"""Fixing a period's taakstelling in the store, revising it, and supervising it.

A fixed taakstelling is history (issue: a re-fixed quota was overwritten silently): fixing a period
again needs an explicit revision with a reason and adds a new version; the earlier version stays
with who fixed it, when and why. A later fixed period whose inputs changed since (the carry-over
from its previous period, or its municipal division) is *verouderd*: it is listed after every write
that causes it, with the command that recomputes it, and flagged in its supervision statement.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from fractions import Fraction

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from doorstroom.dossier import telling
from doorstroom.platform import audit
from doorstroom.platform.clock import nu
from doorstroom.platform.db import schrijf, transaction
from doorstroom.platform.errors import InputError, Problem
from doorstroom.reference.core.domain import Gemeente
from doorstroom.reference.core.indeling import Indelingen
from doorstroom.reference.core.lookup import label
from doorstroom.reference.service import indelingen
from doorstroom.taakstelling import repository
from doorstroom.taakstelling.berekening import (
    Keuzes,
    achterstand_uit_bestand,
    controleer_ruil,
    kies_grondslag,
    verantwoording,
)
from doorstroom.taakstelling.core import realisatiebronnen
from doorstroom.taakstelling.core.domain import Taakstelling, bereken, taak
from doorstroom.taakstelling.core.grondslag import Grondslag
from doorstroom.taakstelling.core.overdracht import naar_opvolgers
from doorstroom.taakstelling.core.overzicht import (
    Extrakolommen,
    Overzicht,
    Voortgang,
    realiseer_alle,
    stel_op,
)
from doorstroom.taakstelling.core.report import Verantwoording
from doorstroom.taakstelling.core.ruil import per_gemeente
from doorstroom.taakstelling.core.verdeling import Afrondingsregel
from doorstroom.taakstelling.landelijk import landelijk_totaal
from doorstroom.taakstelling.models import TaakstellingRecord, VaststellingRecord
from doorstroom.values.domains import BRON, NAAM, TOELICHTING, TextLimit
from doorstroom.values.number_text import format_nl
from doorstroom.values.periode import Periode

OPGESLAGEN = "opgeslagen"
"""``achterstand_bron`` of a version whose carry-over came from the stored previous period."""


@dataclass(frozen=True)
class Vaststelverzoek(Keuzes):
    """What to fix: the period and the same choices as a calculation from files, plus who and why."""

    herzien: bool = False
    reden: str | None = None
    door: str | None = None


@dataclass(frozen=True)
class Verouderd:
    """A fixed period whose inputs changed after it was fixed, and how to bring it up to date."""

    periode: Periode
    versie: int
    waarom: str
    opdracht: str
    herzien: bool = False
    """True: bring it up to date by fixing it again as a revision; False: by recalculating it."""

    def melding(self, opdracht: str | None = None) -> str:
        """One Dutch line; ``opdracht`` says the remedy the delivery layer's way (the CLI: a command)."""
        wat = f"{self.periode} (versie {self.versie})"
        return f"let op: {wat} is verouderd: {self.waarom}; herstel: {opdracht or self.opdracht}"


@dataclass(frozen=True)
class Vastgesteld:
    """The outcome of a fixing: the version stored, its statement, and periods now out of date."""

    periode: Periode
    versie: int
    overzicht: Overzicht
    verouderd: list[Verouderd] = field(default_factory=list)


def tekst(waarde: str | None, limiet: TextLimit, optie: str) -> str | None:
    """A user's text option checked against the length of its column (same on every database)."""
    if waarde is None:
        return None
    return limiet.check(waarde.strip(), field=optie) or None


def vaststellen(engine: Engine, verzoek: Vaststelverzoek) -> Vastgesteld:
    """Fix (or, with ``herzien``, revise) a period's taakstelling as a new version."""
    reden = tekst(verzoek.reden, TOELICHTING, "reden")
    door = tekst(verzoek.door, NAAM, "door") or audit.current_actor()
    if verzoek.herzien and not reden:
        raise InputError(Problem("een herziening vraagt om een reden; geef de reden op", field="reden"))
    catalogus = indelingen(engine)
    grondslag = kies_grondslag(verzoek.periode, catalogus, verzoek.sleutel, verzoek.bevolking)
    landelijk = landelijk_totaal(verzoek.periode, verzoek.totaal)
    uit_bestand = achterstand_uit_bestand(verzoek.vorige, grondslag, catalogus) if verzoek.vorige else None
    if verzoek.vorige is not None:
        tekst(str(verzoek.vorige), BRON, "vorige")

    def werk(session: Session) -> tuple[int, list[Taakstelling], list[str]]:
        huidig = _mag_vastgesteld_worden(session, verzoek)
        achterstand, overgenomen = uit_bestand or opgeslagen_achterstand(session, verzoek.periode, catalogus)
        ruilen = repository.ruilen(session, verzoek.periode)
        ruil = per_gemeente(ruilen)
        taken = bereken(
            landelijk[0], list(grondslag.gemeenten), dict(grondslag.sleutel), achterstand, verzoek.regel,
            noemer=grondslag.noemer, ruil=ruil, overgenomen=overgenomen,
        )  # fmt: skip
        controleer_ruil(taken, ruil)
        versie = 1 if huidig is None else huidig.versie + 1
        record = _versie_record(verzoek, grondslag, landelijk, versie, door, reden)
        record.achterstand_bron = str(verzoek.vorige) if verzoek.vorige else OPGESLAGEN
        repository.bewaar_versie(session, record, [_regel(t) for t in taken])
        return versie, taken, _ruil_meldingen(ruilen)

    versie, taken, meldingen = schrijf(engine, werk, herhaal_bij=(IntegrityError,))
    uitleg = verantwoording(
        grondslag, verzoek.regel, landelijk, taken, [_versie_melding(versie, door, reden), *meldingen]
    )
    overzicht = stel_op(taken, uitleg, grondslag.sleutelnaam, grondslag.toelichting)
    return Vastgesteld(verzoek.periode, versie, overzicht, verouderd_na(engine, verzoek.periode))


def _mag_vastgesteld_worden(session: Session, verzoek: Vaststelverzoek) -> VaststellingRecord | None:
    huidig = repository.huidige(session, verzoek.periode)
    if huidig is not None and not verzoek.herzien:
        raise InputError(
            Problem(
                f"de taakstelling van {verzoek.periode} is al vastgesteld (versie {huidig.versie}, "
                f"{format_nl(huidig.totaal)}, door {huidig.door} op {huidig.vastgesteld_op:%Y-%m-%d %H:%M}); "
                "stel haar opnieuw vast als herziening, met een reden (de vorige versie blijft bewaard)",
                field="periode",
            )
        )
    if huidig is None and verzoek.herzien:
        raise InputError(
            Problem(
                f"{verzoek.periode} is nog niet vastgesteld, dus er is niets te herzien; "
                "stel haar gewoon vast",
                field="herzien",
            )
        )
    return huidig


def _versie_record(
    verzoek: Vaststelverzoek,
    grondslag: Grondslag,
    landelijk: tuple[int, str],
    versie: int,
    door: str,
    reden: str | None,
) -> VaststellingRecord:
    return VaststellingRecord(
        periode=str(verzoek.periode),
        versie=versie,
        totaal=landelijk[0],
        landelijk_bron=landelijk[1][:255],
        regel=verzoek.regel.value,
        sleutel=verzoek.sleutel[:255],
        peiljaar=grondslag.peildatum.year
        if grondslag.sleutelnaam == "inwoners" and grondslag.peildatum
        else None,
        bevolking_bron=grondslag.bron[:255],
        achterstand_bron=OPGESLAGEN,
        vastgesteld_op=nu(),
        door=door,
        reden=reden,
    )


def _regel(t: Taakstelling) -> TaakstellingRecord:
    return TaakstellingRecord(
        gemeentecode=t.gemeente.code,
        gemeentenaam=t.gemeente.naam,
        sleutelwaarde=t.sleutelwaarde,
        taakstelling=t.taakstelling,
        achterstand=t.achterstand,
        overgenomen=t.overgenomen,
    )


def _versie_melding(versie: int, door: str, reden: str | None) -> str:
    return f"versie {versie}, vastgesteld door {door}" + (f" (reden: {reden})" if reden else "")


def _ruil_meldingen(ruilen: Sequence[object]) -> list[str]:
    return (
        [f"ruil (art. 29 lid 2): {len(ruilen)} vastgelegde afspraak/afspraken in kolom 'ruil'"]
        if ruilen
        else []
    )


def gehuisvest_per_maand(session: Session, periode: Periode) -> dict[str, dict[str, int]]:
    """Persons housed per municipality and month of ``periode``: the one read of the realisation.

    Every use case (supervision, carry-over, remaining capacity, staleness) reads the realisation
    here, so a second source (for example housing recorded in a case file) is added in this one
    function and counts everywhere, without double entry: move-ins in the case file combine with
    the imported figures by :func:`doorstroom.taakstelling.core.realisatiebronnen.samenvoegen` (never added).
    """
    maanden = [f"{year}-{month:02d}" for year, month in periode.months()]
    return realisatiebronnen.samenvoegen(
        repository.realisatie(session, periode), telling.verhuisd_per_maand(session, maanden)
    )


def tvs_kolommen(session: Session, periode: Periode, peildatum: date) -> Extrakolommen:
    """The case file's linked households per municipality and TVS status, as supervision columns
    beside the statement's own (read through the same arrow as the move-ins above)."""
    return Extrakolommen(
        tuple(telling.TVS_KOLOMMEN.values()), telling.tvs_per_gemeente(session, periode, peildatum)
    )


def opgeslagen_achterstand(
    session: Session, periode: Periode, catalogus: Indelingen, vorige_saldo: Mapping[str, int] | None = None
) -> tuple[dict[str, int], dict[str, int]]:
    """Carry-over into ``periode`` from the stored previous period, onto this period's municipalities.

    The previous period is judged at its supervision date; municipalities that merged since carry
    their arrears or advance over to their successor (``overgenomen``).
    """
    vorige = periode.previous()
    saldo = vorige_saldo if vorige_saldo is not None else saldo_van(session, vorige, catalogus)
    if saldo is None:
        return {}, {}
    return naar_opvolgers(saldo, catalogus.opvolgers(vorige.year, periode.year))


def saldo_van(
    session: Session, periode: Periode, catalogus: Indelingen, achterstand: Mapping[str, int] | None = None
) -> dict[str, int] | None:
    """Signed carry-over per code out of a stored period at its supervision date (None: not fixed).

    ``achterstand``: use these arrears instead of the stored ones (to follow a recomputation).
    """
    huidig = repository.huidige(session, periode)
    if huidig is None:
        return None
    taken = opgeslagen_taken(session, huidig, catalogus, achterstand)
    voortgang = Voortgang(periode.supervision_date, gehuisvest_per_maand(session, periode))
    return {r.taakstelling.gemeente.code: r.achterstand_nu for r in realiseer_alle(taken, periode, voortgang)}


def opgeslagen_taken(
    session: Session,
    versie: VaststellingRecord,
    catalogus: Indelingen,
    achterstand: Mapping[str, int] | None = None,
) -> list[Taakstelling]:
    """A stored version as values, with the period's recorded swaps applied."""
    periode = Periode.parse(versie.periode)
    gemeenten = {g.code: g for g in catalogus.indeling(periode.year).gemeenten}
    ruil = per_gemeente(repository.ruilen(session, periode))
    return [
        taak(
            _gemeente(r, gemeenten, versie.sleutel == "inwoners"),
            r.sleutelwaarde,
            Fraction(r.taakstelling),
            r.taakstelling,
            r.achterstand if achterstand is None else achterstand.get(r.gemeentecode, 0),
            ruil.get(r.gemeentecode, 0),
            r.overgenomen,
        )
        for r in repository.regels(session, versie)
    ]


def _gemeente(record: TaakstellingRecord, gemeenten: Mapping[str, Gemeente], inwoners: bool) -> Gemeente:
    bekend = gemeenten.get(record.gemeentecode) or Gemeente(
        record.gemeentecode, record.gemeentenaam, "(opgeheven)", record.sleutelwaarde
    )
    return replace(bekend, inwoners=record.sleutelwaarde) if inwoners else bekend


def verouderd_na(engine: Engine, periode: Periode | None = None) -> list[Verouderd]:
    """Fixed periods after ``periode`` (default: all) whose inputs changed since they were fixed.

    Follows the chain: when a period is out of date, the next one is judged on the carry-over it
    would get once the first is recomputed, so every period that will change is listed at once.
    """
    catalogus = indelingen(engine)
    with transaction(engine, schrijven=False) as session:
        huidig = repository.huidige_per_periode(session)
        result: list[Verouderd] = []
        herrekend: dict[Periode, dict[str, int]] = {}
        for p in sorted(huidig):
            gevonden = _verouderd(session, p, huidig[p], catalogus, herrekend)
            if gevonden is not None and (periode is None or p > periode):
                result.append(gevonden)
        return result


def _verouderd(
    session: Session,
    periode: Periode,
    versie: VaststellingRecord,
    catalogus: Indelingen,
    herrekend: dict[Periode, dict[str, int]],
) -> Verouderd | None:
    rows = repository.regels(session, versie)
    if {r.gemeentecode for r in rows} != catalogus.indeling(periode.year).codes:
        opdracht = f"stel de taakstelling van {periode} opnieuw vast als herziening, met een reden"
        return Verouderd(
            periode, versie.versie, "de gemeentelijke indeling is gewijzigd", opdracht, herzien=True
        )
    if versie.achterstand_bron != OPGESLAGEN:
        return None
    verwacht, _ = opgeslagen_achterstand(session, periode, catalogus, herrekend.get(periode.previous()))
    opgeslagen = {r.gemeentecode: r.achterstand for r in rows}
    anders = sorted(
        c for c in opgeslagen.keys() | verwacht.keys() if opgeslagen.get(c, 0) != verwacht.get(c, 0)
    )
    if not anders:
        return None
    saldo = saldo_van(session, periode, catalogus, verwacht)
    if saldo is not None:
        herrekend[periode] = saldo
    namen = {r.gemeentecode: r.gemeentenaam for r in rows}
    aantal = f"{len(anders)} gemeenten (o.a. {label(anders[0], namen)})"
    waarom = f"de achterstand uit {periode.previous()} is veranderd voor {aantal}"
    opdracht = f"herbereken de taakstelling van {periode}, met een reden"
    return Verouderd(periode, versie.versie, waarom, opdracht)


def verantwoording_van(
    versie: VaststellingRecord, taken: Sequence[Taakstelling], meldingen: Sequence[str]
) -> Verantwoording:
    """The accounting of a stored version."""
    return Verantwoording(
        periode=Periode.parse(versie.periode),
        regel=Afrondingsregel(versie.regel),
        landelijk=versie.totaal,
        landelijk_bron=versie.landelijk_bron,
        som=sum(t.taakstelling for t in taken),
        peildatum=date(versie.peiljaar, 1, 1) if versie.peiljaar else None,
        bron=versie.bevolking_bron,
        meldingen=(_versie_melding(versie.versie, versie.door, versie.reden), *meldingen),
    )


def sleutelnaam(versie: VaststellingRecord) -> str:
    """The column name of a stored version's key."""
    return versie.sleutel if versie.sleutel in ("inwoners", "woningvoorraad") else "sleutel"
