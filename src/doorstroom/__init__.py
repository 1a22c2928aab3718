"""Doorstroom: a plannable asylum-to-integration chain for Dutch municipalities."""

__version__ = "0.1.0"
