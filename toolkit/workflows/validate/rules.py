"""Rules across fields and rows that every kind shares: row counts, periods, the municipality."""

from __future__ import annotations

import datetime as dt

from toolkit.adapters.excel.build import sheet_name
from toolkit.adapters.excel.cells import a1
from toolkit.adapters.excel.read import CellValue, Document
from toolkit.core.numbers import NotADate, parse_date
from toolkit.i18n import format_date
from toolkit.spec import Table
from toolkit.workflows.validate.findings import Collector, rule

TOO_MANY_ROWS = rule("table.max_rows", "error")
TOO_FEW_ROWS = rule("table.min_rows", "error")
PERIOD_ORDER = rule("period.order", "error")
DATE_OUTSIDE = rule("period.date_outside", "warning")
YEAR_OUTSIDE = rule("period.year_outside", "warning")
NOT_AS_PREFILLED = rule("municipality.not_as_prefilled", "error")


def check_rows(doc: Document, out: Collector) -> None:
    """At most ``max_rows`` and at least ``min_rows`` filled rows per table."""
    for table in doc.spec.tables:
        rows = doc.tables.get(table.name, [])
        if table.max_rows is not None and len(rows) > table.max_rows:
            extra = rows[table.max_rows]
            cell = extra.cells[table.fields[0].key]
            out.at(TOO_MANY_ROWS, cell, table.fields[0], count=len(rows), max=table.max_rows)
        if table.min_rows and len(rows) < table.min_rows and table.name in doc.tables:
            sheet = sheet_name(table.sheet, doc.language)
            out.add(TOO_FEW_ROWS, sheet=sheet, cell=a1(table.header_row - 1, 0), count=len(rows), min=table.min_rows)


def period(doc: Document) -> tuple[dt.date, dt.date] | None:
    """The document's period (start, end) when both are dates in the right order."""
    start, end = doc.value("period_start"), doc.value("period_end")
    if isinstance(start, dt.date) and isinstance(end, dt.date) and start <= end:
        return start, end
    return None


def check_period(doc: Document, out: Collector) -> None:
    start, end = doc.value("period_start"), doc.value("period_end")
    if isinstance(start, dt.date) and isinstance(end, dt.date) and end < start:
        out.at(PERIOD_ORDER, doc.form["period_end"], _field(doc, "period_end"), start=format_date(start, out.lang))
        return
    span = period(doc)
    if span is None:
        return
    year = doc.form.get("year")
    if year is not None and year.value is not None and not span[0].year <= year.value <= span[1].year:
        out.at(
            YEAR_OUTSIDE,
            year,
            _field(doc, "year"),
            start=format_date(span[0], out.lang),
            end=format_date(span[1], out.lang),
        )
    report_date = doc.form.get("report_date")
    if report_date is not None and isinstance(report_date.value, dt.date) and report_date.value < span[0]:
        out.at(
            DATE_OUTSIDE,
            report_date,
            _field(doc, "report_date"),
            start=format_date(span[0], out.lang),
            end=format_date(span[1], out.lang),
        )
    for table in doc.spec.tables:
        keys = [
            f for f in table.fields if f.key in ("result_date", "year") or (f.key == "when" and doc.kind == "report")
        ]
        for f in keys:
            for row in doc.tables.get(table.name, []):
                _in_period(row.cells.get(f.key), f, span, out)


def _in_period(cell: CellValue | None, f, span, out: Collector) -> None:
    if cell is None or cell.value is None:
        return
    start, end = span
    value = cell.value
    if f.key == "year":
        if not start.year <= value <= end.year:
            out.at(YEAR_OUTSIDE, cell, f, start=format_date(start, out.lang), end=format_date(end, out.lang))
        return
    if isinstance(value, str):  # free text "when": only what reads as one date is checked
        try:
            value = parse_date(value)
        except NotADate:
            return
    if isinstance(value, dt.date) and not start <= value <= end:
        out.at(DATE_OUTSIDE, cell, f, start=format_date(start, out.lang), end=format_date(end, out.lang))


def check_municipality(doc: Document, out: Collector) -> None:
    """A pre-filled workbook still names the municipality it was made for."""
    expected = doc.municipality
    cell = doc.form.get("municipality")
    if not expected or cell is None or not isinstance(cell.value, str):
        return
    if " ".join(cell.value.split()).casefold() != " ".join(expected.split()).casefold():
        out.at(NOT_AS_PREFILLED, cell, _field(doc, "municipality"), expected=expected)


def _field(doc: Document, key: str):
    for form in doc.spec.forms:
        for f in form.fields:
            if f.key == key:
                return f
    return None


def field_of(table: Table, key: str):
    return table.fields[table.column_of(key)]


__all__ = ["check_municipality", "check_period", "check_rows", "field_of", "period"]
