"""From an identity provider's claims to a Doorstroom role and scope: the one rule for every door.

A municipality's identity provider (ADFS, Keycloak, Entra ID) authenticates its staff; it may also
say what they are for, in a role claim (``DOORSTROOM_OIDC_ROLE_CLAIM``, a text or a list) and a
municipality claim (``DOORSTROOM_OIDC_MUNICIPALITY_CLAIM``, CBS code ``GM0344`` or ``0344``) or a
province claim. Both the browser login (:mod:`doorstroom.accounts.oidc_aanmelding`) and the API's
provider tokens (:func:`doorstroom.accounts.service.authenticeer`) ask this module, so a claim means
the same everywhere. Without a role claim the provider only authenticates and a local account linked
to the subject (``doorstroom gebruiker aanmaken --oidc-subject``) supplies role and scope. A role
Doorstroom does not know is refused, never guessed (BIO 9.2.3: rights granted explicitly).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass

from doorstroom.accounts import toegang
from doorstroom.accounts.domain import AANMAAKBARE_ROLLEN, Rol
from doorstroom.platform.errors import PermissionDenied

ROLNAMEN = ", ".join(rol.value for rol in AANMAAKBARE_ROLLEN)
CIJFERCODE = re.compile(r"^\d{1,4}$")


@dataclass(frozen=True)
class Claimnamen:
    """Which claims carry the role, the municipality and the province (settings)."""

    rol: str
    gemeente: str
    provincie: str


@dataclass(frozen=True)
class Toekenning:
    """The role and scope a provider asserts for one person."""

    rol: Rol
    gemeentecode: str | None = None
    provincie: str | None = None


def toekenning(claims: Mapping[str, object], namen: Claimnamen) -> Toekenning | None:
    """The asserted role and scope; None without a role claim; PermissionDenied when unusable."""
    if claims.get(namen.rol) in (None, "", []):
        return None
    rol = _rol(claims[namen.rol])
    gemeentelijk, provinciaal = toegang.bereikvelden(rol)
    gemeente = _gemeentecode(claims.get(namen.gemeente)) if gemeentelijk else None
    provincie = _tekst(claims.get(namen.provincie)) if provinciaal else None
    if toegang.bereikproblemen(rol, gemeente, provincie):
        wat = "gemeente" if gemeentelijk else "provincie"
        raise PermissionDenied(
            f"De identity provider noemt de rol {rol.value} maar geen (geldige) {wat}; "
            "vraag de beheerder van de identity provider dit aan te vullen."
        )
    return Toekenning(rol, gemeente, provincie)


def _rol(waarde: object) -> Rol:
    gegeven = [waarde] if isinstance(waarde, str) else waarde if isinstance(waarde, list) else []
    bekend = {Rol(w) for w in gegeven if isinstance(w, str) and w in {r.value for r in AANMAAKBARE_ROLLEN}}
    if not bekend:
        raise PermissionDenied(
            f"Uw rol bij de identity provider is in Doorstroom onbekend. Vraag de beheerder een van "
            f"deze rollen toe te kennen: {ROLNAMEN}."
        )
    if len(bekend) > 1:
        raise PermissionDenied(
            "De identity provider kent u meer dan één Doorstroom-rol toe; dat kan niet. "
            "Vraag de beheerder u één rol te geven."
        )
    return bekend.pop()


def _gemeentecode(waarde: object) -> str | None:
    """``GM0344``, ``gm0344``, ``0344`` and ``344`` all mean GM0344; anything else is no code."""
    tekst = _tekst(waarde)
    if tekst is None:
        return None
    if CIJFERCODE.match(tekst):
        return f"GM{int(tekst):04d}"
    return tekst.upper() if re.fullmatch(r"(?i)gm\d{4}", tekst) else None


def _tekst(waarde: object) -> str | None:
    """A claim's text, trimmed and at most 100 characters; None for anything else or nothing."""
    if not isinstance(waarde, str):
        return None
    return waarde.strip()[:100] or None


def gebruikersnaam(issuer: str, subject: str) -> str:
    """The account name of a provider's user: pseudonymous and stable (``idp-`` and 12 hex digits).

    The subject itself can be an e-mail address or an employee number; the name is shown in the
    audit trail and on screen, so it is a digest. The account keeps issuer and subject, so every
    line stays attributable to the person by whoever may look that up.
    """
    return "idp-" + hashlib.sha256(f"{issuer}\n{subject}".encode()).hexdigest()[:12]
