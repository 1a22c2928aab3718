"""Small input files for the koppeling, written per test."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

HUISHOUDENS = """huishouden_id,volwassenen,kinderen,opleidingen,sectoren,opvang_gemeente,\
binding_gemeente,binding,netwerk_gemeenten,zorg,voorkeur_regio
H1,1,0,hoger,zorg,GM0363,,,,,
H2,2,2,middelbaar|basis,bouw|-,GM0599,,,GM0344,,Utrecht
H3,1,0,geen,-,GM0014,GM0014,werkcontract,,,
"""
CAPACITEIT = """gemeentecode,capaciteit,woningen_1,woningen_2,woningen_3_4,woningen_5plus,zorg,onderwijs
GM0363,4,2,1,1,0,dialyse,hbo|mbo|nieuwkomersonderwijs
GM0599,4,1,0,1,0,,mbo|nieuwkomersonderwijs
GM0344,4,1,0,1,0,,hbo
GM0014,2,1,0,0,0,,hbo
"""


@pytest.fixture
def invoer(csv_file: Callable[[str, str], Path]) -> tuple[Path, Path]:
    """A valid households file and capacity file."""
    return csv_file("huishoudens.csv", HUISHOUDENS), csv_file("capaciteit.csv", CAPACITEIT)
