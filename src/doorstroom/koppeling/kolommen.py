"""How koppeling proposals, advice, runs and reports read in a workbook: labels, formats, rules.

Synthetic instances are marked on every sheet (:data:`SYNTHETISCH`), so a generated example can
never be mistaken for real households.
"""

from __future__ import annotations

from doorstroom.files.workbook import Kolom, Kop, Regel, Soort
from doorstroom.koppeling.core.domain import CRITERIA
from doorstroom.reference.kolommen import KOLOMMEN as GEMEENTE_KOLOMMEN

SYNTHETISCH = "SYNTHETISCHE GEGEVENS — verzonnen huishoudens, niet voor besluiten over personen"
BRON = "COA-huishoudens en capaciteit uit de invoerbestanden; CBS-gemeenten"

_CRITERIUM_UITLEG = {
    "regio": "1 als de gemeente in de regio van de opvanglocatie ligt.",
    "afstand": "1 − afstand (km) tot de opvanglocatie / 200, niet onder 0.",
    "arbeidsmarkt": "Gemiddelde regionale vraag naar de sector van iedere volwassene.",
    "onderwijs": "Deel van de personen wiens onderwijsbehoefte de gemeente bedient.",
    "netwerk": "1 voor een gemeente met binding, 0,5 voor haar regio.",
    "voorkeur": "1 als de gemeente in de opgegeven voorkeursregio ligt.",
    "uitkomst": "Voorspelde kans op een goede uitkomst (optioneel uitkomstmodel).",
}

KOLOMMEN: dict[str, Kolom] = {
    **GEMEENTE_KOLOMMEN,
    **{
        k.naam: k
        for k in (
            Kolom(
                "huishouden_id", "Huishouden", uitleg="Referentie van het huishouden uit het invoerbestand."
            ),
            Kolom("personen", "Personen", Soort.personen, "Personen in het huishouden.", som=True),
            Kolom(
                "score",
                "Score",
                Soort.getal,
                "Gewogen som van de criteria per persoon (hoger is beter).",
                decimalen=3,
            ),
            *(
                Kolom(c, f"Criterium {c}", Soort.getal, _CRITERIUM_UITLEG.get(c, ""), decimalen=2)
                for c in CRITERIA
            ),
            Kolom("uitleg", "Uitleg", uitleg="Waarom deze gemeente, in woorden (ook bij niet gekoppeld)."),
            Kolom("rang", "Rang", Soort.geheel, "1 is de beste toegestane gemeente met ruimte."),
            Kolom("redenen", "Redenen", uitleg="De criteria die het meest bijdragen."),
            Kolom("run", "Run", Soort.geheel, "Nummer van de bewaarde run."),
            Kolom(
                "aangemaakt_op", "Aangemaakt op", Soort.datumtijd, "Tijdstip van de run (Europe/Amsterdam)."
            ),
            Kolom("solver", "Solver", uitleg="Gebruikte rekenmethode (highs, ortools, greedy)."),
            Kolom("status", "Status", uitleg="Uitkomst van de berekening."),
            Kolom("gap", "Gap", Soort.procent, "Afstand tot de bewezen bovengrens."),
            Kolom(
                "synthetisch",
                "Synthetisch",
                Soort.janee,
                "ja als de invoer verzonnen voorbeeldgegevens zijn.",
            ),
            Kolom("voorstellen", "Voorstellen", Soort.geheel, "Aantal voorstellen in de run.", som=True),
            Kolom("open", "Open", Soort.geheel, "Voorstellen die nog niet beoordeeld zijn.", som=True),
            Kolom("beoordeling", "Beoordeling", uitleg="open, geaccepteerd of overschreven."),
            Kolom("definitief", "Definitieve gemeente", uitleg="Gemeente na beoordeling."),
            Kolom("door", "Beoordeeld door", uitleg="Wie besliste."),
            Kolom(
                "definitief_naam", "Definitieve gemeente (naam)", uitleg="Naam van de definitieve gemeente."
            ),
            Kolom("besluiten", "Besluiten", Soort.geheel, "Aantal besluiten over dit voorstel."),
            Kolom("op", "Besloten op", Soort.datumtijd, "Tijdstip van het (laatste) besluit."),
            Kolom("besluit_id", "Besluit", Soort.geheel, "Nummer van het besluit (oplopend)."),
            Kolom("voorgesteld", "Voorgestelde gemeente", uitleg="Gemeente die het voorstel noemde."),
            Kolom("voorgesteld_naam", "Voorgestelde gemeente (naam)", uitleg="Naam daarvan."),
            Kolom("toelichting", "Toelichting", uitleg="Reden van het besluit."),
            Kolom(
                "opgeschoond_op",
                "Opgeschoond op",
                Soort.datumtijd,
                "Wanneer de gegevens per huishouden zijn verwijderd.",
            ),
            *(
                Kolom(naam, naam.replace("_", " ").capitalize(), Soort.geheel, uitleg, som=True)
                for naam, uitleg in (
                    ("voorgesteld_huishoudens", "Huishoudens voorgesteld aan de gemeente."),
                    ("voorgesteld_personen", "Personen voorgesteld aan de gemeente."),
                    ("geaccepteerd_huishoudens", "Voorstellen die zijn geaccepteerd."),
                    ("overschreven_weg", "Voorstellen naar deze gemeente die elders zijn geplaatst."),
                    ("overschreven_naartoe", "Huishoudens die door overschrijven hier zijn geplaatst."),
                    ("definitief_huishoudens", "Huishoudens definitief aan de gemeente gekoppeld."),
                    ("definitief_personen", "Personen definitief aan de gemeente gekoppeld."),
                    ("open_huishoudens", "Voorstellen waarover nog niet is besloten."),
                )
            ),
            Kolom("maat", "Maat", uitleg="Vergeleken grootheid."),
            Kolom("huishoudens", "Huishoudens", Soort.geheel, "Aantal huishoudens van dit type."),
            Kolom("gemiddeld", "Gemiddeld", Soort.getal, "Gemiddelde score.", decimalen=3),
            Kolom("p10", "P10", Soort.getal, "10e percentiel van de score.", decimalen=3),
            Kolom("mediaan", "Mediaan", Soort.getal, "Mediaan van de score.", decimalen=3),
            Kolom("p90", "P90", Soort.getal, "90e percentiel van de score.", decimalen=3),
            Kolom("batch", "Batch", Soort.geheel, "Volgnummer van de batch in de periode (aankomstweek)."),
            Kolom(
                "methode", "Methode", uitleg="Hoe de batch geplaatst is (geprijsd: met prijzen op ruimte)."
            ),
            Kolom("scenarios", "Scenario's", Soort.geheel, "Aantal scenario's van latere aankomsten."),
            Kolom("seed", "Seed", Soort.geheel, "Startgetal van de trekking van de scenario's."),
            Kolom(
                "verwacht_huishoudens",
                "Verwacht",
                Soort.getal,
                "Huishoudens nog verwacht na deze batch.",
                decimalen=1,
            ),
            Kolom("verwacht_bron", "Bron verwachting", uitleg="Waar het verwachte aantal vandaan komt."),
            Kolom("prijzen", "Prijzen", Soort.geheel, "Gemeenten met een prijs op hun ruimte."),
            Kolom(
                "evenwicht_marge",
                "Evenwicht marge",
                Soort.getal,
                "Toegestane afwijking van het deel van het beste van latere aankomsten (leeg: uit).",
                decimalen=3,
            ),
            Kolom(
                "evenwicht_schaal",
                "Schaal prijzen",
                Soort.getal,
                "Factor waarmee de prijzen voor evenwicht zijn vermenigvuldigd (1: ongewijzigd).",
                decimalen=3,
            ),
            Kolom(
                "evenwicht_kosten",
                "Kosten evenwicht",
                Soort.getal,
                "Geschatte waarde die de batch voor evenwicht opgaf (score min prijzen).",
                decimalen=3,
            ),
            Kolom(
                "evenwicht_kosten_pct",
                "Kosten evenwicht %",
                Soort.getal,
                "Die kosten als percentage van de waarde van de batch zonder evenwicht.",
                decimalen=2,
            ),
            Kolom(
                "prijs",
                "Prijs",
                Soort.getal,
                "Prijs per persoon van de ruimte (gemiddelde duale waarde).",
                decimalen=3,
            ),
            Kolom("bindend", "Bindend", Soort.geheel, "In hoeveel scenario's de prijs positief was."),
            Kolom(
                "spreiding",
                "Spreiding",
                Soort.getal,
                "Standaardafwijking van de prijs over de scenario's.",
                decimalen=3,
            ),
            Kolom(
                "vrijgehouden",
                "Elders geplaatst",
                Soort.geheel,
                "Huishoudens van deze batch die door de prijs elders geplaatst zijn.",
            ),
            Kolom(
                "soort",
                "Huishoudtype",
                uitleg="alle, alleenstaand, zonder kinderen, gezin 2-4, gezin 5+; ook eenoudergezin en "
                "met zorgbehoefte (die overlappen de typen).",
            ),
            Kolom("gekoppeld", "Gekoppeld", Soort.geheel, "Gekoppelde huishoudens."),
            Kolom("aandeel_gekoppeld", "Deel gekoppeld", Soort.procent, "Gekoppeld / huishoudens."),
            Kolom(
                "score_per_persoon",
                "Score per persoon",
                Soort.getal,
                "Gemiddelde score per gekoppelde persoon.",
                decimalen=3,
            ),
            Kolom(
                "aandeel_van_beste",
                "Deel van het beste",
                Soort.procent,
                "Score van de gekoppelden / score die ieder in zijn beste toegestane gemeente had gehad.",
            ),
        )
    },
}

