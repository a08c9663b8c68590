"""Read the open book through xlwings into the same Document the file reader produces.

Why values and not the saved file: a click through the service
(toolkit.service.xlwings_remote.RemoteBook, also what the tests use) has no file at all, and in desktop Excel the open book may hold unsaved
edits or live on SharePoint. Reading the values through xlwings works in all
of these, and the sheets, tables and cells are the ones the user sees.
The reader (toolkit.adapters.excel.read) is fed a small stand-in for a calamine
workbook, so the typing rules are the file reader's own. Formulas are read
where the engine offers them (desktop Excel); the remote client does not send
them, and then a typed-over formula is left to the file check at submission.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from toolkit.adapters.excel.build import META_SHEET
from toolkit.adapters.excel.cells import a1, parse_range
from toolkit.adapters.excel.tables import TableInfo

CONF_SHEET = "xlwings.conf"


class _Sheet:
    """What toolkit.adapters.excel.read uses of a calamine sheet."""

    def __init__(self, values: list[list]):
        self._values = values
        self.merged_cell_ranges: list = []  # not available through xlwings; merges are a file check

    def to_python(self, skip_empty_area: bool = True) -> list[list]:
        return self._values


class _Workbook:
    """What toolkit.adapters.excel.read uses of a calamine workbook, over a Snapshot."""

    def __init__(self, snap: Snapshot):
        self._snap = snap
        self.sheet_names = list(snap.values)

    def get_sheet_by_name(self, name: str) -> _Sheet:
        return _Sheet(self._snap.values[name])

    def get_table_by_name(self, name: str) -> TableInfo:
        return self._snap.tables[name]

    def close(self) -> None:
        pass


@dataclass
class Snapshot:
    """The open book's content: values per sheet from A1 (blank cells as ""), tables, formulas if known."""

    name: str
    fullname: str
    values: dict[str, list[list]] = field(default_factory=dict)
    tables: dict[str, TableInfo] = field(default_factory=dict)
    formulas: dict[str, set[str]] | None = None

    def key_values(self, sheet: str) -> dict[str, str]:
        """Column A -> column B of a key/value sheet such as _meta or xlwings.conf ({} when absent)."""
        out = {}
        for row in self.values.get(sheet, []):
            if len(row) >= 2 and row[0] not in (None, ""):
                out[str(row[0]).strip()] = "" if row[1] is None else str(row[1]).strip()
        return out

    @property
    def meta(self) -> dict[str, str]:
        return self.key_values(META_SHEET)

    @property
    def language(self) -> str | None:
        from toolkit.i18n import LANGUAGES

        lang = self.meta.get("language")
        return lang if lang in LANGUAGES else None

    @property
    def path(self) -> Path | None:
        """The book's file when it is saved on this computer (desktop Excel's FullName), else None."""
        p = Path(self.fullname)
        return p if p.is_absolute() and p.is_file() else None

    def document(self):
        """The book as toolkit.adapters.excel.read.Document; ReadError when it is not one of ours."""
        from toolkit.adapters.excel.read import read_source

        formulas = self.formulas
        lookup = None if formulas is None else (lambda sheet: formulas.get(sheet, set()))
        return read_source(_Workbook(self), Path(self.name), formulas=lookup)


def snapshot(book, *, with_formulas: bool = True) -> Snapshot:
    """Read every sheet's values (one call per sheet), its tables and, where possible, its formulas."""
    snap = Snapshot(name=book.name, fullname=_fullname(book))
    formulas: dict[str, set[str]] | None = {} if with_formulas else None
    for sheet in book.sheets:
        grid, rng = _values(sheet)
        snap.values[sheet.name] = grid
        for table in _tables(sheet):
            snap.tables[table.name] = table
        if formulas is not None and rng is not None and sheet.name not in (META_SHEET, CONF_SHEET):
            found = _formulas(rng)
            if found is None:
                formulas = None
            else:
                formulas[sheet.name] = found
    snap.formulas = formulas
    return snap


def _fullname(book) -> str:
    try:
        return str(book.fullname)
    except Exception:  # an engine without paths
        return str(book.name)


def _values(sheet) -> tuple[list[list], Any]:
    used = sheet.used_range
    last = used.last_cell
    rng = sheet.range((1, 1), (last.row, last.column))
    raw = rng.options(ndim=2, err_to_str=True).value or [[]]
    grid = [["" if v is None else v for v in row] for row in raw]
    if len(grid) == 1 and all(v == "" for v in grid[0]):
        return [[]], None
    return grid, rng


def _tables(sheet) -> list[TableInfo]:
    out = []
    for table in sheet.tables:
        header = table.header_row_range
        body = table.data_body_range
        if header is None or body is None:
            continue
        columns = header.options(ndim=1).value or []
        (r1, c1), (r2, c2) = parse_range(body.address.replace("$", ""))
        out.append(
            TableInfo(table.name, sheet.name, ["" if c is None else str(c) for c in columns], (r1, c1), (r2, c2))
        )
    return out


def _formulas(rng) -> set[str] | None:
    """A1 refs of the cells holding a formula; None when the engine can't tell (remote)."""
    try:
        grid = rng.formula
    except NotImplementedError:
        return None
    if not isinstance(grid, (list, tuple)):
        grid = ((grid,),)
    elif grid and not isinstance(grid[0], (list, tuple)):
        grid = (grid,)
    return {
        a1(r, c) for r, row in enumerate(grid) for c, f in enumerate(row) if isinstance(f, str) and f.startswith("=")
    }
