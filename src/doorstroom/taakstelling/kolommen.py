"""How a taakstelling statement reads in a workbook: Dutch labels, formats, meanings, rules, sources.

The column names are those of :mod:`doorstroom.taakstelling.core.report`; which columns are summed in a
totals row is the same list :func:`~doorstroom.taakstelling.core.report.aggregeer` sums per region, so a
workbook's totals and a regional statement cannot disagree.
"""

from __future__ import annotations

from doorstroom.files.workbook import Kolom, Kop, Regel, Soort
from doorstroom.reference.kolommen import KOLOMMEN as GEMEENTE_KOLOMMEN
from doorstroom.taakstelling.core.overzicht import Overzicht
from doorstroom.taakstelling.core.report import REGEL_UITLEG, SOM_KOLOMMEN
from doorstroom.values.number_text import format_nl

WAT = "Taakstelling huisvesting vergunninghouders"
WET = "Huisvestingswet 2014, art. 28–31"


def _personen(naam: str, label: str, uitleg: str) -> Kolom:
    return Kolom(naam, label, Soort.personen, uitleg, som=naam in SOM_KOLOMMEN)


KOLOMMEN: dict[str, Kolom] = {
    **GEMEENTE_KOLOMMEN,
    **{
        k.naam: k
        for k in (
            _personen("taakstelling", "Taakstelling", "Aandeel van de gemeente in het landelijke totaal."),
            _personen(
                "ruil",
                "Ruil (art. 29 lid 2)",
                "Wijziging door een vastgelegde ruilafspraak tussen gemeenten; de som blijft gelijk.",
            ),
            _personen(
                "achterstand_overgenomen",
                "Achterstand overgenomen (art. 30)",
                "Achterstand of voorsprong van gemeenten die in deze gemeente zijn opgegaan.",
            ),
            _personen(
                "achterstand",
                "Achterstand vorige periode",
                "Achterstand (positief) of voorsprong (negatief) uit de vorige periode.",
            ),
            _personen(
                "gecorrigeerde_taakstelling",
                "Gecorrigeerde taakstelling",
                "Taakstelling plus achterstand, niet onder nul.",
            ),
            _personen(
                "resterende_voorsprong",
                "Resterende voorsprong",
                "Voorsprong die groter is dan de nieuwe taakstelling en doorloopt.",
            ),
            Kolom("peildatum", "Peildatum", Soort.datum, "Datum waarop de voortgang is beoordeeld."),
            Kolom("regel", "Rekenregel", uitleg="wet (art. 29 lid 1, naar boven), afronden of hamilton."),
            Kolom(
                "bevolking_peildatum",
                "Bevolking per",
                Soort.datum,
                "Datum van de CBS-bevolking waarop de verdeling rust (art. 29 lid 1: 1 januari van het "
                "jaar vóór het jaar van de periode).",
            ),
            Kolom("landelijk", "Landelijke taakstelling", Soort.personen, "Het landelijke aantal personen."),
            Kolom(
                "som_taakstelling",
                "Som van de gemeenten",
                Soort.personen,
                "Som van de gemeentelijke taakstellingen; kan door afronding afwijken van het landelijke.",
            ),
            Kolom(
                "realisatie_gemeld",
                "Realisatie gemeld",
                Soort.janee,
                "nee als het realisatiebestand geen cijfers voor deze gemeente bevatte.",
            ),
            Kolom("toelichting", "Toelichting", uitleg="Bijzonderheden van deze gemeente (herindeling)."),
            Kolom("corop", "COROP-gebied", uitleg="COROP-gebied (CBS 85755NED)."),
            _personen("gerealiseerd", "Gerealiseerd", "Gehuisveste personen in de periode tot de peildatum."),
            _personen("resterend", "Resterend", "Gecorrigeerde taakstelling min gerealiseerd."),
            Kolom(
                "percentage",
                "Gerealiseerd (%)",
                Soort.procent100,
                "Gerealiseerd als deel van de gecorrigeerde taakstelling.",
            ),
            Kolom(
                "verwacht",
                "Verwacht op peildatum",
                Soort.getal,
                "Gecorrigeerde taakstelling × verstreken hele maanden / 6.",
                decimalen=1,
            ),
            Kolom(
                "status",
                "Status",
                uitleg="op schema; licht achter (tekort ≤ 25 % van verwacht); ver achter.",
            ),
            _personen(
                "gekoppeld", "Gekoppeld", "Personen die het COA in de periode aan de gemeente koppelde."
            ),
            _personen(
                "binnen_termijn",
                "Gekoppeld, binnen termijn",
                "Gekoppeld maar nog binnen de drie maanden die de gemeente voor huisvesting heeft.",
            ),
            _personen("te_laat", "Gekoppeld, te laat", "Gekoppeld en na drie maanden niet gehuisvest."),
            _personen(
                "achterstand_nu",
                "Achterstand nu",
                "Achterstand (positief) of voorsprong (negatief) die meegaat naar de volgende periode.",
            ),
            _personen(
                "verschoonbaar",
                "Verschoonbaar",
                "Deel van de achterstand dat de gemeente niet is aan te rekenen (buiten schuld).",
            ),
            _personen("verwijtbaar", "Verwijtbaar", "Achterstand min het verschoonbare deel."),
            Kolom(
                "buiten_schuld",
                "Buiten schuld",
                Soort.janee,
                "ja als er een achterstand is en die geheel verschoonbaar is.",
            ),
            Kolom(
                "tvs_op_schema",
                "TVS: op schema",
                Soort.geheel,
                "Gekoppelde huishoudens in het dossier waarvan aanbod en verhuizing binnen de TVS-termijnen "
                "vallen (10 weken, 2 weken, 3 maanden).",
                som=True,
            ),
            Kolom(
                "tvs_te_laat",
                "TVS: te laat",
                Soort.geheel,
                "Gekoppelde huishoudens in het dossier waarvan een TVS-termijn verstreek zonder aanbod of "
                "verhuizing.",
                som=True,
            ),
            Kolom(
                "tvs_verschoonbaar",
                "TVS: verschoonbaar",
                Soort.geheel,
                "Gekoppelde huishoudens die te laat zijn zonder schuld van de gemeente (tijdig aanbod "
                "geweigerd) of die het COA zo laat in de periode koppelde dat verhuizen erna valt.",
                som=True,
            ),
            Kolom("gemeenten", "Gemeenten", Soort.geheel, "Aantal gemeenten in de regio.", som=True),
            Kolom("huishouden_ref", "Huishouden (pseudoniem)", uitleg="Pseudonieme referentie van het COA."),
            _personen("personen", "Personen", "Personen in het gekoppelde huishouden."),
            Kolom("koppeldatum", "Koppeldatum", Soort.datum, "Datum van de koppeling door het COA."),
            Kolom(
                "uiterste_datum",
                "Uiterste huisvestingsdatum",
                Soort.datum,
                "Koppeldatum plus drie maanden.",
            ),
            Kolom("dagen_te_laat", "Dagen te laat", Soort.geheel, "Dagen na de uiterste huisvestingsdatum."),
            Kolom("sleutel", "Verdeelsleutel", Soort.geheel, "Waarde van de eigen verdeelsleutel."),
        )
    },
}

