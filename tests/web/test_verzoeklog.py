"""The server log says which request each line is about (issue 20, item 11): ``doorstroom demo``
printed ``INFO doorstroom.web verzoek`` and nothing more, since its text format dropped the fields."""

from __future__ import annotations

import logging
import logging.config
import re

import pytest
from fastapi.testclient import TestClient

from doorstroom.api.logboek import configureer
from tests.web.conftest import meld_aan


def _als_tekst(record: logging.LogRecord) -> str:
    """The record as the text log of ``doorstroom demo`` writes it."""
    configuratie = configureer("text")
    formaat = configuratie["formatters"]["standaard"]  # type: ignore[index]
    formatter = logging.config.DictConfigurator(configuratie).configure_formatter(formaat)
    return str(formatter.format(record))


def test_each_request_is_logged_with_method_route_status_and_duration(
    web: TestClient, gebruikers: dict[str, str], caplog: pytest.LogCaptureFixture
) -> None:
    meld_aan(web, "utrecht")
    caplog.set_level(logging.INFO, logger="doorstroom")
    antwoord = web.get("/dossier/personen/zzz-persoon?naam=Geheimnaam&bsn=123456782")
    [record] = [r for r in caplog.records if r.name == "doorstroom.web" and r.getMessage() == "verzoek"]
    regel = _als_tekst(record)
    verwacht = rf"verzoek method=GET route=/dossier/personen/\{{persoon_id\}} status={antwoord.status_code} "
    assert re.search(verwacht + r"ms=\d+(\.\d+)? request_id=[0-9a-f]{16}$", regel), regel
    for persoonlijk in ("zzz-persoon", "Geheimnaam", "123456782", "?"):
        assert persoonlijk not in regel
