"""The eleven-test (*elfproef*) for a burgerservicenummer, and the shape of a V-number.

A BSN has nine digits d1..d9 with 9·d1 + 8·d2 + ... + 2·d8 − 1·d9 divisible by 11 (Wet algemene
bepalingen burgerservicenummer; the test is published in the BRP *Logisch Ontwerp*). The test pads
an eight-digit number (a BSN that lost its leading zero in a spreadsheet) before checking it, but
the case file's BSN type (:data:`doorstroom.dossier.waarden.Bsn`) takes nine digits only, so such a
number is refused there: the user writes it with its zero. ``000000000`` passes the arithmetic but
is never issued, so it is refused. A V-number (*vreemdelingennummer*) is the
ten-digit number IND/COA give a foreign national (GGM *Vreemdeling.v-nummer*, AN10).
"""

from __future__ import annotations

import re

_BSN = re.compile(r"^[0-9]{8,9}$")
_VNUMMER = re.compile(r"^[0-9]{10}$")
GEWICHTEN = (9, 8, 7, 6, 5, 4, 3, 2, -1)


def normaliseer_bsn(tekst: str) -> str:
    """Digits only, padded to nine (``12345672`` → ``012345672``); spaces and dots removed."""
    schoon = tekst.strip().replace(" ", "").replace(".", "")
    return schoon.zfill(9) if _BSN.match(schoon) else schoon


def elfproef(bsn: str) -> bool:
    """True when ``bsn`` (nine ASCII digits) passes the eleven-test and is not all zeros."""
    if not re.fullmatch(r"[0-9]{9}", bsn) or bsn == "000000000":
        return False
    return sum(int(digit) * weight for digit, weight in zip(bsn, GEWICHTEN, strict=True)) % 11 == 0


def bsn_probleem(tekst: str) -> str | None:
    """Why ``tekst`` is not a valid BSN (Dutch, without echoing the number); None when valid."""
    bsn = normaliseer_bsn(tekst)
    if not re.fullmatch(r"[0-9]{9}", bsn):
        return "een BSN heeft 9 cijfers"
    if not elfproef(bsn):
        return "geen geldig BSN (elfproef mislukt)"
    return None


def vnummer_probleem(tekst: str) -> str | None:
    """Why ``tekst`` is not a V-number (ten digits); None when it is."""
    return None if _VNUMMER.match(tekst.strip()) else "een V-nummer heeft 10 cijfers"
