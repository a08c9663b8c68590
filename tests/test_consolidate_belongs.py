"""Consolidate what belongs, nothing else: region, municipality, year, currency; each thing once; receipt order."""

import dataclasses
import datetime as dt
from decimal import Decimal as D

import openpyxl
import pytest
from conftest import _members
from test_consolidate_helpers import drop, submission, with_saved_at

from toolkit.adapters.excel.build import BuildOptions, Prefill, build_workbook
from toolkit.adapters.store.ledger import open_readonly
from toolkit.data import samples
from toolkit.spec import SPECS
from toolkit.workflows.consolidate import gather, history, run
from toolkit.workflows.consolidate.workbook import output_path

UTC = dt.timezone.utc


def consolidate(cfg, **kw):
    kw.setdefault("settle_seconds", 0)
    kw.setdefault("processes", 0)
    kw.setdefault("progress", False)
    return run(cfg, **kw)


def recorded(cfg):
    """file name -> (entry, [(severity, rule, message)]) from the ledger."""
    with open_readonly(cfg.ledger) as ledger:
        return {e.file_name: (e, [(f[1], f[6], f[7]) for f in ledger.findings(e.id)]) for e in ledger.entries()}


def files_sheet(cfg) -> list[dict]:
    wb = openpyxl.load_workbook(output_path(cfg), read_only=True)  # read-only keeps the file open until closed
    try:
        rows = list(wb["Filer"].iter_rows(values_only=True))
    finally:
        wb.close()
    head = next(i for i, r in enumerate(rows) if r and r[0] == "Løbenr.")
    return [dict(zip(rows[head], r)) for r in rows[head + 1 :] if r and r[0] is not None]


def norwegian_plan(tmp_path, seed, **form) -> bytes:
    """Drangedal's 2024 action plan as a Norwegian installation makes it (region Vestfold og Telemark)."""
    f, tables = seed("plan")
    f.update(form)
    spec = SPECS["plan"]
    path = tmp_path / "plan_nb.xlsx"
    opts = BuildOptions(lang="nb", region="Vestfold og Telemark", year=2024, currency="NOK")
    build_workbook(
        spec,
        str(path),
        opts,
        Prefill(_members(spec, f), {k: [_members(spec, r) for r in v] for k, v in tables.items()}),
    )
    return path.read_bytes()


def test_a_norwegian_2024_plan_is_recorded_with_a_finding_and_left_out_of_the_2019_consolidation(
    cfg, make_workbook, seed, tmp_path
):
    drop(cfg, submission(make_workbook, seed, "Horsens"), "Indberetning Horsens 2019.xlsx")
    drop(cfg, norwegian_plan(tmp_path, seed), "Handlingsplan Drangedal 2024.xlsx")
    summary = consolidate(cfg)
    _entry, findings = recorded(cfg)["Handlingsplan Drangedal 2024.xlsx"]
    rules = {r for _, r, _ in findings}
    assert {"consolidate.scope.region", "consolidate.scope.year"} <= rules
    year = next(m for _, r, m in findings if r == "consolidate.scope.year")
    assert "2024" in year and "2019" in year and "Handlingsplan Drangedal 2024.xlsx" in year
    data = gather(cfg)
    assert data.budgets == [] and data.jobs == []
    assert [s.municipality for s in data.submissions if s.state == "valid"] == ["Horsens"]
    text = "\n".join(summary.lines("en"))
    assert "Not counted in this consolidation:" in text and "Vestfold og Telemark" in text
    [row] = [r for r in files_sheet(cfg) if r["Fil"] == "Handlingsplan Drangedal 2024.xlsx"]
    assert row["Konsolideres"] == "Nej" and "2024" in row["Bemærkning"] and "Vestfold og Telemark" in row["Bemærkning"]


