"""Consolidation: every file into the ledger once, the latest valid version consolidated, bad files listed."""

import datetime as dt
import io
import os
import zipfile
from decimal import Decimal as D

import pytest
from test_consolidate_helpers import drop, submission, with_saved_at

from toolkit.adapters.store.archive import Archive, sha256
from toolkit.adapters.store.ledger import open_readonly
from toolkit.core.model import Status
from toolkit.workflows.consolidate import gather, history, run
from toolkit.workflows.consolidate.workbook import output_path


@pytest.fixture
def cfg(bcfg):
    """Every test here runs on both backends: SQLite and (when TOOLKIT_TEST_PG_URL is set) PostgreSQL."""
    return bcfg


def entries(cfg):
    with open_readonly(cfg.ledger_target) as ledger:
        return ledger.entries()


def consolidate(cfg, **kw):
    kw.setdefault("settle_seconds", 0)
    kw.setdefault("processes", 0)
    kw.setdefault("progress", False)
    return run(cfg, **kw)


@pytest.fixture
def inbox(cfg, make_workbook, seed):
    """Three valid submissions, one with an error; the other 15 municipalities missing."""
    for name in ("Horsens", "Aarhus", "Samsø"):
        drop(cfg, submission(make_workbook, seed, name), f"Indberetning {name} 2019.xlsx")
    bad = submission(make_workbook, seed, "Odder", results={2: {"actual": "ca. 50"}})
    drop(cfg, bad, "Indberetning Odder 2019.xlsx")
    return cfg


def test_a_run_records_every_file_and_writes_the_consolidated_workbook(inbox):
    cfg = inbox
    summary = consolidate(cfg)
    assert (summary.seen, summary.new, summary.skipped, summary.invalid) == (4, 4, 0, 1)
    assert summary.valid == ["Horsens", "Samsø", "Aarhus"]
    assert summary.with_errors == ["Odder"]
    assert len(summary.missing) == 15 and "Struer" in summary.missing
    assert [(b.file_name, b.municipality, b.errors) for b in summary.bad_files] == [
        ("Indberetning Odder 2019.xlsx", "Odder", 1)
    ]
    assert summary.workbook.path == output_path(cfg) and output_path(cfg).is_file()
    recorded = entries(cfg)
    assert {e.sha256 for e in recorded} == Archive(cfg.archive).digests()
    for e in recorded:
        assert sha256(Archive(cfg.archive).get(e.sha256)) == e.sha256
    lines = "\n".join(summary.lines("en"))
    assert "Files seen: 4, new: 4" in lines and "Missing: " in lines and "Odder" in lines


def test_a_rerun_with_nothing_new_skips_every_file_and_leaves_the_workbook_as_it_was(inbox, monkeypatch):
    import toolkit.workflows.consolidate.pipeline as pipeline

    cfg = inbox
    consolidate(cfg)
    before = output_path(cfg).read_bytes()
    monkeypatch.setattr(pipeline, "run_jobs", lambda *a, **k: pytest.fail("no file needs reading"))
    monkeypatch.setattr(pipeline.book, "workbook_bytes", lambda *a, **k: pytest.fail("no workbook needs writing"))
    again = consolidate(cfg, settle_seconds=30, sleep=lambda s: pytest.fail("nothing to wait for"))
    assert (again.seen, again.new, again.skipped) == (4, 0, 4)
    assert again.workbook.unchanged
    assert output_path(cfg).read_bytes() == before


def test_the_same_ledger_gives_a_byte_identical_workbook(inbox):
    cfg = inbox
    consolidate(cfg)
    first = output_path(cfg).read_bytes()
    output_path(cfg).unlink()
    consolidate(cfg)
    assert output_path(cfg).read_bytes() == first


def test_a_file_already_known_by_its_bytes_is_not_read_again_under_another_name(inbox):
    cfg = inbox
    consolidate(cfg)
    drop(cfg, cfg.inbox[0] / "Indberetning Horsens 2019.xlsx", "kopi af Horsens.xlsx")
    summary = consolidate(cfg)
    assert (summary.new, summary.skipped) == (0, 5)
    assert len(entries(cfg)) == 4


