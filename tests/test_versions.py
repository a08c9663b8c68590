"""Template versions: 1.0 submissions still read and validate by their own rules beside 1.1 ones; a newer one is named."""

from __future__ import annotations

import datetime as dt
import io
import shutil
from itertools import pairwise
from pathlib import Path

import pytest
import python_calamine
import test_consolidate_helpers as h

from toolkit.adapters.deck import build_deck
from toolkit.adapters.excel.build import build_workbook, sheet_name
from toolkit.adapters.excel.read import read_workbook
from toolkit.adapters.store import codec
from toolkit.adapters.store.ledger import open_readonly
from toolkit.core.model import Status
from toolkit.errors import ReadError
from toolkit.spec import SPECS, VERSIONS, spec_for, vocab
from toolkit.workflows.consolidate import gather, run
from toolkit.workflows.consolidate.gather import gather_all
from toolkit.workflows.consolidate.workbook import output_path
from toolkit.workflows.templates import options_for
from toolkit.workflows.validate import validate_file
from toolkit_demo.fill import fill_workbook

FIXTURES = Path(__file__).parent / "fixtures"
# A byte-copy of workbook_templates/submission_da.xlsx as released in version 1.0 (before 1.1 existed).
RELEASED_1_0 = FIXTURES / "submission_da_1.0.xlsx"


def consolidate(cfg):
    return run(cfg, settle_seconds=0, processes=0, progress=False)


def findings(report):
    return [(f.rule, f.sheet, f.cell) for f in report.findings if f.severity == "error"]


def with_status(tables: dict, goal_row: int, report_row: int, text: str) -> dict:
    """Goal 9 (results) and a report line given a status as typed; goal 9 has no result yet."""
    tables["tblResults"][goal_row].update({"goal_status": text, "actual": None})
    tables["tblReport"][report_row]["status"] = text
    return tables


def test_building_1_0_gives_the_released_template_byte_for_byte(project_cfg):
    """The 1.0 spec is kept as it was released: built today it is the committed 1.0 template, byte for byte."""
    opts = options_for(project_cfg)
    opts.lang = "da"
    built = io.BytesIO()
    build_workbook(spec_for("submission", "1.0"), built, opts)
    assert built.getvalue() == RELEASED_1_0.read_bytes()
    assert SPECS["submission"].version == "1.1" and list(VERSIONS["submission"]) == ["1.0", "1.1"]


def test_1_1_is_1_0_with_a_phone_field_a_renamed_sheet_and_a_relabelled_status(make_workbook):
    old, new = (make_workbook("submission", version=v) for v in ("1.0", "1.1"))
    for path, version, focus_sheet, phone, not_reported in (
        (old, "1.0", "Lokale fokusområder", None, "Ikke afrapporteret"),
        (new, "1.1", "Fokusområder for erhvervshuset", "Kontaktpersonens telefon", "Afrapporteres senere"),
    ):
        book = python_calamine.load_workbook(str(path))
        meta = {r[0]: r[1] for r in book.get_sheet_by_name("_meta").to_python()}
        labels = [r[0] for r in book.get_sheet_by_name("Kommune").to_python()[3:]]
        lists = book.get_sheet_by_name("_lists").to_python()
        statuses = [r[lists[0].index("Opfyldt")] for r in lists if r[lists[0].index("Opfyldt")]]
        assert meta["version"] == version
        assert focus_sheet in book.sheet_names
        assert (labels[3] == phone) if phone else ("Kontaktpersonens telefon" not in labels)
        assert statuses == ["Opfyldt", "Forventes opfyldt", "Delvist opfyldt", "Ikke opfyldt", not_reported]


def test_the_released_1_0_template_filled_in_still_reads_by_its_own_layout(tmp_path, cfg, seed):
    """A real 1.0 file (the released bytes, filled as a user does) reads at 1.0's cells: the date stays the date."""
    form, tables = seed("submission")
    form.update({"municipality": "Aarhus", "contact_email": "erhverv@aarhus.dk"})
    del form["contact_phone"]
    path = tmp_path / "Indberetning Aarhus 2019.xlsx"
    fill_workbook(RELEASED_1_0, path, spec_for("submission", "1.0"), "da", form, tables, only_inputs=False)
    report = validate_file(path, cfg)
    assert findings(report) == []
    doc = report.document
    assert doc.spec.version == "1.0" and doc.meta["version"] == "1.0"
    assert doc.value("submitted_date") == dt.date(2020, 2, 3) and doc.form["submitted_date"].ref == "B7"
    assert "contact_phone" not in doc.form
    assert [r.get("focus_area") for r in doc.tables["tblLocalFocus"]] == ["Grøn omstilling"]


