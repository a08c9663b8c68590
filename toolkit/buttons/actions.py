"""Write back into the open book through xlwings: findings, highlights, computed sheets, cells, message boxes.

Only what xlwings' VBA remote client can also apply is used (values, fill
colours, number formats, hyperlinks, adding and clearing sheets, activating a
sheet, autofit, message boxes), so the same code runs in desktop Excel (COM)
and in the remote engine the tests use. Desktop Excel applies each call at
once and may refuse one (e.g. a fill on a protected sheet); such a refusal is
logged and the rest goes on.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from decimal import Decimal
from enum import Enum

from toolkit.adapters.excel.build import sheet_name
from toolkit.adapters.excel.cells import parse_a1, quote_sheet
from toolkit.adapters.excel.styles import COMPUTED_FILL, LOCKED_FILL, number_format
from toolkit.findings_table import COLOURS, headings, ordered
from toolkit.findings_table import row as finding_row
from toolkit.i18n import t
from toolkit.spec import FieldType, Form, TemplateSpec

log = logging.getLogger("toolkit.buttons")

FILLS = {severity: fill for severity, (fill, _font) in COLOURS.items()}
ROLE_FILLS = {"input": "#FFFFFF", "locked": LOCKED_FILL, "computed": COMPUTED_FILL}
FINDINGS_HEADER_ROW = 4  # 1-based; findings from the row below
MAX_HIGHLIGHTS = 200


def _b(key: str, lang: str, **params) -> str:
    return t(f"buttons.{key}", lang, **params)


def _try(what: str, call, *args, **kwargs) -> bool:
    try:
        call(*args, **kwargs)
        return True
    except Exception as exc:  # desktop Excel refused one write; the others still help the user
        log.warning("could not %s: %s", what, exc)
        return False


def cell_value(value):
    """A Python value as xlwings writes it: numbers as float or int, enums as their value, dates as datetimes."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() and abs(value) < 2**53 else float(value)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return dt.datetime.combine(value, dt.time())
    return value


def alert(book, text: str, title: str, mode: str = "info") -> None:
    """A message box (VBA MsgBox) in the book's window."""
    book.app.alert(text, title=title, buttons="ok", mode=mode)


def fresh_sheet(book, name: str, after: str | None = None):
    """The sheet ``name``, emptied if it exists, else added after ``after`` (or at the end)."""
    names = [s.name for s in book.sheets]
    if name in names:
        sheet = book.sheets[name]
        sheet.clear()
        return sheet
    anchor = book.sheets[after] if after in names else book.sheets[len(names) - 1]
    return book.sheets.add(name, after=anchor)


def write_rows(sheet, row: int, rows: list[list], *, text: bool = False, col: int = 1) -> None:
    """Write ``rows`` as one block from (row, col), 1-based; ``text`` formats the block as text first."""
    if not rows:
        return
    width = max(len(r) for r in rows)
    block = [[cell_value(v) for v in r] + [None] * (width - len(r)) for r in rows]
    rng = sheet.range((row, col), (row + len(block) - 1, col + width - 1))
    if text:
        rng.number_format = "@"
    rng.value = block


# --- cells of the template and their fill ------------------------------------------------------


def cell_role(spec: TemplateSpec, lang: str, sheet: str, ref: str) -> str | None:
    """input, locked or computed for a field cell of the template; None for any other cell."""
    try:
        r, c = parse_a1(ref)
    except ValueError:
        return None
    for part in spec.parts:
        if sheet_name(part.sheet, lang) != sheet:
            continue
        if isinstance(part, Form):
            i = r - (part.first_row - 1)
            if c == 1 and 0 <= i < len(part.fields):
                return _role(part.fields[i])
        elif part.header_row <= r < part.header_row + part.rows and c < len(part.fields):
            return _role(part.fields[c])
    return None


def _role(f) -> str:
    return "locked" if f.prefilled else ("computed" if f.formula else "input")


def restore_fills(book, spec: TemplateSpec, lang: str, cells: list[tuple[str, str]]) -> None:
    """Give cells highlighted by an earlier check their template fill back."""
    names = {s.name for s in book.sheets}
    for sheet, ref in cells:
        role = cell_role(spec, lang, sheet, ref)
        if role and sheet in names:
            _try(f"restore {sheet}!{ref}", setattr, book.sheets[sheet].range(ref), "color", ROLE_FILLS[role])