def test_a_resubmission_is_a_new_version_and_history_lists_both(cfg, make_workbook, seed):
    drop(cfg, submission(make_workbook, seed, "Horsens", form={"contact_email": None}), "Horsens.xlsx")
    first = consolidate(cfg)
    assert first.with_errors == ["Horsens"]
    fixed = with_saved_at(submission(make_workbook, seed, "Horsens").read_bytes(), "2030-01-01T00:00:00Z")
    drop(cfg, fixed, "Horsens rettet.xlsx")
    second = consolidate(cfg)
    assert second.valid == ["Horsens"] and second.new == 1
    versions = history(cfg, "Horsens")
    assert [(v.n, v.entry.file_name, v.entry.state, v.current) for v in versions] == [
        (1, "Horsens.xlsx", "invalid", False),
        (2, "Horsens rettet.xlsx", "valid", True),
    ]
    assert versions[0].findings and versions[0].findings[0][5] == "required"
    assert (cfg.inbox[0] / "Horsens.xlsx").exists()  # nothing in the inbox is touched


def test_two_versions_in_one_run_the_one_saved_later_wins_whatever_the_names(cfg, make_workbook, seed):
    old = submission(make_workbook, seed, "Aarhus", results={0: {"actual": D(50)}}).read_bytes()
    new = submission(make_workbook, seed, "Aarhus", results={0: {"actual": D(70)}}).read_bytes()
    drop(cfg, with_saved_at(new, "2020-02-10T09:00:00Z"), "Aarhus A.xlsx")
    drop(cfg, with_saved_at(old, "2020-02-01T09:00:00Z"), "Aarhus B (nyeste).xlsx")
    consolidate(cfg)
    data = gather(cfg)
    nps = next(r for r in data.goal_results if r.municipality == "Aarhus" and r.goal_no == "1")
    assert nps.actual == 70
    assert next(s for s in data.submissions if s.municipality == "Aarhus").file_name == "Aarhus A.xlsx"


def test_a_newer_invalid_version_keeps_the_older_valid_one_consolidated(cfg, make_workbook, seed):
    good = submission(make_workbook, seed, "Skive").read_bytes()
    bad = submission(make_workbook, seed, "Skive", form={"contact_email": None}).read_bytes()
    drop(cfg, with_saved_at(good, "2020-02-01T09:00:00Z"), "Skive.xlsx")
    drop(cfg, with_saved_at(bad, "2020-02-05T09:00:00Z"), "Skive v2.xlsx")
    summary = consolidate(cfg)
    assert "Skive" in summary.valid
    [state] = [s for s in gather(cfg).submissions if s.municipality == "Skive"]
    assert (state.state, state.file_name) == ("valid", "Skive.xlsx")
    assert [b.file_name for b in summary.bad_files] == ["Skive v2.xlsx"]


def test_file_names_with_danish_letters_and_spaces(cfg, make_workbook, seed):
    name = "Indberetning Ringkøbing-Skjern æøå ÆØÅ 2019 (endelig).xlsx"
    drop(cfg, submission(make_workbook, seed, "Ringkøbing-Skjern"), name)
    summary = consolidate(cfg)
    assert summary.valid == ["Ringkøbing-Skjern"]
    assert entries(cfg)[0].file_name == name


def test_lock_files_temporary_and_hidden_files_are_never_read(cfg, make_workbook, seed):
    path = submission(make_workbook, seed, "Horsens")
    for name in ("~$Horsens.xlsx", "~WRL1234.tmp", ".Horsens.xlsx", "Horsens.xlsx.tmp"):
        drop(cfg, path, name)
    summary = consolidate(cfg)
    assert (summary.seen, summary.ignored, summary.new) == (0, 4, 0)


def test_a_file_still_being_written_is_read_at_the_next_run(cfg, make_workbook, seed):
    data = submission(make_workbook, seed, "Horsens").read_bytes()
    target = drop(cfg, data[:1000], "Horsens.xlsx")

    def copy_goes_on(seconds):
        assert seconds == 0.01
        target.write_bytes(data[:5000])

    first = consolidate(cfg, settle_seconds=0.01, sleep=copy_goes_on)
    assert (first.new, first.unsettled) == (0, 1)
    target.write_bytes(data)
    second = consolidate(cfg, settle_seconds=0.01, sleep=lambda s: None)
    assert (second.new, second.valid) == (1, ["Horsens"])
    assert [e.sha256 for e in entries(cfg)] == [sha256(data)]


