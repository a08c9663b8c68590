"""Bad input: a changed layout, formula errors, huge tables, huge text and unreadable files give findings, never a crash."""

import re
import time
import zipfile
from decimal import Decimal as D

import openpyxl
import pytest
from openpyxl.worksheet.table import TableColumn

from toolkit.adapters.excel.build import sheet_name
from toolkit.spec import SPECS
from toolkit.workflows.validate import validate_file
from toolkit.workflows.validate.findings import MAX_PER_RULE

FOCUS = sheet_name(SPECS["submission"].part("tblLocalFocus").sheet, "da")  # its name in the current version


def edit(path, change):
    """Open with openpyxl, change, save over: what a user does in Excel."""
    wb = openpyxl.load_workbook(path)
    change(wb)
    wb.save(path)
    return path


def rules(report):
    assert not [f.message for f in report.findings if re.search(r"\{\w+\}", f.message)], "a message was not filled in"
    return [(f.rule, f.sheet, f.cell, f.severity) for f in report.findings]


@pytest.fixture
def plan(make_workbook, seed):
    form, tables = seed("plan")
    return make_workbook("plan", form, tables, lang="nb")


@pytest.fixture
def submission(make_workbook, seed):
    form, tables = seed("submission")
    return make_workbook("submission", form, tables)


def test_a_value_typed_into_the_remaining_formula_is_an_error(make_workbook, seed, cfg):
    form, tables = seed("plan")
    tables["tblMeasures"][4]["remaining"] = 100_000
    report = validate_file(make_workbook("plan", form, tables, lang="nb", typed=True), cfg)
    assert rules(report) == [("structure.formula_overwritten", "Tiltak og budsjett", "G9", "error")]
    assert report.findings[0].field == "Resterende"  # the label in the report language (da)


def test_a_wrong_cached_remaining_value_is_an_error(plan, cfg):
    with zipfile.ZipFile(plan) as zf:
        parts = {n: zf.read(n) for n in zf.namelist()}
    # the measures sheet is the only one with the remaining formula; give G9 a cached value that is wrong
    name = next(n for n, d in parts.items() if n.startswith("xl/worksheets/sheet") and b"IF(AND(" in d)
    parts[name] = re.sub(rb'(<c r="G9"[^>]*>\s*<f>[^<]*</f>\s*<v>)[^<]*(</v>)', rb"\g<1>50000\g<2>", parts[name])
    with zipfile.ZipFile(plan, "w") as zf:
        for n, d in parts.items():
            zf.writestr(n, d)
    report = validate_file(plan, cfg)
    assert rules(report) == [("budget.remaining_wrong", "Tiltak og budsjett", "G9", "error")]
    assert "100.000" in report.findings[0].message


@pytest.mark.parametrize("sheet_key", ["sheet.financing", "sheet.plan_head"])
def test_a_deleted_sheet_is_named(plan, cfg, sheet_key):
    name = sheet_name(sheet_key, "nb")
    report = validate_file(edit(plan, lambda wb: wb.remove(wb[name])), cfg)
    assert ("structure.sheet_missing", name, "", "error") in rules(report)
    assert report.document is not None and not report.valid


def test_a_renamed_table_sheet_is_a_warning_and_its_data_still_read(plan, cfg):
    def rename(wb):
        wb[sheet_name("sheet.financing", "nb")].title = "Penger"

    report = validate_file(edit(plan, rename), cfg)
    assert rules(report) == [("structure.sheet_renamed", "Penger", "", "warning")]
    assert len(report.document.tables["tblFinancing"]) == 3


def test_a_renamed_form_sheet_is_missing(plan, cfg):
    def rename(wb):
        wb[sheet_name("sheet.plan_head", "nb")].title = "Hode"

    report = validate_file(edit(plan, rename), cfg)
    assert ("structure.sheet_missing", "Handlingsplan", "", "error") in rules(report)