def test_the_same_plan_counts_in_a_consolidation_of_its_own_year_and_region(cfg, seed, tmp_path):
    drop(cfg, norwegian_plan(tmp_path, seed), "Handlingsplan Drangedal 2024.xlsx")
    cfg = dataclasses.replace(cfg, region="Vestfold og Telemark", fiscal_year=2024, currency="NOK")
    consolidate(cfg)
    data = gather(cfg)
    assert sum(j.target for j in data.jobs) == 28
    assert not any(
        r.startswith("consolidate.scope") for _, r, _ in recorded(cfg)["Handlingsplan Drangedal 2024.xlsx"][1]
    )


def test_a_submission_for_another_year_is_left_out_and_the_municipality_still_missing(cfg, make_workbook, seed):
    late = submission(
        make_workbook, seed, "Horsens", form={"period_start": dt.date(2020, 1, 1), "period_end": dt.date(2020, 12, 31)}
    )
    drop(cfg, late, "Indberetning Horsens 2020.xlsx")
    summary = consolidate(cfg)
    data = gather(cfg)
    assert [r for r in data.goal_results if r.municipality == "Horsens"] == []
    assert "Horsens" in summary.missing
    assert any("2020-01-01 – 2020-12-31" in m and "2019" in m for m in summary.left_out)


def _horsens_2020_with_an_error(make_workbook, seed):
    """A submission for 2020 (another year than the 2019 consolidation's) with an error in it."""
    return submission(
        make_workbook,
        seed,
        "Horsens",
        form={"period_start": dt.date(2020, 1, 1), "period_end": dt.date(2020, 12, 31)},
        results={2: {"actual": "ca. 50"}},
    )


def test_a_file_left_out_is_named_by_the_run_that_recorded_it_and_counted_by_later_runs(cfg, make_workbook, seed):
    # A ledger of several years holds every earlier year's files: later runs count them in one line
    # instead of naming each one again, and never list them as bad files (their errors do not count).
    drop(cfg, _horsens_2020_with_an_error(make_workbook, seed), "Indberetning Horsens 2020.xlsx")
    first = consolidate(cfg)
    assert len(first.left_out) == 1 and first.left_out_before == 0
    assert "Indberetning Horsens 2020.xlsx" not in {b.file_name for b in first.bad_files}
    drop(cfg, submission(make_workbook, seed, "Odder"), "Indberetning Odder.xlsx")
    second = consolidate(cfg)
    assert second.new == 1 and second.left_out == [] and second.left_out_before == 1
    text = "\n".join(second.lines("da"))
    assert "1 fil mere i logbogen" in text and "Indberetning Horsens 2020.xlsx" not in text
    assert "Horsens" in second.missing and "Odder" in second.valid


def test_the_workbook_lists_a_file_of_another_year_with_the_reason_but_not_its_findings(cfg, make_workbook, seed):
    drop(cfg, _horsens_2020_with_an_error(make_workbook, seed), "Indberetning Horsens 2020.xlsx")
    drop(cfg, submission(make_workbook, seed, "Odder", results={2: {"actual": "ca. 50"}}), "Indberetning Odder.xlsx")
    consolidate(cfg)
    wb = openpyxl.load_workbook(output_path(cfg))
    listed = {r[2]: r for r in wb["Filer"].iter_rows(min_row=3, values_only=True) if r[2]}
    assert "2019" in listed["Indberetning Horsens 2020.xlsx"][15]  # the note says why it is not counted
    found = {r[0] for r in wb["Fund"].iter_rows(min_row=2, values_only=True)}
    assert "Indberetning Odder.xlsx" in found and "Indberetning Horsens 2020.xlsx" not in found


def test_a_run_with_nothing_new_names_the_same_bad_files_and_first_errors(cfg, make_workbook, seed):
    # Without new files the run reads only the findings it names (a ledger of years holds many more).
    drop(cfg, submission(make_workbook, seed, "Odder", results={2: {"actual": "ca. 50"}}), "Indberetning Odder.xlsx")
    drop(cfg, submission(make_workbook, seed, "Horsens"), "Indberetning Horsens.xlsx")
    first = consolidate(cfg)
    again = consolidate(cfg)
    assert again.new == 0 and first.bad_files and again.bad_files == first.bad_files
    assert first.bad_files[0].first  # the first error's message, read back from the ledger


