"""The corrected taakstelling: the period's number plus agreed swaps plus carry-over, never below zero.

The one home of the rule; the calculation, the store and supervision all call :func:`corrigeer`.

* Arrears (*achterstand*, positive) of the previous period are added and an advance (*voorsprong*,
  negative) is subtracted (supervision practice under the Wet revitalisering generiek toezicht).
* A swap agreed under Huisvestingswet 2014 art. 29(2) changes the municipality's own number for the
  period before carry-over is applied.
* A corrected number never falls below zero: an advance larger than the new number carries on as
  *resterende voorsprong*, so ``gecorrigeerd − resterende_voorsprong = taakstelling + ruil + achterstand``.
"""

from __future__ import annotations


def corrigeer(taakstelling: int, achterstand: int, ruil: int = 0) -> tuple[int, int]:
    """Corrected number and the advance left over: ``taakstelling + ruil + achterstand`` split at zero."""
    saldo = taakstelling + ruil + achterstand
    return max(saldo, 0), max(-saldo, 0)
