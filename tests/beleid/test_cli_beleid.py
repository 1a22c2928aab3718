"""``doorstroom beleid`` as a user runs it (the installed script in a subprocess): adding a regime
from a file, and bad input exiting 2 with a Dutch message naming the field, never a traceback."""

from __future__ import annotations

import json
from pathlib import Path

from tests.beleid.test_regimes import GELDIG
from tests.cli.test_console_script import assert_clean, run


def test_an_operator_adds_a_regime_from_a_file_and_bad_input_exits_2(tmp_path: Path) -> None:
    assert_clean(run("db", "upgrade", cwd=tmp_path))
    (tmp_path / "slecht.toml").write_text(GELDIG.replace("= 24", "= 0"), encoding="utf-8")
    slecht = run("beleid", "voeg-toe", "--bestand", "slecht.toml", "--reden", "proef", cwd=tmp_path)
    assert_clean(slecht, 2)
    assert "slecht.toml" in slecht.stderr and "dossier.vergunningsduur_maanden" in slecht.stderr
    (tmp_path / "proef.toml").write_text(GELDIG, encoding="utf-8")
    assert_clean(run("beleid", "voeg-toe", "--bestand", "proef.toml", "--reden", "proef", cwd=tmp_path))
    lijst = run("beleid", "lijst", "--format", "json", cwd=tmp_path)
    assert_clean(lijst)
    rijen = {r["id"]: r for r in json.loads(lijst.stdout)}
    assert rijen["proef-regime"]["versie"] == 1
    assert rijen["proef-regime"]["geldend_recht"] == "GEEN GELDEND RECHT"
    onbekend = run("beleid", "toon", "proef-regiem", cwd=tmp_path)
    assert_clean(onbekend, 2)
    assert "proef-regime" in onbekend.stderr
    een = run("beleid", "vergelijk", "--regime", "wet-2024", cwd=tmp_path)
    assert_clean(een, 2)
    assert "twee regimes" in een.stderr
