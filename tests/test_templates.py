"""Templates: built from the specs, read back by the same specs, in every language."""

import datetime as dt
import io
import zipfile
from decimal import Decimal as D
from pathlib import Path

import openpyxl
import pytest
from xlsx_compare import first_difference

from toolkit.adapters.excel.build import BuildOptions, Prefill, build_workbook, sheet_name
from toolkit.adapters.excel.read import read_workbook
from toolkit.buttons.xlsm import write_all_templates
from toolkit.config import load_config
from toolkit.core.model import MeasureType
from toolkit.errors import ReadError
from toolkit.spec import SPECS
from toolkit_demo.fill import fill_workbook

ROOT = Path(__file__).resolve().parent.parent
LANGS = ("da", "nb", "en")


def build(tmp_path, kind, lang="da", prefill=None, municipality="", name=None):
    path = tmp_path / (name or f"{kind}_{lang}.xlsx")
    opts = BuildOptions(
        lang=lang, region="Region Midtjylland", municipalities=["Aarhus", "Horsens", "Samsø"], municipality=municipality
    )
    build_workbook(SPECS[kind], str(path), opts, prefill)
    return path


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", sorted(SPECS))
def test_every_blank_template_reads_back_empty_and_intact(tmp_path, kind, lang):
    doc = read_workbook(build(tmp_path, kind, lang))
    assert doc.kind == kind and doc.language == lang
    assert doc.structure == []
    assert all(rows == [] for rows in doc.tables.values())
    assert set(doc.tables) == {t.name for t in SPECS[kind].tables}


def test_same_spec_and_data_give_byte_identical_files(tmp_path):
    a, b = io.BytesIO(), io.BytesIO()
    for target in (a, b):
        build_workbook(SPECS["plan"], target, BuildOptions(lang="nb", region="Telemark"))
    assert a.getvalue() == b.getvalue()


