"""Beleid: policy as dated rule sets — the chain under the law as it changes, side by side (issue 24).

Regimes are files (``regimes/``, TOML) validated by :mod:`~doorstroom.beleid.core.schema` and
combined by :mod:`~doorstroom.beleid.core.combineren`; :mod:`~doorstroom.beleid.vertaling` hands each
context its own small parameter object; ``service.py`` is the one door. See ``docs/beleid.md``.
"""
