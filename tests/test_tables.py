"""The reader finds tables from the table parts and says what python-calamine says about them."""

import io
from pathlib import Path

import openpyxl
import pytest
import python_calamine

from toolkit.adapters.excel.ooxml import Package, sheet_parts
from toolkit.adapters.excel.tables import FileTables, parse_table

TEMPLATES = sorted(
    p
    for p in (Path(__file__).resolve().parents[1] / "workbook_templates").glob("*.xls[xm]")
    if not p.name.startswith("coordinator")
)  # the coordinator workbook has buttons, no tables


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: p.name)
def test_every_template_table_is_found_as_calamine_finds_it(path):
    data = path.read_bytes()
    book = python_calamine.load_workbook(io.BytesIO(data), load_tables=True)
    pkg = Package(data)
    ours = FileTables(pkg, sheet_parts(pkg))
    assert book.table_names, "a template without tables tests nothing"
    for name in book.table_names:
        theirs, mine = book.get_table_by_name(name), ours.get_table_by_name(name)
        assert (mine.sheet, mine.columns, mine.start, mine.end) == (
            theirs.sheet,
            list(theirs.columns),
            theirs.start,
            theirs.end,
        ), name
    assert ours.get_table_by_name("tblNoSuchTable") is None


def test_a_table_saved_by_openpyxl_after_a_header_was_renamed(tmp_path):
    """openpyxl keeps the table part's column names, as calamine reads them; Excel renames both."""
    src = next(p for p in TEMPLATES if p.name == "plan_en.xlsx")
    wb = openpyxl.load_workbook(src)
    wb["Focus areas"]["B4"] = "Changed"
    wb.save(tmp_path / "f.xlsx")
    data = (tmp_path / "f.xlsx").read_bytes()
    theirs = python_calamine.load_workbook(io.BytesIO(data), load_tables=True).get_table_by_name("tblAreas")
    pkg = Package(data)
    mine = FileTables(pkg, sheet_parts(pkg)).get_table_by_name("tblAreas")
    assert mine.columns == list(theirs.columns) and (mine.start, mine.end) == (theirs.start, theirs.end)


def test_header_and_totals_rows_bound_the_data_rows():
    xml = (
        '<table xmlns="x" id="1" name="t" displayName="tblX" ref="B3:D10" totalsRowCount="1">'
        '<tableColumns count="3"><tableColumn id="1" name="A &amp; B"/><tableColumn id="2" name="C"/>'
        '<tableColumn id="3" name="D"/></tableColumns><tableStyleInfo name="s"/></table>'
    )
    info = parse_table(xml, "Ark")
    assert (info.name, info.sheet, info.columns) == ("tblX", "Ark", ["A & B", "C", "D"])
    assert (info.start, info.end) == ((3, 1), (8, 3))
    no_header = parse_table(xml.replace('totalsRowCount="1"', 'headerRowCount="0"'), "Ark")
    assert (no_header.start, no_header.end) == ((2, 1), (9, 3))


@pytest.mark.parametrize(
    "xml", ["<table/>", '<table ref="nonsense"/>', '<table ref="A1:B2" totalsRowCount="x"/>', "<worksheet/>", ""]
)
def test_a_table_part_that_says_nothing_usable_is_no_table(xml):
    assert parse_table(xml, "Ark") is None