REGELS = (
    Regel(
        "Verdeling",
        "Taakstelling = landelijk aantal × inwoners van de gemeente / inwoners van Nederland, beide "
        "volgens het CBS op 1 januari van het jaar vóór het jaar van de periode.",
        "Huisvestingswet 2014, art. 29 lid 1; halfjaarlijkse circulaire taakstelling",
    ),
    Regel(
        "Afronding",
        "wet: ieder aandeel naar boven afgerond (letter van art. 29 lid 1); afronden: rekenkundig op "
        "hele personen, zoals de gepubliceerde circulaires (standaard, zie docs/taakstelling.md); "
        "hamilton: grootste overschot, de som is precies het landelijke aantal.",
        "Huisvestingswet 2014, art. 29 lid 1; rekenregels van Doorstroom",
    ),
    Regel(
        "Ruil",
        "Gemeenten kunnen samen hun taakstellingen wijzigen, mits de som gelijk blijft.",
        "Huisvestingswet 2014, art. 29 lid 2",
    ),
    Regel(
        "Herindeling",
        "Voor gemeenten die op 1 januari samengaan stellen Gedeputeerde Staten het inwonertal vast; de "
        "achterstand of voorsprong van de oude gemeenten gaat over op de nieuwe.",
        "Huisvestingswet 2014, art. 30",
    ),
    Regel(
        "Achterstand en voorsprong",
        "Gecorrigeerde taakstelling = taakstelling + ruil + achterstand, niet onder nul; een grotere "
        "voorsprong loopt door als resterende voorsprong.",
        f"{WET}; circulaire taakstelling",
    ),
    Regel(
        "Buiten schuld",
        "Verschoonbaar zijn personen die het COA niet koppelde en gekoppelde personen binnen de "
        "termijn van drie maanden; de rest van de achterstand is verwijtbaar.",
        "Interbestuurlijk toezicht (Wet revitalisering generiek toezicht)",
    ),
)


def kop(wat: str, overzicht: Overzicht) -> Kop:
    """The title block from the statement's own accounting: rule, population date, national number."""
    v = overzicht.verantwoording
    bron = f"landelijk {format_nl(v.landelijk)} ({v.landelijk_bron}); bevolking: {v.bron}"
    return Kop(
        wat=wat,
        periode=str(overzicht.periode),
        peildatum=overzicht.peildatum,
        regel=f"{v.regel.value}: {REGEL_UITLEG[v.regel]}",
        bron=bron,
    )
