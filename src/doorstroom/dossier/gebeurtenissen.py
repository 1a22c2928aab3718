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

from doorstroom.dossier.gebeurtenissen_inburgering import (
    Examen,
    Inburgeringsplicht,
    Leerbaarheidstoets,
    Ontheffing,
    Pip,
    Resultaat,
    Termijnverlenging,
    Vrijstelling,
)
from doorstroom.dossier.gebeurtenissen_opvang import (
    Binding,
    Huisvesting,
    Koppeling,
    Leeg,
    MedischeBehandeling,
    Registratie,
    VerblijfplaatsAzc,
    Verblijfsvergunning,
    Verhuizing,
    Weigering,
    Woningaanbod,
)
from doorstroom.dossier.gebeurtenissen_participatie import Participatie, Uitkering
from doorstroom.dossier.waarden import Invoer, Toelichting
from doorstroom.values.stadium import Stadium

__all__ = ["SOORTEN", "Soort", "Toelichting", "soort"]


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
_COA = "COA-koppelingscriteria (Doorstroom-naam)"

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
        Soort(
            "binding",
            Stadium.koppeling,
            Binding,
            "harde binding met een gemeente (koppelingscriterium)",
            "sinds",
            _COA,
        ),
        Soort(
            "medische_behandeling",
            Stadium.koppeling,
            MedischeBehandeling,
            "medische behandeling (koppelingscriterium)",
            "sinds",
            _COA,
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
