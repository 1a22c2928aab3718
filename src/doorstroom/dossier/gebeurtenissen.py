"""The catalogue of timeline events (*gebeurtenissen*): what each records and where its names come from.

Names follow the public specifications where they exist (see ``docs/dossier.md``):

- DUO's machine-to-machine interface for gemeenten under the Wet inburgering 2021
  (``duonl/gemeente-m2m-inburgering``: Inburgeringsplicht 1.2.2, PIP 1.2.0, Leerbaarheidstoets 1.2.0,
  Inburgeringstermijn 1.0.0, "MAP, PVT en Z-route" 1.0.0, Examen 1.0.0, Vrijstelling 1.0.0,
  Ontheffing 1.0.0): field names (``dagtekeningPip``, ``leerroute`` B/O/Z, ``niveau``,
  ``indicatorAlfabetiseringsonderwijs``, ``verlengingsgrondcode``, ``datumEindgesprekMap`` ...) and
  value lists (``Doelgroepindeling``, ``LeerbaarheidstoetsResultaat``, ``RedenVrijstelling...``).
- The Gemeentelijk Gegevensmodel (GGM), *Model Inburgering* 1.1: object names (Inburgeraar,
  Asielstatushouder, Verblijfplaats AZC, Brede Intake, PIP, Leerroute, KNM, MAP, PVT, Examen).

Where neither defines a name (COA reception, housing offers, *ontzorgen*, participation) the names
are Doorstroom's own and ``docs/dossier.md`` says so. Each event's ``datum`` is the date the event
happened; what that date means per type is in :attr:`Soort.datum`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Annotated

from pydantic import model_validator

from doorstroom.dossier.waarden import Gemeentecode, Invoer, getal, tekst
from doorstroom.values.domains import LOCATIE, REFERENTIE, TOELICHTING, UREN_PER_WEEK
from doorstroom.values.stadium import Stadium

Locatie = Annotated[str, tekst(LOCATIE)]
Referentie = Annotated[str, tekst(REFERENTIE)]
Toelichting = Annotated[str, tekst(TOELICHTING)]


class Vergunningsoort(StrEnum):
    """Residence permit (Vreemdelingenwet 2000 art. 28: asiel; art. 14: regulier, e.g. nareizigers)."""

    asiel_bepaalde_tijd = "asiel bepaalde tijd"
    regulier_bepaalde_tijd = "regulier bepaalde tijd"


class Koppelbron(StrEnum):
    """Where a koppeling came from: a reviewed proposal of a koppeling run, an import, or by hand."""

    koppelvoorstel = "koppelvoorstel"
    import_ = "import"
    handmatig = "handmatig"


class Doelgroepindeling(StrEnum):
    """DUO Inburgeringsplicht API ``Doelgroepindeling``."""

    asielstatushouder = "Asielstatushouder"
    gezinsmigrant = "Gezinsmigrant en overige migrant"


class GedetailleerdeDoelgroep(StrEnum):
    """DUO ``GedetailleerdeDoelgroep`` (the same list as GGM enumeration *Doelgroep*)."""

    asielstatushouder = "Asielstatushouder"
    geestelijk_bedienaar = "Geestelijk bedienaar"
    gezinshereniger = "Gezinshereniger"
    gezinshereniger_ash = "Gezinshereniger met Asielstatushouder"
    gezinsvormer = "Gezinsvormer"
    gezinsvormer_ash = "Gezinsvormer met Asielstatushouder"
    overig = "Overig"


class RedenGeenInburgeringsplicht(StrEnum):
    """DUO ``RedenGeenInburgeringsplicht``."""

    volledige_ontheffing = "Volledige ontheffing"
    volledige_vrijstelling = "Volledige vrijstelling"
    voldaan = "Inburgeringsplicht voldaan"
    verblijfsdoel = "Verblijfsdoel gewijzigd"
    vertrek = "Vertrek uit Nederland langer dan een jaar"
    overlijden = "Overlijden"
    overig = "Overig"
    tijdelijke_vrijstelling = "Tijdelijke vrijstelling"


class LeerbaarheidstoetsResultaat(StrEnum):
    """DUO ``LeerbaarheidstoetsResultaat``."""

    haalbaar = "B1-route haalbaar"
    niet_haalbaar = "B1-route niet haalbaar"
    onbekend = "Onbekend"


class Leerroute(StrEnum):
    """DUO PIP ``Leerroute``: B = B1-route, O = onderwijsroute, Z = zelfredzaamheidsroute (Wi2021 art. 7)."""

    B = "B"
    O = "O"  # noqa: E741 - DUO's code for the onderwijsroute
    Z = "Z"


class NiveauPip(StrEnum):
    """DUO ``NiveauPip``."""

    A2 = "A2"
    B1 = "B1"


class Alfabetiseringsonderwijs(StrEnum):
    """DUO ``Alfabetiseringsonderwijs``: A analfabeet, AA anders-alfabeet, NVT niet van toepassing."""

    A = "A"
    AA = "AA"
    NVT = "NVT"


class Examenonderdeel(StrEnum):
    """DUO ``ExamenonderdeelWI2021Inburgering``: KNM and the four language skills."""

    KNM = "KNM"
    LE = "LE"
    LU = "LU"
    SC = "SC"
    SP = "SP"


class Examenniveau(StrEnum):
    """DUO ``ExamenniveauWI2021``."""

    A2 = "A2"
    B1 = "B1"
    B2 = "B2"


class Examenresultaat(StrEnum):
    """DUO ``ExamenresultaatWI2021``."""

    geslaagd = "Geslaagd"
    gezakt = "Gezakt"
    geen = "Geen"


class RedenGeenResultaat(StrEnum):
    """DUO ``RedenGeenResultaatInburgeringsexamen``."""

    verwijtbaar = "Verwijtbaar"
    niet_verwijtbaar = "Nietverwijtbaar"
    afgemeld = "Afgemeld"
    absent = "Absent"


class JaNee(StrEnum):
    """DUO ``InburgeringJaNeeType``."""

    ja = "Ja"
    nee = "Nee"


class AanvraagOordeel(StrEnum):
    """DUO ``AanvraagOordeel``."""

    toekenning = "Toekenning"
    afwijzing = "Afwijzing"


class Vrijstellingsoort(StrEnum):
    """DUO Vrijstelling API: Gehele-, Tijdelijke- en GedeeltelijkeVrijstelling."""

    gehele = "gehele"
    tijdelijke = "tijdelijke"
    gedeeltelijke = "gedeeltelijke"


class RedenVrijstelling(StrEnum):
    """DUO ``RedenVrijstellingInburgeringsplicht`` codes."""

    AVI = "AVI"
    DIP = "DIP"
    DOC = "DOC"
    GED = "GED"
    INB = "INB"
    INS = "INS"
    OPL = "OPL"


class Ontheffingsoort(StrEnum):
    """DUO Ontheffing API: ``GeheleOntheffing``, ``GedeeltelijkeOntheffing``."""

    gehele = "gehele"
    gedeeltelijke = "gedeeltelijke"


class Ontheffingsgrond(StrEnum):
    """DUO ``OntheffingsgrondInburgering``: BIO bijzondere individuele omstandigheden, MED medisch."""

    BIO = "BIO"
    MED = "MED"


class Participatiesoort(StrEnum):
    """Participation recorded in the file (Doorstroom's own list; no DUO/GGM list exists)."""

    werk = "werk"
    studie = "studie"
    vrijwilligerswerk = "vrijwilligerswerk"
    stage = "stage"


class Uitkeringsoort(StrEnum):
    """Benefits recorded in the file (Doorstroom's own list)."""

    participatiewet = "Participatiewet"
    ww = "WW"
    overig = "overig"


class Leeg(Invoer):
    """An event without data besides its date."""


class Registratie(Invoer):
    """COA registration in reception (GGM *Vreemdeling*); ``datum``: day of registration."""

    locatie: Locatie | None = None


class VerblijfplaatsAzc(Invoer):
    """GGM *Verblijfplaats AZC*: the reception location; ``datum``: day of arrival there."""

    locatie: Locatie
    gemeentecode: Gemeentecode | None = None


class Verblijfsvergunning(Invoer):
    """The residence permit; ``datum``: its start date."""

    soort: Vergunningsoort


class Koppeling(Invoer):
    """GGM *Asielstatushouder.Is gekoppeld aan*; ``datum``: koppeldatum."""

    gemeentecode: Gemeentecode
    bron: Koppelbron = Koppelbron.handmatig
    run_id: int | None = None
    huishouden_referentie: Referentie | None = None


class Woningaanbod(Invoer):
    """A dwelling offered; ``datum``: day of the offer."""

    toelichting: Toelichting | None = None


class Weigering(Invoer):
    """A refused offer with its reason; ``datum``: day of refusal."""

    reden: Toelichting


class Huisvesting(Invoer):
    """Moved into a dwelling in the municipality (counts toward its taakstelling); ``datum``: move-in."""

    gemeentecode: Gemeentecode


class Verhuizing(Invoer):
    """Moved to another municipality, which takes over the file; ``datum``: day of the move."""

    gemeentecode: Gemeentecode


class Inburgeringsplicht(Invoer):
    """DUO ``Inburgeringsplicht`` (+ ``Doelgroep``); ``datum``: ``begindatum``."""

    indicator_inburgeringsplicht: bool
    doelgroep: Doelgroepindeling | None = None
    gedetailleerde_doelgroep: GedetailleerdeDoelgroep | None = None
    reden_geen_inburgeringsplicht: RedenGeenInburgeringsplicht | None = None


class Leerbaarheidstoets(Invoer):
    """DUO Leerbaarheidstoets ``Resultaat``; ``datum``: ``datumAfname``."""

    resultaat: LeerbaarheidstoetsResultaat
    behaalde_score: Annotated[str, tekst(REFERENTIE)] | None = None
    benodigde_score: Annotated[str, tekst(REFERENTIE)] | None = None


class Pip(Invoer):
    """DUO ``PIP``; ``datum``: ``dagtekeningPip``. Checks DUO's registration conditions on ``niveau``."""

    leerroute: Leerroute
    niveau: NiveauPip | None = None
    geschatte_intensiteit_b1_route: Annotated[int, getal(UREN_PER_WEEK)] | None = None
    indicator_mag_opleiding_afmaken: bool | None = None
    indicator_alfabetiseringsonderwijs: Alfabetiseringsonderwijs | None = None

    @model_validator(mode="after")
    def _duo_voorwaarden(self) -> Pip:
        if self.niveau is NiveauPip.A2 and self.leerroute is Leerroute.O:
            raise ValueError("niveau A2 kan niet met de onderwijsroute (DUO PIP-voorwaarde)")
        if self.niveau is NiveauPip.B1 and self.leerroute is Leerroute.Z:
            raise ValueError("niveau B1 kan niet met de Z-route (DUO PIP-voorwaarde)")
        if self.geschatte_intensiteit_b1_route is not None and self.leerroute is not Leerroute.B:
            raise ValueError("geschatteIntensiteitB1Route hoort alleen bij de B1-route (DUO PIP-voorwaarde)")
        return self


class Termijnverlenging(Invoer):
    """DUO ``Inburgeringstermijn`` after an extension (SS103/SS104); ``datum``: ``wijzigingsdatum``."""

    einddatum: date
    verlengingsgrondcode: Referentie
    verlengingsgrondomschrijving: Toelichting | None = None


class Examen(Invoer):
    """DUO ``Examenresultaat`` (KNM is an examenonderdeel); ``datum``: ``examendatum``."""

    onderdeel: Examenonderdeel
    resultaat: Examenresultaat
    niveau: Examenniveau | None = None
    reden_geen_resultaat: RedenGeenResultaat | None = None


class Resultaat(Invoer):
    """DUO ``ResultaatMap``/``ResultaatPvt``; ``datum``: ``datumEindgesprekMap``/``datumOndertekeningPvt``."""

    verwijtbaar: JaNee | None = None


class Vrijstelling(Invoer):
    """DUO Vrijstelling API; ``datum``: ``datumOordeel``."""

    soort: Vrijstellingsoort
    reden: RedenVrijstelling
    oordeel: AanvraagOordeel
    startdatum: date | None = None
    einddatum: date | None = None
    examenonderdeel: Examenonderdeel | None = None
    examenniveau: NiveauPip | None = None


class Ontheffing(Invoer):
    """DUO Ontheffing API; ``datum``: ``datumOordeel``."""

    soort: Ontheffingsoort
    grond: Ontheffingsgrond
    oordeel: AanvraagOordeel
    examenonderdeel: Examenonderdeel | None = None


class Participatie(Invoer):
    """Work, study or other participation; ``datum``: start (or end, for ``participatie_einde``)."""

    soort: Participatiesoort
    uren_per_week: Annotated[int, getal(UREN_PER_WEEK)] | None = None


class Uitkering(Invoer):
    """A benefit; ``datum``: start (or end, for ``uitkering_einde``)."""

    soort: Uitkeringsoort


@dataclass(frozen=True)
class Soort:
    """One kind of event: its stage, data model, the meaning of its date and the source of its name."""

    naam: str
    stadium: Stadium
    model: type[Invoer]
    omschrijving: str
    datum: str
    bron: str


_DUO = "DUO gemeente-m2m-inburgering"
_GGM = "GGM Model Inburgering 1.1"
_EIGEN = "Doorstroom (geen DUO/GGM-naam)"

SOORTEN: dict[str, Soort] = {
    s.naam: s
    for s in (
        Soort(
            "registratie",
            Stadium.opvang,
            Registratie,
            "inschrijving in de COA-opvang",
            "inschrijfdatum",
            _EIGEN,
        ),
        Soort(
            "verblijfplaats_azc", Stadium.opvang, VerblijfplaatsAzc, "opvanglocatie", "aankomstdatum", _GGM
        ),
        Soort(
            "verblijfsvergunning",
            Stadium.vergunning,
            Verblijfsvergunning,
            "verblijfsvergunning",
            "ingangsdatum",
            _EIGEN,
        ),
        Soort("koppeling", Stadium.koppeling, Koppeling, "koppeling aan een gemeente", "koppeldatum", _GGM),
        Soort("woningaanbod", Stadium.huisvesting, Woningaanbod, "woning aangeboden", "datum aanbod", _EIGEN),
        Soort("woningaanbod_geaccepteerd", Stadium.huisvesting, Leeg, "aanbod geaccepteerd", "datum", _EIGEN),
        Soort("woningaanbod_geweigerd", Stadium.huisvesting, Weigering, "aanbod geweigerd", "datum", _EIGEN),
        Soort(
            "huisvesting",
            Stadium.huisvesting,
            Huisvesting,
            "verhuisd naar een woning",
            "verhuisdatum",
            _EIGEN,
        ),
        Soort(
            "verhuizing",
            Stadium.huisvesting,
            Verhuizing,
            "verhuisd naar een andere gemeente",
            "verhuisdatum",
            _DUO,
        ),
        Soort(
            "inburgeringsplicht",
            Stadium.inburgering,
            Inburgeringsplicht,
            "inburgeringsplicht",
            "begindatum",
            _DUO,
        ),
        Soort("brede_intake", Stadium.inburgering, Leeg, "brede intake afgenomen", "datum afname", _GGM),
        Soort(
            "leerbaarheidstoets",
            Stadium.inburgering,
            Leerbaarheidstoets,
            "leerbaarheidstoets",
            "datumAfname",
            _DUO,
        ),
        Soort(
            "pip",
            Stadium.inburgering,
            Pip,
            "persoonlijk plan inburgering en participatie",
            "dagtekeningPip",
            _DUO,
        ),
        Soort(
            "inburgeringstermijn_verlenging",
            Stadium.inburgering,
            Termijnverlenging,
            "inburgeringstermijn verlengd",
            "wijzigingsdatum",
            _DUO,
        ),
        Soort("examen", Stadium.inburgering, Examen, "examenresultaat (ook KNM)", "examendatum", _DUO),
        Soort(
            "map",
            Stadium.inburgering,
            Resultaat,
            "module arbeidsmarkt en participatie",
            "datumEindgesprekMap",
            _DUO,
        ),
        Soort(
            "pvt",
            Stadium.inburgering,
            Resultaat,
            "participatieverklaringstraject",
            "datumOndertekeningPvt",
            _DUO,
        ),
        Soort("zroute_afgerond", Stadium.inburgering, Leeg, "Z-route afgerond", "datumAfrondingZroute", _DUO),
        Soort("vrijstelling", Stadium.inburgering, Vrijstelling, "vrijstelling", "datumOordeel", _DUO),
        Soort("ontheffing", Stadium.inburgering, Ontheffing, "ontheffing", "datumOordeel", _DUO),
        Soort(
            "ontzorgen",
            Stadium.ontzorgen,
            Leeg,
            "start ontzorgen (Participatiewet art. 56a)",
            "startdatum",
            _EIGEN,
        ),
        Soort("ontzorgen_einde", Stadium.ontzorgen, Leeg, "einde ontzorgen", "einddatum", _EIGEN),
        Soort(
            "participatie",
            Stadium.participatie,
            Participatie,
            "start werk, studie of andere participatie",
            "startdatum",
            _EIGEN,
        ),
        Soort(
            "participatie_einde",
            Stadium.participatie,
            Participatie,
            "einde participatie",
            "einddatum",
            _EIGEN,
        ),
        Soort("uitkering", Stadium.participatie, Uitkering, "start uitkering", "startdatum", _EIGEN),
        Soort("uitkering_einde", Stadium.participatie, Uitkering, "einde uitkering", "einddatum", _EIGEN),
    )
}


def soort(naam: str) -> Soort:
    """The event kind called ``naam``; a ValueError names the valid kinds, closest first."""
    from doorstroom.values.suggest import unknown_message

    found = SOORTEN.get(naam)
    if found is None:
        raise ValueError(unknown_message("gebeurtenissoort", naam, SOORTEN))
    return found
