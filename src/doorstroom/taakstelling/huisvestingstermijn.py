"""The term within which a municipality houses a household that COA linked to it.

The term decides which koppelingen are *te laat* (overdue) and which part of a shortfall is *buiten
schuld* in the quota statement, and it is the case file's ``huisvesting_na_koppeling`` deadline. Both
read it here, from one setting (``DOORSTROOM_HUISVESTINGSTERMIJN_MAANDEN``, default three months as
agreed between COA and the municipalities), so the statement and the file can never judge a household
differently.
"""

from __future__ import annotations

from doorstroom.platform.settings import get_settings


def huisvestingstermijn() -> int:
    """The configured housing term in months."""
    return get_settings().huisvestingstermijn_maanden
