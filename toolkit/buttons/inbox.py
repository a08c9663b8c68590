"""Submitting a workbook: the file name it gets in the inbox, and a copy the inbox never sees half of."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

from toolkit.files import safe_name


def stamp(now: dt.datetime | None = None) -> str:
    """A time stamp for file names: 20200214-153005."""
    return (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")


def copy_to_inbox(src: Path, folder: Path, name: str) -> Path:
    """Copy ``src`` into ``folder`` as ``name`` through a hidden .part file, so the inbox never sees half a file.

    The folder must exist (a missing inbox usually means a share that is not
    reachable); OSError otherwise. An existing file of that name is never replaced.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise FileNotFoundError(2, "the folder does not exist or is not reachable", str(folder))
    target = folder / name
    n = 1
    while target.exists():
        n += 1
        target = folder / f"{Path(name).stem}-{n}{Path(name).suffix}"
    part = folder / f".{target.name}.part"
    try:
        shutil.copyfile(src, part)
        os.replace(part, target)
    finally:
        if part.exists():
            part.unlink()
    return target


def submitter_name(doc, fallback: str) -> str:
    """Who submits, file-name safe: the municipality, else the council or programme, else ``fallback``."""
    for value in (doc.municipality, doc.value("municipality"), doc.value("council"), doc.value("programme")):
        if isinstance(value, str) and value.strip():
            return safe_name(value.strip())
    return safe_name(fallback)


def inbox_name(doc, fallback: str, suffix: str, now: dt.datetime | None = None) -> str:
    """submission_Horsens_20200214-153005.xlsm"""
    return f"{doc.kind}_{submitter_name(doc, fallback)}_{stamp(now)}{suffix}"
