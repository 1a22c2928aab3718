"""Documentation stays complete: every setting is documented, the README's commands exist."""

from __future__ import annotations

from pathlib import Path

from doorstroom.platform.settings import Settings

ROOT = Path(__file__).resolve().parent.parent


def test_every_setting_is_documented() -> None:
    page = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    for name in Settings.model_fields:
        assert f"DOORSTROOM_{name.upper()}" in page, name


def test_readme_names_the_two_set_up_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "python3 dev.py run" in readme and "python3 dev.py test" in readme
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "python3 dev.py test" in ci


def test_docs_links_resolve() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for part in readme.split("](")[1:]:
        target = part.split(")")[0]
        if not target.startswith("http"):
            assert (ROOT / target).exists(), target
