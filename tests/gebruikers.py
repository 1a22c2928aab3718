"""The operator tests act as when they set up accounts (the command line's user on the server)."""

from __future__ import annotations

from doorstroom.accounts.domain import Gebruiker

SYSTEEM = Gebruiker.systeem("test")
