"""The consolidated workbook: values only, Excel tables, charts, traffic lights, readable by LibreOffice."""

import re
import zipfile
from decimal import Decimal as D

import openpyxl
import pytest
from test_consolidate_helpers import drop, submission

from toolkit.workflows.consolidate import run
from toolkit.workflows.consolidate.workbook import output_path

TRICKY = {
    "evidence": '=HYPERLINK("http://example.invalid/x","klik")',
    "focus": "+45 12 34 56 78",
    "met_by": "-virker ikke",
    "description": "@SUM(A1:A9)",
    "when": "=1+1",
}


@pytest.fixture
def book(cfg, make_workbook, seed):
    """A consolidation of four municipalities, one of which typed text that looks like formulas."""
    tables = {
        "tblLocalFocus": [{"focus_area": TRICKY["focus"], "description": TRICKY["description"]}],
        "tblReport": [
            {
                "sub_goal": "1.1 Fingeren på pulsen",
                "goal_text": "Mål 1.1",
                "met_by": TRICKY["met_by"],
                "when": TRICKY["when"],
                "status": "Opfyldt for 2019",
            }
        ],
    }
    drop(
        cfg,
        submission(make_workbook, seed, "Horsens", results={0: {"evidence": TRICKY["evidence"]}}, tables=tables),
        "Horsens.xlsx",
    )
    drop(cfg, submission(make_workbook, seed, "Aarhus", results={0: {"actual": D(40)}}), "Aarhus.xlsx")
    drop(cfg, submission(make_workbook, seed, "Samsø", results={1: {"actual": D(0)}}), "Samsø.xlsx")
    drop(cfg, submission(make_workbook, seed, "Odder", form={"contact_email": None}), "Odder.xlsx")
    run(cfg, settle_seconds=0, processes=0, progress=False)
    return output_path(cfg)


def parts(path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist()}


def test_text_that_looks_like_a_formula_stays_text(book):
    wb = openpyxl.load_workbook(book)
    found = {}
    for ws in wb:
        for row in ws.iter_rows():
            for cell in row:
                if cell.value in TRICKY.values():
                    found[cell.value] = cell.data_type
    assert found == {value: "s" for value in TRICKY.values()}


def test_the_workbook_holds_no_formulas_links_macros_or_objects(book):
    files = parts(book)
    sheets = [body for name, body in files.items() if name.startswith("xl/worksheets/sheet")]
    assert sheets and not any(re.search(rb"<f[ >]", body) for body in sheets)
    assert not any(b"<hyperlink" in body for body in sheets)
    assert not any(
        n.startswith(("xl/externalLinks", "xl/embeddings", "xl/activeX")) or n.endswith("vbaProject.bin") for n in files
    )
    rels = b"".join(body for name, body in files.items() if name.endswith(".rels"))
    assert b"hyperlink" not in rels and b'TargetMode="External"' not in rels


def test_long_tables_are_excel_tables_with_filters(book):
    wb = openpyxl.load_workbook(book)
    tables = {name: ws.title for ws in wb for name in ws.tables}
    assert {
        "tblOverview",
        "tblResults",
        "tblMatrix",
        "tblContractGoals",
        "tblByGoal",
        "tblReportRows",
        "tblFocusAreas",
        "tblSplit",
        "tblFiles",
        "tblFindings",
    } <= set(tables)
    assert all(ws.tables[name].autoFilter is not None for ws in wb for name in ws.tables)


def test_charts_are_native_excel_charts(book):
    files = parts(book)
    charts = [n for n in files if re.fullmatch(r"xl/charts/chart\d+\.xml", n)]
    assert len(charts) >= 3
    assert not any(n.startswith("xl/media/") for n in files)


def test_the_matrix_has_traffic_light_rules_and_one_column_per_municipality(book, cfg):
    wb = openpyxl.load_workbook(book)
    ws = wb["Målopfyldelse"]
    header = [c.value for c in ws[3]]
    assert header[:2] == ["Mål nr.", "Titel"] and header[2:] == list(cfg.municipalities)
    rules = [r for cf in ws.conditional_formatting for r in cf.rules]
    assert len(rules) == 3 and all(r.type == "expression" for r in rules)
    row = next(r for r in ws.iter_rows(min_row=4, values_only=True) if r[0] == "1")
    aarhus = header.index("Aarhus")
    assert row[aarhus] == pytest.approx(40 / 60)
    assert row[header.index("Struer")] is None


