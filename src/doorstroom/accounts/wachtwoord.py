"""Password hashing with argon2id (OWASP Password Storage; BIO 9.4.3): never stored in plain text."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from doorstroom.platform.errors import InputError, Problem

MINIMALE_LENGTE = 12
_hasher = PasswordHasher()


def hash_wachtwoord(wachtwoord: str) -> str:
    """An argon2id hash of ``wachtwoord``; refuses passwords shorter than 12 characters."""
    if len(wachtwoord) < MINIMALE_LENGTE:
        raise InputError(Problem(f"wachtwoord korter dan {MINIMALE_LENGTE} tekens", field="wachtwoord"))
    return _hasher.hash(wachtwoord)


def klopt(opgeslagen: str | None, wachtwoord: str) -> bool:
    """Whether ``wachtwoord`` matches the stored hash (False for accounts without a password)."""
    if not opgeslagen:
        _hasher.hash("tijd-gelijk-houden")  # same work either way: no user enumeration by timing
        return False
    try:
        return _hasher.verify(opgeslagen, wachtwoord)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def moet_opnieuw(opgeslagen: str) -> bool:
    """True when the hash uses older parameters and should be replaced at the next login."""
    return _hasher.check_needs_rehash(opgeslagen)