def test_a_municipality_outside_the_region_is_left_out_with_a_finding(cfg, make_workbook, seed):
    drop(cfg, submission(make_workbook, seed, "Skive"), "Indberetning Skive 2019.xlsx")
    cfg = dataclasses.replace(cfg, municipalities={k: v for k, v in cfg.municipalities.items() if k != "Skive"})
    consolidate(cfg)
    _, findings = recorded(cfg)["Indberetning Skive 2019.xlsx"]
    [message] = [m for _, r, m in findings if r == "consolidate.scope.municipality"]
    assert "Skive" in message and "Region Midtjylland" in message
    assert [r for r in gather(cfg).goal_results if r.municipality == "Skive"] == []


def test_amounts_typed_in_another_currency_leave_the_file_out_naming_the_cell(cfg, make_workbook, seed):
    form, tables = seed("plan")
    tables["tblMeasures"][0]["budget"] = "500.000 NOK"
    drop(cfg, make_workbook("plan", form, tables, lang="nb"), "Handlingsplan 2024.xlsx")
    cfg = dataclasses.replace(cfg, fiscal_year=2024)  # a Danish (DKK) consolidation of the plan's year
    consolidate(cfg)
    _, findings = recorded(cfg)["Handlingsplan 2024.xlsx"]
    assert [r for _, r, _ in findings if r.startswith("consolidate.scope")] == ["consolidate.scope.currency"]
    with open_readonly(cfg.ledger) as ledger:
        [f] = [f for f in ledger.findings() if f[6] == "consolidate.scope.currency"]
    assert f[2:4] == ("Tiltak og budsjett", "E5") and "NOK" in f[7] and "DKK" in f[7]
    assert gather(cfg).budgets == []


def _norddjurs(make_workbook, seed, tmp_path):
    """Norddjurs' 16 goals twice: in its 2019 submission and in its fulfilment report for 2019."""
    rows = [dict(zip(("sub_goal", "goal_text", "met_by", "when", "status"), r)) for r in samples.NORDDJURS_REPORT]
    sub = submission(make_workbook, seed, "Norddjurs", tables={"tblReport": rows})
    form, tables = seed("report")
    form.update(period_start=dt.date(2019, 1, 1), period_end=dt.date(2019, 12, 31), report_date=dt.date(2019, 12, 1))
    report = make_workbook("report", form, tables, municipality="Norddjurs")
    return sub, report


def test_a_report_beside_the_submission_for_the_same_period_counts_its_goals_once_and_says_so(
    cfg, make_workbook, seed, tmp_path
):
    sub, report = _norddjurs(make_workbook, seed, tmp_path)
    drop(cfg, sub, "Indberetning Norddjurs 2019.xlsx")
    consolidate(cfg, now=lambda: dt.datetime(2020, 2, 1, 9, tzinfo=UTC))
    drop(cfg, report, "Afrapportering Norddjurs 2019.xlsx")
    summary = consolidate(cfg, now=lambda: dt.datetime(2020, 2, 2, 9, tzinfo=UTC))
    data = gather(cfg)
    assert len(data.report_rows["Norddjurs"]) == 16
    [note] = summary.notes
    assert "Indberetning Norddjurs 2019.xlsx" in note and "Afrapportering Norddjurs 2019.xlsx" in note
    notes = {r["Fil"]: r["Bemærkning"] for r in files_sheet(cfg)}
    assert note in notes["Indberetning Norddjurs 2019.xlsx"] and note in notes["Afrapportering Norddjurs 2019.xlsx"]


