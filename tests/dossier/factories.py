"""Factories with Dutch data (Faker nl_NL) for persons, BSNs and V-numbers; never real people."""

from __future__ import annotations

import random
from datetime import date
from typing import Any

from faker import Faker

from doorstroom.dossier.bsn import GEWICHTEN

_faker = Faker("nl_NL")


def seed(value: int) -> None:
    """Make the factories repeatable within a test."""
    Faker.seed(value)
    random.seed(value)


def bsn(rng: random.Random | None = None) -> str:
    """A random nine-digit number that passes the eleven-test (as test BSNs do)."""
    rng = rng or random.Random()
    while True:
        digits = [rng.randint(0, 9) for _ in range(8)]
        rest = sum(d * w for d, w in zip(digits, GEWICHTEN[:8], strict=True)) % 11
        if rest <= 9 and any(digits):
            return "".join(map(str, digits)) + str(rest)


def vnummer(rng: random.Random | None = None) -> str:
    """A random ten-digit V-number."""
    rng = rng or random.Random()
    return "".join(str(rng.randint(0, 9)) for _ in range(10))


def persoon(**overrides: Any) -> dict[str, Any]:
    """An API body for a new person with a Dutch name (overridable)."""
    body: dict[str, Any] = {
        "geslachtsnaam": _faker.last_name(),
        "voornamen": _faker.first_name(),
        "geboortedatum": _faker.date_between(date(1950, 1, 1), date(2020, 12, 31)).isoformat(),
    }
    body.update(overrides)
    return {k: v for k, v in body.items() if v is not None}
