"""A workbook's zip read straight from its bytes: the central directory parsed once, parts inflated with zlib.

Opening the zip with the zipfile module costs more than the rest of a small part's reading. The
guard, the sniffer and the reader share one parse of the directory (``directory``), and read parts
through ``ZipBytes``. Whenever the bytes are anything but a plain zip, or a part does not inflate to
exactly its declared size and CRC, the zipfile module does the work instead, so what is read and
every error raised (with its message) stay zipfile's own.
"""
from __future__ import annotations

import io
import struct
import zipfile
import zlib
from typing import NamedTuple

_EOCD, _CENTRAL, _LOCAL, _ZIP64_LOCATOR = b"PK\x05\x06", b"PK\x01\x02", b"PK\x03\x04", b"PK\x06\x07"
# A central directory header's fields that matter here: version needed, flags, method, CRC, sizes,
# lengths of name, extra field and comment, local header offset (zipfile's "<4s4B4HL2L5H2L").
_ENTRY = struct.Struct("<6xBxHH4xLLLHHH8xL")
_MAX_EXTRACT_VERSION = 63                   # zipfile refuses newer ones (NotImplementedError)
_NOT_PLAIN_FLAGS = 0x61                     # encrypted, patched, strongly encrypted: zipfile decides


class Entry(NamedTuple):
    offset: int          # of the local header
    method: int
    compressed: int
    size: int            # declared uncompressed size
    crc: int
    flags: int
    raw_name: bytes


class Directory(NamedTuple):
    entries: dict[str, Entry]   # name -> entry; the last one wins, as in zipfile
    plain: bool                 # zipfile would list exactly these entries and raise nothing
    start: int                  # where the directory begins: the parts end before it


def directory(data: bytes) -> Directory | None:
    """The zip's central directory, or None when there is none we read ourselves (zip64, inconsistent).

    Raises struct.error for a directory that runs past the end of the bytes. The last answer is kept:
    the guard, the sniffer and the reader ask about the same bytes object in turn.
    """
    global _last
    last = _last  # read once: another thread may put its own file there meanwhile
    if last[0] is data:
        return last[1]
    found = _parse(data)
    _last = (data, found)
    return found


_last: tuple = (None, None)


def _parse(data: bytes) -> Directory | None:
    size_all = len(data)
    end = data.rfind(_EOCD, max(0, size_all - 65557))
    if end < 0 or end + 22 > size_all:
        return None
    count, size, start = struct.unpack_from("<HII", data, end + 10)
    if count == 0xFFFF or start == 0xFFFFFFFF or start + size > end:
        return None  # zip64 or inconsistent: leave it to the reader
    # zipfile takes a record without comment at the very end, finds the entries from it by size
    # (not count), and would shift every offset when something precedes the zip.
    plain = (end == size_all - 22 and data[end + 20:end + 22] == b"\0\0" and start + size == end
             and not (end >= 20 and data[end - 20:end - 16] == _ZIP64_LOCATOR))
    # tuple.__new__ makes each Entry without NamedTuple's slower __new__
    entries, at, unpack, new = {}, start, _ENTRY.unpack_from, tuple.__new__
    for _ in range(count):
        if data[at:at + 4] != _CENTRAL:
            return None
        version, flags, method, crc, compressed, size_, n, extra, comment, offset = unpack(data, at)
        raw = data[at + 46:at + 46 + n]
        # zipfile decodes other names otherwise, cuts them at NUL, turns \ into / on Windows,
        # and reads zip64 sizes and offsets from the extra field.
        if plain and (version > _MAX_EXTRACT_VERSION or not raw.isascii() or b"\0" in raw or b"\\" in raw
                      or extra and not _plain_extra(data[at + 46 + n:at + 46 + n + extra])):
            plain = False
        entries[raw.decode("utf-8", "replace")] = new(Entry, (offset, method, compressed, size_, crc, flags, raw))
        at += 46 + n + extra + comment
    # One entry per name and per offset: newer zipfile refuses parts that overlap.
    plain = (plain and at == start + size and len(entries) == count
             and len({e[0] for e in entries.values()}) == count)
    return Directory(entries, plain, start)


