"""A flat row as users see it in a table, CSV, JSON document or workbook: column name to value.

Every context that exports rows builds them as this one type, and every writer in ``files/`` takes
it, so a row means the same in each output.
"""

from __future__ import annotations

from typing import Any

Record = dict[str, Any]