def test_reports_for_periods_that_do_not_overlap_are_both_counted(cfg, make_workbook, seed):
    rows = [dict(zip(("sub_goal", "goal_text", "met_by", "when", "status"), r)) for r in samples.NORDDJURS_REPORT]
    second_half = submission(
        make_workbook,
        seed,
        "Norddjurs",
        tables={"tblReport": rows[2:]},
        form={"period_start": dt.date(2019, 7, 1), "period_end": dt.date(2019, 12, 31)},
    )
    form, tables = seed("report")
    form.update(period_start=dt.date(2019, 1, 1), period_end=dt.date(2019, 6, 30), report_date=dt.date(2019, 6, 30))
    tables["tblReport"] = tables["tblReport"][:2]
    drop(cfg, second_half, "Indberetning Norddjurs 2. halvår 2019.xlsx")
    drop(cfg, make_workbook("report", form, tables, municipality="Norddjurs"), "Afrapportering 1. halvår 2019.xlsx")
    summary = consolidate(cfg)
    assert len(gather(cfg).report_rows["Norddjurs"]) == 16 and summary.notes == []


def test_a_stamp_saved_in_2099_does_not_pin_a_version_the_one_received_last_wins(cfg, make_workbook, seed):
    first = submission(make_workbook, seed, "Aarhus", results={0: {"actual": D(50)}}).read_bytes()
    second = submission(make_workbook, seed, "Aarhus", results={0: {"actual": D(70)}}).read_bytes()
    drop(cfg, with_saved_at(first, "2099-01-01T00:00:00Z"), "Aarhus.xlsx")
    consolidate(cfg, now=lambda: dt.datetime(2020, 2, 1, 9, tzinfo=UTC))
    drop(cfg, with_saved_at(second, "2020-02-03T08:00:00Z"), "Aarhus rettet.xlsx")
    consolidate(cfg, now=lambda: dt.datetime(2020, 2, 3, 9, tzinfo=UTC))
    nps = next(r for r in gather(cfg).goal_results if r.municipality == "Aarhus" and r.goal_no == "1")
    assert nps.actual == 70
    assert [v.entry.file_name for v in history(cfg, "Aarhus")] == ["Aarhus.xlsx", "Aarhus rettet.xlsx"]
    found = recorded(cfg)
    [(severity, message)] = [(s, m) for s, r, m in found["Aarhus.xlsx"][1] if r == "consolidate.saved_after_receipt"]
    assert severity == "warning" and "2099" in message and "2020-02-01" in message
    assert not any(r == "consolidate.saved_after_receipt" for _, r, _ in found["Aarhus rettet.xlsx"][1])


def test_a_file_named_for_one_municipality_whose_metadata_says_another_counts_as_the_metadata_says_with_a_warning(
    cfg, make_workbook, seed
):
    drop(cfg, submission(make_workbook, seed, "Struer"), "Indberetning Aarhus 2019.xlsx")
    consolidate(cfg)
    entry, findings = recorded(cfg)["Indberetning Aarhus 2019.xlsx"]
    assert entry.municipality == "Struer"
    [(severity, message)] = [(s, m) for s, r, m in findings if r == "consolidate.name_names_another"]
    assert severity == "warning" and "Aarhus" in message and "Struer" in message
    states = {s.municipality: s.state for s in gather(cfg).submissions}
    assert (states["Struer"], states["Aarhus"]) == ("valid", "missing")


@pytest.mark.parametrize("lang", ["da", "nb", "en"])
def test_every_new_message_has_its_three_languages(lang):
    from toolkit.workflows.consolidate.messages import say

    for key in ("scope.region", "scope.municipality", "scope.year", "scope.period", "scope.currency"):
        text = say(key, lang, file="f.xlsx", value="X", region="R", year=2019, currency="DKK")
        assert "{" not in text and "f.xlsx" in text
    assert "{" not in say("same.report", lang, dropped="a", kept="b", name="N")
