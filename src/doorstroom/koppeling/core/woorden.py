"""The koppeling's machine words as a planner reads them on a page.

Runs store their status and method as the words the CSV, JSON and API carry (``optimal``,
``highs``; ``docs/koppeling.md``, "Status"); a page in Dutch says what they mean. One table, so
every page says the same; a word not in it is shown as it is.
"""

from __future__ import annotations

WOORDEN = {
    "optimal": "optimaal",
    "feasible": "iedereen gekoppeld, optimum niet bewezen",
    "partial": "gedeeltelijk gekoppeld",
    "infeasible": "niemand te koppelen",
    "highs": "optimaliseren (HiGHS)",
    "ortools": "optimaliseren (OR-Tools)",
    "greedy": "huidige praktijk (greedy)",
}


def woord(machinewoord: object) -> str:
    """The Dutch words for a status or method of a run (``optimal`` → ``optimaal``)."""
    tekst = str(getattr(machinewoord, "value", machinewoord))
    return WOORDEN.get(tekst, tekst)
