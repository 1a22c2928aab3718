"""Writing a user's output file: checked before any work, written whole or not at all.

A user names the place with ``--out``; a mistake there must cost a clear message, not a traceback
after minutes of solving, and must never destroy something that is not an ordinary file:

* a symbolic link is written *through*: its target gets the new content, the link stays;
* a directory, FIFO, device (``/dev/null`` when run as root), socket or anything else that is not a
  regular file is refused, never replaced;
* the content goes to a temporary file beside the target, which replaces the target only when
  complete, so a failed export leaves the old file untouched;
* an existing file keeps its permissions; a new one gets the ordinary ones (``0666 & ~umask``);
* a file with personal data (``prive=True``) is 0600, new or replaced, whatever the umask
  (AVG art. 32: only the person who wrote it reads it), from its first byte on: the temporary file
  is private and gets no wider mode before it takes the target's place.

:func:`check_file_target` and :func:`check_dir_target` are what the CLI runs on ``--out`` before
any work; :func:`atomic_write` runs the same check again when it writes, and :func:`maak_map` when
it makes the directory that several files go into (a new one gets the ordinary ``0777 & ~umask``,
like a new file).
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from doorstroom.platform.errors import InputError, Problem

_OS_REASONS = {
    errno.EACCES: "geen schrijfrechten",
    errno.EPERM: "geen schrijfrechten",
    errno.EROFS: "alleen-lezen bestandssysteem",
    errno.ENOSPC: "schijf vol",
    errno.EDQUOT: "schijfquotum op",
    errno.ENAMETOOLONG: "naam te lang",
    errno.ELOOP: "te veel symbolische links (lus?)",
    errno.ENOTDIR: "een deel van het pad is geen map",
}


def os_reason(error: OSError) -> str:
    """A short Dutch reason for an operating-system error (never the path's content)."""
    reason = _OS_REASONS.get(error.errno or 0)
    return reason or f"systeemfout {errno.errorcode.get(error.errno or 0, error.errno)}"


def _problem(path: Path | str, message: str, field: str | None) -> InputError:
    return InputError(Problem(message, file=str(path), field=field))


def check_file_target(path: Path | str, field: str | None = None) -> Path:
    """The regular file that writing to ``path`` creates or replaces (symbolic links followed).

    Refuses an empty name, a directory, anything that is not a regular file, a missing or
    unwritable directory, and a symbolic-link loop.
    """
    if not str(path).strip():
        raise _problem(path, "geen bestandsnaam opgegeven", field)
    target = Path(os.path.realpath(path))
    status = _lstat(target, path, field)
    if status is not None and stat.S_ISLNK(status.st_mode):
        raise _problem(path, "symbolische link die niet naar een bestand leidt (lus?)", field)
    if status is not None and stat.S_ISDIR(status.st_mode):
        raise _problem(path, "is een map; geef een bestandsnaam, bijvoorbeeld uitvoer.csv", field)
    if status is not None and not stat.S_ISREG(status.st_mode):
        raise _problem(
            path, f"is geen gewoon bestand maar een {_kind(status.st_mode)}; niet overschreven", field
        )
    _check_writable_directory(target.parent, path, field)
    return target


def check_dir_target(path: Path | str, field: str | None = None) -> Path:
    """The directory that output files go into: an existing one, or one that can be made."""
    if not str(path).strip():
        raise _problem(path, "geen map opgegeven", field)
    target = Path(os.path.realpath(path))
    status = _lstat(target, path, field)
    if status is None:
        _check_writable_directory(_existing_ancestor(target), path, field)
    elif not stat.S_ISDIR(status.st_mode):
        raise _problem(path, "bestaat al en is geen map; geef een (nieuwe) map", field)
    else:
        _check_writable_directory(target, path, field)
    return target


def maak_map(path: Path | str, field: str | None = None) -> Path:
    """The directory ``path`` for several output files, checked as ``--out`` is and made when new."""
    target = check_dir_target(path, field)
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise _problem(path, f"kan de map niet maken: {os_reason(error)}", field) from None
    return Path(path)


def _existing_ancestor(path: Path) -> Path:
    for parent in path.parents:
        if parent.exists():
            return parent
    return Path("/")


def _lstat(target: Path, given: Path | str, field: str | None) -> os.stat_result | None:
    try:
        return target.lstat()
    except FileNotFoundError:
        return None
    except OSError as error:
        raise _problem(given, os_reason(error), field) from None


def _check_writable_directory(directory: Path, given: Path | str, field: str | None) -> None:
    if not directory.is_dir():
        raise _problem(given, f"map {directory} bestaat niet", field)
    if not os.access(directory, os.W_OK | os.X_OK):
        raise _problem(given, f"geen schrijfrechten in map {directory}", field)


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "pijp (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "apparaat"
    if stat.S_ISSOCK(mode):
        return "socket"
    return "speciaal bestand"


def _umask() -> int:
    """The process umask (read by setting and restoring it; mkstemp itself always uses 0600)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _mode_for(target: Path) -> int:
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        return 0o666 & ~_umask()


PRIVE_MODUS = 0o600
"""Files with personal data: read and written by their owner only."""


@contextmanager
def atomic_write(path: Path | str, mode: str, *, prive: bool = False, **kwargs: Any) -> Iterator[IO[Any]]:
    """Open a temporary file beside the target of ``path``; it replaces the target if the block succeeds.

    ``prive``: the content is personal data, so the file is 0600 (see the module docstring).
    """
    target = check_file_target(path)
    try:
        descriptor, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    except OSError as error:
        raise _problem(path, f"kan niet schrijven: {os_reason(error)}", None) from None
    try:
        with os.fdopen(descriptor, mode, **kwargs) as handle:
            yield handle
        _replace(Path(temporary), target, path, PRIVE_MODUS if prive else None)
    except OSError as error:  # a full disk or a vanished directory while writing
        Path(temporary).unlink(missing_ok=True)
        raise _problem(path, f"kan niet schrijven: {os_reason(error)}", None) from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _replace(temporary: Path, target: Path, given: Path | str, modus: int | None) -> None:
    """Move the finished file into place, after checking the target once more (it may have changed)."""
    check_file_target(target)
    try:
        os.chmod(temporary, _mode_for(target) if modus is None else modus)
        os.replace(temporary, target)
    except OSError as error:
        raise _problem(given, f"kan niet schrijven: {os_reason(error)}", None) from None
