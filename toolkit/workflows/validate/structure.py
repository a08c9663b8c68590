"""Layout rules: the workbook still has the sheets, tables, columns and formulas the template made."""

from __future__ import annotations

from toolkit.adapters.excel.build import sheet_name
from toolkit.adapters.excel.cells import parse_range
from toolkit.adapters.excel.read import Document, Structure
from toolkit.spec import Form
from toolkit.workflows.validate.fields import FORMULA_ERROR
from toolkit.workflows.validate.findings import Collector, num, rule

SHEET_MISSING = rule("structure.sheet_missing", "error")
SHEET_RENAMED = rule("structure.sheet_renamed", "warning")
TABLE_MISSING = rule("structure.table_missing", "error")
TABLE_RESIZED = rule("structure.table_resized", "warning")
COLUMNS_CHANGED = rule("structure.columns_changed", "error")
FORMULA_OVERWRITTEN = rule("structure.formula_overwritten", "error")
ROWS_OUTSIDE = rule("structure.rows_outside_table", "error")
MERGED = rule("structure.merged_cells", "error")
MERGED_ELSEWHERE = rule("structure.merged_cells_outside", "info")
CHANGED = rule("structure.changed", "error")


def check_structure(doc: Document, out: Collector) -> None:
    inputs = None
    for s in doc.structure:
        if s.problem == "merged_cells":
            inputs = inputs if inputs is not None else _input_areas(doc)
            r = MERGED if _overlaps(s, inputs.get(s.sheet, ())) else MERGED_ELSEWHERE
            out.add(r, sheet=s.sheet, cell=s.ref, value=s.ref)
        else:
            _one(s, out)


def _one(s: Structure, out: Collector) -> None:
    p = s.problem
    if p == "sheet_missing":
        out.add(SHEET_MISSING, sheet=s.sheet)
    elif p == "sheet_renamed":
        out.add(SHEET_RENAMED, sheet=s.sheet, expected=s.detail)
    elif p == "table_missing":
        out.add(TABLE_MISSING, sheet=s.sheet, value=s.detail, table=s.detail)
    elif p == "table_resized":
        rows, _, expected = s.detail.partition("/")
        shown = {k: num(int(v), out.lang) if v.isdigit() else v for k, v in (("rows", rows), ("expected", expected))}
        out.add(TABLE_RESIZED, sheet=s.sheet, cell=s.ref, value=s.ref, **shown)
    elif p == "columns_changed":
        out.add(COLUMNS_CHANGED, sheet=s.sheet, cell=s.ref, value=s.detail[:80])
    elif p == "formula_overwritten":
        out.add(FORMULA_OVERWRITTEN, sheet=s.sheet, cell=s.ref, field=s.detail or None)
    elif p == "rows_outside_table":
        out.add(ROWS_OUTSIDE, sheet=s.sheet, cell=s.ref)
    elif p == "formula_error":
        out.add(FORMULA_ERROR, sheet=s.sheet, cell=s.ref, value=s.detail)
    else:  # a problem the reader learnt after this module: still a finding, never silence
        out.add(CHANGED, sheet=s.sheet, cell=s.ref, value=f"{p} {s.detail}".strip()[:80])


def _input_areas(doc: Document) -> dict[str, list[tuple[int, int, int, int]]]:
    """Sheet -> rectangles (row1, col1, row2, col2), 0-based, of the template's input cells."""
    areas: dict[str, list[tuple[int, int, int, int]]] = {}
    lang = doc.language
    for part in doc.spec.parts:
        sheet = sheet_name(part.sheet, lang)
        if isinstance(part, Form):
            for i, f in enumerate(part.fields):
                if f.is_input:
                    r = part.first_row - 1 + i
                    areas.setdefault(sheet, []).append((r, 1, r, 1))
        else:
            for c, f in enumerate(part.fields):
                if f.is_input:
                    areas.setdefault(sheet, []).append((part.header_row, c, part.last_data_row - 1, c))
    return areas


def _overlaps(s: Structure, rects) -> bool:
    try:
        (r1, c1), (r2, c2) = parse_range(s.ref)
    except ValueError:
        return True
    return any(r1 <= b_r2 and b_r1 <= r2 and c1 <= b_c2 and b_c1 <= c2 for b_r1, b_c1, b_r2, b_c2 in rects)
