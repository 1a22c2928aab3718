"""Unknown names are errors that list the valid names, closest first.

Users type names (a municipality, a region, a scenario key, a column) the way they know them:
"Friesland" where CBS writes "Fryslân", "Den Haag" where CBS writes "'s-Gravenhage". A name that is
not known is never silently scored as zero or dropped: the error says which names are valid,
the most similar first, so the user can correct the file in one go. This module is the one place
that decides what "similar" means; every context calls it.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterable

MAX_SUGGESTIONS = 5


def fold(text: str) -> str:
    """Compare-form of a name: lower case, accents removed, spaces collapsed (Fryslân ~ fryslan)."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(plain.casefold().split())


def find(text: str, candidates: Iterable[str]) -> str | None:
    """The candidate ``text`` names: exactly, else the one equal after :func:`fold`; None if none."""
    options = set(candidates)
    if text in options:
        return text
    folded = [option for option in options if fold(option) == fold(text)]
    return folded[0] if len(folded) == 1 else None


def closest(text: str, candidates: Iterable[str], limit: int = MAX_SUGGESTIONS) -> list[str]:
    """Up to ``limit`` candidates most similar to ``text``, best first (all of them if few)."""
    options = sorted(set(candidates))
    folded = fold(text)
    ranked = sorted(
        options,
        key=lambda option: (-difflib.SequenceMatcher(None, folded, fold(option)).ratio(), option),
    )
    return ranked[:limit]


def unknown_message(kind: str, text: str, candidates: Iterable[str]) -> str:
    """'onbekende regio 'Friesland'; bedoelt u: Fryslân, ...' with the closest names first."""
    options = list(candidates)
    suggestions = closest(text, options)
    more = len(set(options)) - len(suggestions)
    tail = f" (en nog {more})" if more > 0 else ""
    return f"onbekende {kind} '{text}'; geldig zijn onder meer: {', '.join(suggestions)}{tail}"
