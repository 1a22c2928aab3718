"""How the housing plan reads in a workbook: Dutch labels, formats, meanings, and the rules with their
sources for the Toelichting sheet. Column names are those of :mod:`doorstroom.huisvesting.core.rijen`."""

from __future__ import annotations

from doorstroom.files.workbook import Kolom, Regel, Soort

WAT = "Huisvestingsplan vergunninghouders"


def _p(naam: str, label: str, uitleg: str, som: bool = False) -> Kolom:
    return Kolom(naam, label, Soort.personen, uitleg, som=som)


def _e(naam: str, label: str, uitleg: str, som: bool = False) -> Kolom:
    return Kolom(naam, label, Soort.bedrag, uitleg, som=som)


_KOLOMMEN = (
    Kolom("maand", "Maand", uitleg="Kalendermaand (JJJJ-MM); het aanbod is de stand op de laatste dag."),
    _p("behoefte_nieuw", "Nieuwe behoefte", "Personen die deze maand een plek nodig hebben.", som=True),
    _p(
        "behoefte", "Behoefte (cumulatief)", "Personen die sinds de start van het plan een plek nodig hebben."
    ),
    _p("behoefte_p10", "Behoefte P10", "Cumulatieve behoefte bij de lage rand (P10) van de prognose."),
    _p("behoefte_p90", "Behoefte P90", "Cumulatieve behoefte bij de hoge rand (P90) van de prognose."),
    _p(
        "huishoudens",
        "Huishoudens",
        "Huishoudens in de cumulatieve behoefte (gekoppeld: werkelijk; anders geschat).",
    ),
    _p("aanbod", "Aanbod (plaatsen)", "Plaatsen die op de laatste dag van de maand beschikbaar zijn."),
    _p("gehuisvest", "Geplaatst", "Personen met een plek in een eenheid van hun klasse."),
    _p("saldo", "Saldo", "Behoefte min aanbod: positief is tekort, negatief overschot."),
    _p("tekort", "Tekort", "Personen zonder plek (per klasse opgeteld)."),
    _p("overschot", "Overschot", "Plaatsen zonder bewoner uit de eigen klasse."),
    _p("behoefte_5plus", "Behoefte 5+", "Cumulatieve behoefte van huishoudens van 5 personen en meer."),
    _p("aanbod_5plus", "Aanbod 5+", "Plaatsen in eenheden voor 5 personen en meer."),
    _p("tekort_5plus", "Tekort 5+", "Personen in grote huishoudens zonder plek."),
    _p(
        "eindigt",
        "Eindigt (plaatsen)",
        "Plaatsen van tijdelijke eenheden die deze maand niet meer tellen.",
        som=True,
    ),
    Kolom("achter", "Achter", uitleg="Ja als een klasse deze maand een tekort heeft."),
    Kolom(
        "bron",
        "Bron",
        uitleg="Waar de regel op rust: de behoefte van de maand, de aanbodregel of het bedrag.",
    ),
    Kolom("klasse", "Klasse", uitleg="Grootteklasse in personen: 1, 2, 3-4 of 5+."),
    _p("nieuw", "Nieuw", "Nieuwe behoefte in de klasse deze maand.", som=True),
    Kolom("kenmerk", "Kenmerk", uitleg="Eigen kenmerk van de gemeente voor de regel."),
    Kolom("naam", "Naam", uitleg="Project of locatie."),
    Kolom(
        "soort",
        "Soort",
        uitleg="Sociale huur, flexwoning, transformatie, onzelfstandige kamer, "
        "doorstroomlocatie, tussenvoorziening of hosting.",
    ),
    Kolom("eenheden", "Eenheden", Soort.geheel, "Aantal gelijke eenheden op de regel.", som=True),
    _p(
        "personen",
        "Personen per eenheid",
        "Personen die één eenheid kan huisvesten (2 per slaapkamer als alleen slaapkamers bekend zijn).",
    ),
    _p("plaatsen", "Plaatsen", "Eenheden maal personen per eenheid.", som=True),
    Kolom("beschikbaar", "Beschikbaar per", Soort.datum, "Eerste dag waarop de regel beschikbaar is."),
    Kolom("einde", "Einddatum", Soort.datum, "Laatste dag van een tijdelijke regel."),
    Kolom(
        "status",
        "Status",
        uitleg="Plan, in voorbereiding, beschikbaar of vervallen; bij regelingen: "
        "gepubliceerd of inschatting.",
    ),
    Kolom("telt_mee", "Telt mee", uitleg="Of het plan de regel meetelt (naar status)."),
    _e("kosten_eenmalig", "Kosten eenmalig", "Eigen kosten van de gemeente voor de hele regel, eenmalig."),
    _e("kosten_per_maand", "Kosten per maand", "Eigen kosten van de gemeente voor de hele regel, per maand."),
    Kolom("versie", "Versie", Soort.geheel, "Versienummer van de regel in het register."),
    Kolom("geregistreerd_op", "Geregistreerd op", uitleg="Wanneer deze versie is vastgelegd."),
    Kolom("geregistreerd_door", "Door", uitleg="Wie deze versie vastlegde."),
    Kolom("reden", "Reden", uitleg="Waarom (toelichting bij de wijziging)."),
    Kolom("periode", "Periode", uitleg="Maand of jaar."),
    _e("inkomsten", "Inkomsten", "Bedragen uit de regelingen in die periode.", som=True),
    _e("kosten", "Kosten", "Eigen kosten van het aanbod en kosten uit de tabel.", som=True),
    Kolom(
        "sleutel", "Sleutel", uitleg="Sleutel van de regeling in de tabel (aanbod:KENMERK voor eigen kosten)."
    ),
    Kolom("regeling", "Regeling", uitleg="Naam van de regeling."),
    Kolom("richting", "Richting", uitleg="Inkomsten of kosten."),
    Kolom("hoeveelheid", "Hoeveelheid", Soort.getal, "Grondslag maal aandeel in die maand."),
    Kolom("eenheid", "Eenheid", uitleg="Waarover het bedrag gaat."),
    _e("bedrag", "Bedrag", "Bedrag per eenheid (bij een bandbreedte de ondergrens)."),
    _e("bedrag_hoog", "Bedrag tot", "Bovengrens van een bandbreedte."),
    _e("totaal", "Totaal", "Hoeveelheid maal bedrag.", som=True),
    Kolom(
        "grondslag",
        "Grondslag",
        uitleg="Per persoon, per persoon per jaar, per persoon per dag, per eenheid of per opvangplaats.",
    ),
    Kolom("soorten", "Soorten", uitleg="Voor welke soorten eenheden de regeling geldt (leeg: alle)."),
    Kolom("aandeel", "Aandeel", Soort.procent, "Welk deel van de grondslag meetelt (leeg: onbekend)."),
    Kolom("geldig_van", "Geldig van", Soort.datum, "Begin van de geldigheid (leeg: onbekend)."),
    Kolom("geldig_tot", "Geldig tot", Soort.datum, "Einde van de geldigheid (leeg: open)."),
    Kolom("toelichting", "Toelichting", uitleg="Wat het bedrag inhoudt en wat niet bevestigd is."),
    Kolom("gemeentecode", "Gemeentecode"),
    Kolom("gemeentenaam", "Gemeente"),
    Kolom("provincie", "Provincie"),
    Kolom("achter_vanaf", "Achter vanaf", uitleg="Eerste maand met een tekort in een klasse."),
    Kolom(
        "achter_vanaf_5plus",
        "Achter vanaf (5+)",
        uitleg="Eerste maand met een tekort voor grote huishoudens.",
    ),
    _p(
        "eindigend",
        "Eindigend (plaatsen)",
        "Plaatsen van tijdelijke regels die binnen het plan eindigen.",
        som=True,
    ),
    Kolom("aanbodregels", "Aanbodregels", Soort.geheel, "Regels in het register van de gemeente.", som=True),
)
KOLOMMEN: dict[str, Kolom] = {k.naam: k for k in _KOLOMMEN}
GELDKOLOMMEN: dict[str, Kolom] = {
    **KOLOMMEN,
    "tekort": _e("tekort", "Tekort", "Kosten min inkomsten: wat de gemeente zelf betaalt."),
}
"""The money sheets: there ``tekort`` is in euro (costs minus income), not in persons."""

