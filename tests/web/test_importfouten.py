"""Issue 20 item 7 in the web app: an import's errors name file, row and column; names are accepted."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import Engine, text

from tests.web.conftest import formtoken, meld_aan

KOP = "huishouden_ref;vnummer;geslachtsnaam;geboortedatum;gemeentecode;koppeldatum\n"


def _importeer(web: TestClient, inhoud: str) -> tuple[int, str]:
    token = formtoken(web.get("/dossier").text)
    antwoord = web.post(
        "/dossier/importeer/koppellijst",
        data={"csrf": token},
        files={"bestand": ("koppellijst.csv", inhoud.encode(), "text/csv")},
    )
    return antwoord.status_code, antwoord.text


def test_the_form_shows_each_row_error_with_file_row_and_column(
    engine: Engine, web: TestClient, gebruikers: dict[str, str]
) -> None:
    meld_aan(web, "utrecht")
    status, pagina = _importeer(
        web,
        KOP
        + "H1;1234567890;Jansen;31-02-1990;Utrecht;2026-09-01\n"
        + "H2;1234567891;Ali;1990-01-01;Utreht;2026-09-01\n",
    )
    assert status == 422
    assert (
        "koppellijst.csv, rij 2, veld &#39;geboortedatum&#39;: &#39;31-02-1990&#39; is geen bestaande datum"
        in pagina
    )
    assert "koppellijst.csv, rij 3, veld &#39;gemeentecode&#39;: onbekende gemeente" in pagina
    assert "doorstroom-upload" not in pagina  # the server's temporary folder is not the user's file
    with engine.connect() as verbinding:
        assert verbinding.execute(text("select count(*) from dossier_persoon")).scalar_one() == 0


def test_a_municipality_named_by_name_is_stored_as_its_code(
    engine: Engine, web: TestClient, gebruikers: dict[str, str]
) -> None:
    meld_aan(web, "utrecht")
    status, _ = _importeer(web, KOP + "H1;1234567890;Jansen;1990-02-01;UTRECHT;2026-09-01\n")
    assert status == 200
    with engine.connect() as verbinding:
        assert verbinding.execute(text("select gemeentecode from dossier_persoon")).scalars().all() == [
            "GM0344"
        ]
