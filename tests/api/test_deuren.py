"""Issue 19, item 5: the API's smaller doors — each answered with the one error body, never a 500."""

from __future__ import annotations

import json
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.api.test_api import API, assert_probleem, maak


def _participatie(client: TestClient, headers: dict[str, str], uren: str) -> Any:
    """A participation event whose ``urenPerWeek`` is the raw JSON number ``uren``."""
    pid = maak(client, headers)["id"]
    body = (
        f'{{"persoonId": "{pid}", "soort": "participatie", "datum": "2026-09-01", '
        f'"gegevens": {{"soort": "werk", "urenPerWeek": {uren}}}}}'
    )
    return client.post(
        f"{API}/gebeurtenissen", content=body, headers={**headers, "Content-Type": "application/json"}
    )


@pytest.mark.parametrize("uren", ["1" + "0" * 400, "-" + "1" + "0" * 400, "1e400", "169"])
def test_a_number_beyond_its_domain_is_a_problem_naming_the_field_never_a_500(
    client: TestClient, als: dict[str, dict[str, str]], uren: str
) -> None:
    body = assert_probleem(_participatie(client, als["utrecht"], uren), 400)
    assert [p["name"].rsplit(".", 2)[-2:] for p in body["invalidParams"]] == [["gegevens", "urenPerWeek"]], (
        body
    )
    assert "1" + "0" * 20 not in json.dumps(body)  # the value sent is not echoed in full
