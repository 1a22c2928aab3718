"""``doorstroom demo``: a local database with a SYNTHETIC case load, demo accounts, and the web app.

Everything the demo creates is made up (names, V-numbers, locations, realisation figures) and is
labelled as such: the web pages carry a red *DEMO — synthetische gegevens* mark, the koppeling run
and the locations say SYNTHETISCH. The generator (:mod:`doorstroom.demo.gegevens`) is pure and
seeded, so every installation gets the same demo; the loader (:mod:`doorstroom.demo.laden`) puts it
in through the contexts' own services and skips every step already done, so starting the demo twice
duplicates nothing.
"""
