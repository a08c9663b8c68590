"""The Excel tables of a workbook file, from its table parts: where each stands and its columns.

python-calamine tells this too (load_tables, get_table_by_name), but it reads each table's sheet
again to do so, which costs more than the rest of reading a small submission's tables. The table
parts are a few hundred bytes each and say all the reader needs.
"""

from __future__ import annotations

from dataclasses import dataclass
from xml.etree.ElementTree import ParseError
from xml.parsers.expat import ExpatError

from toolkit.adapters.excel import xmlread
from toolkit.adapters.excel.cells import parse_range
from toolkit.adapters.excel.ooxml import Package


@dataclass
class TableInfo:
    """An Excel table as calamine describes one: data rows only, 0-based (read-only)."""

    name: str
    sheet: str
    columns: list[str]
    start: tuple[int, int]  # first data row, first column
    end: tuple[int, int]  # last data row (totals row excluded), last column
    totals: int = 0  # rows below ``end`` that are the totals row


def parse_table(xml: bytes | str, sheet: str) -> TableInfo | None:
    """A table part's root and columns as TableInfo; None when it does not say where it stands."""
    try:
        root = xmlread.parse(xml.encode("utf-8") if isinstance(xml, str) else xml)
    except (ParseError, ExpatError, xmlread.UnsafeXML):
        return None
    if xmlread.local(root.tag) != "table":
        return None
    a = root.attrib
    try:
        (r1, c1), (r2, c2) = parse_range(a.get("ref", ""))
        header = int(a.get("headerRowCount", "1"))
        totals = int(a.get("totalsRowCount", "0"))
    except ValueError:
        return None
    ns = root.tag[: -len("table")]  # the table's own namespace, whatever its prefix
    columns = [c.get("name", "") for c in root.iter(f"{ns}tableColumn")]
    return TableInfo(
        a.get("displayName") or a.get("name", ""), sheet, columns, (r1 + header, c1), (r2 - totals, c2), totals
    )


class FileTables:
    """get_table_by_name over a workbook file's table parts, found through each sheet's relationships."""

    def __init__(self, pkg: Package, sheet_parts: dict[str, str]):
        self._pkg, self._sheet_parts = pkg, sheet_parts
        self._found: dict[str, TableInfo] | None = None

    def get_table_by_name(self, name: str) -> TableInfo | None:
        return self.tables().get(name)

    def tables(self) -> dict[str, TableInfo]:
        """Every table, by name, in the order of the sheets."""
        if self._found is None:
            self._found = {}
            for sheet, part in self._sheet_parts.items():
                for rel in self._pkg.rels(part):
                    if not rel.get("Type", "").endswith("/table"):
                        continue
                    target = self._pkg.target(part, rel)
                    if target not in self._pkg:
                        continue
                    info = parse_table(self._pkg.raw(target), sheet)
                    if info is not None:
                        self._found.setdefault(info.name, info)
        return self._found
