"""The workbook buttons, driven the way the service drives them, on generated and filled .xlsm workbooks.

Each test builds a template (.xlsm), fills it as a user would, turns it into
the JSON payload xlwings' VBA client sends (toolkit_demo.remote), reads it with
the project's own ``RemoteBook``, clicks a handler and replays the actions it
answers the way the VBA client (Remote.bas) applies them (tests/remote_client.py).
The client sends ``ActiveWorkbook.Name``; desktop Excel's ``FullName`` is the
file's path, and the tests give the path as ``fullname`` where Submit needs the file.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import re
import time
from decimal import Decimal as D
from pathlib import Path

import pytest
from remote_client import VBA, Client

from toolkit.adapters.excel.build import build_workbook, sheet_name
from toolkit.adapters.excel.cells import a1, parse_a1
from toolkit.buttons import handlers as h
from toolkit.buttons.xlsm import xlsm_options
from toolkit.config import load_config
from toolkit.data import samples
from toolkit.service.xlwings_remote import RemoteBook
from toolkit.spec import SPECS
from toolkit.workflows.templates import submission_prefill
from toolkit_demo import demo
from toolkit_demo.fill import fill_workbook
from toolkit_demo.remote import payload_from_file

ROOT = Path(__file__).resolve().parent.parent
VBA_CLIENT = set(VBA)


def click(handler, path: Path, cfg, payload: dict | None = None, fullname: str | None = None):
    payload = payload or payload_from_file(path)
    book = RemoteBook(copy.deepcopy(payload), fullname=str(path) if fullname is None else fullname)
    outcome = handler(book, cfg=cfg)
    return outcome, Client.replay(payload, book.response())


# --- workbooks -----------------------------------------------------------------------------------


@pytest.fixture
def cfg(tmp_path):
    base = load_config(ROOT / "config.ini")
    (tmp_path / "inbox").mkdir()
    return dataclasses.replace(
        base, inbox=(tmp_path / "inbox",), output=tmp_path / "output", templates=tmp_path / "templates"
    )


def submission(tmp_path, cfg, name: str) -> Path:
    """The pre-filled .xlsm of ``name``, filled in as the demo does (Odder, Skive, Lemvig, Holstebro err)."""
    pre = submission_prefill(cfg, name, samples.CONTRACT_GOALS, samples.MUNICIPAL_GOALS)
    blank = tmp_path / f"blank_{name}.xlsm"
    build_workbook(
        SPECS["submission"], str(blank), xlsm_options(cfg, "submission", cfg.language, municipality=name), pre
    )
    targets = {r["goal_no"]: r["target"] for r in pre.tables["tblResults"]}
    form, tables = demo.submission_values(name, targets, cfg.fiscal_year)
    path = tmp_path / f"Indberetning {name} {cfg.fiscal_year}.xlsm"
    fill_workbook(blank, path, SPECS["submission"], cfg.language, form, tables)
    return path


def filled(tmp_path, cfg, kind: str, lang: str, form: dict, tables: dict) -> Path:
    blank = tmp_path / f"{kind}_{lang}.xlsm"
    build_workbook(SPECS[kind], str(blank), xlsm_options(cfg, kind, lang))
    path = tmp_path / f"{kind}_filled_{lang}.xlsm"
    fill_workbook(blank, path, SPECS[kind], lang, form, tables)
    return path


def contract(tmp_path, cfg) -> Path:
    goals = samples.reported_goals()
    return filled(
        tmp_path,
        cfg,
        "contract",
        "da",
        samples.CONTRACT_HEAD,
        {"tblGoals": goals, "tblSubTargets": samples.SUB_TARGETS},
    )


def plan(tmp_path, cfg) -> Path:
    return filled(
        tmp_path,
        cfg,
        "plan",
        "nb",
        samples.PLAN_HEAD,
        {
            "tblAreas": [{"area_no": a, "area_name": n} for a, n, *_ in samples.PLAN_AREAS],
            "tblMeasures": [
                {"area_no": a, "letter": "A", "measure": "Proaktivt arbeid", "budget": b, "granted": g}
                for a, _, b, g, _ in samples.PLAN_AREAS
            ],
            "tblJobs": [
                {"area_no": a, "year": 2024, "jobs_target": j, "jobs_achieved": j - 1}
                for a, _, _, _, j in samples.PLAN_AREAS
                if j
            ],
            "tblFinancing": [
                {"source": s, "share": sh, "amount": am, "paid_share": p} for s, sh, am, p in samples.PLAN_FINANCING
            ],
        },
    )


def split(tmp_path, cfg, total=36792) -> Path:
    form = {
        "split_title": "Basisbevilling 2019 (1.000 kr.)",
        "total": total,
        "key_date": dt.date(2018, 1, 1),
        "rounding_unit": 1,
        "periods": 12,
    }
    return filled(
        tmp_path,
        cfg,
        "split",
        "da",
        form,
        {"tblSplit": [{"municipality": m, "key_value": w} for m, w in cfg.municipalities.items()]},
    )


# --- Check ---------------------------------------------------------------------------------------


def test_check_lists_each_finding_with_a_link_and_highlights_its_cell(tmp_path, cfg):
    outcome, book = click(h.check, submission(tmp_path, cfg, "Odder"), cfg)
    assert not outcome.ok and outcome.errors == 1
    results = sheet_name("sheet.results", "da")
    assert book.sheets == [
        *(
            sheet_name(k, "da")
            for k in ("sheet.instructions", "sheet.identity", "sheet.hub_focus", "sheet.report", "sheet.results")
        ),
        "Kontrol",
        "_lists",
        "xlwings.conf",
        "_meta",
    ]
    assert book.active == "Kontrol"
    kontrol = book.values["Kontrol"]
    assert (kontrol["A5"], kontrol["B5"], kontrol["C5"], kontrol["E5"]) == ("Fejl", results, "F7", "ca. 50")
    assert book.links["Kontrol"]["C5"][0] == f"#'{results}'!F7"
    assert book.colours[results]["F7"] == "#FFC7CE"  # the error fill of toolkit.findings_table
    assert book.formats["Kontrol"]["F5"] == "@"  # text stays text: '1.800' is not turned into 1.8
    ((text, title, mode),) = book.alerts
    assert title == "Kontrol" and mode == "critical" and text.startswith("1 fejl og 0 advarsler")


def test_check_of_a_correct_workbook_says_it_can_be_submitted(tmp_path, cfg):
    outcome, book = click(h.check, submission(tmp_path, cfg, "Horsens"), cfg)
    assert outcome.ok and outcome.errors == 0
    assert book.values["Kontrol"]["A2"] == "Ingen fund. Projektmappen kan indsendes."
    assert book.alerts == [("Ingen fejl fundet. Projektmappen kan indsendes.", "Kontrol", "info")]
    assert not book.colours.get(sheet_name("sheet.results", "da"))


def test_check_again_gives_corrected_cells_their_template_fill_back(tmp_path, cfg):
    odder = submission(tmp_path, cfg, "Odder")
    first = RemoteBook(payload_from_file(odder))
    h.check(first, cfg=cfg)
    listed = Client.replay(payload_from_file(odder), first.response()).values["Kontrol"]
    fixed = submission(tmp_path, cfg, "Horsens")  # a workbook without the error, carrying the old findings sheet
    payload = payload_from_file(fixed)
    rows = max(parse_a1(ref)[0] for ref in listed) + 1
    grid = [[listed.get(a1(r, c), "") or "" for c in range(7)] for r in range(rows)]
    payload["sheets"].insert(5, {"name": "Kontrol", "pictures": [], "tables": [], "values": grid})
    _, book = click(h.check, fixed, cfg, payload)
    assert book.colours[sheet_name("sheet.results", "da")]["F7"] == "#FFFFFF"


def test_check_of_a_19_municipality_submission_takes_under_a_second(tmp_path, cfg):
    assert len(cfg.municipalities) == 19
    path = submission(tmp_path, cfg, "Skive")
    start = time.perf_counter()
    payload = payload_from_file(path)
    outcome = h.check(RemoteBook(payload), cfg=cfg)
    assert time.perf_counter() - start < 1.0
    assert outcome.errors >= 1


def test_messages_follow_the_workbook_language_not_the_settings(tmp_path, cfg):
    outcome, book = click(h.check, plan(tmp_path, cfg), cfg)  # nb workbook, da settings
    assert outcome.message.startswith("Ingen feil funnet (") and outcome.warnings >= 1  # shares vs amounts
    assert book.alerts[0][1] == "Kontroll" and book.values["Kontroll"]["A5"] == "Advarsel"
    assert book.values["Kontroll"]["B5"] == "Finansiering"


# --- Compute -------------------------------------------------------------------------------------


def test_compute_shows_fulfilment_and_sub_targets_of_a_contract(tmp_path, cfg):
    outcome, book = click(h.compute, contract(tmp_path, cfg), cfg)
    assert outcome.ok and book.active == "Beregninger"
    sheet = book.values["Beregninger"]
    rows = {sheet[f"A{r}"]: r for r in range(1, 60) if f"A{r}" in sheet}
    assert sheet["A1"].startswith("Beregnet af værktøjet")
    goal5 = next(r for r in range(1, 20) if sheet.get(f"A{r}") == "5" and sheet.get(f"C{r}"))
    assert sheet[f"F{goal5}"] == pytest.approx(1712 / 1800)
    assert sheet[f"G{goal5}"] == "Delvist opfyldt"
    assert book.formats["Beregninger"][f"F{goal5}"].endswith("%")
    subs = rows["Delmål lagt sammen"] + 2
    assert [sheet[f"{c}{subs}"] for c in "ACDEF"] == ["5", 1800, 1800, 0, 1712]


def test_compute_shows_remaining_budget_jobs_and_financing_of_a_plan(tmp_path, cfg):
    _, book = click(h.compute, plan(tmp_path, cfg), cfg)
    sheet = book.values["Beregninger"]
    area = {sheet[f"A{r}"]: r for r in range(5, 13) if isinstance(sheet.get(f"A{r}"), int)}
    assert (sheet[f"C{area[5]}"], sheet[f"D{area[5]}"], sheet[f"E{area[5]}"]) == (750000, 650000, 100000)
    assert sheet[f"E{area[6]}"] == 75000
    texts = [v for k, v in sheet.items() if k.startswith("A") and isinstance(v, str)]
    assert any("Vestfold og Telemark" in v and "75" in v for v in texts)  # share and amount disagree


# --- Compute split -------------------------------------------------------------------------------


def test_compute_split_writes_amounts_that_add_up_and_explains_them(tmp_path, cfg):
    outcome, book = click(h.compute_split, split(tmp_path, cfg), cfg)
    assert outcome.ok
    fordeling = sheet_name("sheet.split", "da")
    table = SPECS["split"].part("tblSplit")
    col = "E"
    assert table.column_of("amount") == 4
    written = [book.values[fordeling][f"{col}{r}"] for r in range(table.first_data_row, table.first_data_row + 19)]
    assert sum(written) == 36792 and all(a % 12 == 0 for a in written)
    by_name = dict(zip(cfg.municipalities, written))
    assert (by_name["Aarhus"], by_name["Horsens"], by_name["Samsø"]) == (9528, 2508, 108)
    explanation = book.values["Forklaring"]
    assert "Forklaring" in book.sheets and "36.792" in outcome.message
    names = [v for k, v in explanation.items() if k.startswith("A")]
    assert "Aarhus" in names and "I alt" in names


def test_compute_split_without_a_total_says_what_to_fill_in(tmp_path, cfg):
    path = filled(
        tmp_path,
        cfg,
        "split",
        "da",
        {"rounding_unit": 1, "periods": 12},
        {"tblSplit": [{"municipality": "Aarhus", "key_value": 1}]},
    )
    outcome, book = click(h.compute_split, path, cfg)
    assert not outcome.ok and "Total" in outcome.message and "Fordelingsnøgle" in outcome.message
    assert book.funcs == ["alert"]


def test_a_button_used_in_the_wrong_workbook_says_so(tmp_path, cfg):
    outcome, book = click(h.compute_split, submission(tmp_path, cfg, "Horsens"), cfg)
    assert not outcome.ok and "Beregn fordeling" in outcome.message and book.funcs == ["alert"]


# --- Submit --------------------------------------------------------------------------------------


def test_submit_copies_a_correct_workbook_into_the_inbox_named_by_municipality_and_time(tmp_path, cfg):
    path = submission(tmp_path, cfg, "Horsens")
    outcome, book = click(h.submit, path, cfg)
    assert outcome.ok
    (copied,) = cfg.inbox[0].iterdir()
    assert re.fullmatch(r"submission_Horsens_\d{8}-\d{6}\.xlsm", copied.name)
    assert copied.read_bytes() == path.read_bytes() and outcome.path == copied
    assert str(copied) in book.alerts[0][0]


def test_submit_refuses_a_workbook_with_errors_and_shows_them(tmp_path, cfg):
    outcome, book = click(h.submit, submission(tmp_path, cfg, "Holstebro"), cfg)
    assert not outcome.ok and outcome.errors >= 1
    assert list(cfg.inbox[0].iterdir()) == []
    assert "IKKE indsendt" in book.alerts[0][0] and book.active == "Kontrol"


def test_submit_says_so_when_the_inbox_cannot_be_written(tmp_path, cfg):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the inbox should be")
    cfg = dataclasses.replace(cfg, inbox=(blocked,))
    outcome, book = click(h.submit, submission(tmp_path, cfg, "Horsens"), cfg)
    assert not outcome.ok and str(blocked) in outcome.message and "IKKE indsendt" in outcome.message
    assert book.alerts[-1][2] == "critical"


def test_submit_of_a_book_without_a_file_asks_to_save_it_first(tmp_path, cfg):
    path = submission(tmp_path, cfg, "Horsens")
    outcome, _ = click(h.submit, path, cfg, payload_from_file(path, name="Indberetning.xlsm"), fullname="")
    assert not outcome.ok and "Gem" in outcome.message


# --- failures ------------------------------------------------------------------------------------


def test_a_workbook_that_is_not_ours_gets_a_message_not_a_traceback(tmp_path, cfg):
    import openpyxl

    path = tmp_path / "own.xlsx"
    wb = openpyxl.Workbook()
    wb.active["A1"] = "Kommune"
    wb.save(path)
    for handler in (h.check, h.compute, h.submit, h.compute_split):
        outcome, book = click(handler, path, cfg)
        assert not outcome.ok and "ikke lavet fra en af vores skabeloner" in outcome.message
        assert book.funcs == ["alert"]


def test_an_unexpected_error_is_explained_and_its_details_logged(tmp_path, cfg, monkeypatch):
    import toolkit.workflows.validate

    def broken(doc, cfg):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(toolkit.workflows.validate, "validate_document", broken)
    outcome, book = click(h.check, submission(tmp_path, cfg, "Horsens"), cfg)
    assert not outcome.ok and outcome.log == cfg.output / "logs" / "toolkit-buttons.log"
    assert "disk on fire" in outcome.message and str(outcome.log) in book.alerts[0][0]
    assert "Traceback" in outcome.log.read_text(encoding="utf-8")


def test_settings_that_cannot_be_read_are_explained(tmp_path, monkeypatch):
    monkeypatch.setenv("TOOLKIT_CONFIG", str(tmp_path / "missing.ini"))
    base = load_config(ROOT / "config.ini")
    path = submission(tmp_path, base, "Horsens")
    outcome, _book = click(h.check, path, None)
    assert not outcome.ok and "missing.ini" in outcome.message and "opsætning" in outcome.message


def test_every_click_uses_only_actions_the_vba_client_implements(tmp_path, cfg):
    assert {"setValues", "setRangeColor", "setNumberFormat", "addSheet", "alert", "addHyperlink"} <= VBA_CLIENT
    for handler, path in (
        (h.check, submission(tmp_path, cfg, "Lemvig")),
        (h.compute, plan(tmp_path, cfg)),
        (h.compute_split, split(tmp_path, cfg)),
        (h.submit, submission(tmp_path, cfg, "Skive")),
    ):
        _, book = click(handler, path, cfg)  # Client.replay asserts each action is one of VBA_CLIENT
        assert book.funcs[-1] == "alert"


def test_amounts_are_written_as_numbers_not_text(tmp_path, cfg):
    _, book = click(h.compute, plan(tmp_path, cfg), cfg)
    numbers = [v for v in book.values["Beregninger"].values() if isinstance(v, (int, float))]
    assert D(750000) in [D(str(v)) for v in numbers]


# --- one findings table ----------------------------------------------------------------------------


def _fill(cell) -> str:
    return "#" + cell.fill.fgColor.rgb[-6:].upper()


def test_check_sheet_annotated_copy_and_consolidated_workbook_share_one_findings_table(tmp_path, cfg):
    import openpyxl

    from toolkit import findings_table
    from toolkit.workflows.consolidate import run
    from toolkit.workflows.consolidate.workbook import output_path
    from toolkit.workflows.validate import validate_file
    from toolkit.workflows.validate.annotate import write_annotated

    path = submission(tmp_path, cfg, "Odder")  # one error, 'ca. 50'
    _, book = click(h.check, path, cfg)
    kontrol = book.values["Kontrol"]
    header = [kontrol[f"{col}4"] for col in "ABCDEFG"]
    assert (
        header
        == findings_table.headings("da")
        == ["Alvor", "Ark", "Celle", "Felt", "Værdi", "Hvad er galt, og hvad skal du gøre", "Regel"]
    )
    error_fill = findings_table.COLOURS["error"][0]
    assert book.colours["Kontrol"]["A5"] == error_fill

    copy = openpyxl.load_workbook(write_annotated(validate_file(path, cfg), "da"))["Kontrol"]
    assert [c.value for c in copy[3]][:7] == header
    assert _fill(copy["A4"]) == error_fill and copy["A4"].value == "Fejl"

    cfg = dataclasses.replace(cfg, archive=tmp_path / "archive", ledger=tmp_path / "output" / "ledger.sqlite")
    (cfg.inbox[0] / path.name).write_bytes(path.read_bytes())
    run(cfg, settle_seconds=0, processes=0, progress=False)
    fund = openpyxl.load_workbook(output_path(cfg))["Fund"]
    assert [c.value for c in fund[1]] == findings_table.headings("da", findings_table.FILE_COLUMNS) + header
    error_row = next(r for r in fund.iter_rows(min_row=2) if r[2].value == "Fejl")
    assert _fill(error_row[2]) == error_fill


def test_norwegian_findings_tables_say_alvorlighet_everywhere():
    from toolkit import findings_table

    assert findings_table.headings("nb")[0] == "Alvorlighet"
