"""LibreOffice headless for tests: recalculate workbooks and render files; skip with a reason when absent."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

_RECALC_PROFILE = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""


def soffice() -> str:
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if not exe:
        pytest.skip("LibreOffice (soffice) is not installed; .ci/run installs it in CI")
    return exe


def convert(paths: list[Path], outdir: Path, fmt: str, profile: Path, timeout: int = 240) -> list[Path]:
    """Convert files with one soffice call; ``fmt`` like 'xlsx', 'pdf', 'ods'."""
    outdir.mkdir(parents=True, exist_ok=True)
    user = profile / "user"
    user.mkdir(parents=True, exist_ok=True)
    (user / "registrymodifications.xcu").write_text(_RECALC_PROFILE, encoding="utf-8")
    subprocess.run(
        [
            soffice(),
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--norestore",
            "--convert-to",
            fmt,
            "--outdir",
            str(outdir),
            *map(str, paths),
        ],
        check=True,
        capture_output=True,
        timeout=timeout,
    )
    out = [outdir / (p.stem + "." + fmt.split(":")[0]) for p in paths]
    missing = [p for p in out if not p.exists()]
    assert not missing, f"LibreOffice did not write {missing}"
    return out
