"""The annotated copy: findings sheet with links, highlighted cells with notes, everything else kept as it was."""

import hashlib
import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import openpyxl
import pytest
from openpyxl.comments import Comment

from toolkit.adapters.excel.build import Button, sheet_name
from toolkit.workflows.validate import validate_file
from toolkit.workflows.validate.annotate import FILLS, annotated_path, write_annotated

# The parts the annotation may change; every other part must stay byte-identical.
MAY_CHANGE = re.compile(
    r"^(\[Content_Types\]\.xml|xl/workbook\.xml|xl/_rels/workbook\.xml\.rels|xl/styles\.xml|"
    r"xl/worksheets/(_rels/)?sheet\d+\.xml(\.rels)?|xl/drawings/vmlDrawing\d+\.vml)$"
)


def parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def bad_submission(make_workbook, seed):
    """Holstebro's mistake (no e-mail) and Odder's ('ca. 50'), plus a status that misses its figures."""
    form, tables = seed("submission")
    form["contact_email"] = None
    tables["tblResults"][2]["actual"] = "ca. 50"
    tables["tblResults"][3]["goal_status"] = "Opfyldt"
    return make_workbook(
        "submission",
        form,
        tables,
        municipality="Horsens",
        name="Indberetning Horsens 2019.xlsx",
        buttons=[Button("sheet.identity", "D4", "Check", "Kontrollér")],
    )


def test_annotating_leaves_the_users_workbook_byte_for_byte_untouched(bad_submission, cfg):
    before = sha(bad_submission)
    report = validate_file(bad_submission, cfg)
    target = write_annotated(report, cfg.language)
    assert sha(bad_submission) == before
    assert (
        target == bad_submission.with_name("Indberetning Horsens 2019.checked.xlsx") == annotated_path(bad_submission)
    )
    assert annotated_path("a/x.xlsm").name == "x.checked.xlsm"


def test_every_other_part_is_copied_unchanged(bad_submission, cfg):
    original = parts(bad_submission)
    copy = parts(write_annotated(validate_file(bad_submission, cfg), cfg.language))
    assert set(original) <= set(copy)
    changed = sorted(n for n in original if original[n] != copy[n])
    assert all(MAY_CHANGE.match(n) for n in changed), changed
    assert [n for n in original if n.startswith("xl/tables/")]  # tables kept, byte for byte
    assert all(original[n] == copy[n] for n in original if n.startswith(("xl/tables/", "docProps/", "xl/theme/")))
    for name in [*changed, *(set(copy) - set(original))]:  # what we wrote is well-formed XML
        ElementTree.fromstring(copy[name])


def test_the_copy_keeps_tables_validations_protection_and_names(bad_submission, cfg):
    target = write_annotated(validate_file(bad_submission, cfg), cfg.language)
    a, b = openpyxl.load_workbook(bad_submission), openpyxl.load_workbook(target)
    assert b.sheetnames == [*a.sheetnames, "Kontrol"]
    for name in a.sheetnames:
        wa, wb_ = a[name], b[name]
        assert sorted(wa.tables) == sorted(wb_.tables)
        assert [str(d.sqref) for d in wa.data_validations.dataValidation] == [
            str(d.sqref) for d in wb_.data_validations.dataValidation
        ]
        assert bool(wa.protection.sheet) == bool(wb_.protection.sheet) is True
        assert wa.sheet_state == wb_.sheet_state
    assert sorted(a.defined_names) == sorted(b.defined_names)


def test_findings_sheet_links_every_finding_to_its_cell_and_opens_first(bad_submission, cfg):
    report = validate_file(bad_submission, cfg)
    wb = openpyxl.load_workbook(write_annotated(report, cfg.language))
    ws = wb["Kontrol"]
    assert wb.active.title == "Kontrol"
    assert [c.value for c in ws[3]] == [
        "Alvor",
        "Ark",
        "Celle",
        "Felt",
        "Værdi",
        "Hvad er galt, og hvad skal du gøre",
        "Regel",
    ]
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=4)]
    assert len(rows) == len(report.findings) == 3
    assert {r[6] for r in rows} == {"required", "type.number", "status.achieved_but_missed"}
    links = {ws.cell(row=r, column=3).hyperlink.location for r in range(4, 7)}
    assert links == {"'Kommune'!B6", "'Resultater'!F7", "'Resultater'!I8"}
    assert sum(1 for s in wb.worksheets if s.sheet_view.tabSelected) == 1


def test_flagged_cells_are_highlighted_with_the_message_as_a_note(bad_submission, cfg):
    report = validate_file(bad_submission, cfg)
    wb = openpyxl.load_workbook(write_annotated(report, cfg.language))
    email = wb[sheet_name("sheet.identity", "da")]["B6"]
    assert email.fill.fgColor.rgb == FILLS["error"]
    assert "E-mail skal udfyldes" in email.comment.text
    assert email.protection.locked is False  # still an input cell
    status = wb[sheet_name("sheet.results", "da")]["I8"]
    assert status.fill.fgColor.rgb == FILLS["warning"] and "opfyldt" in status.comment.text
    date = wb[sheet_name("sheet.identity", "da")]["B7"]
    assert (
        date.number_format
        == openpyxl.load_workbook(bad_submission)[sheet_name("sheet.identity", "da")]["B7"].number_format
    )


