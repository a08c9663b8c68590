"""Recognise what a file is before any parser touches it, and refuse what we must not open."""

from __future__ import annotations

from pathlib import Path

from toolkit.adapters.excel.entries import read_regular
from toolkit.adapters.excel.guard import MAX_CELLS, open_workbook
from toolkit.adapters.excel.zipdir import WorkbookZip
from toolkit.errors import ReadError

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTION_INFO = "EncryptionInfo".encode("utf-16-le")


def read_bytes(path: Path, *, max_file_mb: int = 50) -> bytes:
    """The file's bytes, refusing a missing or too large file before reading it, and a pipe or device
    without opening it for reading (it would block)."""
    name = path.name
    limit = max_file_mb * 1024 * 1024
    try:
        data, st = read_regular(path, limit)
    except FileNotFoundError:
        raise ReadError("read.missing", file=name) from None
    if st.st_size > limit or len(data) > limit:
        size = max(st.st_size, len(data))
        raise ReadError("read.too_large", file=name, size=round(size / 2**20, 1), limit=max_file_mb)
    return data


def check_file(path: Path, *, max_file_mb: int = 50, max_uncompressed_mb: int = 300) -> bytes:
    """The file's bytes if it looks like an OOXML workbook within limits; ReadError otherwise."""
    data = read_bytes(path, max_file_mb=max_file_mb)
    check_bytes(data, path.name, max_uncompressed_mb=max_uncompressed_mb).close()
    return data


def check_bytes(data: bytes, name: str, *, max_uncompressed_mb: int = 300) -> WorkbookZip:
    """The workbook's zip, opened, when the bytes look like an OOXML workbook within limits."""
    if not data:
        raise ReadError("read.empty", file=name)
    if data.startswith(_OLE_MAGIC):
        if _ENCRYPTION_INFO in data[:65536] or _ENCRYPTION_INFO in data:
            raise ReadError("read.encrypted", file=name)
        raise ReadError("read.old_xls", file=name)
    if not data.startswith(b"PK"):
        raise ReadError("read.not_workbook", file=name)
    return open_workbook(data, name, max_uncompressed_mb=max_uncompressed_mb)


__all__ = ["MAX_CELLS", "check_bytes", "check_file", "read_bytes"]
