"""The chain at a glance: where the engines meet (prognose → taakstelling → koppeling → dossier).

Composition use cases for the overview pages of the web application (and any other delivery
layer): each combines the contexts' own services into one value, applying the caller's scope.
"""
