"""Accounts: local users with a role and scope, argon2 password hashes, revocable bearer tokens.

Roles (:class:`~doorstroom.accounts.domain.Rol`) decide *what* a user may see; the scope (own
municipality, own province) decides *whose* data. The access rules themselves live in
:mod:`doorstroom.accounts.toegang`, applied in every query of the case file.
"""