def test_each_version_is_validated_by_its_own_rules(make_workbook, seed, cfg):
    """The phone is required in 1.1 only; 1.1's new status wording is 1.1's, not 1.0's."""
    form, tables = seed("submission")
    del form["contact_phone"]
    old = make_workbook("submission", form, tables, municipality="Horsens", version="1.0")
    new = make_workbook("submission", form, tables, municipality="Horsens")
    assert findings(validate_file(old, cfg)) == []
    assert findings(validate_file(new, cfg)) == [("required", "Kommune", "B7")]
    form, tables = seed("submission")
    wrong = make_workbook(
        "submission", form, with_status(tables, 3, 0, "Afrapporteres senere"), municipality="Horsens", version="1.0"
    )
    assert findings(validate_file(wrong, cfg)) == [
        ("status.unrecognised", "Målopfyldelse", "E5"),
        ("status.unrecognised", "Resultater", "I8"),
    ]


def test_the_renamed_status_in_a_1_0_file_reads_as_the_same_meaning(make_workbook, seed):
    def statuses(path):
        doc = read_workbook(path)
        return doc.tables["tblResults"][3].get("goal_status"), doc.tables["tblReport"][0].get("status")

    form, tables = seed("submission")
    old = make_workbook("submission", form, with_status(tables, 3, 0, "Ikke afrapporteret"), version="1.0")
    form, tables = seed("submission")
    new = make_workbook("submission", form, with_status(tables, 3, 0, "Afrapporteres senere"))
    assert statuses(old) == statuses(new) == (Status.NOT_REPORTED, Status.NOT_REPORTED)
    relabels = SPECS["submission"].relabels
    for lang, text in (("da", "Afrapporteres senere"), ("nb", "Rapporteres senere"), ("en", "To be reported later")):
        assert vocab.label("status", Status.NOT_REPORTED, lang, relabels) == text
        assert vocab.parse("status", text, relabels) == Status.NOT_REPORTED
        assert vocab.parse("status", text) is None  # not a wording of 1.0


def _two_versions(cfg, make_workbook, seed) -> None:
    """Aarhus sends last year's template (1.0, no phone), Horsens this year's (1.1); goal 9 not reported by either."""
    form, tables = seed("submission")
    form.update({"municipality": "Aarhus", "contact_email": "erhverv@aarhus.dk"})
    del form["contact_phone"]
    old = make_workbook(
        "submission", form, with_status(tables, 3, 0, "Ikke afrapporteret"), municipality="Aarhus", version="1.0"
    )
    h.drop(cfg, old, "Indberetning Aarhus 2019.xlsx")
    form, tables = seed("submission")
    new = make_workbook("submission", form, with_status(tables, 3, 0, "Afrapporteres senere"), municipality="Horsens")
    h.drop(cfg, new, "Indberetning Horsens 2019.xlsx")


def test_1_0_and_1_1_submissions_consolidate_side_by_side(cfg, make_workbook, seed, tmp_path):
    _two_versions(cfg, make_workbook, seed)
    summary = consolidate(cfg)
    assert sorted(summary.valid) == ["Aarhus", "Horsens"] and summary.invalid == 0
    with open_readonly(cfg.ledger) as ledger:
        entries = {e.municipality: e for e in ledger.entries()}
        forms = {name: codec.loads(ledger.records([e.id])[e.id])["form"] for name, e in entries.items()}
    assert {n: e.template_version for n, e in entries.items()} == {"Aarhus": "1.0", "Horsens": "1.1"}
    assert "contact_phone" not in forms["Aarhus"] and forms["Horsens"]["contact_phone"] == "+45 76 29 29 29"

    data = gather(cfg)
    by = {(r.municipality, r.goal_no): r for r in data.goal_results}
    for name in ("Aarhus", "Horsens"):
        assert [by[(name, no)].status for no in ("1", "2", "5", "9")] == [
            Status.ACHIEVED,
            Status.ACHIEVED,
            Status.PARTLY,
            Status.NOT_REPORTED,
        ]
        assert by[(name, "5")].actual == 118 and by[(name, "9")].actual is None
        assert [r.status for r in data.report_rows[name]] == [Status.NOT_REPORTED, Status.ACHIEVED, Status.EXPECTED]
        assert data.focus_areas[name] == ["Grøn omstilling"]
    goal_9 = next(g for g in data.goals if g.goal_no == "9")
    assert goal_9.actual is None and goal_9.fulfilment is None

    book = python_calamine.load_workbook(str(output_path(cfg)), load_tables=True)
    overview = book.get_table_by_name("tblOverview")
    rows = {r[0]: r for r in overview.to_python()}
    version_col = overview.columns.index("Skabelonversion")
    assert (rows["Aarhus"][version_col], rows["Horsens"][version_col]) == ("1.0", "1.1")

    deck = build_deck(gather_all(cfg).data, tmp_path / "deck.pptx")
    from pptx import Presentation

    text = "\n".join(
        shape.text_frame.text
        for slide in Presentation(str(deck)).slides
        for shape in slide.shapes
        if shape.has_text_frame
    )
    assert "Aarhus" in text and "Horsens" in text


