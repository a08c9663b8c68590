"""FastSheet.put_row gives the same cells as XlsxWriter's own write calls, read back by openpyxl and calamine."""
import datetime as dt
import io
import math

import openpyxl
import pytest
import python_calamine
import xlsxwriter
from hypothesis import given, settings, strategies as st

from toolkit.adapters.consolidated.fastrows import BLANK, FastSheet, excel_date, plain

FORMATS = [{"num_format": "0"}, {"num_format": "#,##0.##"}, {"num_format": "0.00%", "italic": True},
           {"bold": True, "bg_color": "#C6EFCE"}, {}]

# Text that is hard to store: XML's specials, control characters (Excel writes them as _xHHHH_),
# a literal "_xHHHH_" (must not be decoded), surrounding whitespace, non-characters, emoji.
texts = st.one_of(
    st.text(max_size=40),
    st.sampled_from(["_x0041_", "a_x000D_b", "<b>&amp;</b>", "  indrykket", "slut  ", "\tTab\n", "\x00\x01\x1f",
                     "\ufffe\uffff", "😀 ø å æ", "=SUM(A1:A9)", "@x", '"citat"']),
).filter(lambda s: s.strip("\r") == s or "\r" not in s)  # a bare \r is normalised by XML parsers either way
numbers = st.one_of(st.integers(-10**15, 10**15), st.floats(allow_nan=False, allow_infinity=False, width=64))
dates = st.one_of(st.dates(dt.date(1900, 3, 1), dt.date(9999, 12, 31)),
                  st.datetimes(dt.datetime(1900, 3, 1), dt.datetime(9999, 12, 31)))
cells = st.one_of(st.none(), texts, numbers, st.just(BLANK))


def _two_ways(rows: list[list], formats_of_row) -> tuple[bytes, bytes]:
    """The same rows written by put_row and by XlsxWriter's write_* calls, with a heading and a footer
    around them written the usual way in both."""
    out = []
    for fast in (True, False):
        buf = io.BytesIO()
        wb = xlsxwriter.Workbook(buf, {"in_memory": True, "strings_to_formulas": False, "strings_to_numbers": False,
                                       "strings_to_urls": False})
        fmts = [wb.add_format(f) for f in FORMATS]
        ws = wb.add_worksheet("Ark", worksheet_class=FastSheet)
        ws.write_string(0, 0, "Overskrift")
        for r, values in enumerate(rows, start=2):
            formats = [fmts[i] for i in formats_of_row(r, len(values))]
            if fast:
                ws.put_row(r, values, formats)
                continue
            for c, v in enumerate(values):
                if v is BLANK:
                    ws.write_blank(r, c, None, formats[c])
                elif type(v) is str and v:
                    ws.write_string(r, c, v, formats[c])
                elif type(v) in (int, float):
                    ws.write_number(r, c, v, formats[c])
        ws.write_string(len(rows) + 3, 1, "I alt")
        wb.close()
        out.append(buf.getvalue())
    return out[0], out[1]


def _openpyxl_cells(data: bytes) -> dict:
    ws = openpyxl.load_workbook(io.BytesIO(data))["Ark"]
    return {(c.row, c.column): (c.value, c.number_format, c.font.b, c.fill.fgColor.rgb)
            for row in ws.iter_rows() for c in row if c.value is not None or c.has_style}


def _calamine_grid(data: bytes) -> list[list]:
    return python_calamine.load_workbook(io.BytesIO(data)).get_sheet_by_name("Ark").to_python()


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(cells, min_size=1, max_size=6), min_size=1, max_size=8), st.randoms(use_true_random=False))
def test_put_row_gives_the_cells_xlsxwriter_gives(rows, rnd):
    choice = {}

    def formats_of_row(r, n):
        return choice.setdefault(r, [rnd.randrange(len(FORMATS)) for _ in range(n)])

    fast, usual = _two_ways(rows, formats_of_row)
    assert _openpyxl_cells(fast) == _openpyxl_cells(usual)
    assert _calamine_grid(fast) == _calamine_grid(usual)


@settings(max_examples=40, deadline=None)
@given(dates)
def test_excel_date_is_the_serial_xlsxwriter_writes(value):
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True})
    fmt = wb.add_format({"num_format": "yyyy-mm-dd hh:mm:ss"})
    ws = wb.add_worksheet("Ark", worksheet_class=FastSheet)
    ws.write_datetime(0, 0, value if isinstance(value, dt.datetime) else dt.datetime.combine(value, dt.time()), fmt)
    ws.put_row(1, [excel_date(value)], [fmt])
    wb.close()
    ws = openpyxl.load_workbook(buf)["Ark"]
    assert ws["A2"].value == ws["A1"].value
    assert ws["A2"].is_date


def test_dates_before_march_1900_are_left_to_xlsxwriter():
    assert excel_date(dt.date(1900, 2, 28)) == dt.date(1900, 2, 28)
    assert not plain(excel_date(dt.date(1900, 2, 28)))
    assert excel_date(dt.date(1900, 3, 1)) == 61


def test_what_put_row_takes():
    assert all(plain(v) for v in ("tekst", "", None, 0, -3, 1.5, BLANK, "x" * 16383))
    assert not any(plain(v) for v in (True, math.nan, math.inf, dt.date(2019, 1, 1), "x" * 16384, object()))


def test_a_row_written_both_ways_is_refused_not_written_twice():
    wb = xlsxwriter.Workbook(io.BytesIO(), {"in_memory": True})
    ws = wb.add_worksheet("Ark", worksheet_class=FastSheet)
    ws.put_row(3, ["a", 1], [None, None])
    ws.write_string(3, 5, "b")
    with pytest.raises(RuntimeError, match="row 4"):
        wb.close()


def test_wide_rows_get_their_column_letters():
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True})
    ws = wb.add_worksheet("Ark", worksheet_class=FastSheet)
    ws.put_row(0, list(range(400)), [None] * 400)
    wb.close()
    ws = openpyxl.load_workbook(buf)["Ark"]
    assert ws["A1"].value == 0 and ws["OJ1"].value == 399 and ws.max_column == 400
