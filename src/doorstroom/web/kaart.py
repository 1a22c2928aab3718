"""Maps as inline SVG, drawn on the server from GeoJSON boundaries (no tiles, no internet, no script).

The embedded boundaries are CBS/Kadaster's municipal (2025) and provincial (2023) divisions, as
simplified by the cartomap/nl project (see docs/data-sources.md); ``DOORSTROOM_BOUNDARY_FILE``
replaces the municipal file with a newer one (GeoJSON, WGS84, a ``statcode`` per feature). The
projection is equirectangular with the longitude scaled by cos(52°): at the Netherlands' size the
distortion is invisible. A map is never the only way to read its figures: every page that draws one
also shows the table.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from doorstroom.platform.errors import ConfigurationError
from doorstroom.platform.settings import get_settings

BREEDTE = 600.0
COS_LAT = math.cos(math.radians(52.2))
BRON = "Bron: CBS, Kadaster (CBS Gebiedsindelingen via PDOK); vereenvoudigd door cartomap/nl"


@dataclass(frozen=True)
class Vlakken:
    """The paths of one boundary file, by statcode (GM0344, PV26), in a shared view box."""

    paden: dict[str, str]
    namen: dict[str, str]
    hoogte: float
    bron: str


@dataclass(frozen=True)
class Vlak:
    """One area on a drawn map: its path, its colour class and its tooltip."""

    code: str
    pad: str
    klasse: str
    titel: str


def _ingebouwd(naam: str) -> Path:
    return Path(str(resources.files("doorstroom.web") / "data" / "grenzen" / naam))


def gemeentegrenzen() -> Vlakken:
    """Municipal boundaries: the configured file, else the embedded CBS 2025 division."""
    gekozen = get_settings().boundary_file
    if gekozen is None:
        return _lees(str(_ingebouwd("gemeente_2025.geojson")), BRON)
    return _lees(str(gekozen), f"Bron: {Path(gekozen).name} (ingesteld met DOORSTROOM_BOUNDARY_FILE)")


def provinciegrenzen() -> Vlakken:
    """Provincial boundaries (embedded CBS 2023 division)."""
    return _lees(str(_ingebouwd("provincie_2023.geojson")), BRON)


@lru_cache(maxsize=8)
def _lees(pad: str, bron: str) -> Vlakken:
    try:
        features = json.loads(Path(pad).read_text(encoding="utf-8"))["features"]
        ringen = {str(f["properties"]["statcode"]): _ringen(f["geometry"]) for f in features}
        namen = {str(f["properties"]["statcode"]): str(f["properties"].get("statnaam", "")) for f in features}
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise ConfigurationError(
            f"grenzenbestand {Path(pad).name} is geen GeoJSON met 'statcode' per vlak "
            f"({type(error).__name__})"
        ) from None
    return _projecteer(ringen, namen, bron)


def _ringen(geometrie: Mapping[str, Any]) -> list[list[tuple[float, float]]]:
    if geometrie["type"] == "Polygon":
        return [[(float(x), float(y)) for x, y, *_ in ring] for ring in geometrie["coordinates"]]
    if geometrie["type"] == "MultiPolygon":
        return [
            [(float(x), float(y)) for x, y, *_ in ring] for poly in geometrie["coordinates"] for ring in poly
        ]
    raise ValueError(geometrie["type"])


def _projecteer(
    ringen: dict[str, list[list[tuple[float, float]]]], namen: dict[str, str], bron: str
) -> Vlakken:
    punten = [p for rs in ringen.values() for ring in rs for p in ring]
    if not punten:
        raise ValueError("leeg")
    x0, x1 = min(p[0] for p in punten) * COS_LAT, max(p[0] for p in punten) * COS_LAT
    y0, y1 = min(p[1] for p in punten), max(p[1] for p in punten)
    schaal = BREEDTE / (x1 - x0)

    def punt(p: tuple[float, float]) -> str:
        return f"{(p[0] * COS_LAT - x0) * schaal:.1f},{(y1 - p[1]) * schaal:.1f}"

    paden = {
        code: " ".join("M" + " L".join(punt(p) for p in ring) + "Z" for ring in rs)
        for code, rs in ringen.items()
    }
    return Vlakken(paden, namen, round((y1 - y0) * schaal, 1), bron)


def vlakken(grenzen: Vlakken, klassen: Mapping[str, str], titels: Mapping[str, str]) -> Iterable[Vlak]:
    """The areas to draw: every boundary, coloured by ``klassen`` (grey when it has none)."""
    for code, pad in grenzen.paden.items():
        naam = grenzen.namen.get(code, code)
        yield Vlak(code, pad, klassen.get(code, "kaart--geen"), titels.get(code, f"{naam}: geen gegevens"))