REGELS = (
    Regel(
        "Behoefte",
        "De resterende gecorrigeerde taakstelling van de lopende periode, gelijk over de resterende maanden; "
        "daarna de verwachte gehuisveste personen van de prognose (provincie maal aandeel inwoners). "
        "Gekoppelde huishoudens uit het dossier tellen als eerste, in de eerste maand.",
        "Huisvestingswet 2014, art. 28–31; docs/huisvesting.md",
    ),
    Regel(
        "Grootteklassen",
        "Een huishouden hoort bij klasse 1, 2, 3-4 of 5+; een eenheid bij de klasse van haar personen. "
        "Per klasse: saldo = behoefte − aanbod; een overschot in de ene klasse dekt geen tekort "
        "in een andere.",
        "Passend toewijzen; docs/huisvesting.md",
    ),
    Regel(
        "Achter op schema",
        "De eerste maand waarin een klasse meer behoefte dan plaatsen heeft.",
        "docs/huisvesting.md",
    ),
    Regel(
        "Tijdelijke eenheden",
        "Een eenheid telt in een maand als ze op de laatste dag beschikbaar is; na de einddatum niet meer.",
        "Regeling doorstroomlocaties (BWBR0050928); docs/huisvesting.md",
    ),
    Regel(
        "Geld",
        "Per regeling: grondslag maal aandeel maal bedrag, in maanden binnen de geldigheid; "
        "eigen kosten uit het aanbod. Tekort = kosten − inkomsten. "
        "Elke regel noemt bron en status (gepubliceerd of inschatting).",
        "Tabel met regelingen (versie in de kop); docs/huisvesting.md",
    ),
    Regel(
        "Afscherming",
        "Wie de personen niet mag zien, krijgt een plan waarin geen cijfer op minder dan 10 personen uit het "
        "dossier rust.",
        "AVG art. 5 lid 1 onder c",
    ),
)
