"""docs/cli.md names every command the Typer app registers, with its exit codes, and no others."""

from __future__ import annotations

import re
from pathlib import Path

import typer

from doorstroom.cli.main import app

DOCS = Path(__file__).resolve().parents[2] / "docs" / "cli.md"


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
