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
from collections.abc import Iterable
from dataclasses import dataclass, field

from toolkit.adapters.excel.cells import a1
from toolkit.adapters.excel.xmlread import MAIN_NAMESPACES, new_parser


@dataclass
class SheetScan:
    """What one worksheet part holds (read-only)."""

    far_row: int = -1                  # 0-based row and column of the farthest value; -1 when none
    far_col: int = -1
    dimension: str = ""                # <dimension ref> as written; "" when absent
    formulas: set[str] = field(default_factory=set)       # cells holding a formula
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
    digits = ref[len(letters):]
    if not letters or not letters.isascii() or not letters.isalpha() or not digits:
        raise BadReference(ref)
    col = 0
    for ch in letters.upper():
        col = col * 26 + ord(ch) - 64
    return int(digits) - 1, col - 1


# What an element is to the scan, by its local name; the flag says it is in a SpreadsheetML namespace.
_CELL, _VALUE, _INLINE, _FORMULA, _ROW, _DATA, _DIMENSION = range(7)
_ROLES = {"c": _CELL, "v": _VALUE, "is": _INLINE, "f": _FORMULA, "row": _ROW, "sheetData": _DATA,
          "dimension": _DIMENSION}


@functools.lru_cache(maxsize=1024)
def _role(name: str) -> tuple[int, bool] | None:
    """("namespace local" as expat names it) -> (role, in SpreadsheetML), None for any other element."""
    uri, _, tag = name.rpartition(" ")
    role = _ROLES.get(tag)
    return None if role is None else (role, uri in MAIN_NAMESPACES)


def scan_sheet(chunks: Iterable[bytes]) -> SheetScan:
    """Scan a worksheet part fed as chunks of bytes.

    Raises UnsafeXML (a DOCTYPE), xml.parsers.expat.ExpatError (not well-formed) or BadReference.
    """
    parser = new_parser()
    state = _State(SheetScan(), parser)
    parser.StartElementHandler = state.start
    parser.EndElementHandler = state.end
    for chunk in chunks:
        parser.Parse(chunk, False)
    parser.Parse(b"", True)
    return state.out


class _State:
    """Where the scan stands: row and column as calamine counts them, the cell being read."""

    __slots__ = ("out", "parser", "row", "col", "cell", "in_data", "error_cell", "shown")

    def __init__(self, out: SheetScan, parser):
        self.out, self.parser = out, parser
        self.row, self.col = -1, -1
        self.cell: tuple[int, int] | None = None   # position of the <c> being read
        self.in_data = False                       # inside <sheetData>
        self.error_cell: str | None = None         # a t="e" cell being read
        self.shown: list[str] = []                 # the text of its <v>

    def start(self, name: str, attrs: dict) -> None:
        found = _role(name)
        if found is None:
            return
        role, main = found
        if role == _CELL:
            if self.in_data:
                ref = attrs.get("r")
                if ref is None:   # calamine puts it right of the cell before
                    self.col += 1
                else:
                    self.row, self.col = position(ref)
                self.cell = (self.row, self.col)
                if main and attrs.get("t") == "e":
                    self.error_cell = ref or a1(self.row, self.col)
        elif role == _VALUE or role == _INLINE:
            cell = self.cell
            if cell is not None:
                out = self.out
                if cell[0] > out.far_row:
                    out.far_row = cell[0]
                if cell[1] > out.far_col:
                    out.far_col = cell[1]
                if main and role == _VALUE and self.error_cell is not None:
                    self.shown = []
                    self.parser.CharacterDataHandler = self.shown.append
        elif role == _FORMULA:
            if main and self.cell is not None:
                self.out.formulas.add(a1(*self.cell))
        elif role == _ROW:
            if self.in_data:
                ref = attrs.get("r")
                if ref is None:
                    self.row += 1
                elif ref.isdigit():
                    self.row = int(ref) - 1
                else:
                    raise BadReference(ref)
                self.col, self.cell = -1, None
        elif role == _DATA:
            self.in_data = True
        elif main:   # _DIMENSION
            self.out.dimension = attrs.get("ref", "")

    def end(self, name: str) -> None:
        found = _role(name)
        if found is None:
            return
        role = found[0]
        if role == _CELL:
            if self.error_cell is not None:
                self.out.errors[self.error_cell] = "".join(self.shown).strip() or "#VALUE!"
                self.error_cell, self.shown = None, []
            self.cell = None
        elif role == _VALUE:
            self.parser.CharacterDataHandler = None
        elif role == _DATA:
            self.in_data, self.cell = False, None


__all__ = ["BadReference", "SheetScan", "position", "scan_sheet"]
