"""Errors in the command line's own terms: a domain field said as the option that carries it.

Contexts name domain fields (``gemeente``, ``periode``, ``wachtende_vergunninghouders``); only the
command line knows that ``--gemeente`` or ``--doel-wachtend`` carries them. The invoked command's
click parameters say so: a parameter is named after the field it carries (Typer names it after the
Python parameter, whatever its flag), so ``--doel-wachtend`` declared as
``wachtende_vergunninghouders`` carries that field. A field that no option of the command carries
is said as ``veld 'naam'``. Every command is registered on creation of its context
(:class:`Aanroep`), so the error handler knows which command ran, also when parsing failed.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import typer
from typer.core import TyperArgument

from doorstroom.platform.errors import InputError

SLEUTEL = "doorstroom.aangeroepen"
"""Where the commands invoked are kept in click's ``Context.meta`` (one dict shared by all contexts)."""


class Aanroep(typer.Context):
    """Typer's (click's) context that records its command in the shared ``meta`` (innermost last)."""

    def __init__(self, command: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(command, *args, **kwargs)
        self.meta.setdefault(SLEUTEL, []).append(command)


def volg_aanroepen(root: Any) -> None:
    """Let every command of ``root`` record itself when it runs (see :class:`Aanroep`)."""
    for command in _commands(root):
        command.context_class = Aanroep


def _commands(command: Any) -> Iterator[Any]:
    yield command
    for sub in getattr(command, "commands", {}).values():
        yield from _commands(sub)


def aangeroepen(ctx: Any) -> Any:
    """The innermost command that ran (or was being parsed) under ``ctx``."""
    return list(ctx.meta.get(SLEUTEL, [ctx.command]))[-1]


def optie_voor(command: Any, veld: str) -> str | None:
    """The option (or argument) of ``command`` that carries domain field ``veld``; None if none."""
    if veld.startswith("-"):
        return f"optie '{veld}'"
    sleutel = veld.replace("-", "_").replace(" ", "_").lower()
    for param in command.params:
        if param.name != sleutel and f"--{veld}" not in getattr(param, "opts", ()):
            continue
        if isinstance(param, TyperArgument):
            return f"argument '{param.metavar or str(param.name).upper()}'"
        return f"optie '{max(param.opts, key=len)}'"
    return None


def melding(error: Exception, ctx: Any) -> str:
    """The message of ``error`` with its fields named as ``ctx``'s invoked command's options."""
    if not isinstance(error, InputError):
        return str(error)
    command = aangeroepen(ctx)
    return error.tekst(lambda veld: optie_voor(command, veld))
