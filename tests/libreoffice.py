"""LibreOffice headless, as a Dutch user's spreadsheet: convert files and render them to PNG.

CI installs LibreOffice Calc and poppler from Debian's packages (``.ci/run``) and sets
``DOORSTROOM_REQUIRE_LIBREOFFICE=1``, so there a missing program fails the run; locally the tests
are skipped with the reason when the programs are not installed. The profile sets the locale to
nl-NL, so numbers and dates are read and shown as a Dutch installation does.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

PROFILE = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry">
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse">
<value>nl-NL</value></prop></item>
</oor:items>
"""
# Dutch Excel opening a CSV: separator ';' (59), quote '"' (34), UTF-8 (76), from line 1, nl-NL (1043).
DUTCH_CSV_IMPORT = "CSV:59,34,76,1,,1043"
ARTEFACTS = Path(__file__).resolve().parent.parent / "test-artefacts"


def require(program: str, package: str) -> str:
    """The program's path; fail in CI, skip locally with the reason, when it is not installed."""
    path = shutil.which(program)
    if path is None:
        reason = f"{program} not installed (Debian package {package}; .ci/run installs it)"
        if os.environ.get("DOORSTROOM_REQUIRE_LIBREOFFICE"):
            pytest.fail(reason)
        pytest.skip(reason)
    return path


def convert(source: Path, to: str, outdir: Path, *, infilter: str | None = None) -> Path:
    """Convert ``source`` with LibreOffice (nl-NL) into ``outdir``; return the new file."""
    soffice = require("soffice", "libreoffice-calc-nogui")
    profile = outdir / "lo-profile"
    (profile / "user").mkdir(parents=True, exist_ok=True)
    (profile / "user" / "registrymodifications.xcu").write_text(PROFILE, encoding="utf-8")
    command = [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore"]
    command += [f"--infilter={infilter}"] if infilter else []
    command += ["--convert-to", to, "--outdir", str(outdir), str(source)]
    subprocess.run(command, check=True, capture_output=True, timeout=300)
    result = outdir / f"{source.stem}.{to.split(':')[0]}"
    assert result.is_file(), f"LibreOffice wrote no {result.name}"
    return result


def render_png(workbook: Path, name: str, workdir: Path) -> list[Path]:
    """LibreOffice's print rendering of ``workbook``: page 1 whole, and its top left at reading size."""
    pdftoppm = require("pdftoppm", "poppler-utils")
    pdf = convert(workbook, "pdf", workdir)
    ARTEFACTS.mkdir(exist_ok=True)
    pages = ARTEFACTS / name
    detail = ARTEFACTS / f"{name}-detail"
    subprocess.run([pdftoppm, "-png", "-r", "110", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(pages)],
                   check=True, timeout=120)  # fmt: skip
    subprocess.run(
        [pdftoppm, "-png", "-r", "220", "-f", "1", "-l", "1", "-singlefile", "-x", "0", "-y", "0",
         "-W", "1800", "-H", "900", str(pdf), str(detail)],
        check=True, timeout=120,
    )  # fmt: skip
    return [pages.with_suffix(".png"), detail.with_suffix(".png")]
