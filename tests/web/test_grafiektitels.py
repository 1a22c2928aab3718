"""Charts speak the user's words (issue 20, item 3): no series' machine name as a title and no
Plotly "50k" on an axis — titles come from the forecast's one table of series names."""

from __future__ import annotations

import json
import re

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from doorstroom.demo import laden
from doorstroom.platform.clock import vandaag
from doorstroom.prognose.core.reeksen import REEKSNAMEN, SERIES
from tests.web.conftest import meld_aan


@pytest.fixture
def demo(engine: Engine, gebruikers: dict[str, str]) -> None:
    laden.vul(engine, vandaag())


def test_every_series_has_a_name_in_words() -> None:
    assert set(SERIES) <= set(REEKSNAMEN) and not any("_" in naam for naam in REEKSNAMEN.values())


@pytest.mark.parametrize("pad", ["/scenario/prognoses/1", "/"])
def test_chart_titles_are_words_and_axes_count_in_dutch(web: TestClient, demo: None, pad: str) -> None:
    meld_aan(web, "coa")
    pagina = web.get(pad)
    assert pagina.status_code == 200
    titels = re.findall(r'<figcaption id="[^"]+" class="utrecht-heading-3">([^<]+)</figcaption>', pagina.text)
    assert titels and not [t for t in titels if "_" in t]
    figuren = re.findall(r'<script type="application/json" id="[^"]+-data">(.+?)</script>', pagina.text)
    assert len(figuren) == len(titels)
    for figuur in figuren:
        layout = json.loads(figuur)["layout"]
        assert layout["separators"] == ",." and layout["yaxis"]["tickformat"] == ",~f"
