"""Events of civic integration (*inburgering*, Wet inburgering 2021), named as DUO and the GGM name them.

Field names and value lists follow DUO's machine-to-machine interface for gemeenten
(``duonl/gemeente-m2m-inburgering``: Inburgeringsplicht 1.2.2, PIP 1.2.0, Leerbaarheidstoets 1.2.0,
Inburgeringstermijn 1.0.0, "MAP, PVT en Z-route" 1.0.0, Examen 1.0.0, Vrijstelling 1.0.0,
Ontheffing 1.0.0); object names the Gemeentelijk Gegevensmodel's *Model Inburgering* 1.1.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Annotated

from pydantic import model_validator

from doorstroom.dossier.waarden import Invoer, Referentie, Toelichting, getal, tekst
from doorstroom.values.domains import REFERENTIE, UREN_PER_WEEK


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
