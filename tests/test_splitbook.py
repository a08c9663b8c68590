"""toolkit split: the amounts go into a copy; the user's workbook stays byte for byte as it was."""

import datetime as dt
import hashlib
import io
import zipfile

import pytest

from toolkit.adapters.excel.build import BuildOptions, build_workbook
from toolkit.adapters.excel.ooxml import Package, set_numbers
from toolkit.adapters.excel.read import read_workbook
from toolkit.cli import main
from toolkit.data.midtjylland import POPULATION_2018, PUBLISHED_2019
from toolkit.errors import ReadError, SplitError
from toolkit.spec import SPECS
from toolkit.workflows.costsplit import compute_split_workbook
from toolkit_demo.fill import fill_workbook


def _split_workbook(tmp_path, weights, total=36792, periods=12):
    blank = tmp_path / "blank.xlsx"
    build_workbook(SPECS["split"], str(blank), BuildOptions(lang="da", municipalities=list(POPULATION_2018)))
    path = tmp_path / "fordeling 2019 æøå.xlsx"
    fill_workbook(
        blank,
        path,
        SPECS["split"],
        "da",
        {
            "split_title": "Basisbevilling",
            "total": total,
            "key_date": dt.date(2018, 1, 1),
            "rounding_unit": 1,
            "periods": periods,
        },
        {"tblSplit": [{"municipality": m, "key_value": w} for m, w in weights.items()]},
    )
    return path


def test_split_copy_holds_the_published_2019_billing_and_the_original_is_untouched(tmp_path):
    path = _split_workbook(tmp_path, POPULATION_2018)
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    result = compute_split_workbook(path)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    assert result.copy.parent == path.parent and result.copy != path
    doc = read_workbook(result.copy)
    assert {r.get("municipality"): r.get("amount") for r in doc.tables["tblSplit"]} == PUBLISHED_2019
    assert doc.structure == []


def test_split_copy_keeps_every_other_part_unchanged(tmp_path):
    path = _split_workbook(tmp_path, {"Aarhus": 3, "Samsø": 1}, total=120)
    result = compute_split_workbook(path)
    with zipfile.ZipFile(path) as a, zipfile.ZipFile(result.copy) as b:
        assert a.namelist() == b.namelist()
        changed = [n for n in a.namelist() if a.read(n) != b.read(n)]
    assert len(changed) == 1 and changed[0].startswith("xl/worksheets/")


def test_split_command_prints_the_explanation_and_the_copy(tmp_path, capsys):
    path = _split_workbook(tmp_path, {"Aarhus": 3, "Samsø": 1}, total=120)
    assert main(["split", str(path)]) == 0
    out = capsys.readouterr().out
    assert "Aarhus" in out and "fordeling 2019 æøå.split.xlsx" in out


def test_split_of_a_total_that_does_not_divide_into_periods_is_refused(tmp_path):
    path = _split_workbook(tmp_path, {"Aarhus": 3, "Samsø": 1}, total=100, periods=12)
    with pytest.raises(SplitError):
        compute_split_workbook(path)
    assert not (tmp_path / "fordeling 2019 æøå.split.xlsx").exists()


def test_split_refuses_a_workbook_of_another_kind(tmp_path):
    path = tmp_path / "report.xlsx"
    build_workbook(SPECS["report"], str(path), BuildOptions(lang="da"))
    with pytest.raises(ReadError) as exc:
        compute_split_workbook(path)
    assert exc.value.key == "split.not_a_split"


def _sheet_package(sheet_data: str) -> Package:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        rels = '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        zf.writestr(
            "_rels/.rels",
            f'{rels}<Relationship Id="rId1" Type="http://x/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        zf.writestr(
            "xl/workbook.xml",
            '<workbook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        zf.writestr(
            "xl/_rels/workbook.xml.rels",
            f'{rels}<Relationship Id="rId1" Type="x/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
        )
        zf.writestr("xl/worksheets/sheet1.xml", f"<worksheet><sheetData>{sheet_data}</sheetData></worksheet>")
    return Package(buf.getvalue())


def test_set_numbers_replaces_formulas_and_text_and_adds_missing_cells_in_order():
    pkg = _sheet_package(
        '<row r="2"><c r="A2" s="3"><f>1/0</f><v>#DIV/0!</v></c><c r="C2" t="s"><v>0</v></c></row><row r="5"/>'
    )
    set_numbers(pkg, "S", {"A2": 7, "B2": 8, "C2": 9.5, "A5": 1, "B4": 2})
    xml = pkg.text("xl/worksheets/sheet1.xml")
    assert '<row r="2"><c r="A2" s="3"><v>7</v></c><c r="B2"><v>8</v></c><c r="C2"><v>9.5</v></c></row>' in xml
    assert xml.index('<row r="4">') < xml.index('<row r="5">')
    assert '<row r="5"><c r="A5"><v>1</v></c></row>' in xml and "<f>" not in xml