def test_a_file_that_disappears_during_the_run_is_recorded_as_an_event(cfg, make_workbook, seed):
    target = drop(cfg, submission(make_workbook, seed, "Horsens"), "Horsens.xlsx")
    summary = consolidate(cfg, settle_seconds=0.01, sleep=lambda s: target.unlink())
    assert (summary.vanished, summary.new) == (1, 0)
    with open_readonly(cfg.ledger_target) as ledger:
        [event] = ledger.events()
    assert (event.file_name, event.event) == ("Horsens.xlsx", "vanished") and "Horsens.xlsx" in event.message


def test_a_file_that_disappears_while_a_worker_reads_it_is_an_event_too(cfg, make_workbook, seed):
    from toolkit.workflows.consolidate.examine import Context, Job, examine

    path = submission(make_workbook, seed, "Horsens")
    st = path.stat()
    job = Job(str(path), st.st_size, st.st_mtime_ns)
    path.unlink()
    assert examine(job, Context(cfg)).status == "vanished"


def test_gather_gives_the_deck_what_it_shows(inbox):
    cfg = inbox
    consolidate(cfg)
    data = gather(cfg)
    assert (data.region, data.year, data.language) == (cfg.region, cfg.fiscal_year, cfg.language)
    states = {s.municipality: s.state for s in data.submissions}
    assert list(states) == list(cfg.municipalities)
    assert (states["Horsens"], states["Odder"], states["Struer"]) == ("valid", "invalid", "missing")
    horsens = next(s for s in data.submissions if s.municipality == "Horsens")
    assert horsens.submitted_at == dt.datetime(2020, 2, 3) and horsens.template_version == "1.1"
    assert {r.municipality for r in data.goal_results} == {"Horsens", "Aarhus", "Samsø"}
    share = next(r for r in data.goal_results if r.municipality == "Samsø" and r.goal_no == "2")
    assert (share.target, share.actual, share.status) == (D("0.7"), D("0.72"), Status.ACHIEVED)
    count = next(g for g in data.goals if g.goal_no == "5")
    assert count.municipality is None and (count.target, count.actual) == (3 * 122, 3 * 118)
    assert count.fulfilment == D(354) / D(366) and count.status == Status.PARTLY
    assert data.report_rows["Horsens"][0].sub_goal == "1.1 Fingeren på pulsen"
    assert data.focus_areas["Aarhus"] == ["Grøn omstilling"]
    assert data.split_total == 36_792_000 and sum(s.amount for s in data.split) == 36_792_000
    assert all(s.amount % 12_000 == 0 for s in data.split) and len(data.split) == 19
    assert data.budgets == [] and data.jobs == []


def test_gather_without_a_ledger_lists_everyone_as_missing(cfg):
    data = gather(cfg)
    assert {s.state for s in data.submissions} == {"missing"} and data.goal_results == []
    assert not cfg.ledger.exists()


def test_an_action_plan_in_the_inbox_adds_budgets_and_jobs(cfg, make_workbook, seed):
    import dataclasses

    form, tables = seed("plan")
    drop(cfg, make_workbook("plan", form, tables, lang="nb"), "Handlingsplan Drangedal 2024.xlsx")
    cfg = dataclasses.replace(cfg, fiscal_year=2024)  # the plan's year: a 2019 consolidation leaves it out
    consolidate(cfg)
    data = gather(cfg)
    assert [(b.area_no, b.budget, b.granted, b.remaining) for b in data.budgets][4] == (5, 750_000, 650_000, 100_000)
    assert sum(j.target for j in data.jobs) == 28


def test_a_contract_workbook_gives_the_hubs_own_results_and_the_categories(inbox, make_workbook, seed):
    cfg = inbox
    form, tables = seed("contract")
    drop(cfg, make_workbook("contract", form, tables), "Resultatkontrakt 2019.xlsx")
    consolidate(cfg)
    data = gather(cfg)
    assert [g.goal_no for g in data.goals] == [str(n) for n in range(1, 10)]
    assert next(g for g in data.goals if g.goal_no == "5").actual == 1712
    assert {r.category.value for r in data.goal_results if r.goal_no == "1"} == {"national"}


def test_a_split_workbook_replaces_the_configured_split(cfg, make_workbook, seed):
    form, tables = seed("split")
    drop(cfg, make_workbook("split", form, tables), "Fordeling 2019.xlsx")
    consolidate(cfg)
    data = gather(cfg)
    assert data.split_total == 36792 and data.split_key_date == dt.date(2018, 1, 1)
    assert sum(s.amount for s in data.split) == 36792


