"""Labels, formats and meanings of the municipality columns, for workbooks (``doorstroom.files.workbook``).

Every context that shows municipalities reuses these, so a municipality looks the same in every
workbook Doorstroom writes.
"""

from __future__ import annotations

from doorstroom.files.workbook import Kolom, Soort

BRON_CBS = "CBS, gemeenten en inwoners op 1 januari 2024 (tabel 85984NED; CC BY 4.0)"

KOLOMMEN: dict[str, Kolom] = {
    k.naam: k
    for k in (
        Kolom("gemeentecode", "Gemeentecode", uitleg="CBS-code van de gemeente (GMxxxx)."),
        Kolom("gemeentenaam", "Gemeente", uitleg="Naam van de gemeente volgens CBS."),
        Kolom("provincie", "Provincie", uitleg="Provincie waarin de gemeente ligt (CBS)."),
        Kolom(
            "arbeidsmarktregio",
            "Arbeidsmarktregio",
            uitleg="Arbeidsmarktregio van de gemeente (CBS 86247NED).",
        ),
        Kolom("coropgebied", "COROP-gebied", uitleg="COROP-gebied van de gemeente (CBS 85755NED)."),
        Kolom(
            "inwoners",
            "Inwoners",
            Soort.personen,
            "Aantal inwoners op 1 januari 2024 (CBS); de standaard verdeelsleutel.",
            som=True,
        ),
        Kolom(
            "woningvoorraad",
            "Woningvoorraad",
            Soort.geheel,
            "Aantal woningen op 1 januari 2024 (CBS); een alternatieve verdeelsleutel.",
            som=True,
        ),
        Kolom("latitude", "Breedtegraad", Soort.getal, "Ligging van het gemeentehuis (WGS84).", decimalen=4),
        Kolom("longitude", "Lengtegraad", Soort.getal, "Ligging van het gemeentehuis (WGS84).", decimalen=4),
    )
}
