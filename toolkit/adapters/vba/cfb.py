"""A minimal writer for [MS-CFB] Compound File Binary files, version 3 (512-byte sectors).

Only what a ``vbaProject.bin`` needs: storages and streams written once, in one go.
Section numbers refer to [MS-CFB] "Compound File Binary File Format".

Layout of the file this module writes (every sector 512 bytes, after the 512-byte header):

    header | FAT sectors | directory sectors | mini FAT sectors | mini stream sectors | large streams

* Streams shorter than the mini stream cutoff (4,096 bytes, 2.2) live in the mini stream, in
  64-byte mini sectors chained by the mini FAT (2.4); the mini stream itself is the root
  directory entry's stream (2.6.2).
* The FAT (2.3) chains every other sector and marks its own sectors FATSECT.
* The DIFAT (2.5) is the 109 entries in the header, so at most 109 FAT sectors
  (109 * 128 sectors, about 7 MB): far beyond any VBA project.
* Each storage's children form a binary search tree ordered as in 2.6.4; every node is black,
  which 2.6.4 allows ("the simplest implementation ... would be to mark every node as black").
  We build the tree balanced (middle element at the root) so lookups stay short.
"""

from __future__ import annotations

import struct
from collections.abc import Mapping
from dataclasses import dataclass, field

__all__ = ["write_compound_file"]

SECTOR_SIZE = 512  # 2.2: sector shift 9 for major version 3
MINI_SECTOR_SIZE = 64  # 2.2: mini sector shift 6
MINI_STREAM_CUTOFF = 4096  # 2.2: streams smaller than this go to the mini stream
DIR_ENTRY_SIZE = 128  # 2.6.1
HEADER_DIFAT_ENTRIES = 109  # 2.2

# 2.1 Compound File Sector Numbers and Types
MAXREGSECT = 0xFFFFFFFA
DIFSECT = 0xFFFFFFFC
FATSECT = 0xFFFFFFFD
ENDOFCHAIN = 0xFFFFFFFE
FREESECT = 0xFFFFFFFF
NOSTREAM = 0xFFFFFFFF  # 2.6.1: "no sibling / no child"

# 2.6.1 Object Type
_STORAGE, _STREAM, _ROOT = 0x01, 0x02, 0x05
_BLACK = 0x01

_SIGNATURE = bytes.fromhex("D0CF11E0A1B11AE1")  # 2.2 Header Signature
_ILLEGAL_NAME_CHARS = set("/\\:!")  # 2.6.1 Directory Entry Name


@dataclass
class _Node:
    name: str
    kind: int
    data: bytes = b""
    children: dict[str, _Node] = field(default_factory=dict)  # upper-cased name -> node
    sid: int = NOSTREAM
    left: int = NOSTREAM
    right: int = NOSTREAM
    child: int = NOSTREAM
    start: int = ENDOFCHAIN
    size: int = 0


