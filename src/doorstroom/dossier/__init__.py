"""The person-centric case file (*dossier*): one file from reception through housing into inburgering.

Pure core: :mod:`bsn` (eleven-test), :mod:`gebeurtenissen` (event catalogue, DUO/GGM names),
:mod:`tijdlijn` (phase and timeline rules), :mod:`termijnen` (legal deadlines), :mod:`toegang`
(who sees what). Adapters: :mod:`models`, :mod:`repository` (every query scoped by
:class:`~doorstroom.accounts.toegang.Bereik`), :mod:`io` (import files), the services.
See ``docs/dossier.md``.
"""
