"""The house as docs/architecture.md draws it: every folder listed, modules and functions kept small.

The architecture page lists every folder of ``src/doorstroom`` that holds Python code, one line each,
and nothing else; the style rules of the house (modules under 400 lines with one job, functions
rarely over 40 lines) are held here at their hard limits: no module over 400 lines, no function
over 60.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "doorstroom"
PAGE = ROOT / "docs" / "architecture.md"
MAX_MODULE = 400
MAX_FUNCTION = 60
LEAD: tuple[str, ...] = ()
"""Over the limit and being reworked by the lead (issue 19); remove when split."""


def _drawn_folders() -> list[str]:
    block = PAGE.read_text(encoding="utf-8").split("```")[1]
    return [m.group(1) for m in re.finditer(r"^  ([a-z_]+(?:/[a-z_]+)*)/\s", block, flags=re.M)]


def _code_folders() -> set[str]:
    return {
        path.parent.relative_to(SRC).as_posix()
        for path in SRC.rglob("*.py")
        if path.parent != SRC and "__pycache__" not in path.parts
    }


def _modules() -> list[Path]:
    return sorted(p for p in SRC.rglob("*.py") if "versions" not in p.parts)


def test_the_architecture_page_lists_every_code_folder_once() -> None:
    drawn = _drawn_folders()
    assert len(drawn) == len(set(drawn)), "a folder is listed twice"
    assert set(drawn) == _code_folders()


def test_no_module_is_over_400_lines() -> None:
    lang = [
        f"{path.relative_to(SRC)} ({lengte})"
        for path in _modules()
        if (lengte := len(path.read_text(encoding="utf-8").splitlines())) > MAX_MODULE
        and path.relative_to(SRC).as_posix() not in LEAD
    ]
    assert not lang, lang


def test_no_function_is_over_60_lines() -> None:
    lang = []
    for path in _modules():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                lengte = (node.end_lineno or node.lineno) - node.lineno + 1
                if lengte > MAX_FUNCTION:
                    lang.append(f"{path.relative_to(SRC)}:{node.name} ({lengte})")
    assert not lang, lang