def test_a_shrunk_table_is_named_and_rows_left_outside_are_an_error(submission, cfg):
    def shrink(wb):
        wb[sheet_name("sheet.report", "da")].tables["tblReport"].ref = "A4:E6"

    report = validate_file(edit(submission, shrink), cfg)
    got = rules(report)
    assert ("structure.table_resized", "Målopfyldelse", "A4:E6", "warning") in got
    assert ("structure.rows_outside_table", "Målopfyldelse", "A7", "error") in got


def test_a_widened_table_is_named(submission, cfg):
    def widen(wb):
        table = wb[FOCUS].tables["tblLocalFocus"]
        table.ref = "A4:C10"
        table.tableColumns.append(TableColumn(id=3, name="Ekstra"))
        wb[FOCUS]["C4"] = "Ekstra"

    report = validate_file(edit(submission, widen), cfg)
    assert [r for r in rules(report) if r[0] == "structure.columns_changed"] == [
        ("structure.columns_changed", FOCUS, "A4", "error")
    ]


def test_a_deleted_table_is_named(submission, cfg):
    def delete(wb):
        del wb[FOCUS].tables["tblLocalFocus"]

    report = validate_file(edit(submission, delete), cfg)
    assert ("structure.table_missing", FOCUS, "", "error") in rules(report)


def test_merged_cells_over_input_cells_are_an_error_elsewhere_information(submission, cfg):
    def merge(wb):
        wb[sheet_name("sheet.identity", "da")].merge_cells("B5:C6")
        wb[sheet_name("sheet.results", "da")].merge_cells("A1:C1")

    got = rules(validate_file(edit(submission, merge), cfg))
    assert ("structure.merged_cells", "Kommune", "B5:C6", "error") in got
    assert ("structure.merged_cells_outside", "Resultater", "A1:C1", "info") in got


@pytest.mark.parametrize("error", ["#DIV/0!", "#REF!", "#N/A"])
def test_an_excel_error_in_a_cell_is_named(submission, cfg, error):
    def put(wb):
        wb[sheet_name("sheet.results", "da")]["F6"] = error  # an input cell (actual of goal 2)
        wb[sheet_name("sheet.results", "da")]["J5"] = "=1/0"  # a computed cell, as if Excel had shown an error

    edit(submission, put)
    with zipfile.ZipFile(submission) as zf:
        parts = {n: zf.read(n) for n in zf.namelist()}
    for n, d in parts.items():  # give the formula the cached error Excel would have saved
        parts[n] = re.sub(
            rb'<c r="J5"( s="\d+")?><f>1/0</f><v></v></c>', rb'<c t="e" r="J5"\1><f>1/0</f><v>#DIV/0!</v></c>', d
        )
    with zipfile.ZipFile(submission, "w") as zf:
        for n, d in parts.items():
            zf.writestr(n, d)
    report = validate_file(submission, cfg)
    got = {(f.rule, f.cell, f.field, f.value) for f in report.findings}
    assert ("value.formula_error", "F6", "Resultat", error) in got
    assert ("value.formula_error", "J5", "Målopfyldelse", "#DIV/0!") in got
    assert not report.valid


@pytest.mark.slow
def test_ten_thousand_rows_where_twenty_are_expected_are_capped_and_fast(make_workbook, seed, cfg):
    form, tables = seed("submission")
    path = make_workbook("submission", form, tables)

    def grow(wb):
        ws = wb[sheet_name("sheet.results", "da")]
        ws.tables["tblResults"].ref = "A4:J10004"
        for r in range(9, 10005):
            ws.cell(row=r, column=1, value=str(r))
            ws.cell(row=r, column=6, value="mange")

    edit(path, grow)
    start = time.perf_counter()
    report = validate_file(path, cfg)
    assert time.perf_counter() - start < 5
    got = rules(report)
    assert ("structure.table_resized", "Resultater", "A4:J10004", "warning") in got
    numbers = [f for f in report.findings if f.rule == "type.number"]
    assert len(numbers) == MAX_PER_RULE
    (more,) = [f for f in report.findings if f.rule == "findings.more" and "type.number" in f.message]
    assert "9946" in more.message.replace(".", "")
    assert len(report.findings) < 400