def test_the_overview_has_one_row_per_municipality_with_totals_on_top(book, cfg):
    wb = openpyxl.load_workbook(book)
    ws = wb["Oversigt"]
    values = [[c.value for c in row] for row in ws.iter_rows()]
    assert values[3][:2] == ["Kommuner i alt", 19]
    assert values[4][:2] == ["Gyldig", 3] and values[5][:2] == ["Med fejl", 1] and values[7][:2] == ["Mangler", 15]
    table = ws.tables["tblOverview"]
    first = openpyxl.utils.cell.range_boundaries(table.ref)[1]
    rows = values[first : first + 19]
    assert [r[0] for r in rows] == list(cfg.municipalities)
    odder = next(r for r in rows if r[0] == "Odder")
    assert odder[1] == "Med fejl" and odder[6] == 1


def test_the_split_adds_up_to_the_base_grant(book):
    wb = openpyxl.load_workbook(book)
    ws = wb["Fordeling"]
    rows = [r for r in ws.iter_rows(min_row=4, values_only=True) if r[0]]
    amounts = [r[3] for r in rows[:-1]]
    assert sum(amounts) == 36_792_000 and rows[-1][3] == 36_792_000 and all(a % 12_000 == 0 for a in amounts)


def test_the_findings_sheet_explains_what_is_wrong(book):
    wb = openpyxl.load_workbook(book)
    rows = [(r[0], r[2], r[8]) for r in wb["Fund"].iter_rows(min_row=2, values_only=True)]
    assert ("Odder.xlsx", "Fejl", "required") in rows
    # a valid file's warnings are listed too: Aarhus reported 40 against 60 as "achieved"
    assert ("Aarhus.xlsx", "Advarsel", "status.achieved_but_missed") in rows


@pytest.mark.libreoffice
def test_libreoffice_reads_the_workbook(book, tmp_path):
    from libreoffice import convert

    [out] = convert([book], tmp_path / "lo", "xlsx", tmp_path / "profile")
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames[:2] == ["Oversigt", "Resultater"]
    assert any(c.value == TRICKY["evidence"] for row in wb["Resultater"].iter_rows() for c in row)


def _cells(data: bytes) -> dict:
    import io

    out = {}
    for ws in openpyxl.load_workbook(io.BytesIO(data)):
        for row in ws.iter_rows():
            for c in row:
                if c.value is not None or c.has_style:
                    out[(ws.title, c.coordinate)] = (
                        c.value,
                        c.number_format,
                        c.font.b,
                        c.fill.fgColor.rgb,
                        c.font.color.rgb if c.font.color else None,
                    )
        out[(ws.title, "tables")] = sorted((t.name, t.ref) for t in ws.tables.values())
    return out


def test_rows_written_in_runs_give_the_workbook_one_cell_at_a_time_gives(book, cfg, monkeypatch):
    """The long tables go through write_row, a run of cells in one format at a time; one cell at a time
    through Sheets.value gives the same bytes, and the charts keep a copy of the values they show."""
    from toolkit.adapters.consolidated import writer as workbook
    from toolkit.workflows.consolidate.gather import gather_all
    from toolkit.workflows.consolidate.workbook import workbook_bytes

    g = gather_all(cfg)
    by_rows = workbook_bytes(g, cfg)
    monkeypatch.setattr(workbook, "plain", lambda value: False)
    by_cells = workbook_bytes(g, cfg)
    assert len(_cells(by_rows)) > 500
    assert by_rows == by_cells
    # charts keep a copy of the values they show (viewers that do not recalculate show that copy)
    charts = {name: body for name, body in parts_of(by_rows).items() if name.startswith("xl/charts/")}
    assert len(charts) >= 3 and all(b"<c:pt " in body for body in charts.values())


def parts_of(data: bytes) -> dict[str, bytes]:
    import io

    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {n: z.read(n) for n in z.namelist()}


def test_a_number_too_large_for_excel_is_written_as_text_not_a_failed_run():
    import datetime as dt
    import io

    from toolkit.adapters.consolidated.writer import Col, Sheets

    buf = io.BytesIO()
    s = Sheets(buf, "da", dt.datetime(2019, 1, 1), "Titel", "Region")
    ws = s.sheet("results")
    s.table(ws, 0, "tblX", [Col("Tal", "number"), Col("Tekst")], [[D("1e400"), "x"], [D("12.5"), "y"]])
    s.close()
    sheet = openpyxl.load_workbook(io.BytesIO(buf.getvalue())).worksheets[0]
    assert [[c.value for c in row] for row in sheet.iter_rows(min_row=2, max_row=3)] == [["1E+400", "x"], [12.5, "y"]]
