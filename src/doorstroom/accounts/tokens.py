"""Bearer tokens: random, shown once, stored only as a SHA-256 digest.

A token is 256 random bits, so a fast digest is enough to store it safely (unlike a password it
cannot be guessed from a dictionary); the digest makes a stolen database useless for logging in.
"""

from __future__ import annotations

import hashlib
import secrets

PREFIX = "dst_"


def nieuw_token() -> str:
    """A fresh token as the user will send it: ``Authorization: Bearer dst_...``."""
    return PREFIX + secrets.token_urlsafe(32)


def digest(token: str) -> str:
    """The stored form of a token."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def lijkt_op_token(tekst: str) -> bool:
    """True for text shaped like a Doorstroom token (not an OpenID Connect JWT)."""
    return tekst.startswith(PREFIX) and 20 <= len(tekst) <= 100