def test_the_comparison_names_the_first_differing_part_and_element():
    built = (ROOT / "workbook_templates" / "plan_da.xlsx").read_bytes()
    assert first_difference(built, built) is None
    changed = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(built)) as src, zipfile.ZipFile(changed, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "xl/sharedStrings.xml":
                data = data.replace(b"Tiltag", b"Tiltak", 1)
            dst.writestr(item, data)
    difference = first_difference(built, changed.getvalue())
    assert difference.startswith("xl/sharedStrings.xml, element ")
    assert "Tiltag" in difference and "Tiltak" in difference


def test_committed_templates_are_up_to_date_with_the_code(tmp_path):
    cfg = load_config(ROOT / "config.ini")
    fresh = write_all_templates(cfg, tmp_path, languages=LANGS)
    assert len(fresh) == 33  # 5 kinds x 3 languages as .xlsx and .xlsm, and 3 coordinator workbooks
    for path in fresh:
        committed = ROOT / "workbook_templates" / path.name
        assert committed.exists(), f"{committed.name} missing: run `toolkit templates --all-languages`"
        difference = first_difference(committed.read_bytes(), path.read_bytes())
        assert difference is None, f"{committed.name} is stale: run `toolkit templates --all-languages`\n{difference}"


def test_every_sheet_is_protected_and_only_input_cells_are_unlocked(tmp_path):
    wb = openpyxl.load_workbook(build(tmp_path, "plan"))
    assert all(ws.protection.sheet for ws in wb.worksheets)
    assert wb["_meta"].sheet_state == "veryHidden"
    spec = SPECS["plan"]
    measures = spec.part("tblMeasures")
    ws = wb[sheet_name(measures.sheet, "da")]
    row = measures.first_data_row
    for c, f in enumerate(measures.fields, start=1):
        cell = ws.cell(row=row, column=c)
        assert cell.protection.locked == (not f.is_input), f.key
        if f.formula:
            assert str(cell.value).startswith("="), f.key
    assert ws.cell(row=measures.header_row, column=1).protection.locked


def test_every_controlled_field_has_a_dropdown(tmp_path):
    wb = openpyxl.load_workbook(build(tmp_path, "contract"))
    goals = SPECS["contract"].part("tblGoals")
    ws = wb[sheet_name(goals.sheet, "da")]
    lists = [dv for dv in ws.data_validations.dataValidation if dv.type == "list"]
    columns = {str(dv.sqref).split(":")[0].rstrip("0123456789") for dv in lists}
    from toolkit.adapters.excel.cells import column_letter

    wanted = {column_letter(goals.column_of(f.key)) for f in goals.fields if f.vocab}
    assert wanted <= columns


def test_prefilled_submission_names_its_municipality_and_locks_the_goals(tmp_path):
    prefill = Prefill(
        form={"municipality": "Horsens", "cost_share": D(2508000)},
        tables={
            "tblResults": [
                {
                    "goal_no": "5",
                    "title": "Specialiseret vejledning",
                    "measure_type": MeasureType.COUNT,
                    "target": D(122),
                }
            ]
        },
    )
    path = build(tmp_path, "submission", prefill=prefill, municipality="Horsens")
    doc = read_workbook(path)
    assert doc.municipality == "Horsens"
    assert doc.value("municipality") == "Horsens" and doc.value("cost_share") == D(2508000)
    (row,) = doc.tables["tblResults"]
    assert row.get("measure_type") == MeasureType.COUNT and row.get("target") == D(122)
    ws = openpyxl.load_workbook(path)[sheet_name("sheet.results", "da")]
    assert ws["A5"].protection.locked and not ws["F5"].protection.locked


def test_workbook_is_recognised_by_its_metadata_not_its_file_name(tmp_path):
    path = build(tmp_path, "report", "nb")
    renamed = path.rename(tmp_path / "min rapport (endelig) æøå.xlsx")
    doc = read_workbook(renamed)
    assert doc.kind == "report" and doc.language == "nb"


def test_reader_tolerates_what_users_type(tmp_path):
    src = build(tmp_path, "plan", "nb")
    dst = tmp_path / "filled.xlsx"
    fill_workbook(
        src,
        dst,
        SPECS["plan"],
        "nb",
        {"programme": "  Driv  ", "year": "2024", "period_start": "1. januar 2022", "period_end": "31.12.2027"},
        {
            "tblMeasures": [
                {"area_no": 5, "letter": "A", "measure": "Attraktivitet", "budget": "750.000", "granted": "650 000"},
                {
                    "_row": 3,
                    "area_no": "1",
                    "letter": "B",
                    "measure": "Matproduksjon",
                    "budget": "500 000",
                    "granted": "xxx",
                },
            ],
            "tblFinancing": [{"source": "Fylkeskommunen", "share": "75 %", "amount": "4 000 000", "paid_share": 0.75}],
        },
    )
    doc = read_workbook(dst)
    assert doc.value("programme") == "Driv" and doc.value("year") == D(2024)
    assert doc.value("period_start") == dt.date(2022, 1, 1) and doc.value("period_end") == dt.date(2027, 12, 31)
    first, second = doc.tables["tblMeasures"]
    assert (first.get("budget"), first.get("granted")) == (D(750000), D(650000))
    assert second.number == SPECS["plan"].part("tblMeasures").first_data_row + 3
    assert second.get("granted") is None and second.cells["granted"].problem == "placeholder"
    (fin,) = doc.tables["tblFinancing"]
    assert fin.get("share") == D("0.75") and fin.get("amount") == D(4000000)


def test_reader_reports_text_it_cannot_read_without_guessing(tmp_path):
    src = build(tmp_path, "contract", "da")
    dst = tmp_path / "filled.xlsx"
    fill_workbook(
        src,
        dst,
        SPECS["contract"],
        "da",
        {},
        {
            "tblGoals": [
                {
                    "goal_no": "5",
                    "category": "Fælles",
                    "title": "Vejledning",
                    "measure_type": "Antal",
                    "target": "1.800",
                    "actual": "ca. 50",
                    "goal_status": "Måske",
                }
            ]
        },
    )
    (row,) = read_workbook(dst).tables["tblGoals"]
    assert row.get("target") == D(1800) and row.get("measure_type") == MeasureType.COUNT
    assert row.cells["actual"].problem == "not_a_number" and row.cells["actual"].ref == "L5"
    assert row.cells["goal_status"].problem == "not_in_list"


def _ole(extra: bytes = b"") -> bytes:
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504 + extra


@pytest.mark.parametrize(
    "content, key",
    [
        (b"", "read.empty"),
        (b"Dear secretariat, here are our numbers", "read.not_workbook"),
        (_ole(), "read.old_xls"),
        (_ole("EncryptionInfo".encode("utf-16-le")), "read.encrypted"),
        (b"PK\x03\x04" + b"\0" * 100, "read.corrupt"),
    ],
)
def test_unreadable_files_give_one_clear_error(tmp_path, content, key):
    path = tmp_path / "indberetning.xlsx"
    path.write_bytes(content)
    with pytest.raises(ReadError) as exc:
        read_workbook(path)
    assert exc.value.key == key
    assert "indberetning.xlsx" in exc.value.message("da")


def test_a_workbook_from_no_template_of_ours_is_refused(tmp_path):
    path = tmp_path / "own.xlsx"
    wb = openpyxl.Workbook()
    wb.active["A1"] = "Kommune"
    wb.save(path)
    with pytest.raises(ReadError) as exc:
        read_workbook(path)
    assert exc.value.key == "read.not_ours"


def _rewrite_meta(path: Path, dst: Path, edit) -> Path:
    wb = openpyxl.load_workbook(path)
    edit(wb)
    wb.save(dst)
    return dst


def test_unknown_template_version_and_deleted_metadata_are_named(tmp_path):
    path = build(tmp_path, "report")
    newer = _rewrite_meta(path, tmp_path / "v9.xlsx", lambda wb: wb["_meta"].__setitem__("B2", "9.0"))
    with pytest.raises(ReadError) as exc:
        read_workbook(newer)
    assert exc.value.key == "read.newer_version" and "9.0" in exc.value.message("en")
    gone = _rewrite_meta(path, tmp_path / "nometa.xlsx", lambda wb: wb.remove(wb["_meta"]))
    with pytest.raises(ReadError) as exc:
        read_workbook(gone)
    assert exc.value.key == "read.meta_deleted"


def test_declared_zip_size_above_the_limit_is_refused_before_reading(tmp_path):
    path = build(tmp_path, "report")
    with pytest.raises(ReadError) as exc:
        read_workbook(path, max_uncompressed_mb=0)
    assert exc.value.key == "read.zip_bomb"


def test_templates_hold_no_external_links_or_macros(tmp_path):
    with zipfile.ZipFile(build(tmp_path, "submission")) as zf:
        names = zf.namelist()
    assert not any("externalLink" in n or "vbaProject" in n for n in names)
