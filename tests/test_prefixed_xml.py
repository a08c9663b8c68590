"""A workbook whose SpreadsheetML carries a legal prefix (<x:c>, as Open XML SDK tools write it) reads like one without."""

from __future__ import annotations

from pathlib import Path

import pytest
from prefixed import prefixed

from toolkit.adapters.excel.sheetscan import scan_sheet
from toolkit.adapters.excel.tables import parse_table
from toolkit.workflows.validate import validate_file

ROOT = Path(__file__).resolve().parents[1]
TEMPLATES = sorted(p for p in (ROOT / "workbook_templates").glob("*.xlsx"))


def _rules(report):
    return sorted((f.rule, f.sheet, f.cell) for f in report.findings)


def test_the_helper_really_writes_the_prefix():
    data = prefixed((ROOT / "workbook_templates" / "plan_da.xlsx").read_bytes())
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        sheet = zf.read("xl/worksheets/sheet4.xml")
    assert b"<x:c " in sheet and b"<x:f>" in sheet and b"<c " not in sheet


def test_an_untouched_plan_with_prefixed_xml_gives_no_structure_finding(tmp_path, cfg):
    """The plan's formulas were read as overwritten (132 findings) when regexes looked for <c> and <f>."""
    path = tmp_path / "plan_da.xlsx"
    path.write_bytes(prefixed((ROOT / "workbook_templates" / "plan_da.xlsx").read_bytes()))
    report = validate_file(path, cfg)
    assert report.readable
    assert [f for f in report.findings if f.rule.startswith("structure.")] == []
    assert all(f.rule == "required" for f in report.findings), _rules(report)


def test_a_filled_plan_with_prefixed_xml_gives_zero_findings(make_workbook, seed, cfg, tmp_path):
    form, tables = seed("plan")
    path = make_workbook("plan", form, tables)
    assert validate_file(path, cfg).findings == []
    odd = tmp_path / "prefixed.xlsx"
    odd.write_bytes(prefixed(Path(path).read_bytes()))
    assert validate_file(odd, cfg).findings == []


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: p.name)
def test_every_template_gives_the_same_findings_with_a_prefix(path, tmp_path, cfg):
    odd = tmp_path / path.name
    odd.write_bytes(prefixed(path.read_bytes()))
    assert _rules(validate_file(odd, cfg)) == _rules(validate_file(path, cfg))


def test_formulas_and_error_cells_are_found_by_namespace_not_by_spelling():
    body = (
        '<row r="1"><{p}c r="A1" s="1"><{p}f>SUM(B1:B2)</{p}f><{p}v>3</{p}v></{p}c><{p}c r="B1"><{p}v>1</{p}v></{p}c>'
        '<{p}c r="C1" t="e"><{p}f>1/0</{p}f><{p}v>#DIV/0!</{p}v></{p}c>'
        '<{p}c r="D1" t="inlineStr"><{p}is><{p}t>&lt;f x</{p}t></{p}is></{p}c><{p}c r="E1"/>'
        '<{p}c r="F1"><o:f xmlns:o="urn:other">1</o:f></{p}c></row>'
    )
    plain = (
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        + body.replace("{p}", "").replace("<row", "<row")
        + "</sheetData></worksheet>"
    )
    x = (
        '<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>'
        + body.replace("{p}", "x:").replace("<row", "<x:row").replace("</row>", "</x:row>")
        + "</x:sheetData></x:worksheet>"
    )
    foreign = plain.replace("spreadsheetml/2006/main", "not-spreadsheetml")
    for xml in (plain, x):
        scan = scan_sheet([xml.encode()])
        assert scan.formulas == {"A1", "C1"} and scan.errors == {"C1": "#DIV/0!"}, xml
        assert scan.far_cell == "D1"
    # calamine reads cells by local name, so a foreign namespace still counts for the extent
    scan = scan_sheet([foreign.encode()])
    assert (scan.formulas, scan.errors, scan.far_cell) == (set(), {}, "D1")


def test_a_table_part_with_a_prefix_reads_alike():
    xml = (
        '<t:table xmlns:t="http://schemas.openxmlformats.org/spreadsheetml/2006/main" id="1" name="t" '
        'displayName="tblX" ref="B3:D10" totalsRowCount="1"><t:tableColumns count="2">'
        '<t:tableColumn id="1" name="A &amp; B"/><t:tableColumn id="2" name="C"/></t:tableColumns></t:table>'
    )
    info = parse_table(xml, "Ark")
    assert (info.name, info.columns, info.start, info.end) == ("tblX", ["A & B", "C"], (3, 1), (8, 3))