def test_ten_thousand_rows_below_a_table_are_one_finding(submission, cfg):
    def below(wb):
        ws = wb[FOCUS]
        for r in range(20, 10020):
            ws.cell(row=r, column=1, value=f"Område {r}")

    report = validate_file(edit(submission, below), cfg)
    assert rules(report) == [("structure.rows_outside_table", FOCUS, "A20", "error")]


def test_text_of_100000_characters_is_named_shortened(make_workbook, seed, cfg):
    form, tables = seed("contract")
    tables["tblGoals"][0]["goal_text"] = "LONGTEXT"
    path = make_workbook("contract", form, tables)
    # Excel and openpyxl stop at 32,767 characters; another program may write more: put 100,030 in the XML.
    long = "Erhvervshusene opnår en høj score. " * 2858
    with zipfile.ZipFile(path) as zf:
        parts = {n: zf.read(n) for n in zf.namelist()}
    parts["xl/sharedStrings.xml"] = parts["xl/sharedStrings.xml"].replace(b"LONGTEXT", long.encode())
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for n, d in parts.items():
            zf.writestr(n, d)
    start = time.perf_counter()
    report = validate_file(path, cfg)
    assert time.perf_counter() - start < 2
    (finding,) = report.findings
    assert finding.rule == "text.too_long" and finding.cell == "D5"
    assert len(finding.value) <= 80 and "100.029" in finding.message and "4.000" in finding.message  # stripped


@pytest.mark.parametrize(
    "content, rule",
    [
        (b"", "read.empty"),
        (b"Kaere sekretariat, her er vores tal", "read.not_workbook"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504, "read.old_xls"),
        (b"PK\x03\x04" + b"\0" * 100, "read.corrupt"),
    ],
)
def test_an_unreadable_file_is_one_error_finding(tmp_path, cfg, content, rule):
    path = tmp_path / "Indberetning Odder 2019.xlsx"
    path.write_bytes(content)
    report = validate_file(path, cfg)
    assert report.document is None and not report.readable and not report.valid
    assert rules(report) == [(rule, "", "", "error")]
    assert "Indberetning Odder 2019.xlsx" in report.findings[0].message


def test_a_missing_file_a_folder_and_bytes_are_handled(tmp_path, cfg, submission):
    assert validate_file(tmp_path / "gone.xlsx", cfg).findings[0].rule == "read.missing"
    assert validate_file(tmp_path, cfg).findings[0].rule == "read.special"  # a folder is never opened as a file
    report = validate_file("upload.xlsx", cfg, data=submission.read_bytes())
    assert report.valid and report.kind == "submission" and report.findings == []


def test_a_workbook_not_made_from_our_templates_is_one_error(tmp_path, cfg):
    path = tmp_path / "own.xlsx"
    wb = openpyxl.Workbook()
    wb.active["A1"] = "Budget"
    wb.active["B1"] = D(500000)
    wb.save(path)
    assert rules(validate_file(path, cfg)) == [("read.not_ours", "", "", "error")]


def test_formula_cells_are_the_cells_with_a_formula_element():
    """Found by the namespace-aware scan: an <f> inside a cell, not text that looks like one nor an <f> elsewhere."""
    from toolkit.adapters.excel.sheetscan import scan_sheet

    xml = (
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b'<sheetData><row r="1"><c r="A1" s="1"><f>SUM(B1:B2)</f><v>3</v></c><c r="B1"><v>1</v></c>'
        b'<c r="C1" t="str">\n <f t="shared" si="0"/><v>x</v></c><c r="D1" t="inlineStr"><is><t>&lt;f x</t></is></c>'
        b'<c r="E1"/><f ref="A1"/><c s="2" r="F1"><f/></c><cols><f>z</f></cols><c r="G1"><v>1</v><f>1</f></c>'
        b"</row></sheetData></worksheet>"
    )
    assert scan_sheet([xml]).formulas == {"A1", "C1", "F1", "G1"}
    assert scan_sheet([xml[i : i + 7] for i in range(0, len(xml), 7)]).formulas == {"A1", "C1", "F1", "G1"}
