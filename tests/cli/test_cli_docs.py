"""docs/cli.md names every command the Typer app registers, with its exit codes, and no others; every
command line in the documentation's shell examples calls a command that exists, with its options."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import typer

from doorstroom.cli.main import app

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs" / "cli.md"
AANROEP = re.compile(
    r"(?:^|\$\(|&&|[;|])\s*(?:\w+=\S+\s+)*(?:[\w./-]*/)?doorstroom((?:\s+[a-z][a-z0-9-]*)+)([^|;)&`]*)"
)
"""A call of the program in a shell line: at the start of a command, after any variable settings."""


def _commands() -> set[str]:
    found: set[str] = set()

    def walk(command: object, path: tuple[str, ...]) -> None:
        subs = getattr(command, "commands", {})
        invokable = not subs or getattr(command, "invoke_without_command", False)
        if path and invokable:
            found.add(" ".join(("doorstroom", *path)))
        for name, sub in subs.items():
            walk(sub, (*path, name))

    walk(typer.main.get_command(app), ())
    return found


def _documented() -> dict[str, str]:
    rows = re.findall(r"^\| `(doorstroom[^`]*)` \|[^|]*\|([^|]*)\|$", DOCS.read_text(encoding="utf-8"), re.M)
    return {command: codes for command, codes in rows}


def test_every_command_is_documented_with_its_exit_codes() -> None:
    documented = _documented()
    assert _commands() == set(documented)
    for command, codes in documented.items():
        assert re.search(r"\b0\b", codes) and re.search(r"\b2\b", codes), command


def test_only_documented_finding_commands_may_exit_1() -> None:
    findings = {command for command, codes in _documented().items() if re.search(r"\b1\b", codes)}
    assert findings == {
        "doorstroom gemeenten vergelijk",
        "doorstroom audit controleer",
        "doorstroom audit anker",
    }


def _voorbeeldregels() -> list[tuple[str, str]]:
    """Every line of every shell example in README.md and docs/, comments and line breaks removed."""
    regels = []
    for pagina in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        blokken = re.findall(
            r"^```(?:sh|bash|console)\n(.*?)^```", pagina.read_text(encoding="utf-8"), re.M | re.S
        )
        for blok in blokken:
            for regel in blok.replace("\\\n", " ").splitlines():
                regels.append((pagina.name, re.sub(r"(^|\s)#.*$", "", regel)))
    return regels


def _commando(woorden: list[str]) -> Any:
    """The command the words name (the longest known prefix), or None when that is a group that
    does nothing by itself."""
    commando: Any = typer.main.get_command(app)
    for woord in woorden:
        commando = getattr(commando, "commands", {}).get(woord, commando)
    groep = hasattr(commando, "commands") and not getattr(commando, "invoke_without_command", False)
    return None if groep else commando


def test_every_documented_command_line_calls_a_command_with_its_options() -> None:
    onbekend = []
    for pagina, regel in _voorbeeldregels():
        for aanroep in AANROEP.finditer(regel):
            commando = _commando(aanroep.group(1).split())
            if commando is None:
                onbekend.append((pagina, regel))
                continue
            opties = {o for p in commando.params for o in (*p.opts, *p.secondary_opts)} | {"--help"}
            gebruikt = re.findall(r"(?<![\w-])--[a-z][a-z0-9-]*", aanroep.group(0))
            onbekend += [(pagina, f"{regel} ({optie})") for optie in gebruikt if optie not in opties]
    assert not onbekend


def test_the_five_minute_path_sets_the_session_secret_before_serve() -> None:
    """``serve`` refuses to start in productie without DOORSTROOM_SESSION_SECRET (issue 20, item 11)."""
    pagina = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    pad = pagina.split("## Start in five minutes", 1)[1].split("```sh\n", 1)[1].split("```", 1)[0]
    assert "export DOORSTROOM_SESSION_SECRET=" in pad.split("doorstroom serve", 1)[0]
    assert "--gebruikersnaam demo-gemeente" in pagina.split("## Accounts, roles and tokens", 1)[0]
