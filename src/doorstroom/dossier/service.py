"""The dossier's one door: every use case and value of the case file a delivery layer needs.

The API, the web app, the command line and other contexts import this module only (an
import-linter contract says so). Each use case takes the acting user first, asks the access rule
(:mod:`doorstroom.accounts.toegang`) and audits every read and write of personal data; it lives
in a module named after what it does:

* persons and households (:mod:`~doorstroom.dossier.personen`), with the identity rule
  (:mod:`~doorstroom.dossier.identiteit`);
* recording, correcting and withdrawing events (:mod:`~doorstroom.dossier.vastleggen`);
* imports of koppeling and realisation lists (:mod:`~doorstroom.dossier.importeren`);
* aanmeldingen, COA's decisions on numbers another file holds (:mod:`~doorstroom.dossier.aanmeldingen`);
* koppeling decisions recorded in the file (:mod:`~doorstroom.dossier.koppelbesluit`), and runs over
  the households waiting in reception read from the file (:mod:`~doorstroom.dossier.wachtenden`);
* the TVS timeline of linked households (:mod:`~doorstroom.dossier.tvsoverzicht`);
* households per size for the housing plan (:mod:`~doorstroom.dossier.groottes`);
* deadlines, counts and chain figures (:mod:`~doorstroom.dossier.overzicht`,
  :mod:`~doorstroom.dossier.ketencijfers`), one person's page (:mod:`~doorstroom.dossier.dossierbeeld`);
* signals to the municipality, an outbox of CloudEvents (:mod:`~doorstroom.dossier.signalen`);
* the AVG duties: inspection and retention (:mod:`~doorstroom.dossier.avg`);
* pseudonymous timelines for the monitor's figures (:mod:`~doorstroom.dossier.statistiek`);
* the demo's synthetic load (:mod:`~doorstroom.dossier.synthetisch`).
"""

from __future__ import annotations

from doorstroom.dossier.aanmeldingen import beslis as beslis_aanmelding
from doorstroom.dossier.aanmeldingen import lijst as aanmeldingen
from doorstroom.dossier.avg import Opschoning, inzage, opschonen
from doorstroom.dossier.dossierbeeld import dossier as dossierbeeld
from doorstroom.dossier.gebeurtenissen import SOORTEN
from doorstroom.dossier.groottes import Huishoudgroottes, huishoudgroottes
from doorstroom.dossier.identiteit import STATUSSEN as AANMELDINGSTATUSSEN
from doorstroom.dossier.importeren import Importresultaat, importeer_koppellijst, importeer_realisatielijst
from doorstroom.dossier.invoer import (
    GEBEURTENISMODELLEN,
    Aanmeldingsbesluit,
    Beoordeling,
    Intrekking,
    NieuweGebeurtenis,
    NieuwePersoon,
    NieuwHuishouden,
    PersoonWijziging,
)
from doorstroom.dossier.ketencijfers import Inburgering, inburgering, wachttijden
from doorstroom.dossier.koppelbesluit import beoordeel as beoordeel_voorstel
from doorstroom.dossier.koppelbesluit import beoordeel_meerdere as beoordeel_voorstellen
from doorstroom.dossier.koppelbesluit import nieuwe_run as nieuwe_koppelrun
from doorstroom.dossier.koppelbesluit import runoverzicht as koppelrunoverzicht
from doorstroom.dossier.koppelbesluit import runs as koppelruns
from doorstroom.dossier.koppelbesluit import voorstellen as koppelvoorstellen
from doorstroom.dossier.overzicht import SORTERINGEN as TERMIJNSORTERINGEN
from doorstroom.dossier.overzicht import (
    Termijnfilter,
    aantallen,
    taakstellingen,
    termijnaantallen,
    termijnoverzicht,
    totaal,
)
from doorstroom.dossier.personen import (
    huishouden,
    huishoudens,
    maak_huishouden,
    maak_persoon,
    personen,
    persoon,
    wijzig_persoon,
    zoek,
)
from doorstroom.dossier.signalen import signalen
from doorstroom.dossier.statistiek import Feit, Pseudotijdlijn, pseudotijdlijnen
from doorstroom.dossier.synthetisch import (
    SynthetischeGebeurtenis,
    SynthetischePersoon,
    SynthetischHuishouden,
    laad_synthetisch,
)
from doorstroom.dossier.termijnen import STANDAARD as TERMIJNREGELS
from doorstroom.dossier.termijnen import Status
from doorstroom.dossier.tijdlijn import Fase
from doorstroom.dossier.tvs import Tvsstatus
from doorstroom.dossier.tvsoverzicht import Tvsfilter, tvsoverzicht
from doorstroom.dossier.vastleggen import gebeurtenis, gebeurtenissen, leg_vast, trek_in
from doorstroom.dossier.waarden import Bsn, Geslacht, Vnummer
from doorstroom.dossier.wachtenden import Methode as Koppelmethode
from doorstroom.dossier.wachtenden import (
    NieuweKoppelrun,
    Wachtenden,
    koppelrun_uit_dossier,
    wachtende_huishoudens,
)
from doorstroom.dossier.weergave import vandaag

__all__ = [
    "AANMELDINGSTATUSSEN",
    "GEBEURTENISMODELLEN",
    "SOORTEN",
    "TERMIJNREGELS",
    "TERMIJNSORTERINGEN",
    "Aanmeldingsbesluit",
    "Beoordeling",
    "Bsn",
    "Fase",
    "Feit",
    "Geslacht",
    "Huishoudgroottes",
    "Importresultaat",
    "Inburgering",
    "Intrekking",
    "Koppelmethode",
    "NieuwHuishouden",
    "NieuweGebeurtenis",
    "NieuweKoppelrun",
    "NieuwePersoon",
    "Opschoning",
    "PersoonWijziging",
    "Pseudotijdlijn",
    "Status",
    "SynthetischHuishouden",
    "SynthetischeGebeurtenis",
    "SynthetischePersoon",
    "Termijnfilter",
    "Tvsfilter",
    "Tvsstatus",
    "Vnummer",
    "Wachtenden",
    "aanmeldingen",
    "aantallen",
    "beoordeel_voorstel",
    "beoordeel_voorstellen",
    "beslis_aanmelding",
    "dossierbeeld",
    "gebeurtenis",
    "gebeurtenissen",
    "huishouden",
    "huishoudens",
    "huishoudgroottes",
    "importeer_koppellijst",
    "importeer_realisatielijst",
    "inburgering",
    "inzage",
    "koppelrun_uit_dossier",
    "koppelrunoverzicht",
    "koppelruns",
    "koppelvoorstellen",
    "laad_synthetisch",
    "leg_vast",
    "maak_huishouden",
    "maak_persoon",
    "nieuwe_koppelrun",
    "opschonen",
    "personen",
    "persoon",
    "pseudotijdlijnen",
    "signalen",
    "taakstellingen",
    "termijnaantallen",
    "termijnoverzicht",
    "totaal",
    "trek_in",
    "tvsoverzicht",
    "vandaag",
    "wachtende_huishoudens",
    "wachttijden",
    "wijzig_persoon",
    "zoek",
]
