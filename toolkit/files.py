"""Writing files safely: atomically, beside a file that is open elsewhere, under names any file system takes."""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from pathlib import Path


def safe_name(name: str) -> str:
    """A file-name-safe form of a name that keeps æ, ø and å."""
    return re.sub(r"[^\w\-]+", "-", name).strip("-") or "x"


def atomic_write(path: Path, write) -> None:
    """Call ``write(fh)`` on a temporary file beside ``path`` and rename it into place."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "wb") as fh:
            write(fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()


def write_bytes(path: Path, data: bytes) -> None:
    """``data`` into ``path`` atomically: a temporary file beside it, fsync, rename."""
    atomic_write(path, lambda fh: fh.write(data))


@dataclass
class Written:
    """Where a file went. ``blocked`` is the usual path when it was open elsewhere and ``path``
    the timestamped file written instead; ``unchanged`` when the file already held these bytes."""

    path: Path
    blocked: Path | None = None
    unchanged: bool = False


def save(data: bytes, target: Path, now: dt.datetime) -> Written:
    """Write ``data`` to ``target`` atomically (temporary file, fsync, rename).

    When ``target`` is open in Excel on Windows the rename fails with
    PermissionError; the file is then written beside it with a timestamp
    (``consolidated_2019 2026-11-23 06.00.00.xlsx``) and Written.blocked says so.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        if target.is_file() and target.stat().st_size == len(data) and target.read_bytes() == data:
            return Written(target, unchanged=True)
    except OSError:
        pass
    try:
        write_bytes(target, data)
        return Written(target)
    except PermissionError:
        other = target.with_name(f"{target.stem} {now.strftime('%Y-%m-%d %H.%M.%S')}{target.suffix}")
        write_bytes(other, data)
        return Written(other, blocked=target)
