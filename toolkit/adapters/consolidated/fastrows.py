"""A worksheet that writes whole rows of plain values as XML itself, for the long tables.

XlsxWriter spends about 5 µs on each cell (storing it, then writing it through its XML writer),
and the long tables of a consolidated workbook hold tens of thousands of cells: at N = 100 that
was most of the workbook's time. ``FastSheet.put_row`` turns a row of text and numbers into its
``<row>`` XML at once (text goes to the shared strings, as XlsxWriter's does); everything else on
the sheet is XlsxWriter's as usual, and the two are merged by row number when the sheet is written.

This leans on five XlsxWriter internals, kept in this module only and checked by
tests/test_fastrows.py against XlsxWriter's own cells: ``_check_dimensions`` (the sheet's used
range), ``str_table._get_shared_string_index`` (a text's number), ``Format._get_xf_index`` (a
format's style number), ``_write_rows`` with ``fh`` (where the rows go) and ``_get_range_data``
(the values a chart keeps a copy of, which viewers that do not recalculate show).
"""
from __future__ import annotations

import datetime as dt
import io
import math
import re

from xlsxwriter.utility import xl_col_to_name
from xlsxwriter.worksheet import Worksheet

_ROW_START = re.compile(r'<row r="(\d+)"')
_MAX_FAST_TEXT = 16383  # at most 32,767 UTF-16 units for sure; longer text goes the usual way
_COLUMNS: list[str] = []  # column letters, grown as needed


class _Blank:
    def __repr__(self) -> str:
        return "BLANK"


BLANK = _Blank()  # a cell with a format and no value (None is no cell at all)


def plain(value) -> bool:
    """Whether ``put_row`` can write ``value``: text, a finite number (not a bool), BLANK or nothing."""
    t = type(value)
    if t is str:
        return len(value) <= _MAX_FAST_TEXT
    if t is float:
        return math.isfinite(value)
    return value is None or t is int or value is BLANK


_EPOCH = dt.datetime(1899, 12, 30)  # day 0 of Excel's 1900 date system, for dates after February 1900
_FIRST_DAY = dt.datetime(1900, 3, 1)


def excel_date(value: dt.date) -> float | dt.date:
    """A date or (naive or aware) time as Excel's serial number; dates before March 1900 stay as they are."""
    if isinstance(value, dt.datetime):
        moment = value.replace(tzinfo=None)
    else:
        moment = dt.datetime(value.year, value.month, value.day)
    if moment < _FIRST_DAY:
        return value
    delta = moment - _EPOCH
    return delta.days + (delta.seconds + delta.microseconds / 1e6) / 86400


class FastSheet(Worksheet):
    """A worksheet whose ``put_row`` writes a row of plain values straight to XML (see the module)."""

    def __init__(self):
        super().__init__()
        self._fast_rows: dict[int, str] = {}
        self._fast_values: dict[int, list] = {}
        self._style_numbers: dict[int, int] = {}

    def put_row(self, row: int, values: list, formats: list) -> None:
        """Row ``row`` (0-based) of ``values`` from column A, each cell in its format; None and "" are no
        cell, BLANK a cell with only its format.

        Every value must be ``plain``; the row must hold nothing else (the merge refuses a row
        written both ways).
        """
        if len(values) > len(_COLUMNS):
            _COLUMNS.extend(xl_col_to_name(c) for c in range(len(_COLUMNS), len(values)))
        number = row + 1
        cells = []
        strings = self.str_table._get_shared_string_index
        for c, v in enumerate(values):
            if v is None or v == "":
                continue
            style = self._style(formats[c])
            ref = f"{_COLUMNS[c]}{number}"
            if v is BLANK:
                cells.append(f'<c r="{ref}"{style}/>')
            elif type(v) is str:
                cells.append(f'<c r="{ref}"{style} t="s"><v>{strings(v)}</v></c>')
            else:
                cells.append(f'<c r="{ref}"{style}><v>{v:.16G}</v></c>')
        if not cells:
            return
        self._check_dimensions(row, 0)
        self._check_dimensions(row, len(values) - 1)
        self._fast_rows[row] = f'<row r="{number}">{"".join(cells)}</row>'
        self._fast_values[row] = list(values)

    def _get_range_data(self, row_start, col_start, row_end, col_end):
        """A chart's copy of its cells, for put_row's rows as XlsxWriter gives it for its own."""
        if not self._fast_values:
            return super()._get_range_data(row_start, col_start, row_end, col_end)
        data = []
        for row in range(row_start, row_end + 1):
            values = self._fast_values.get(row)
            if values is None:
                data.extend(super()._get_range_data(row, col_start, row, col_end))
                continue
            for col in range(col_start, col_end + 1):
                v = values[col] if col < len(values) else None
                if v is None or v == "":
                    data.append(None)
                elif v is BLANK:
                    data.append("")
                elif type(v) is str:
                    data.append(v)
                else:
                    data.append(f"{v:.16g}")
        return data

    def _style(self, fmt) -> str:
        if fmt is None:
            return ""
        key = id(fmt)
        if key not in self._style_numbers:
            self._style_numbers[key] = fmt._get_xf_index()
        n = self._style_numbers[key]
        return f' s="{n}"' if n else ""

    def _write_rows(self) -> None:
        if not self._fast_rows:
            super()._write_rows()
            return
        real, buffer = self.fh, io.StringIO()
        self.fh = buffer
        try:
            super()._write_rows()
        finally:
            self.fh = real
        theirs = buffer.getvalue()
        starts = [(int(m[1]) - 1, m.start()) for m in _ROW_START.finditer(theirs)]
        chunks = {row: theirs[at:end] for (row, at), end in
                  zip(starts, [s for _, s in starts[1:]] + [len(theirs)])}
        clash = chunks.keys() & self._fast_rows.keys()
        if clash:
            raise RuntimeError(f"{self.name}: row {min(clash) + 1} written both by put_row and by XlsxWriter")
        chunks.update(self._fast_rows)
        real.write("".join(chunks[r] for r in sorted(chunks)))
