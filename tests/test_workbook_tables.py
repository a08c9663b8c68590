"""The consolidated workbook's tables, read back by openpyxl and python-calamine: values, formats, tables, charts."""

import datetime as dt
import io
import math
import os
import subprocess
import sys
import zipfile
from decimal import Decimal as D
from pathlib import Path

import openpyxl
import python_calamine
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.adapters.consolidated import writer as workbook
from toolkit.adapters.consolidated.writer import BLANK, GREEN, RED, Col, Sheets, excel_date, plain

ROOT = Path(__file__).resolve().parents[1]
KINDS = ["text", "int", "amount", "number", "percent", "date", "datetime"]
NUMBER_FORMATS = {
    "text": "General",
    "int": "0",
    "amount": "#,##0",
    "number": "#,##0.##;-#,##0.##;0",
    "percent": "0 %",
    "date": "dd-mm-yyyy",
    "datetime": "dd-mm-yyyy hh:mm",
}
CREATED = dt.datetime(2020, 3, 1, 6, 0)

# Text that is hard to store: XML's specials, a literal "_xHHHH_" (must not be decoded), surrounding
# whitespace, emoji, text that looks like a formula or a number.
texts = st.one_of(
    st.text(st.characters(blacklist_categories=("Cc", "Cs"), blacklist_characters="\ufffe\uffff"), max_size=30),
    st.sampled_from(
        [
            "_x0041_",
            "<b>&amp;</b>",
            "  indrykket",
            "slut  ",
            "😀 ø å æ",
            "=SUM(A1:A9)",
            "@x",
            '"citat"',
            "+45 12 34 56 78",
            "1.800,5",
            "http://example.invalid",
        ]
    ),
)
numbers = st.one_of(
    st.integers(-(10**15), 10**15),
    st.floats(width=64),
    st.decimals(allow_nan=False, places=3, min_value=-(10**12), max_value=10**12),
)
dates = st.one_of(
    st.dates(dt.date(1900, 3, 1), dt.date(2100, 12, 31)),
    st.datetimes(dt.datetime(1900, 3, 1), dt.datetime(2100, 12, 31)).map(lambda t: t.replace(microsecond=0)),
)
anywhere = st.one_of(st.none(), st.just(""), texts, st.booleans())
VALUES = {
    "text": st.one_of(anywhere, numbers),
    "date": st.one_of(anywhere, dates),
    "datetime": st.one_of(anywhere, dates),
}  # a number in a date column shows as a date, as it should


def values(kind: str):
    return VALUES.get(kind, st.one_of(anywhere, numbers))


def _write(cols, rows, **options) -> bytes:
    buf = io.BytesIO()
    s = Sheets(buf, "da", CREATED, "Titel", "Region")
    ws = s.sheet("results")
    ws.write_string(0, 0, "Overskrift", s.f["heading"])
    s.table(ws, 2, "tblX", cols, rows, **options)
    s.close()
    return buf.getvalue()