def write_compound_file(entries: Mapping[str, object]) -> bytes:
    """Return a version-3 compound file holding ``entries``.

    ``entries`` maps paths to content: ``bytes`` (or any bytes-like object) is a stream,
    a nested ``Mapping`` is a storage with its own entries. Paths use ``/`` between storage
    and stream names, and intermediate storages are created as needed, so
    ``{"VBA/dir": b"...", "PROJECT": b"..."}`` and ``{"VBA": {"dir": b"..."}, "PROJECT": b"..."}``
    give the same file. Names are 1 to 31 UTF-16 code units without ``/ \\ : !`` (2.6.1) and
    unique within their storage, case-insensitively (2.6.4 compares upper-cased names).
    """
    root = _Node("Root Entry", _ROOT)
    _add_entries(root, entries, "")
    nodes = _number(root)
    streams = [n for n in nodes if n.kind == _STREAM]
    mini = [n for n in streams if 0 < len(n.data) < MINI_STREAM_CUTOFF]
    large = [n for n in streams if len(n.data) >= MINI_STREAM_CUTOFF]

    # Mini stream (2.4, 2.6.2): each small stream occupies whole 64-byte mini sectors.
    mini_fat: list[int] = []
    mini_stream = bytearray()
    for node in mini:
        count = -(-len(node.data) // MINI_SECTOR_SIZE)
        node.start, node.size = len(mini_fat), len(node.data)
        mini_fat.extend(range(node.start + 1, node.start + count))
        mini_fat.append(ENDOFCHAIN)
        mini_stream += _pad(node.data, MINI_SECTOR_SIZE)

    per_sector = SECTOR_SIZE // 4
    n_dir = -(-len(nodes) * DIR_ENTRY_SIZE // SECTOR_SIZE)
    n_minifat = -(-len(mini_fat) // per_sector)
    n_ministream = -(-len(mini_stream) // SECTOR_SIZE)
    n_large = sum(-(-len(n.data) // SECTOR_SIZE) for n in large)
    payload = n_dir + n_minifat + n_ministream + n_large
    n_fat = 1
    while n_fat * per_sector < n_fat + payload:  # the FAT must also cover its own sectors
        n_fat += 1
    if n_fat > HEADER_DIFAT_ENTRIES:
        raise ValueError(
            f"compound file too large: needs {n_fat} FAT sectors, the header DIFAT holds "
            f"{HEADER_DIFAT_ENTRIES} (about {HEADER_DIFAT_ENTRIES * per_sector * SECTOR_SIZE / 1e6:.1f} MB)"
        )

    fat: list[int] = [FATSECT] * n_fat  # 2.3: FAT sectors are marked FATSECT

    def chain(count: int) -> int:
        """Allocate ``count`` consecutive sectors chained in the FAT; return the first."""
        if count == 0:
            return ENDOFCHAIN
        first = len(fat)
        fat.extend(range(first + 1, first + count))
        fat.append(ENDOFCHAIN)
        return first

    dir_start = chain(n_dir)
    minifat_start = chain(n_minifat)
    root.start, root.size = chain(n_ministream), len(mini_stream)  # 2.6.2: root holds the mini stream
    for node in large:
        node.start, node.size = chain(-(-len(node.data) // SECTOR_SIZE)), len(node.data)
    fat.extend([FREESECT] * (n_fat * per_sector - len(fat)))  # unused FAT entries are free

    out = bytearray(_header(n_fat, dir_start, minifat_start, n_minifat))
    out += struct.pack(f"<{len(fat)}I", *fat)
    directory = b"".join(_dir_entry(n) for n in nodes)
    out += _pad(directory + _unused_dir_entry() * (n_dir * SECTOR_SIZE // DIR_ENTRY_SIZE - len(nodes)), SECTOR_SIZE)
    if n_minifat:
        mini_fat += [FREESECT] * (n_minifat * per_sector - len(mini_fat))
        out += struct.pack(f"<{len(mini_fat)}I", *mini_fat)
    out += _pad(bytes(mini_stream), SECTOR_SIZE)
    for node in large:
        out += _pad(node.data, SECTOR_SIZE)
    assert len(out) == SECTOR_SIZE * (1 + n_fat + payload)
    return bytes(out)


def _add_entries(storage: _Node, entries: Mapping[str, object], prefix: str) -> None:
    for path, content in entries.items():
        if not isinstance(path, str) or not path.strip("/"):
            raise ValueError(f"bad entry path {prefix}{path!r}")
        *dirs, leaf = path.strip("/").split("/")
        parent = storage
        for name in dirs:
            parent = _child(parent, name, _STORAGE, prefix + path)
        if isinstance(content, Mapping):
            _add_entries(_child(parent, leaf, _STORAGE, prefix + path), content, f"{prefix}{path}/")
        elif isinstance(content, (bytes, bytearray, memoryview)):
            node = _child(parent, leaf, _STREAM, prefix + path)
            node.data = bytes(content)
        else:
            raise TypeError(
                f"entry {prefix}{path!r}: expected bytes (a stream) or a mapping (a storage), "
                f"got {type(content).__name__}"
            )


def _child(parent: _Node, name: str, kind: int, path: str) -> _Node:
    units = len(name.encode("utf-16-le")) // 2
    if not 1 <= units <= 31 or _ILLEGAL_NAME_CHARS & set(name) or "\0" in name:
        raise ValueError(
            f"entry {path!r}: name {name!r} must be 1-31 UTF-16 code units without / \\ : ! (MS-CFB 2.6.1)"
        )
    key = _upper(name)
    node = parent.children.get(key)
    if node is None:
        node = parent.children[key] = _Node(name, kind)
    elif node.kind != kind or kind == _STREAM:
        raise ValueError(
            f"entry {path!r}: {name!r} is given twice in the same storage (names compare case-insensitively)"
        )
    return node


def _upper(name: str) -> str:
    """Simple (one-to-one) upper-case mapping per code point, as 2.6.4 asks ("simple case conversion")."""
    return "".join(u if len(u := c.upper()) == 1 else c for c in name)


def _order_key(node: _Node) -> tuple[int, list[int]]:
    """2.6.4: shorter names sort first; equal lengths compare upper-cased UTF-16 code points."""
    units = _upper(node.name).encode("utf-16-le")
    return len(units), list(struct.unpack(f"<{len(units) // 2}H", units))


def _number(root: _Node) -> list[_Node]:
    """Give every node a stream ID (root is 0, 2.6.2) and link siblings into balanced trees."""
    nodes = [root]
    root.sid = 0
    queue = [root]
    while queue:
        storage = queue.pop(0)
        children = sorted(storage.children.values(), key=_order_key)
        for node in children:
            node.sid = len(nodes)
            nodes.append(node)
        storage.child = _link(children)
        queue.extend(n for n in children if n.kind == _STORAGE)
    return nodes


def _link(ordered: list[_Node]) -> int:
    """Make ``ordered`` a balanced binary search tree (left < node < right); return its root ID."""
    if not ordered:
        return NOSTREAM
    mid = len(ordered) // 2
    node = ordered[mid]
    node.left, node.right = _link(ordered[:mid]), _link(ordered[mid + 1 :])
    return node.sid


def _dir_entry(node: _Node) -> bytes:
    """2.6.1 Compound File Directory Entry (128 bytes). Times are zero (allowed, 2.6.1)."""
    name = node.name.encode("utf-16-le") + b"\0\0"
    start, size = node.start, node.size
    if node.kind == _STORAGE:
        start, size = 0, 0  # storages have no stream: both fields zero
    elif node.kind == _STREAM and size == 0:
        start = ENDOFCHAIN  # an empty stream owns no sector
    return struct.pack(
        "<64sHBB3I16sI8s8sIQ",
        name,
        len(name),
        node.kind,
        _BLACK,
        node.left,
        node.right,
        node.child,
        bytes(16),
        0,
        bytes(8),
        bytes(8),
        start,
        size,
    )


def _unused_dir_entry() -> bytes:
    """2.6.3 Unallocated (free) directory entry: all zero except the three IDs set to NOSTREAM."""
    return struct.pack(
        "<64sHBB3I16sI8s8sIQ", b"", 0, 0, 0, NOSTREAM, NOSTREAM, NOSTREAM, bytes(16), 0, bytes(8), bytes(8), 0, 0
    )


def _header(n_fat: int, dir_start: int, minifat_start: int, n_minifat: int) -> bytes:
    """2.2 Compound File Header for major version 3."""
    difat = list(range(n_fat)) + [FREESECT] * (HEADER_DIFAT_ENTRIES - n_fat)  # FAT sectors are 0..n_fat-1
    header = struct.pack(
        "<8s16sHHHHH6sIIIIIIIII",
        _SIGNATURE,
        bytes(16),  # Header CLSID: all zero
        0x003E,  # Minor Version
        0x0003,  # Major Version 3
        0xFFFE,  # Byte Order: little-endian
        0x0009,  # Sector Shift: 512-byte sectors
        0x0006,  # Mini Sector Shift: 64-byte mini sectors
        bytes(6),  # Reserved
        0,  # Number of Directory Sectors: MUST be zero for version 3
        n_fat,  # Number of FAT Sectors
        dir_start,  # First Directory Sector Location
        0,  # Transaction Signature Number
        MINI_STREAM_CUTOFF,  # Mini Stream Cutoff Size
        minifat_start,  # First Mini FAT Sector Location (ENDOFCHAIN when none)
        n_minifat,  # Number of Mini FAT Sectors
        ENDOFCHAIN,  # First DIFAT Sector Location: none, the header holds them all
        0,  # Number of DIFAT Sectors
    ) + struct.pack(f"<{HEADER_DIFAT_ENTRIES}I", *difat)
    assert len(header) == SECTOR_SIZE
    return header


def _pad(data: bytes, size: int) -> bytes:
    return data + bytes(-len(data) % size)
