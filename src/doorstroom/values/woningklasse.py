"""Dwelling size classes: how many persons a household counts, and which homes it fits.

COA and municipalities allocate homes by household size (*passend toewijzen*): a single person, a
couple, a family of three or four, and large households of five and more, who need large homes
that are scarce. The koppeling counts dwellings per class and the housing plan balances supply
against need per class; both read the classes here, so a household is classed the same everywhere.
"""

from __future__ import annotations

WONINGKLASSEN = ("1", "2", "3-4", "5+")
"""Dwelling size classes by number of persons; a household fits its own class or a larger one."""

GROOT = WONINGKLASSEN[-1]
"""The class of large households (5 persons and more), shown apart in the housing plan."""


def woningklasse(grootte: int) -> int:
    """Index in :data:`WONINGKLASSEN` for a household (or a home) of ``grootte`` persons."""
    if grootte <= 2:
        return max(grootte, 1) - 1
    return 2 if grootte <= 4 else 3


def klasse(grootte: int) -> str:
    """The class label ("1", "2", "3-4", "5+") of ``grootte`` persons."""
    return WONINGKLASSEN[woningklasse(grootte)]
