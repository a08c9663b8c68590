"""Recognise what a file is before any parser touches it, and refuse what we must not open."""
from __future__ import annotations

import io
import struct
import zipfile
from pathlib import Path

from toolkit.errors import ReadError
from toolkit.excel.guard import inspect
from toolkit.excel.zipdir import ZipBytes, directory


# Grid size the reader may build for one sheet; the templates use a few thousand cells.
MAX_CELLS = 2_000_000
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTION_INFO = "EncryptionInfo".encode("utf-16-le")


def read_bytes(path: Path, *, max_file_mb: int = 50) -> bytes:
    """The file's bytes, refusing a missing or too large file before reading it."""
    name = path.name
    try:
        size = path.stat().st_size
        if size > max_file_mb * 1024 * 1024:
            raise ReadError("read.too_large", file=name, size=round(size / 2**20, 1), limit=max_file_mb)
        return path.read_bytes()
    except FileNotFoundError:
        raise ReadError("read.missing", file=name) from None


def check_file(path: Path, *, max_file_mb: int = 50, max_uncompressed_mb: int = 300) -> bytes:
    """The file's bytes if it looks like an OOXML workbook within limits; ReadError otherwise."""
    data = read_bytes(path, max_file_mb=max_file_mb)
    check_bytes(data, path.name, max_uncompressed_mb=max_uncompressed_mb).close()
    return data


def check_bytes(data: bytes, name: str, *, max_uncompressed_mb: int = 300) -> ZipBytes:
    """The workbook's zip, opened, when the bytes look like an OOXML workbook within limits."""
    if not data:
        raise ReadError("read.empty", file=name)
    if data.startswith(_OLE_MAGIC):
        if _ENCRYPTION_INFO in data[:65536] or _ENCRYPTION_INFO in data:
            raise ReadError("read.encrypted", file=name)
        raise ReadError("read.old_xls", file=name)
    if not data.startswith(b"PK"):
        raise ReadError("read.not_workbook", file=name)
    found = _directory(data)
    if found is not None and found.plain:  # zipfile would list the same parts: spare opening it
        zf = ZipBytes(data, found)
        names, declared = found.entries, sum(e.size for e in found.entries.values())
    else:
        try:
            zf = ZipBytes(data, zf=zipfile.ZipFile(io.BytesIO(data)))
            infos = zf.infolist()
            names, declared = {i.filename for i in infos}, sum(i.file_size for i in infos)
        except (zipfile.BadZipFile, EOFError, ValueError) as exc:
            raise ReadError("read.corrupt", file=name, detail=str(exc)[:80]) from None
    if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
        raise ReadError("read.not_workbook", file=name)
    # Declared sizes are checked before anything is inflated; the reader also caps actual reads.
    if declared > max_uncompressed_mb * 1024 * 1024:
        raise ReadError("read.zip_bomb", file=name, limit=max_uncompressed_mb)
    # A sheet declaring a huge grid makes the reader allocate it whole (and abort the process).
    facts = inspect(data, max_cells=MAX_CELLS)
    if facts is not None and facts.oversized:
        sheet, ref, cells = facts.oversized[0]
        raise ReadError("read.too_many_cells", file=name, sheet=sheet, ref=ref, cells=f"{cells:,}".replace(",", "."))
    return zf


def _directory(data: bytes):
    try:
        return directory(data)
    except struct.error:  # a directory running past the end: zipfile says what is wrong
        return None