REGELS = (
    Regel(
        "Harde criteria",
        "Binding (familie, gezinshereniging, werk, studie), benodigde zorg, passende woning en de "
        "maximale capaciteit beslissen; ze worden nooit gewogen.",
        "COA-koppelingscriteria; docs/koppeling.md",
    ),
    Regel(
        "Capaciteit",
        "Standaard de resterende gecorrigeerde taakstelling per gemeente, naar rato van het deel van "
        "de periode dat deze batch dekt.",
        "Huisvestingswet 2014, art. 28–31",
    ),
    Regel(
        "Score",
        "Gewogen som van de zachte criteria; geen nationaliteit, religie, etniciteit of een "
        "vervanger daarvan.",
        "Algoritmeregister (docs/algoritmeregister.md); AVG art. 9",
    ),
    Regel(
        "Beoordeling",
        "Een medewerker accepteert of overschrijft ieder voorstel; niets wordt automatisch verstuurd.",
        "AVG art. 22 (geen uitsluitend geautomatiseerd besluit)",
    ),
)


def titel(wat: str, *, synthetisch: bool = False) -> str:
    """The title of a koppeling table on screen, marked when the households are synthetic."""
    return f"{wat} (SYNTHETISCH)" if synthetisch else wat


def kop(wat: str, *, synthetisch: bool = False, periode: object | None = None) -> Kop:
    """The title block of a koppeling workbook, marked when the households are synthetic."""
    return Kop(
        wat=wat,
        periode=str(periode) if periode is not None else None,
        regel="harde criteria beslissen, zachte criteria wegen (docs/koppeling.md)",
        bron=BRON,
        markering=SYNTHETISCH if synthetisch else None,
    )
