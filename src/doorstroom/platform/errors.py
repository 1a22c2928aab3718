"""The one exception tree of Doorstroom.

Results are values (a solver that finds no feasible plan returns a result saying so); exceptions
are for misuse and for input/output that cannot be processed::

    DoorstroomError                 anything Doorstroom raises on purpose
     ├── InputError                 a user's input is wrong; carries every Problem found
     │                              (CLI exit code 2, API status 422)
     ├── NotFound                   a requested record does not exist (API 404)
     ├── PermissionDenied           the caller may not see or change this (API 403)
     ├── Conflict                   the record already exists, e.g. a BSN in another file (API 409)
     ├── Verouderd                  the record changed since the caller read it (API 412)
     ├── ConfigurationError         settings or the environment are unusable (CLI exit code 2)
     ├── Busy                       a write gave up because others kept the same rows busy;
     │                              nothing was written, trying again will work (CLI 75, API 503)
     └── SchijfVol                  the database's disk is full; nothing was written, an operator
                                    must make room first (CLI 74, API 507, web page 507)

Each :class:`Problem` names the file, the row (as a spreadsheet user counts it: header is row 1)
and the field, so a case worker can find and fix it in Excel. The field is a *domain* name
(``gemeente``, ``periode``, ``geboortedatum``), never a command-line flag or a form label: each
delivery layer says it in its own terms (the CLI as the option that carries it, ``--gemeente``; the
web as the form's label; the API as the JSON name in ``invalidParams``), through
:meth:`Problem.tekst`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

Veldnaam = Callable[[str], "str | None"]
"""How a delivery layer names a domain field (None: it has no name of its own for it)."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a user's input, located as precisely as the input allows."""

    message: str
    file: str | None = None
    row: int | None = None
    field: str | None = None

    def __str__(self) -> str:
        return self.tekst()

    def tekst(self, veldnaam: Veldnaam | None = None) -> str:
        """The problem as a line for a person: where (file, row, column or field), then what.

        ``veldnaam`` names a field the delivery layer's way (the CLI: the option that carries it);
        a column of a file's row, and a field the layer has no name of its own for, is said as
        ``veld 'naam'``.
        """
        where = [part for part in (self.file, _row_label(self.row), self._veld(veldnaam)) if part]
        return f"{', '.join(where)}: {self.message}" if where else self.message

    def _veld(self, veldnaam: Veldnaam | None) -> str | None:
        if self.field is None:
            return None
        eigen = veldnaam(self.field) if veldnaam is not None and self.row is None else None
        return eigen or f"veld '{self.field}'"

    def as_dict(self) -> dict[str, str | int | None]:
        """The JSON shape used by the CLI's JSON errors and the API's error body."""
        return {"file": self.file, "row": self.row, "field": self.field, "message": self.message}


def _row_label(row: int | None) -> str | None:
    return None if row is None else f"rij {row}"


class DoorstroomError(Exception):
    """Base class of every error Doorstroom raises on purpose."""


class InputError(DoorstroomError):
    """A user's input cannot be used; holds every problem found, not only the first."""

    def __init__(self, problems: Iterable[Problem] | Problem | str) -> None:
        if isinstance(problems, str):
            problems = Problem(problems)
        self.problems: tuple[Problem, ...] = (problems,) if isinstance(problems, Problem) else tuple(problems)
        if not self.problems:
            raise ValueError("InputError needs at least one problem")
        super().__init__(self._summary())

    def _summary(self) -> str:
        return self.tekst()

    def tekst(self, veldnaam: Veldnaam | None = None) -> str:
        """Every problem on its own line (at most 50, then how many more), fields named by ``veldnaam``."""
        lines = [problem.tekst(veldnaam) for problem in self.problems[:50]]
        if len(self.problems) > 50:
            lines.append(f"... en nog {len(self.problems) - 50} problemen")
        return "\n".join(lines)


class NotFound(DoorstroomError):
    """A requested record (period, run, municipality) does not exist."""


class PermissionDenied(DoorstroomError):
    """The caller's role does not allow this read or write."""


class Conflict(DoorstroomError):
    """The write conflicts with an existing record (a BSN or V-number already in a file)."""


class Verouderd(DoorstroomError):
    """Optimistic concurrency: the record changed since the caller read it; nothing was written."""


class ConfigurationError(DoorstroomError):
    """Settings or the environment (database URL, boundary file path) are unusable."""


class Busy(DoorstroomError):
    """A write gave up after waiting: others kept changing the same rows. Nothing was written.

    Not the user's mistake and not a defect: the same command succeeds when tried again. The
    message says so ("er is niets opgeslagen, probeer het opnieuw").
    """


class SchijfVol(DoorstroomError):
    """The disk the database writes to is full (SQLite ``SQLITE_FULL``, PostgreSQL ``53100 disk_full``).

    The transaction was rolled back, so nothing was written. Neither the user's input nor a defect:
    trying again only helps once an operator made room. :func:`doorstroom.platform.db.is_schijf_vol`
    recognises it; the message says what happened and what to do, in Dutch.
    """
