"""A person's name as Dutch lists order it and as a case worker searches for it.

Dutch registers file a surname under its main part, not its prefix (*voorvoegsel*): "de Vries"
stands under V, beside "Vries, de" and before "Yusuf"; upper or lower case and accents do not change
the place. The BRP keeps the prefix as a separate field (*voorvoegsel geslachtsnaam*, Logisch
Ontwerp BRP, element 02.30); a case file holds the surname as written, so the prefix is read off its
start here. Sorting and searching both use :func:`sorteernaam`, so a name is found the way it is
filed.
"""

from __future__ import annotations

import re

from doorstroom.values.suggest import fold

VOORVOEGSELS = frozenset(
    {
        "'s", "'t", "a", "aan", "af", "al", "am", "an", "auf", "aus", "bij", "d'", "da", "das", "de",
        "del", "della", "den", "der", "des", "di", "die", "do", "dos", "du", "el", "het", "in", "l'",
        "la", "las", "le", "les", "lo", "los", "met", "o'", "of", "onder", "op", "over", "te", "ten",
        "ter", "tot", "uit", "uijt", "van", "vande", "vanden", "vander", "voor", "vom", "von", "zu",
        "zum", "zur",
    }
)  # fmt: skip
"""Prefixes as the BRP's table of *voorvoegsels* writes them (Dutch and common foreign), lower case."""

LENGTE = 400
"""A stored key's length: longer keys (two 200-character names, expanded) are cut, which keeps their order."""

_WOORD = re.compile(r"[^\W_]+'?|'[^\W_]+", re.UNICODE)


def woorden(tekst: str) -> list[str]:
    """The words of a name or a search, folded as names are compared (:func:`~doorstroom.values.suggest.fold`:
    case and accents aside) with apostrophes kept (``'t``, ``d'``)."""
    return _WOORD.findall(fold(tekst).replace("’", "'"))


def hoofdnaam(geslachtsnaam: str) -> tuple[list[str], list[str]]:
    """The surname split into its prefix words and its main part (never an empty main part)."""
    delen = woorden(geslachtsnaam)
    voor = 0
    while voor < len(delen) - 1 and delen[voor] in VOORVOEGSELS:
        voor += 1
    return delen[:voor], delen[voor:]


def sorteernaam(geslachtsnaam: str, voornamen: str | None = None) -> str:
    """The key a list of persons is ordered and searched by: main surname, prefix, first names.

    ``sorteernaam("de Vries", "Sanne") == "vries de sanne"``, which sorts before ``"yusuf"``.
    """
    voorvoegsel, hoofd = hoofdnaam(geslachtsnaam)
    return " ".join([*hoofd, *voorvoegsel, *woorden(voornamen or "")])[:LENGTE]


def weergavenaam(geslachtsnaam: str, voornamen: str | None) -> str:
    """The name as a list shows it: ``de Vries, Sanne`` (surname as written, then first names)."""
    return f"{geslachtsnaam}, {voornamen}" if voornamen else geslachtsnaam


def zoektermen(zoekopdracht: str) -> list[str]:
    """The words a search must all find in a :func:`sorteernaam`, in any order."""
    return woorden(zoekopdracht)
