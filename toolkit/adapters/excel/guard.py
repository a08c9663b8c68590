"""Look inside a workbook's zip before the reader does: sheet dimensions, macros, links, when it was saved."""
from __future__ import annotations

import datetime as dt
import functools
import html
import re
import struct
import zlib
from dataclasses import dataclass, field

from toolkit.adapters.excel.cells import parse_range
from toolkit.adapters.excel.zipdir import Entry, directory

_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref="([A-Z]{1,3}\d+(?::[A-Z]{1,3}\d+)?)"')
_MODIFIED = re.compile(rb"<dcterms:modified[^>]*>([^<]+)</dcterms:modified>")
_SHEET = re.compile(r'<(?:\w+:)?sheet\b[^>]*?name="([^"]+)"[^>]*?r:id="([^"]+)"')
_REL = re.compile(r'<Relationship\b[^>]*>')
_ATTR = re.compile(r'(\w+)="([^"]*)"')
_HEAD_IN, _HEAD_OUT = 1024, 2048   # compressed bytes read, inflated bytes kept: <dimension> comes early


@dataclass
class ZipFacts:
    """What the zip says about a workbook without parsing its cells."""

    saved_at: dt.datetime | None = None           # dcterms:modified, set by Excel on every save
    macros: bool = False                          # xl/vbaProject.bin present
    external_links: int = 0                       # xl/externalLinks/*
    embedded: int = 0                             # xl/embeddings/*, ActiveX controls
    oversized: list[tuple[str, str, int]] = field(default_factory=list)  # (sheet, dimension, cells)


def inspect(data: bytes, *, max_cells: int) -> ZipFacts | None:
    """Facts about ``data``, or None when it is not a zip we can look into (the reader reports that).

    Never raises: whatever the bytes, the reader gets its turn and says what is wrong.
    The facts are shared between callers asking about the same bytes object: treat them as read-only.
    """
    # The consolidation asks twice about each file (its own facts, then check_bytes inside the
    # reader); the second answer is the first one's, keyed by the very same bytes object.
    if _last[0] is data and _last[1] == max_cells:
        return _last[2]
    try:
        facts = _inspect(data, max_cells)
    except (struct.error, ValueError, IndexError, UnicodeError, zlib.error):
        facts = None
    _last[:] = [data, max_cells, facts]
    return facts


_last: list = [None, None, None]  # (bytes object, max_cells, facts) of the last inspect


def _inspect(data: bytes, max_cells: int) -> ZipFacts | None:
    parts = _directory(data)
    if parts is None:
        return None
    facts = ZipFacts()
    sheets = []
    for name in parts:  # one pass over the names, each counted as it always was
        if name.lower().endswith("vbaproject.bin"):
            facts.macros = True
        if not name.startswith("xl/"):
            continue
        if name.startswith("xl/worksheets/"):
            if name.endswith(".xml"):
                sheets.append(name)
        elif name.startswith("xl/externalLinks/"):
            facts.external_links += name.endswith(".xml")
        elif name.startswith(("xl/embeddings/", "xl/activeX/")):
            facts.embedded += not name.endswith(".rels")
    if "docProps/core.xml" in parts:
        facts.saved_at = _saved_at(_head(data, parts["docProps/core.xml"], 4096))
    for name in sheets:
        m = _DIMENSION.search(_head(data, parts[name]))
        if m is None:
            continue
        cells = _cells(m[1])
        if cells > max_cells:
            facts.oversized.append((_sheet_names(data, parts).get(name, name), m[1].decode(), cells))
    return facts


@functools.lru_cache(maxsize=256)
def _cells(ref: bytes) -> int:
    """The cells of a grid from A1 to the far corner of ``ref``: the reader builds the grid from A1."""
    (r1, c1), (r2, c2) = parse_range(ref.decode())
    return (max(r1, r2) + 1) * (max(c1, c2) + 1)


def _directory(data: bytes) -> dict[str, Entry] | None:
    """The zip's central directory (name -> where the part is), read straight from the bytes."""
    found = directory(data)
    return None if found is None else found.entries


def _head(data: bytes, part: Entry, out: int = _HEAD_OUT) -> bytes:
    """The first bytes of a part, inflated straight from the zip's bytes."""
    at = part.offset
    if data[at:at + 4] != b"PK\x03\x04":
        return b""
    n, extra = struct.unpack_from("<HH", data, at + 26)
    body = data[at + 30 + n + extra:at + 30 + n + extra + min(part.compressed, max(_HEAD_IN, out // 2))]
    try:
        if part.method == 0:
            return body[:out]
        if part.method == 8:
            return zlib.decompressobj(-15).decompress(body, out)
    except zlib.error:
        pass
    return b""


def _whole(data: bytes, part: Entry, limit: int = 1 << 20) -> bytes:
    return _head(data, part._replace(compressed=min(part.compressed, limit)), limit)


def _saved_at(head: bytes) -> dt.datetime | None:
    m = _MODIFIED.search(head)
    if not m:
        return None
    try:
        value = dt.datetime.fromisoformat(m[1].decode().strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return value if value.tzinfo else value.replace(tzinfo=dt.timezone.utc)


def _sheet_names(data: bytes, parts: dict[str, Entry]) -> dict[str, str]:
    """Worksheet part -> the sheet's name as the user sees it (only needed to explain a refusal)."""
    if "xl/workbook.xml" not in parts or "xl/_rels/workbook.xml.rels" not in parts:
        return {}
    wb = _whole(data, parts["xl/workbook.xml"]).decode("utf-8", "replace")
    rels = _whole(data, parts["xl/_rels/workbook.xml.rels"]).decode("utf-8", "replace")
    targets = {}
    for tag in _REL.findall(rels):
        attrs = dict(_ATTR.findall(tag))
        if "Id" in attrs and "Target" in attrs:
            target = attrs["Target"]
            targets[attrs["Id"]] = target.lstrip("/") if target.startswith("/") else "xl/" + target
    return {targets[rid]: html.unescape(name) for name, rid in _SHEET.findall(wb) if rid in targets}


def sheet_parts(data: bytes) -> dict[str, str]:
    """Sheet name -> worksheet part (for tests and tools)."""
    parts = _directory(data) or {}
    return {v: k for k, v in _sheet_names(data, parts).items()}