# Extra fields zipfile reads past: timestamps, Unix ids, NTFS times, the JAR marker. Others (zip64
# sizes, a Unicode path that newer zipfile puts in place of the name) leave the zip to zipfile.
_HARMLESS_EXTRA = frozenset({0x5455, 0x7875, 0x000A, 0xCAFE})


def _plain_extra(extra: bytes) -> bool:
    """True when zipfile reads this extra field without changing the entry or raising."""
    while len(extra) >= 4:
        kind, n = struct.unpack_from("<HH", extra)
        if n + 4 > len(extra) or kind not in _HARMLESS_EXTRA:
            return False
        extra = extra[n + 4:]
    return not extra


def inflate(data: bytes, entry: Entry, end: int) -> bytes | None:
    """The part's whole content, or None unless it is exactly what zipfile would return without error:
    a local header that matches, data before ``end`` (the next part), the declared size and CRC,
    a deflate stream that ends there."""
    if entry.flags & _NOT_PLAIN_FLAGS:
        return None
    at = entry.offset
    if data[at:at + 4] != _LOCAL or len(data) < at + 30:
        return None
    n, extra = struct.unpack_from("<HH", data, at + 26)
    if data[at + 30:at + 30 + n] != entry.raw_name:
        return None
    begin = at + 30 + n + extra
    if begin + entry.compressed > end:
        return None
    body = data[begin:begin + entry.compressed]
    if entry.method == 8:
        unzip = zlib.decompressobj(-15)
        try:
            out = unzip.decompress(body, entry.size + 1)   # one byte more than declared tells a liar
        except zlib.error:
            return None
        if not unzip.eof:
            return None
    elif entry.method == 0 and entry.compressed == entry.size:
        out = body
    else:
        return None
    if len(out) != entry.size or zlib.crc32(out) != entry.crc:
        return None
    return out


class ZipBytes:
    """The parts of a zip held in memory, read like zipfile.ZipFile reads them (namelist, read).

    Built from a plain directory it reads parts itself; otherwise, and for any part that is not
    plain, it asks zipfile (opened once, when first needed).
    """

    def __init__(self, data: bytes, found: Directory | None = None, zf: zipfile.ZipFile | None = None):
        self.data = data
        plain = found is not None and found.plain
        self._entries = found.entries if plain else None
        self._start = found.start if plain else 0
        self._ends: dict[int, int] | None = None
        self._zip = zf
        if self._entries is None and zf is None:
            self._zip = zipfile.ZipFile(io.BytesIO(data))

    @property
    def zipfile(self) -> zipfile.ZipFile:
        if self._zip is None:
            self._zip = zipfile.ZipFile(io.BytesIO(self.data))
        return self._zip

    def namelist(self) -> list[str]:
        return list(self._entries) if self._entries is not None else self.zipfile.namelist()

    def infolist(self) -> list[zipfile.ZipInfo]:
        return self.zipfile.infolist()

    def __contains__(self, name: str) -> bool:
        if self._entries is not None:
            return name in self._entries
        return name in self.zipfile.NameToInfo

    def read(self, name: str, limit: int = -1) -> bytes:
        """The part's bytes (at most ``limit`` of them when given), as zipfile's open(name).read(limit) gives them."""
        entry = self._entries.get(name) if self._entries is not None else None
        if entry is not None and (limit < 0 or entry.size <= limit):
            out = inflate(self.data, entry, self._end(entry))
            if out is not None:
                return out
        with self.zipfile.open(name) as fh:
            return fh.read(limit)

    def _end(self, entry: Entry) -> int:
        """Where the part after ``entry`` begins (or the directory)."""
        if self._ends is None:
            self._ends, following = {}, self._start
            for offset in sorted({e.offset for e in self._entries.values()}, reverse=True):
                self._ends[offset], following = following, offset
        return self._ends[entry.offset]

    def close(self) -> None:
        if self._zip is not None:
            self._zip.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
