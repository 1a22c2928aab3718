"""Statistical disclosure control (*afscherming*): no figure from fewer than ten persons.

A count of persons shown to someone who may not see those persons can identify one of them when it
is small (AVG art. 5(1)(c), data minimisation; CBS publishes no cell below 10 for the same reason).
Such a count is shown only from :data:`MINIMUM` persons up; below it the figure is withheld and
pages, files and the API say "< 10" (:data:`TEKST`). Who may see exact counts is the access rule's
question (:meth:`doorstroom.accounts.toegang.Bereik.exact_aantal`); this module only hides.
"""

from __future__ import annotations

MINIMUM = 10
"""The smallest number of persons a shown figure may rest on."""

TEKST = "< 10"
"""How a withheld figure reads in pages, files and messages."""


def toon(aantal: int) -> int | None:
    """``aantal`` when it rests on at least :data:`MINIMUM` persons or is zero, else None."""
    return aantal if aantal == 0 or aantal >= MINIMUM else None


def tekst(aantal: int | None) -> str:
    """A possibly withheld count as text for a page or a file cell."""
    return TEKST if aantal is None else str(aantal)