def test_form_buttons_survive_and_share_their_drawing_with_the_notes(bad_submission, cfg):
    original = parts(bad_submission)
    (vml,) = [n for n in original if n.endswith(".vml")]
    assert b'ObjectType="Button"' in original[vml]
    copy = parts(write_annotated(validate_file(bad_submission, cfg), cfg.language))
    assert b'ObjectType="Button"' in copy[vml] and b'ObjectType="Note"' in copy[vml]
    (button,) = re.findall(rb"<v:shape\b(?:(?!</v:shape>).)*ObjectType=\"Button\".*?</v:shape>", original[vml], re.S)
    assert button in copy[vml]
    ids = re.findall(rb'id="(_x0000_s\d+)"', b"".join(d for n, d in copy.items() if n.endswith(".vml")))
    assert len(ids) == len(set(ids))
    for name, data in copy.items():
        if name.startswith("xl/worksheets/sheet"):
            assert data.count(b"<legacyDrawing") <= 1


def test_an_xlsm_keeps_its_vba_project_byte_for_byte(make_workbook, seed, cfg):
    try:
        from toolkit.adapters.vba.ovba import build_vba_project
    except ImportError:
        pytest.skip("toolkit.adapters.vba (the VBA project generator) is not there yet")
    sheets = 7  # instructions, 4 parts, _lists, _meta
    vba = build_vba_project(
        {"Buttons": 'Attribute VB_Name = "Buttons"\nSub Check()\nEnd Sub\n'},
        document_modules=("ThisWorkbook", *(f"Sheet{i}" for i in range(1, sheets + 1))),
    )
    form, tables = seed("submission")
    form["contact_email"] = "ikke en adresse"
    path = make_workbook(
        "submission",
        form,
        tables,
        suffix=".xlsm",
        vba_project=vba,
        buttons=[Button("sheet.instructions", "B4", "Check", "Kontrollér")],
    )
    before = sha(path)
    target = write_annotated(validate_file(path, cfg), cfg.language)
    assert target.suffix == ".xlsm" and sha(path) == before
    original, copy = parts(path), parts(target)
    assert copy["xl/vbaProject.bin"] == original["xl/vbaProject.bin"] == vba
    assert b"macroEnabled" in copy["[Content_Types].xml"]
    assert b'ObjectType="Button"' in b"".join(d for n, d in copy.items() if n.endswith(".vml"))
    wb = openpyxl.load_workbook(target, keep_vba=True)
    assert "ikke en adresse" in wb["Kommune"]["B6"].value and wb["Kommune"]["B6"].comment is not None


def test_a_users_own_note_is_kept_and_ours_added(bad_submission, cfg):
    wb = openpyxl.load_workbook(bad_submission)
    wb[sheet_name("sheet.identity", "da")]["B6"].comment = Comment("Spørg Lone om adressen", "Lone")
    wb[sheet_name("sheet.identity", "da")]["C9"].comment = Comment("Husk bilag", "Lone")
    wb.save(bad_submission)
    target = write_annotated(validate_file(bad_submission, cfg), cfg.language)
    ws = openpyxl.load_workbook(target)[sheet_name("sheet.identity", "da")]
    assert "Spørg Lone om adressen" in ws["B6"].comment.text and "E-mail skal udfyldes" in ws["B6"].comment.text
    assert ws["C9"].comment.text.startswith("Husk bilag")


def test_the_annotated_copy_reads_back_with_the_same_findings(bad_submission, cfg):
    report = validate_file(bad_submission, cfg)
    again = validate_file(write_annotated(report, cfg.language), cfg)
    assert [(f.rule, f.sheet, f.cell) for f in again.findings] == [(f.rule, f.sheet, f.cell) for f in report.findings]


def test_a_valid_workbook_gets_a_findings_sheet_that_says_so(make_workbook, seed, cfg):
    form, tables = seed("plan")
    path = make_workbook("plan", form, tables, lang="nb")
    cfg.language = "nb"
    ws = openpyxl.load_workbook(write_annotated(validate_file(path, cfg), "nb"))["Kontroll"]
    assert ws["A4"].value == "Ingen funn: arbeidsboken er i orden."


@pytest.mark.libreoffice
def test_libreoffice_opens_the_annotated_copy_with_its_notes(bad_submission, cfg, tmp_path):
    from libreoffice import convert

    target = write_annotated(validate_file(bad_submission, cfg), cfg.language)
    (ods,) = convert([target], tmp_path / "lo", "ods", tmp_path / "profile", timeout=120)
    content = zipfile.ZipFile(ods).read("content.xml").decode()
    assert content.count("<office:annotation") >= 3 and "E-mail skal udfyldes" in content
    assert 'table:name="Kontrol"' in content