def previous_highlights(values: list[list]) -> list[tuple[str, str]]:
    """(sheet, cell) of the findings listed on an earlier findings sheet (columns B and C)."""
    out = []
    for row in values[FINDINGS_HEADER_ROW:]:
        if len(row) >= 3 and row[1] and row[2]:
            out.append((str(row[1]), str(row[2])))
    return out


# --- the findings sheet -------------------------------------------------------------------------


def show_findings(
    book, spec: TemplateSpec, lang: str, findings, *, after: str | None, previous: Sequence[tuple[str, str]] = ()
) -> str:
    """List ``findings`` on the findings sheet with links to their cells, highlight the cells; the sheet's name."""
    name = _b("sheet.findings", lang)
    restore_fills(book, spec, lang, list(previous))
    findings = ordered(findings)
    sheet = fresh_sheet(book, name, after)
    errors = sum(1 for f in findings if f.severity == "error")
    warnings = sum(1 for f in findings if f.severity == "warning")
    now = dt.datetime.now().strftime("%Y-%m-%d %H:%M")
    head = [
        [_b("findings.title", lang, time=now)],
        [_b("findings.summary", lang, errors=errors, warnings=warnings) if findings else _b("findings.none", lang)],
        [],
    ]
    rows = [finding_row(f, lang) for f in findings]
    write_rows(sheet, 1, [*head, headings(lang), *rows], text=True)
    first = FINDINGS_HEADER_ROW + 1
    names = {s.name for s in book.sheets}
    for i, f in enumerate(findings):
        if f.sheet in names and f.cell:
            address = f"#{quote_sheet(f.sheet)}!{f.cell}"
            _try("link a finding", sheet.range((first + i, 3)).add_hyperlink, address, f.cell, f.message[:250])
    for severity in ("error", "warning", "info"):
        rows_of = [first + i for i, f in enumerate(findings) if f.severity == severity]
        if rows_of:
            _try("colour severities", setattr, sheet.range((rows_of[0], 1), (rows_of[-1], 1)), "color", FILLS[severity])
    _try("fit the columns", sheet.range((FINDINGS_HEADER_ROW, 1), (first + len(findings), 5)).columns.autofit)
    highlighted = 0
    for f in findings:
        if highlighted >= MAX_HIGHLIGHTS:
            break
        if f.sheet in names and f.cell and cell_role(spec, lang, f.sheet, f.cell):
            _try(
                f"highlight {f.sheet}!{f.cell}",
                setattr,
                book.sheets[f.sheet].range(f.cell),
                "color",
                FILLS.get(f.severity, FILLS["info"]),
            )
            highlighted += 1
    _try("show the findings", sheet.activate)
    return name


# --- sections (computed sheet, split explanation, coordinator log) --------------------------------


def write_sections(
    book, name: str, title: str, sections, lang: str, *, after: str | None, notes: Sequence[str] = ()
) -> str:
    """Write titled tables one under the other on a fresh sheet ``name``; number formats per column."""
    sheet = fresh_sheet(book, name, after)
    rows: list[list] = [[title], *[[n] for n in notes], []]
    formats: list[tuple[int, int, int, str]] = []  # first row, last row, column (1-based), kind
    for s in sections:
        rows.append([s.title])
        rows.append(list(s.headers))
        top = len(rows) + 1
        rows.extend(s.rows)
        for col, kind in s.formats.items():
            if s.rows:
                formats.append((top, top + len(s.rows) - 1, col + 1, kind))
        rows.append([])
    write_rows(sheet, 1, rows)
    for top, bottom, col, kind in formats:
        fmt = _format(kind, lang)
        _try("format numbers", setattr, sheet.range((top, col), (bottom, col)), "number_format", fmt)
    _try("show the results", sheet.activate)
    return name


def _format(kind: str, lang: str) -> str:
    if kind == "percent":
        return (number_format(FieldType.PERCENT, lang) or "0%").replace("0%", "0.0%").replace("0 %", "0.0 %")
    if kind == "share":
        return "0.0000%"
    if kind == "exact":
        return "#,##0.00"
    if kind == "amount":
        return number_format(FieldType.AMOUNT, lang) or "General"  # a format for every field type above
    return "General"


def write_column(book, sheet: str, col: int, values_by_row: dict[int, object]) -> None:
    """Write one column's cells (0-based column, 1-based rows) as one block from the first to the last row."""
    if not values_by_row:
        return
    first, last = min(values_by_row), max(values_by_row)
    block = [[values_by_row.get(r)] for r in range(first, last + 1)]
    write_rows(book.sheets[sheet], first, block, col=col + 1)