def _expected(value):
    """What a user sees in the cell: None for no cell."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return "Ja" if value else "Nej"
    if isinstance(value, (int, float, D)):
        number = float(value)  # Excel holds up to 9.99999999999999E+307; beyond that (or NaN, infinity) it is text
        return number if math.isfinite(number) and abs(number) <= 9.99999999999999e307 else str(value)
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.date):
        return dt.datetime.combine(value, dt.time())
    return value


def _same(got, want) -> bool:
    if isinstance(want, float) and isinstance(got, (int, float)):
        return got == want or math.isclose(got, want, rel_tol=1e-15)
    if isinstance(want, dt.datetime) and isinstance(got, dt.datetime):
        return abs(got - want) < dt.timedelta(milliseconds=1)
    return got == want


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.sampled_from(KINDS), min_size=1, max_size=6).flatmap(
        lambda kinds: st.tuples(
            st.just(kinds),
            st.lists(st.tuples(*map(values, kinds)).map(list), max_size=8),
            st.sets(st.tuples(st.integers(0, 7), st.integers(0, len(kinds) - 1)), max_size=6),
        )
    )
)
def test_a_table_row_gives_the_values_formats_and_fills_the_user_meant(case):
    kinds, rows, coloured = case
    cols = [Col(f"K{i}", kind) for i, kind in enumerate(kinds)]
    fills = {(r, c): (GREEN if (r + c) % 2 else RED) for r, c in coloured if r < len(rows)}
    data = _write(cols, rows, fills=fills)
    sheet = openpyxl.load_workbook(io.BytesIO(data))["Resultater"]
    assert [c.value for c in sheet[3]] == [col.header for col in cols]
    [table] = sheet.tables.values()
    assert (table.name, table.ref) == (
        "tblX",
        f"A3:{openpyxl.utils.get_column_letter(len(cols))}{3 + max(1, len(rows))}",
    )
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            cell = sheet.cell(4 + r, 1 + c)
            want = _expected(value)
            assert _same(cell.value, want), (cell.coordinate, value, cell.value)
            if (r, c) in fills:
                assert cell.fill.fgColor.rgb == "FF" + fills[(r, c)][0][1:]
            elif want is None:
                assert not cell.has_style  # no cell at all
                continue
            if isinstance(want, (float, dt.datetime)):
                assert cell.number_format == NUMBER_FORMATS[kinds[c]], (cell.coordinate, value)
    # python-calamine, the reader the consolidation itself uses, sees the same values
    grid = python_calamine.load_workbook(io.BytesIO(data)).get_sheet_by_name("Resultater").to_python()
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            want = _expected(value)
            got = grid[3 + r][c] if 3 + r < len(grid) and c < len(grid[3 + r]) else ""
            if isinstance(want, dt.datetime) and isinstance(got, dt.date) and not isinstance(got, dt.datetime):
                got = dt.datetime.combine(got, dt.time())
            assert _same(got, "" if want is None else want), (r, c, value, got)


@settings(max_examples=30, deadline=None)
@given(
    st.lists(st.tuples(*map(values, ["text", "number", "percent", "date"])).map(list), min_size=1, max_size=6),
    st.sets(st.tuples(st.integers(0, 5), st.integers(0, 3)), max_size=4),
)
def test_rows_give_the_same_bytes_as_one_cell_at_a_time(rows, coloured):
    """write_row over runs of cells in one format is only a faster way to the same workbook."""
    cols = [Col("Tekst"), Col("Tal", "number"), Col("Andel", "percent"), Col("Dato", "date")]
    fills = {(r, c): GREEN for r, c in coloured if r < len(rows)}
    by_rows = _write(cols, rows, fills=fills)
    real = workbook.plain
    workbook.plain = lambda value: False
    try:
        by_cells = _write(cols, rows, fills=fills)
    finally:
        workbook.plain = real
    assert by_rows == by_cells


def test_text_beyond_excels_limit_is_cut_and_the_rest_of_the_row_is_written():
    long = "😀" * 20000  # 40,000 UTF-16 units
    sheet = openpyxl.load_workbook(
        io.BytesIO(_write([Col("A"), Col("B"), Col("C", "int")], [[long, "efter", 7], ["x" * 40000, "efter", 8]]))
    )["Resultater"]
    first, second = sheet["A4"].value, sheet["A5"].value
    assert len(first.encode("utf-16-le")) // 2 <= 32767 and first == long[: len(first)]
    assert second == "x" * 32767
    assert [sheet["B4"].value, sheet["C4"].value, sheet["B5"].value, sheet["C5"].value] == ["efter", 7, "efter", 8]


def test_a_wide_row_gets_its_column_letters():
    data = _write([Col(f"K{i}", "int") for i in range(1002)], [list(range(1002))])
    sheet = openpyxl.load_workbook(io.BytesIO(data))["Resultater"]
    assert sheet["A4"].value == 0 and sheet["ALN4"].value == 1001 and sheet.max_column == 1002


def test_a_chart_keeps_a_copy_of_the_values_it_shows():
    """Viewers that do not recalculate (previews, phones) draw a chart from the copy in its part."""
    buf = io.BytesIO()
    s = Sheets(buf, "da", CREATED, "Titel", "Region")
    ws = s.sheet("rollup")
    s.table(
        ws, 0, "tblX", [Col("Kommune"), Col("Andel", "percent")], [["Aarhus", 0.25], ["Samsø", 1.5], ["Odder", None]]
    )
    chart = s.wb.add_chart({"type": "bar"})
    chart.add_series({"categories": [ws.name, 1, 0, 3, 0], "values": [ws.name, 1, 1, 3, 1]})
    ws.insert_chart(0, 4, chart)
    s.close()
    with zipfile.ZipFile(buf) as z:
        part = z.read("xl/charts/chart1.xml").decode()
    assert (
        '<c:strCache><c:ptCount val="3"/><c:pt idx="0"><c:v>Aarhus</c:v></c:pt><c:pt idx="1"><c:v>Samsø</c:v>' in part
    )
    assert (
        '<c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="3"/><c:pt idx="0"><c:v>0.25</c:v>'
        '</c:pt><c:pt idx="1"><c:v>1.5</c:v></c:pt></c:numCache>' in part
    )


_SCRIPT = """
import datetime as dt, io, sys
from decimal import Decimal as D
from toolkit.adapters.consolidated.writer import GREEN, RED, Col, Sheets
buf = io.BytesIO()
s = Sheets(buf, "nb", dt.datetime(2020, 3, 1), "Tittel", "Region")
ws = s.sheet("results")
rows = [[f"Kommune {i}", D(i) / 7, i % 3 == 0, dt.date(2019, 1, 1 + i % 28), {"a", "b", str(i)} and "x"] for i in range(300)]
s.table(ws, 0, "tblX", [Col("A"), Col("B", "number"), Col("C"), Col("D", "date"), Col("E")], rows,
        fills={(i, 2): (GREEN, RED)[i % 2] for i in range(300)})
