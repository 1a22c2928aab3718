"""Fixtures of the spreiding tests: a synthetic locations file over the embedded municipalities."""

from __future__ import annotations

import csv
import random
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest

from doorstroom.reference.io import embedded_gemeenten

KOPPEN = ("locatie_id", "naam", "soort", "gemeente", "capaciteit", "bezetting", "vergunninghouders",
          "amv_capaciteit", "opening", "sluiting", "duurzaam", "toelichting")  # fmt: skip


def synthetische_locaties(seed: int = 7, per_provincie: int = 4) -> list[dict[str, object]]:
    """SYNTHETIC reception locations: a few per province, with occupancy and permit holders."""
    rng = random.Random(seed)
    per_naam: dict[str, list[str]] = {}
    for g in embedded_gemeenten():
        per_naam.setdefault(g.provincie, []).append(g.code)
    rijen: list[dict[str, object]] = []
    for nummer, (provincie, codes) in enumerate(sorted(per_naam.items()), start=1):
        for index in range(per_provincie):
            capaciteit = rng.choice([60, 150, 300, 500, 800, 1200])
            bezetting = rng.randint(capaciteit // 2, capaciteit)
            opening = date(2018, 1, 1) + timedelta(days=rng.randint(0, 2500))
            rijen.append(
                {
                    "locatie_id": f"SYN-{nummer:02d}-{index}",
                    "naam": f"SYNTHETISCH {provincie} {index}",
                    "soort": rng.choice(["azc", "azc", "noodopvang", "amv"]),
                    "gemeente": rng.choice(codes),
                    "capaciteit": capaciteit,
                    "bezetting": bezetting,
                    "vergunninghouders": rng.randint(0, bezetting // 3),
                    "amv_capaciteit": "",
                    "opening": opening.isoformat(),
                    "sluiting": "" if rng.random() < 0.7 else (opening + timedelta(days=3000)).isoformat(),
                    "duurzaam": "",
                    "toelichting": "",
                }
            )
    return rijen


def schrijf_csv(path: Path, rijen: list[dict[str, object]]) -> Path:
    """Write rows as a comma-separated CSV with the locations header."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(KOPPEN))
        writer.writeheader()
        writer.writerows(rijen)
    return path


@pytest.fixture
def locatiebestand(tmp_path: Path) -> Callable[..., Path]:
    """Write the synthetic locations (or given rows) to a CSV and return its path."""

    def maak(rijen: list[dict[str, object]] | None = None, naam: str = "locaties.csv") -> Path:
        return schrijf_csv(tmp_path / naam, synthetische_locaties() if rijen is None else rijen)

    return maak
