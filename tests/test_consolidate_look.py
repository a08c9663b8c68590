"""The consolidated workbook as a coordinator reads and prints it: headers not cut, titles not running
on, shares with decimals, a percent shown once."""

import dataclasses

import openpyxl
import pytest
from test_consolidate_helpers import drop, submission

from toolkit.adapters.consolidated.labels import label
from toolkit.workflows.consolidate import run
from toolkit.workflows.consolidate.workbook import output_path

TITLE = "Virksomhedernes oplevede effekt af den specialiserede vejledning"  # seed 002, goal 2


@pytest.fixture(scope="module", params=["da", "en"])
def book(request, tmp_path_factory, project_cfg):
    from conftest import seed_data

    from toolkit.adapters.excel.build import BuildOptions, Prefill, build_workbook
    from toolkit.spec import SPECS

    lang = request.param
    tmp = tmp_path_factory.mktemp(f"look_{lang}")
    cfg = dataclasses.replace(
        project_cfg,
        language=lang,
        inbox=(tmp / "inbox",),
        output=tmp / "output",
        templates=tmp / "templates",
        archive=tmp / "archive",
        ledger=tmp / "output" / "l.sqlite",
    )

    def make(kind, form, tables, municipality="", **_):
        path = tmp / f"{municipality or kind}.xlsx"
        opts = BuildOptions(
            lang="da",
            region=cfg.region,
            municipalities=list(cfg.municipalities),
            municipality=municipality,
            year=cfg.fiscal_year,
        )
        build_workbook(SPECS[kind], str(path), opts, Prefill(form=form, tables=tables))
        return path

    seed = lambda kind: seed_data(kind, cfg)  # noqa: E731
    results = {1: {"title": TITLE}, 3: {"unit": "% af henvisninger"}}
    for name in ("Horsens", "Aarhus", "Samsø"):
        drop(cfg, submission(make, seed, name, results=results), f"{name}.xlsx")
    run(cfg, settle_seconds=0, processes=0, progress=False)
    return lang, openpyxl.load_workbook(output_path(cfg))


def _width(ws, column: int) -> float:
    """A column's width; openpyxl files a run of equally wide columns under its first letter only."""
    for dim in ws.column_dimensions.values():
        if dim.min is not None and dim.min <= column <= dim.max and dim.width:
            return dim.width
    return 8.43


def _tables(wb):
    for ws in wb:
        for table in ws.tables.values():
            yield ws, table


def test_headers_that_wrap_have_room_for_two_lines(book):
    _lang, wb = book
    wrapped = 0
    for ws, table in _tables(wb):
        first = openpyxl.utils.cell.range_boundaries(table.ref)
        row, c1, c2 = first[1], first[0], first[2]
        for c in range(c1, c2 + 1):
            header = ws.cell(row, c).value or ""
            width = _width(ws, c)
            assert max(len(w) for w in header.split() or [""]) + 1 <= width, (ws.title, header, width)
            if len(header) + 1 > width:  # it wraps: the row must be two lines high
                wrapped += 1
                assert (ws.row_dimensions[row].height or 15) >= 29, (ws.title, header)
    assert wrapped, "some header (Gns. målopfyldelse, Forventes opfyldt) wraps in every language"


def test_titles_fit_their_column_instead_of_running_into_the_next(book):
    lang, wb = book
    for key in ("sheet.results", "sheet.matrix", "sheet.rollup"):
        ws = wb[label(key, lang)]
        cells = [c for row in ws.iter_rows() for c in row if c.value == TITLE]
        assert cells, key
        for cell in cells:
            assert _width(ws, cell.column) >= len(TITLE), (key, cell.coordinate)


def test_split_shares_show_decimals_so_samsoe_is_not_zero(book):
    lang, wb = book
    ws = wb[label("sheet.split", lang)]
    row = next(r for r in ws.iter_rows() if r[0].value == "Samsø")
    share = row[2]
    assert 0 < share.value < 0.01 and share.number_format.startswith("0.00"), share.number_format


def test_a_percent_is_shown_once(book):
    lang, wb = book
    ws = wb[label("sheet.results", lang)]
    head = [c.value for c in next(ws.iter_rows())]
    actual, unit = head.index(label("col.actual", lang)), head.index(label("col.unit", lang))
    checked = 0
    for row in ws.iter_rows(min_row=2):
        if "%" in row[actual].number_format and row[actual].value is not None:
            checked += 1
            assert not str(row[unit].value or "").lstrip().startswith("%"), row[unit].value
    assert checked
    for sheet in wb:
        for row in sheet.iter_rows():
            for cell in row:
                assert "% %" not in str(cell.value or "")
