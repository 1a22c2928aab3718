"""Driving Debian's Chromium with Playwright for Python (never a downloaded browser), and axe-core.

Tests skip with a reason when /usr/bin/chromium is absent, unless ``DOORSTROOM_REQUIRE_BROWSER`` is
set (CI sets it; ``.ci/run`` installs the Debian package ``chromium``).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
VLAGGEN = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTEFACTEN = Path(__file__).resolve().parents[2] / "test-artefacts" / "web"
ERNSTIG = {"serious", "critical"}


def vereis_chromium() -> None:
    """Skip (or, in CI, fail) when Debian's Chromium is not installed."""
    if CHROMIUM.exists():
        return
    if os.environ.get("DOORSTROOM_REQUIRE_BROWSER"):
        pytest.fail(
            "DOORSTROOM_REQUIRE_BROWSER is gezet maar /usr/bin/chromium ontbreekt (apt-get install chromium)"
        )
    pytest.skip("Debian-pakket chromium niet geïnstalleerd (/usr/bin/chromium); browsertests overgeslagen")


def axe_schendingen(page: object) -> list[str]:
    """Serious or critical WCAG 2.1 A/AA violations on the page, as readable lines."""
    from axe_playwright_python.sync_playwright import Axe

    resultaat = Axe().run(
        page, options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {', '.join(str(n['target']) for n in v['nodes'][:3])}"
        for v in resultaat.response["violations"]
        if v.get("impact") in ERNSTIG
    ]
