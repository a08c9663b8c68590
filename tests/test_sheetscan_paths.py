"""A small sheet part is read from a tree, any other by streaming: both find the same, whatever the part holds."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from xml.etree.ElementTree import fromstring

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from prefixed import prefixed

from toolkit.adapters.excel import sheetscan
from toolkit.adapters.excel.sheetscan import scan_part, scan_sheet

ROOT = Path(__file__).resolve().parents[1]
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def _outcome(fn):
    try:
        scan = fn()
    except Exception as exc:
        return type(exc).__name__
    return scan.far_row, scan.far_col, scan.dimension, scan.formulas, scan.errors


def _both(data: bytes):
    return _outcome(lambda: scan_part([data], len(data))), _outcome(lambda: scan_sheet([data]))


def _sheets(data: bytes) -> list[bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return [zf.read(n) for n in zf.namelist() if n.startswith("xl/worksheets/sheet")]


@pytest.mark.parametrize("name", ["plan_da.xlsx", "submission_da.xlsx", "report_nb.xlsx"])
def test_template_sheets_are_read_from_the_tree_and_agree_with_the_stream(name):
    book = (ROOT / "workbook_templates" / name).read_bytes()
    for data in _sheets(book) + _sheets(prefixed(book)):
        assert sheetscan._walk(fromstring(data)) is not None  # the fast path is taken
        tree, stream = _both(data)
        assert tree == stream


def test_a_filled_submission_reads_alike_on_both_paths(make_workbook, seed):
    form, tables = seed("submission")
    for data in _sheets(Path(make_workbook("submission", form, tables)).read_bytes()):
        assert sheetscan._walk(fromstring(data)) is not None
        tree, stream = _both(data)
        assert tree == stream and tree[0] >= 0


@pytest.mark.parametrize(
    "data",
    [
        # a DOCTYPE is refused on either path
        b'<!DOCTYPE w [<!ENTITY e "e">]><worksheet xmlns="' + MAIN.encode() + b'"><sheetData><row r="1">'
        b'<c r="A1" t="&e;"><v>#N/A</v></c></row></sheetData></worksheet>',
        # UTF-16 goes to the stream, and reads alike
        (
            '<worksheet xmlns="' + MAIN + '"><sheetData><row r="1"><c r="XFD1048576"><v>1</v></c></row>'
            "</sheetData></worksheet>"
        ).encode("utf-16"),
        # another declared encoding
        b'<?xml version="1.0" encoding="ISO-8859-1"?><worksheet xmlns="'
        + MAIN.encode()
        + b'"><sheetData><row><c t="e"><v>#REF!</v></c></row></sheetData></worksheet>',
        # a cell outside sheetData, a value outside a cell, a cell inside a cell: the stream decides
        b'<worksheet xmlns="' + MAIN.encode() + b'"><c r="Z99"><v>1</v></c><sheetData><row r="2"><c r="B2"><f>1</f>'
        b'<c r="C9"><v>2</v></c><v>3</v></c><v>4</v></row></sheetData></worksheet>',
        # not well-formed
        b'<worksheet xmlns="' + MAIN.encode() + b'"><sheetData><row r="1"><c r="A1"><v>1</v></row></sheetData>',
        # a reference that is none
        b'<worksheet xmlns="' + MAIN.encode() + b'"><sheetData><row r="1"><c r="1A"><v>1</v></c></row>'
        b"</sheetData></worksheet>",
        # error text through a character reference and a nested element
        b'<worksheet xmlns="' + MAIN.encode() + b'"><sheetData><row r="3"><c r="C3" t="&#101;"><v>#N<x>/</x>A</v></c>'
        b'</row></sheetData><dimension ref="A1:C3"/></worksheet>',
    ],
)
def test_odd_parts_read_alike_on_both_paths(data):
    tree, stream = _both(data)
    assert tree == stream


_NS = st.sampled_from([("", f' xmlns="{MAIN}"'), ("x:", f' xmlns:x="{MAIN}"'), ("o:", ' xmlns:o="urn:other"')])
_REF = st.one_of(st.none(), st.sampled_from(["A1", "B2", "c3", "XFD1", "A1048576", "AA10", "", "1A", "Z0"]))
_ROW_REF = st.one_of(st.none(), st.sampled_from(["1", "2", "10", "1048576", "x", ""]))


@st.composite
def _cell(draw, p):
    ref = draw(_REF)
    attrs = "" if ref is None else f' r="{ref}"'
    if draw(st.booleans()):
        attrs += ' t="e"'
    inner = draw(
        st.lists(
            st.sampled_from(
                [
                    f"<{p}v>1</{p}v>",
                    f"<{p}v>#DIV/0!</{p}v>",
                    f"<{p}f>SUM(A1)</{p}f>",
                    f"<{p}is><{p}t>x</{p}t></{p}is>",
                    '<o:f xmlns:o="urn:other">1</o:f>',
                    '<o:v xmlns:o="urn:other">#N/A</o:v>',
                    "<extra/>",
                    f'<{p}c r="D4"><{p}v>9</{p}v></{p}c>',
                ]
            ),
            max_size=3,
        )
    )
    return f"<{p}c{attrs}>{''.join(inner)}</{p}c>"


@st.composite
def _part(draw):
    p, decl = draw(_NS)
    rows = []
    for _ in range(draw(st.integers(0, 4))):
        ref = draw(_ROW_REF)
        attrs = "" if ref is None else f' r="{ref}"'
        cells = draw(st.lists(_cell(p), max_size=4))
        stray = draw(st.sampled_from(["", f"<{p}v>5</{p}v>", f"<{p}f>1</{p}f>"]))
        rows.append(f"<{p}row{attrs}>{''.join(cells)}{stray}</{p}row>")
    dim = draw(st.sampled_from(["", f'<{p}dimension ref="A1:B2"/>']))
    outside = draw(st.sampled_from(["", f'<{p}c r="Q7"><{p}v>1</{p}v></{p}c>', f"<{p}sheetData/>"]))
    return f"<{p}worksheet{decl}>{dim}<{p}sheetData>{''.join(rows)}</{p}sheetData>{outside}</{p}worksheet>".encode()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_part())
def test_any_part_reads_alike_on_both_paths(data):
    tree, stream = _both(data)
    assert tree == stream


def test_a_large_part_is_streamed(monkeypatch):
    data = (
        f'<worksheet xmlns="{MAIN}"><sheetData><row r="1"><c r="B1"><f>1</f><v>1</v></c></row></sheetData></worksheet>'
    ).encode()
    monkeypatch.setattr(sheetscan, "_walk", lambda root: pytest.fail("a part above TREE_LIMIT was held as a tree"))
    scan = scan_part([data], sheetscan.TREE_LIMIT + 1)
    assert scan.formulas == {"B1"} and scan.far_cell == "B1"
