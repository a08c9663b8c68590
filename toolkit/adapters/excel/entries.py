"""Which entries of a folder are workbooks to read; links, pipes and devices are never opened or followed."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from toolkit.errors import ReadError

# Names a workbook can have; anything else in a folder is skipped with a note (a PDF, a picture, notes.txt).
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".xltx", ".xltm", ".xlsb")

# Why an entry is not read: the key of its message (a note for a folder's entry, a finding for a named file).
NOT_WORKBOOK, SYMLINK, SPECIAL = "read.skip_not_workbook", "read.skip_symlink", "read.special"


def workbook_name(name: str) -> bool:
    """True when ``name`` ends like a workbook (``.xlsx``, ``.xlsm``, ``.xls``, …), in any case."""
    return name.lower().endswith(WORKBOOK_SUFFIXES)


def what(mode: int) -> str:
    """What a non-regular entry is, in plain words (for the messages)."""
    for test, word in (
        (stat.S_ISFIFO, "FIFO"),
        (stat.S_ISSOCK, "socket"),
        (stat.S_ISCHR, "device"),
        (stat.S_ISBLK, "device"),
        (stat.S_ISDIR, "folder"),
        (stat.S_ISLNK, "link"),
    ):
        if test(mode):
            return word
    return "?"


def skip_reason(entry: os.DirEntry) -> str | None:
    """Why a folder's entry is not read (a message key), or None for a workbook file to read.

    Links are never followed (one could point anywhere, /etc/passwd included); pipes, sockets and
    devices are never opened (a pipe blocks whoever reads it).
    """
    if entry.is_symlink():
        return SYMLINK
    if not entry.is_file(follow_symlinks=False):
        return SPECIAL
    return None if workbook_name(entry.name) else NOT_WORKBOOK


_FLAGS = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)


def read_regular(
    path: Path, limit: int, *, follow: bool = True, name: str | None = None
) -> tuple[bytes, os.stat_result]:
    """At most ``limit + 1`` bytes of a regular file (none when its size is already over ``limit``),
    and its stat after reading.

    Opened without blocking and checked before a byte is read, so a pipe or a device put where a file
    was expected is refused (ReadError ``read.special``), never waited on; with ``follow=False`` a
    link is refused too (``read.skip_symlink``). FileNotFoundError passes through.
    """
    flags = _FLAGS | (0 if follow else getattr(os, "O_NOFOLLOW", 0))
    name = name or path.name
    if not follow and os.path.islink(path):
        raise ReadError(SYMLINK, file=name)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if not follow and os.path.islink(path):  # O_NOFOLLOW: replaced by a link since the check above
            raise ReadError(SYMLINK, file=name) from None
        raise exc
    st = os.fstat(fd)
    if not stat.S_ISREG(st.st_mode):
        os.close(fd)
        raise ReadError(SPECIAL, file=name, what=what(st.st_mode))
    with os.fdopen(fd, "rb") as fh:
        if st.st_size > limit:
            return b"", st
        data = fh.read(limit + 1)
        return data, os.fstat(fd)
