"""Spreiding: reception places per province and municipality, and reception beside housing per region.

Legal basis: the *Wet gemeentelijke taak mogelijk maken asielopvangvoorzieningen* (Spreidingswet,
in force 1 February 2024). A capacity estimate (*capaciteitsraming*) sets the national number of
reception places; it is split over provinces and municipalities by population share, corrected by
the CBS SES-WOA score (amendment Kamerstuk 36 333 nr. 75). Existing durable places count toward a
municipality's number; each province hands in a plan that distributes its number over its
municipalities. See ``docs/spreiding.md`` for the sources and what could and could not be verified.

Pure core: :mod:`afronding`, :mod:`verdeling`, :mod:`correctie`, :mod:`duurzaam`, :mod:`plan`,
:mod:`opvang`, :mod:`regio`, :mod:`historie`, :mod:`domain`. Adapters: :mod:`io` (user files),
:mod:`models`/:mod:`repository` (the locations register), :mod:`service` and :mod:`register`
(use cases), :mod:`report` (rows for output).
"""
