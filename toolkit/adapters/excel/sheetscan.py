"""One streaming pass over a worksheet part: how far its cells really reach, its formulas, its error cells.

It runs before calamine builds the sheet's grid, which calamine allocates from A1 to the farthest
cell holding a value, whatever ``<dimension>`` says. Formulas and error cells are matched
namespace-aware, so a legal prefix (``<x:c>``) reads like none; cells and rows are matched as
calamine matches them, by local name in any namespace, so the extent found is never smaller than
the grid calamine allocates. pyexpat (the parser under ElementTree) streams the part: one call per
element, no tree, memory bounded whatever the part's size.
"""

from __future__ import annotations

import functools
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from toolkit.adapters.excel.cells import a1
from toolkit.adapters.excel.xmlread import MAIN_NAMESPACES, new_parser


@dataclass
class SheetScan:
    """What one worksheet part holds (read-only)."""

    far_row: int = -1  # 0-based row and column of the farthest value; -1 when none
    far_col: int = -1
    dimension: str = ""  # <dimension ref> as written; "" when absent
    formulas: set[str] = field(default_factory=set)  # cells holding a formula
    errors: dict[str, str] = field(default_factory=dict)  # cell -> the error value it shows

    @property
    def grid_cells(self) -> int:
        """Cells of the grid calamine builds: from A1 to the farthest value."""
        return (self.far_row + 1) * (self.far_col + 1)

    @property
    def far_cell(self) -> str:
        """The reference of the grid's far corner ("" for a sheet without values)."""
        return a1(self.far_row, self.far_col) if self.far_row >= 0 else ""


class BadReference(ValueError):
    """A cell or row reference that is no reference."""


@functools.lru_cache(maxsize=8192)
def position(ref: str) -> tuple[int, int]:
    """A cell reference as calamine reads it (letters then digits, any case, any length), 0-based."""
    letters = ref.rstrip("0123456789")
    digits = ref[len(letters) :]
    if not letters or not letters.isascii() or not letters.isalpha() or not digits:
        raise BadReference(ref)
    col = 0
    for ch in letters.upper():
        col = col * 26 + ord(ch) - 64
    return int(digits) - 1, col - 1


# What an element is to the scan, by its local name; the flag says it is in a SpreadsheetML namespace.
_CELL, _VALUE, _INLINE, _FORMULA, _ROW, _DATA, _DIMENSION = range(7)
_ROLES = {
    "c": _CELL,
    "v": _VALUE,
    "is": _INLINE,
    "f": _FORMULA,
    "row": _ROW,
    "sheetData": _DATA,
    "dimension": _DIMENSION,
}


_MISSING = object()
_ROLE_CACHE: dict[str, tuple[int, bool] | None] = {}  # what _role said, for the names seen (bounded)


def _learn(name: str) -> tuple[int, bool] | None:
    """(role, in SpreadsheetML) for an element named "namespace local" as expat names it, None for any other."""
    uri, _, tag = name.rpartition(" ")
    role = _ROLES.get(tag)
    found = None if role is None else (role, uri in MAIN_NAMESPACES)
    if len(_ROLE_CACHE) < 4096:  # a part can't grow it without bound with made-up names
        _ROLE_CACHE[name] = found
    return found


def scan_sheet(chunks: Iterable[bytes]) -> SheetScan:
    """Scan a worksheet part fed as chunks of bytes.

    Raises UnsafeXML (a DOCTYPE), xml.parsers.expat.ExpatError (not well-formed) or BadReference.
    """
    # Handlers are closures over locals (cheaper per element than attributes of an object): expat
    # calls them for every element, about a thousand per sheet of a filled template.
    parser = new_parser()
    out = SheetScan()
    formulas, errors = out.formulas, out.errors
    roles = _ROLE_CACHE
    row = col = far_row = far_col = -1
    cell = None  # position of the <c> being read
    in_data = False  # inside <sheetData>
    error_cell = None  # a t="e" cell being read, and the text of its <v>
    shown: list[str] = []

    def start(name, attrs):
        nonlocal row, col, far_row, far_col, cell, in_data, error_cell, shown
        found = roles.get(name, _MISSING)
        if found is _MISSING:
            found = _learn(name)
        if found is None:
            return
        role, main = found
        if role == _CELL:
            if in_data:
                ref = attrs.get("r")
                if ref is None:  # calamine puts it right of the cell before
                    col += 1
                else:
                    row, col = position(ref)
                cell = (row, col)
                if main and attrs.get("t") == "e":
                    error_cell = ref or a1(row, col)
        elif role in (_VALUE, _INLINE):
            if cell is not None:
                if cell[0] > far_row:
                    far_row = cell[0]
                if cell[1] > far_col:
                    far_col = cell[1]
                if main and role == _VALUE and error_cell is not None:
                    shown = []
                    parser.CharacterDataHandler = shown.append
        elif role == _FORMULA:
            if main and cell is not None:
                formulas.add(a1(*cell))
        elif role == _ROW:
            if in_data:
                ref = attrs.get("r")
                if ref is None:
                    row += 1
                elif ref.isdigit():
                    row = int(ref) - 1
                else:
                    raise BadReference(ref)
                col, cell = -1, None
        elif role == _DATA:
            in_data = True
        elif main:  # _DIMENSION
            out.dimension = attrs.get("ref", "")

    def end(name):
        nonlocal cell, in_data, error_cell, shown
        found = roles.get(name, _MISSING)
        if found is _MISSING:
            found = _learn(name)
        if found is None:
            return
        role = found[0]
        if role == _CELL:
            if error_cell is not None:
                errors[error_cell] = "".join(shown).strip() or "#VALUE!"
                error_cell, shown = None, []
            cell = None
        elif role == _VALUE:
            parser.CharacterDataHandler = None
        elif role == _DATA:
            in_data, cell = False, None

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    for chunk in chunks:
        parser.Parse(chunk, False)
    parser.Parse(b"", True)
    out.far_row, out.far_col = far_row, far_col
    return out