chart = s.wb.add_chart({"type": "bar"})
chart.add_series({"categories": [ws.name, 1, 0, 300, 0], "values": [ws.name, 1, 1, 300, 1]})
ws.insert_chart(0, 6, chart)
s.close()
sys.stdout.buffer.write(buf.getvalue())
"""


def test_the_same_rows_give_the_same_bytes_in_any_process():
    out = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT)}
        out.append(subprocess.run([sys.executable, "-c", _SCRIPT], env=env, capture_output=True, check=True).stdout)
    assert out[0] == out[1] and out[0].startswith(b"PK")


@settings(max_examples=40, deadline=None)
@given(
    st.one_of(
        st.dates(dt.date(1900, 3, 1), dt.date(9999, 12, 31)),
        st.datetimes(dt.datetime(1900, 3, 1), dt.datetime(9999, 12, 31)),
    )
)
def test_excel_date_is_the_serial_xlsxwriter_writes(value):
    import xlsxwriter

    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True})
    fmt = wb.add_format({"num_format": "yyyy-mm-dd hh:mm:ss"})
    ws = wb.add_worksheet("Ark")
    ws.write_datetime(0, 0, value if isinstance(value, dt.datetime) else dt.datetime.combine(value, dt.time()), fmt)
    ws.write_number(1, 0, excel_date(value), fmt)
    wb.close()
    ws = openpyxl.load_workbook(buf)["Ark"]
    assert ws["A2"].value == ws["A1"].value
    assert ws["A2"].is_date


def test_dates_before_march_1900_are_written_as_dates_one_cell_at_a_time():
    assert excel_date(dt.date(1900, 2, 28)) == dt.date(1900, 2, 28)
    assert not plain(excel_date(dt.date(1900, 2, 28)))
    assert excel_date(dt.date(1900, 3, 1)) == 61
    sheet = openpyxl.load_workbook(io.BytesIO(_write([Col("D", "date"), Col("T")], [[dt.date(1900, 1, 5), "x"]])))
    cell = sheet["Resultater"]["A4"]
    assert cell.value == dt.datetime(1900, 1, 5) and cell.number_format == "dd-mm-yyyy"


def test_what_a_row_write_takes():
    assert all(plain(v) for v in ("tekst", 0, -3, 1.5, "x" * 16383))
    assert not any(
        plain(v) for v in (None, "x" * 16384, True, math.nan, math.inf, BLANK, dt.date(2019, 1, 1), D(1), object())
    )


def test_the_workbook_is_written_with_xlsxwriters_own_worksheets():
    import xlsxwriter.worksheet

    s = Sheets(io.BytesIO(), "da", CREATED, "Titel", "Region")
    assert type(s.sheet("results")) is xlsxwriter.worksheet.Worksheet
