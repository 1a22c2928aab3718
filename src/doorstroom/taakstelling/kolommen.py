"""How a taakstelling statement reads in a workbook: Dutch labels, formats, meanings, rules, sources.

The column names are those of :mod:`doorstroom.taakstelling.report`; which columns are summed in a
totals row is the same list :func:`~doorstroom.taakstelling.report.aggregeer` sums per region, so a
workbook's totals and a regional statement cannot disagree.
"""

from __future__ import annotations

from datetime import date

from doorstroom.number_text import format_nl
from doorstroom.reference.kolommen import BRON_CBS
from doorstroom.reference.kolommen import KOLOMMEN as GEMEENTE_KOLOMMEN
from doorstroom.taakstelling.report import SOM_KOLOMMEN
from doorstroom.taakstelling.verdeling import Afrondingsregel
from doorstroom.workbook import Kolom, Kop, Regel, Soort

WAT = "Taakstelling huisvesting vergunninghouders"
WET = "Huisvestingswet 2014, art. 28–31"
REGEL_TEKST = {
    Afrondingsregel.hamilton: "grootste overschot (Hamilton): som gelijk aan het landelijke totaal",
    Afrondingsregel.afronden: "afronden op hele personen (helft naar boven)",
}


def _personen(naam: str, label: str, uitleg: str) -> Kolom:
    return Kolom(naam, label, Soort.personen, uitleg, som=naam in SOM_KOLOMMEN)


KOLOMMEN: dict[str, Kolom] = {
    **GEMEENTE_KOLOMMEN,
    **{
        k.naam: k
        for k in (
            _personen("taakstelling", "Taakstelling", "Aandeel van de gemeente in het landelijke totaal."),
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
        "Het landelijke aantal wordt naar rato van de verdeelsleutel (standaard inwoners) over de "
        "gemeenten verdeeld en op hele personen afgerond.",
        f"{WET}; halfjaarlijkse circulaire taakstelling",
    ),
    Regel(
        "Afronding",
        "Hamilton: iedere gemeente krijgt het hele deel van haar aandeel; de resterende personen gaan "
        "naar de grootste restanten. Afronden: ieder aandeel op hele personen, helft naar boven.",
        "Rekenregel van Doorstroom (docs/taakstelling.md)",
    ),
    Regel(
        "Achterstand en voorsprong",
        "Gecorrigeerde taakstelling = taakstelling + achterstand, niet onder nul; een grotere "
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


def kop(
    wat: str,
    periode: object,
    *,
    regel: Afrondingsregel | None = None,
    sleutel: str = "inwoners",
    totaal: int | None = None,
    peildatum: date | None = None,
) -> Kop:
    """The title block of a taakstelling workbook: period, reference date, rule and source."""
    regeltekst = f"{REGEL_TEKST[regel]}; sleutel {sleutel}" if regel is not None else None
    bron = f"landelijk totaal {format_nl(totaal)} (circulaire); {BRON_CBS}" if totaal else BRON_CBS
    return Kop(wat=wat, periode=str(periode), peildatum=peildatum, regel=regeltekst, bron=bron)