# Parts up to this size (all of a template's) are parsed into a tree by ElementTree's C parser and
# walked cell by cell: several times faster than a Python call per element from expat.
TREE_LIMIT = 1 << 20
_ALLOWED_ENCODINGS = (b'encoding="utf-8"', b"encoding='utf-8'")


def scan_part(chunks: Iterable[bytes], size: int) -> SheetScan:
    """scan_sheet's result for a part of ``size`` bytes (as declared; ``chunks`` enforce it).

    A small part in UTF-8 without a DOCTYPE, laid out as SpreadsheetML lays it out (every cell,
    row, value and formula where the schema puts it), is read from a tree; any other part, or one
    the tree parser refuses, is streamed by scan_sheet, so what is found never depends on the path.
    """
    if size > TREE_LIMIT:
        return scan_sheet(chunks)
    data = b"".join(chunks)
    if _treeable(data):
        try:
            root = ET.fromstring(data)
        except ET.ParseError:
            root = None  # scan_sheet says why
        if root is not None:
            found = _walk(root)
            if found is not None:
                return found
    return scan_sheet([data])


def _treeable(data: bytes) -> bool:
    """Whether ElementTree reads ``data`` as expat does here: UTF-8 (no NUL, so no UTF-16 or -32,
    no other declared encoding) and no DOCTYPE (which, in UTF-8, can only be spelt so)."""
    if b"\0" in data or b"<!DOCTYPE" in data:
        return False
    head = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
    if head.startswith(b"<?xml"):
        end = head.find(b"?>")
        if end < 0:
            return False
        decl = b"".join(head[:end].lower().split())
        if b"encoding" in decl and not any(e in decl for e in _ALLOWED_ENCODINGS):
            return False
    return True


_TAG_CACHE: dict[str, tuple[int, bool] | None] = {}


def _tag_role(tag) -> tuple[int, bool] | None:
    """(role, in SpreadsheetML) for an element named "{namespace}local" as ElementTree names it."""
    cached = _TAG_CACHE.get(tag, _MISSING)
    if cached is not _MISSING:
        return cached  # type: ignore[return-value]  # _MISSING is the only value of another type
    if not isinstance(tag, str):  # a comment or processing instruction
        return None
    uri, _, name = tag[1:].rpartition("}") if tag.startswith("{") else ("", "", tag)
    role = _ROLES.get(name)
    found = None if role is None else (role, uri in MAIN_NAMESPACES)
    if len(_TAG_CACHE) < 4096:
        _TAG_CACHE[tag] = found
    return found


def _walk(root: ET.Element) -> SheetScan | None:
    """The scan of a regular sheet's tree, as scan_sheet finds it; None when some cell, row, value,
    formula or sheetData stands elsewhere than sheetData/row/c/(v|is|f) (scan_sheet then reads it)."""
    counts = Counter([element.tag for element in root.iter()])
    roles = {tag: _tag_role(tag) for tag in counts}
    total = sum(n for tag, n in counts.items() if roles[tag] is not None)
    if roles[root.tag] is not None:
        return None
    out = SheetScan()
    formulas, errors = out.formulas, out.errors
    seen = 0
    row = col = far_row = far_col = -1
    for top in root:
        found = roles[top.tag]
        if found is None:
            continue
        seen += 1
        if found[0] == _DIMENSION:
            if found[1]:
                out.dimension = top.get("ref", "")
            continue
        if found[0] != _DATA:
            return None
        for line in top:
            found = roles[line.tag]
            if found is None:
                continue
            if found[0] != _ROW:
                return None
            seen += 1
            ref = line.get("r")
            if ref is None:
                row += 1
            elif ref.isdigit():
                row = int(ref) - 1
            else:
                raise BadReference(ref)
            col = -1
            for c in line:
                found = roles[c.tag]
                if found is None:
                    continue
                if found[0] != _CELL:
                    return None
                seen += 1
                ref = c.get("r")
                if ref is None:
                    col += 1
                else:
                    row, col = position(ref)
                error = found[1] and c.get("t") == "e"
                shown = ""
                for part in c:
                    found = roles[part.tag]
                    if found is None:
                        continue
                    seen += 1
                    role = found[0]
                    if role in (_VALUE, _INLINE):
                        if row > far_row:
                            far_row = row
                        if col > far_col:
                            far_col = col
                        if error and role == _VALUE and found[1]:
                            shown = "".join(part.itertext())
                    elif role == _FORMULA:
                        if found[1]:
                            formulas.add(a1(row, col))
                    else:
                        return None
                if error:
                    errors[ref or a1(row, col)] = shown.strip() or "#VALUE!"
    if seen != total:
        return None
    out.far_row, out.far_col = far_row, far_col
    return out


__all__ = ["TREE_LIMIT", "BadReference", "SheetScan", "position", "scan_part", "scan_sheet"]