@pytest.mark.parametrize("version", ["2.0", "1.9"])
def test_a_newer_template_version_is_recorded_with_a_finding_and_not_consolidated(cfg, make_workbook, seed, version):
    _two_versions(cfg, make_workbook, seed)
    samsø = h.submission(make_workbook, seed, "Samsø")
    h.drop(cfg, h.with_meta(samsø.read_bytes(), "version", version), "Indberetning Samsø 2019.xlsx")
    summary = consolidate(cfg)
    assert sorted(summary.valid) == ["Aarhus", "Horsens"]
    with open_readonly(cfg.ledger) as ledger:
        entry = next(e for e in ledger.entries() if e.file_name == "Indberetning Samsø 2019.xlsx")
        recorded = [(f[1], f[2], f[3], f[6]) for f in ledger.findings(entry.id)]
    assert entry.state == "unreadable"
    assert recorded == [("error", "_meta", "B2", "read.newer_version")]
    data = gather(cfg)
    assert {r.municipality for r in data.goal_results} == {"Aarhus", "Horsens"}
    assert "Samsø" not in data.report_rows


@pytest.mark.parametrize(
    "lang, words",
    [
        ("da", ("Opdatér toolkit", "udfyld den gældende skabelon (version 1.1)")),
        ("nb", ("Oppdater toolkit", "fyll ut gjeldende mal (versjon 1.1)")),
        ("en", ("Update the toolkit", "fill in the current template (version 1.1)")),
    ],
)
def test_the_newer_version_finding_names_file_cell_known_versions_and_what_to_do(make_workbook, tmp_path, lang, words):
    path = tmp_path / "Indberetning Skive 2019.xlsx"
    path.write_bytes(h.with_meta(make_workbook("submission").read_bytes(), "version", "2.0"))
    with pytest.raises(ReadError) as exc:
        read_workbook(path)
    message = exc.value.message(lang)
    for part in ("Indberetning Skive 2019.xlsx", "_meta!B2", "2.0", "1.0, 1.1", *words):
        assert part in message, (part, message)


def test_a_version_that_is_no_later_one_is_named_without_asking_to_update(make_workbook, tmp_path):
    path = tmp_path / "gammel.xlsx"
    path.write_bytes(h.with_meta(make_workbook("submission").read_bytes(), "version", "0.9"))
    with pytest.raises(ReadError) as exc:
        read_workbook(path)
    assert exc.value.key == "read.unknown_version"
    assert "_meta!B2" in exc.value.message("en") and "Update" not in exc.value.message("en")


def test_a_1_0_workbook_of_another_kind_is_still_its_first_version(make_workbook):
    """Kinds that did not change stay 1.0; a report claiming 1.1 is from a newer toolkit."""
    path = make_workbook("report")
    assert read_workbook(path).spec is spec_for("report", "1.0")
    newer = path.with_name("report_11.xlsx")
    newer.write_bytes(h.with_meta(path.read_bytes(), "version", "1.1"))
    with pytest.raises(ReadError) as exc:
        read_workbook(newer)
    assert exc.value.key == "read.newer_version"


def test_the_check_button_reads_an_open_workbook_by_its_version(tmp_path, make_workbook):
    """read_source (the workbook open in Excel) chooses the spec by _meta too: last year's and this year's."""
    from toolkit.adapters.excel.read import read_source

    shutil.copyfile(RELEASED_1_0, tmp_path / "old.xlsx")
    for path, version, focus in (
        (tmp_path / "old.xlsx", "1.0", "Lokale fokusområder"),
        (make_workbook("submission"), "1.1", "Fokusområder for erhvervshuset"),
    ):
        book = python_calamine.load_workbook(str(path), load_tables=True)
        doc = read_source(book, path)
        assert doc.spec.version == version and doc.structure == []
        assert sheet_name(doc.spec.part("tblLocalFocus").sheet, "da") == focus


VERSIONED = [(kind, version) for kind, versions in VERSIONS.items() for version in versions]


@pytest.mark.parametrize("kind, version", VERSIONED)
def test_every_version_of_every_kind_builds_and_reads_back_as_itself(make_workbook, kind, version):
    doc = read_workbook(make_workbook(kind, version=version))
    assert doc.spec is spec_for(kind, version) and doc.meta["version"] == version
    assert doc.structure == []
    assert set(doc.form) == {f.key for p in doc.spec.forms for f in p.fields}


@pytest.mark.parametrize("kind", sorted(VERSIONS))
def test_a_later_version_keeps_every_field_of_the_one_before(kind):
    """Changes add, rename and relabel; none drops a field, so a record means the same in every version."""
    versions = list(VERSIONS[kind].values())
    for before, after in pairwise(versions):
        assert [p.name if hasattr(p, "name") else p.fields[0].key for p in before.parts] == [
            p.name if hasattr(p, "name") else p.fields[0].key for p in after.parts
        ]
        for old, new in zip(before.parts, after.parts):
            assert {f.key for f in old.fields} <= {f.key for f in new.fields}
            assert all(f == next(g for g in new.fields if g.key == f.key) for f in old.fields)
