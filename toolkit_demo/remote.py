"""The JSON payload xlwings' VBA remote client (Remote.bas) sends, built from a workbook file.

Test support: the tests and the click benchmark post it to the handlers through
``toolkit.service.xlwings_remote.RemoteBook``, as the service receives it. Layout as
RunServerPython builds it: client, version, book (name, active sheet, selection),
names, and per worksheet its name, pictures, tables (absolute addresses) and values
from A1 to the end of the used range, written as VBA-Web's ConvertToJson writes a
Range's values: empty cells as null, numbers as CStr gives them (15 significant
digits, whole numbers without a decimal point), dates as ConvertToIso's text.
Not sent as the client would: named ranges (``names`` is empty; the handlers do not
use them) and cells Excel counts as used only for their formatting.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from toolkit.adapters.excel.cells import a1
from toolkit.adapters.excel.ooxml import Package, sheet_parts
from toolkit.adapters.excel.tables import FileTables


def _cell(value):
    if value == "":
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, float):
        shown = float(f"{value:.15g}")  # VBA's CStr of a Double
        return int(shown) if shown.is_integer() and abs(shown) < 1e15 else shown
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%dT%H:%M:%S.000Z")
    if isinstance(value, dt.date):
        return value.strftime("%Y-%m-%dT00:00:00.000Z")
    if isinstance(value, dt.time):
        return dt.datetime.combine(dt.date(1899, 12, 30), value).strftime("%Y-%m-%dT%H:%M:%S.000Z")
    return value


def payload_from_file(
    path: str | Path, *, name: str | None = None, active_sheet: int = 0, version: str | None = None
) -> dict:
    """The payload of the workbook at ``path``; ``name`` is what the client reports as the book's name."""
    import python_calamine as calamine

    from toolkit.adapters.excel.guard import SheetGuard
    from toolkit.adapters.excel.sniff import check_bytes

    path = Path(path)
    data = path.read_bytes()
    archive = check_bytes(data, path.name)
    guard = SheetGuard(archive, path.name)
    pkg = Package(data, archive)
    tables_by_sheet: dict[str, list[dict]] = {}
    for tname, table in FileTables(pkg, sheet_parts(pkg)).tables().items():
        (r1, c1), (r2, c2), totals = table.start, table.end, table.totals
        header = a1(r1 - 1, c1, True) + ":" + a1(r1 - 1, c2, True)
        body = a1(r1, c1, True) + ":" + a1(r2, c2, True)
        tables_by_sheet.setdefault(table.sheet, []).append(
            {
                "name": tname,
                "range_address": a1(r1 - 1, c1, True) + ":" + a1(r2 + totals, c2, True),
                "header_row_range_address": header,
                "data_body_range_address": body,
                "total_row_range_address": (a1(r2 + 1, c1, True) + ":" + a1(r2 + 1, c2, True)) if totals else None,
                "show_headers": True,
                "show_totals": bool(totals),
                "table_style": "TableStyleLight15",
                "show_autofilter": True,
            }
        )
    book = calamine.load_workbook(io.BytesIO(data))
    try:
        sheets = []
        for sname in book.sheet_names:
            guard.scan(sname)  # ReadError before a grid too large is built
            grid = book.get_sheet_by_name(sname).to_python(skip_empty_area=False)
            values = [[_cell(v) for v in row] for row in grid] or [[]]
            sheets.append({"name": sname, "pictures": [], "tables": tables_by_sheet.get(sname, []), "values": values})
    finally:
        book.close()
        archive.close()
    if version is None:
        from importlib.metadata import version as installed

        version = installed("xlwings")
    return {
        "client": "VBA",
        "version": version,
        "book": {"name": name or path.name, "active_sheet_index": active_sheet, "selection": "A1"},
        "names": [],
        "sheets": sheets,
    }