def test_the_workbook_is_written_beside_when_the_usual_file_is_open_in_excel(inbox, monkeypatch):
    cfg = inbox
    target = output_path(cfg)
    real = os.replace

    def locked(src, dst):
        if os.fspath(dst) == os.fspath(target):
            raise PermissionError(13, "The process cannot access the file because it is being used")
        return real(src, dst)

    monkeypatch.setattr(os, "replace", locked)
    summary = consolidate(cfg)
    written = summary.workbook
    assert written.blocked == target and written.path != target and written.path.is_file()
    assert written.path.parent == target.parent and written.path.name.startswith("consolidated_2019 ")
    assert any(str(written.path) in line and "open in another program" in line for line in summary.lines("en"))


def test_a_second_run_while_one_is_going_is_refused_with_the_pid(inbox):
    from toolkit.workflows.consolidate import Busy
    from toolkit.workflows.consolidate.pipeline import run_lock

    cfg = inbox
    with run_lock(cfg), pytest.raises(Busy) as exc:
        consolidate(cfg)
    assert str(os.getpid()) in exc.value.message("en")


def test_worker_processes_give_the_same_ledger_as_one_process(cfg, make_workbook, seed, tmp_path):
    import dataclasses

    for name in ("Horsens", "Aarhus", "Samsø", "Skive", "Odder"):
        drop(cfg, submission(make_workbook, seed, name), f"{name}.xlsx")
    other = dataclasses.replace(
        cfg,
        ledger=tmp_path / "other" / "ledger.sqlite",
        ledger_url="",
        archive=tmp_path / "other" / "a",
        output=tmp_path / "other",
    )
    consolidate(cfg, processes=2)
    consolidate(other, processes=0)
    key = lambda es: sorted((e.sha256, e.state, e.municipality, e.errors) for e in es)  # noqa: E731
    assert key(entries(cfg)) == key(entries(other))
    assert output_path(cfg).read_bytes() != b""


def test_the_progress_bar_is_off_when_not_a_terminal(inbox, capsys):
    consolidate(inbox, progress=None)
    assert capsys.readouterr().err == ""


def test_the_progress_bar_can_be_forced_on(inbox, capsys):
    assert consolidate(inbox, progress=True).new == 4


def test_the_demo_entry_point_says_who_is_invalid_and_who_is_missing(inbox):
    from toolkit.workflows.consolidate import consolidate_demo

    said = []
    consolidate_demo(inbox, say=said.append)
    text = "\n".join(said)
    assert "Odder" in text and "Struer" in text and str(output_path(inbox)) in text


def test_the_consolidated_workbook_lists_every_version_in_the_files_sheet(inbox):
    import openpyxl

    cfg = inbox
    consolidate(cfg)
    wb = openpyxl.load_workbook(output_path(cfg))
    files = wb["Filer"]
    names = [files.cell(r, 3).value for r in range(3, 3 + 4)]
    assert sorted(names) == sorted(p.name for p in cfg.inbox[0].iterdir())
    assert len(zipfile.ZipFile(io.BytesIO(output_path(cfg).read_bytes())).namelist()) > 10


def test_an_archive_that_cannot_be_written_stops_the_run_with_a_message(cfg, make_workbook, seed):
    from toolkit.errors import ToolkitError

    drop(cfg, submission(make_workbook, seed, "Horsens"), "Horsens.xlsx")
    cfg.archive.parent.mkdir(parents=True, exist_ok=True)
    cfg.archive.write_bytes(b"not a folder")
    with pytest.raises(ToolkitError) as exc:
        consolidate(cfg)
    assert "archive" in exc.value.message("en")
    with open_readonly(cfg.ledger_target) as ledger:
        assert [r["state"] for r in ledger.runs()] == ["failed"]
    cfg.archive.unlink()
    assert consolidate(cfg).new == 1


def test_temporary_files_of_a_killed_run_are_cleaned_up(inbox):
    cfg = inbox
    cfg.output.mkdir(parents=True, exist_ok=True)
    leftover = cfg.output / f".{output_path(cfg).name}.4711.tmp"
    leftover.write_bytes(b"half a workbook")
    (cfg.archive / "ab").mkdir(parents=True)
    (cfg.archive / "ab" / ".ab12.4711.tmp").write_bytes(b"half a submission")
    consolidate(cfg)
    assert not leftover.exists() and not list(cfg.archive.rglob("*.tmp"))
