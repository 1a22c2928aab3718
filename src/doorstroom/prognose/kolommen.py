"""How the forecast's tables read in a workbook: Dutch labels, formats and meanings, and its rules.

The machine names are those of :mod:`doorstroom.prognose.uitvoer` (they stay in CSV and JSON);
persons are whole numbers here because a forecast of ``2091.77`` persons suggests a precision the
model does not have. The title block carries what the numbers rest on — published figures, fits,
judgements or examples (:func:`~doorstroom.prognose.uitvoer.kenmerk`) — on every sheet.
"""

from __future__ import annotations

from doorstroom.files.workbook import Kolom, Regel, Soort


def _band(naam: str, label: str) -> Kolom:
    return Kolom(naam, label, Soort.getal, f"{label} van de gesimuleerde paden.", decimalen=0)


KOLOMMEN: dict[str, Kolom] = {
    k.naam: k
    for k in (
        Kolom("reeks", "Reeks", uitleg="Voorraad of stroom in de keten (docs/prognose.md)."),
        Kolom("maand", "Maand", uitleg="Prognosemaand (jjjj-mm)."),
        _band("p10", "P10"),
        _band("p50", "P50 (mediaan)"),
        _band("p90", "P90"),
        Kolom("grootheid", "Grootheid", uitleg="Wat de regel samenvat."),
        Kolom("maat", "Maat", uitleg="P10, P50, P90 of een kans."),
        Kolom(
            "kans_overschrijding",
            "Kans op overschrijding",
            Soort.procent,
            "Aandeel van de paden waarin de COA-bezetting de capaciteit overschrijdt.",
        ),
        Kolom(
            "flexbuffer",
            "Flexbuffer",
            Soort.personen,
            "Extra plaatsen waarmee de bezetting met de gekozen zekerheid onder de capaciteit blijft.",
        ),
        Kolom("provincie", "Provincie"),
        Kolom("plaatsen_invoer", "Opvangplaatsen (invoer)", Soort.personen, "Plaatsen waarmee is gerekend."),
        Kolom(
            "max_kans_overschrijding",
            "Hoogste kans op overschrijding",
            Soort.procent,
            "De hoogste maandelijkse kans dat de bezetting de plaatsen van de provincie overschrijdt.",
        ),
        Kolom("bezetting_eind_p50", "Bezetting einde (P50)", Soort.personen),
        Kolom("wachtend_eind_p50", "Wachtende vergunninghouders einde (P50)", Soort.personen),
        Kolom("achterstand_eind_p50", "Achterstand einde (P50)", Soort.personen),
        Kolom("periode", "Periode", uitleg="Halfjaar (jjjj-1 of jjjj-2)."),
        Kolom("maanden", "Maanden", Soort.geheel, "Prognosemaanden van het halfjaar."),
        Kolom("doel_wachtend", "Doel wachtenden", Soort.personen, "Doel voor wachtende vergunninghouders."),
        Kolom("gepland", "Gepland", Soort.personen, "Landelijke taakstelling in het scenario."),
        Kolom("gepubliceerd", "Gepubliceerd", Soort.personen, "Gepubliceerde landelijke taakstelling."),
        Kolom(
            "benodigd",
            "Benodigd",
            Soort.personen,
            "Landelijke taakstelling die het doel met de gekozen zekerheid haalt.",
        ),
        Kolom("benodigd_mediaan", "Benodigd (mediaan)", Soort.personen, "Idem met kans één half."),
        Kolom(
            "aandeel_onhaalbaar",
            "Aandeel onhaalbaar",
            Soort.procent,
            "Aandeel van de paden waarin het doel ook met de hoogste taakstelling niet gehaald wordt.",
        ),
        Kolom("parameter", "Parameter"),
        Kolom("waarde", "Waarde", Soort.getal, decimalen=3),
        Kolom("eenheid", "Eenheid"),
        Kolom("verdeling", "Verdeling", uitleg="Kansverdeling van de onzekerheid."),
        Kolom("laag", "Laag", Soort.getal, decimalen=3),
        Kolom("hoog", "Hoog", Soort.getal, decimalen=3),
        Kolom("sd", "Standaardafwijking", Soort.getal, decimalen=3),
        Kolom(
            "herkomst",
            "Herkomst",
            uitleg="gepubliceerd, afgeleid (volgens een vaste regel), gefit (op een historie) of oordeel.",
        ),
        Kolom("spreiding", "Herkomst spreiding", uitleg="Herkomst van de onzekerheidsband."),
        Kolom("datum", "Datum", uitleg="Datum van het cijfer of de publicatie."),
        Kolom("bron", "Bron"),
        Kolom("standaardfout", "Standaardfout", Soort.getal, decimalen=3),
        Kolom("bestand", "Bestand", uitleg="Historiebestand waarop is gefit."),
        Kolom("kolommen", "Kolommen"),
        Kolom("perioden", "Perioden", uitleg="Gebruikte perioden van de historie."),
        Kolom("waarnemingen", "Waarnemingen", Soort.geheel),
        Kolom("afkap", "Afkap", uitleg="Laatste periode waarop is gefit; daarna is voorspeld."),
        Kolom(
            "mape", "MAPE", Soort.procent, "Gemiddelde absolute fout van de mediaan, als deel van de waarde."
        ),
        Kolom(
            "dekking", "Dekking P10–P90", Soort.procent, "Aandeel van de werkelijke waarden binnen P10–P90."
        ),
        Kolom("werkelijk", "Werkelijk", Soort.personen, "Gepubliceerde waarde."),
        Kolom("jaar", "Jaar"),
        Kolom("uitgave", "Uitgave MPP"),
        Kolom("mpp_minimum", "MPP minimum", Soort.personen),
        Kolom("mpp_maximum", "MPP maximum", Soort.personen),
        Kolom("vanaf", "Prognose vanaf"),
    )
}

REGELS = (
    Regel(
        "Monte-Carlo",
        "Elk pad trekt instroom, beslissingen, huisvesting en vertrek uit hun kansverdelingen; P10, P50 "
        "en P90 zijn de 10e, 50e en 90e percentielen over de paden per maand.",
        "docs/prognose.md",
    ),
    Regel(
        "Huisvesting",
        "De maandelijkse opgave volgt de taakstelling plus de meegenomen achterstand; de "
        "realisatiegraad wordt per halfjaar getrokken uit de gepubliceerde halfjaren.",
        "Huisvestingswet 2014, art. 28–30; gepubliceerde landelijke realisatie",
    ),
    Regel(
        "Herkomst",
        "Ieder getal draagt zijn herkomst: gepubliceerd, afgeleid, gefit of oordeel; wat oordeel is, "
        "staat in de titel en op het blad parameters.",
        "docs/prognose.md",
    ),
)
