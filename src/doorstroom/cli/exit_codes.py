"""The exit codes of every ``doorstroom`` command (``docs/cli.md`` lists them per command)."""

from __future__ import annotations

EXIT_KLAAR = 0  # done
EXIT_BEVINDING = 1  # a finding, only where a command is documented to report one (and says so)
EXIT_INVOER = 2  # the user's input or usage: bad option, file, row, field; unknown period, run
EXIT_INTERN = 3  # an internal error: a defect or an unavailable system; the message gives a reference
EXIT_SCHIJF_VOL = 74  # the database's disk is full; nothing was written (sysexits EX_IOERR)
EXIT_BEZET = 75  # a write gave up because others kept the rows busy; try again (sysexits EX_TEMPFAIL)
EXIT_ONDERBROKEN = 130  # interrupted with Ctrl-C (128 + SIGINT, as shells report it)
