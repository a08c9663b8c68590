"""The ledger, the archive and the run lock: append-only, content-addressed, consistent when killed."""

import datetime as dt
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from decimal import Decimal as D
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import inspect
from sqlalchemy.exc import DBAPIError

from toolkit.adapters.store import codec
from toolkit.adapters.store.archive import Archive, sha256
from toolkit.adapters.store.inbox import ignored_name, name_hint, scan, settle
from toolkit.adapters.store.ledger import Ledger, open_readonly
from toolkit.adapters.store.lock import Busy, RunLock
from toolkit.core.model import Category, Goal, MeasureType, ReportRow, Status, SubTarget

T0 = dt.datetime(2020, 2, 3, 10, 0, tzinfo=dt.timezone.utc)


def add(
    ledger,
    sha,
    *,
    municipality="Horsens",
    state="valid",
    saved=None,
    mtime=T0,
    submitted=None,
    findings=(),
    kind="submission",
    received=T0,
):
    with ledger.transaction():
        return ledger.add_submission(
            sha256=sha,
            size=10,
            file_name=f"{sha}.xlsx",
            source_path=f"/inbox/{sha}.xlsx",
            mtime=mtime,
            received_at=received,
            run_id=None,
            state=state,
            kind=kind,
            template_version="1.0",
            municipality=municipality,
            language="da",
            name_hint=None,
            submitted_date=submitted,
            saved_at=saved,
            findings=list(findings),
            records=None,
        )


def test_a_sqlite_ledger_is_in_wal_mode(tmp_path):
    with Ledger(tmp_path / "l.sqlite") as ledger:
        assert ledger.conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


def test_a_new_ledger_has_every_table_at_the_newest_schema(ledger_at):
    with Ledger(ledger_at) as ledger:
        assert {
            "submissions",
            "findings",
            "runs",
            "events",
            "sightings",
            "ledger_info",
            "reminders_sent",
            "service_tokens",
        } <= set(inspect(ledger.conn).get_table_names())
        assert ledger.info("schema_version") == "3"


def test_the_same_bytes_are_recorded_once(ledger_at):
    with Ledger(ledger_at) as ledger:
        assert add(ledger, "a" * 64) is not None
        assert add(ledger, "a" * 64) is None
        assert len(ledger.entries()) == 1


def test_findings_are_stored_in_order_and_counted(ledger_at):
    rows = [
        ("error", "Kommune", "B6", "E-mail", "", "required", "E-mail skal udfyldes."),
        ("warning", "Resultater", "F7", "Resultat", "9", "x", "Tjek."),
        ("info", "", "", "", "", "consolidate.macros", "Makroer."),
    ]
    with Ledger(ledger_at) as ledger:
        sid = add(ledger, "b" * 64, state="invalid", findings=rows)
        entry = ledger.entries()[0]
        assert (entry.errors, entry.warnings, entry.infos) == (1, 1, 1)
        assert [f[1:] for f in ledger.findings(sid)] == rows


def _version(sha, findings=()):
    return dict(
        sha256=sha,
        size=10,
        file_name=f"{sha[:4]}.xlsx",
        source_path=f"/inbox/{sha[:4]}.xlsx",
        mtime=T0,
        received_at=T0,
        run_id=None,
        state="invalid" if findings else "valid",
        kind="submission",
        template_version="1.1",
        municipality="Odder",
        language="da",
        name_hint=None,
        submitted_date=dt.date(2020, 1, 31),
        saved_at=None,
        findings=list(findings),
        records=None,
    )


def test_many_versions_at_once_are_recorded_as_one_by_one_would(ledger_at):
    late = ("warning", "Resultater", "F7", "Resultat", "9", "x", "Tjek.")
    missing = ("error", "Kommune", "B6", "E-mail", "", "required", "E-mail skal udfyldes.")
    with Ledger(ledger_at) as ledger:
        before = add(ledger, "a" * 64)
        with ledger.transaction():
            ids = ledger.add_submissions(
                [
                    _version("b" * 64, [missing, late]),
                    _version("a" * 64),  # already in the ledger
                    _version("c" * 64),
                    _version("b" * 64),  # the same bytes twice in one batch
                    _version("d" * 64, [late]),
                ]
            )
        assert ids[1] is None and ids[3] is None
        new = [ids[0], ids[2], ids[4]]
        assert None not in new and sorted(new) == new and min(new) > before  # recorded in the order given
        assert [e.sha256[0] for e in ledger.entries()] == ["a", "b", "c", "d"]
        assert [f[1:] for f in ledger.findings(ids[0])] == [missing, late]
        assert ledger.findings(ids[2]) == []
        assert [f[1:] for f in ledger.findings(ids[4])] == [late]
        b = ledger.entries()[1]
        assert (b.errors, b.warnings, b.infos, b.submitted_date) == (1, 1, 0, dt.date(2020, 1, 31))


def test_a_failed_transaction_leaves_nothing_behind(ledger_at):
    with Ledger(ledger_at) as ledger:
        with pytest.raises(RuntimeError), ledger.transaction():
            ledger.add_submission(
                sha256="c" * 64,
                size=1,
                file_name="x",
                source_path="x",
                mtime=T0,
                received_at=T0,
                run_id=None,
                state="valid",
                kind=None,
                template_version=None,
                municipality=None,
                language=None,
                name_hint=None,
                submitted_date=None,
                saved_at=None,
                findings=[],
                records=None,
            )
            raise RuntimeError("killed")
        assert ledger.entries() == []


def test_among_files_received_together_newer_means_saved_later_then_file_time_then_submitted_date(ledger_at):
    later = T0 + dt.timedelta(days=10)  # all four received in one run, after they were saved and copied
    with Ledger(ledger_at) as ledger:
        add(ledger, "1" * 64, saved=T0 + dt.timedelta(hours=2), received=later)  # saved last: newest
        add(ledger, "2" * 64, saved=T0, mtime=T0 + dt.timedelta(days=9), received=later)  # copied later, saved earlier
        add(ledger, "3" * 64, saved=T0, mtime=T0, submitted=dt.date(2020, 2, 9), received=later)
        add(ledger, "4" * 64, saved=T0, mtime=T0, submitted=dt.date(2020, 2, 1), received=later)
        order = [e.sha256[0] for e in sorted(ledger.entries(), key=lambda e: e.order_key)]
    assert order == ["4", "3", "2", "1"]


def test_newer_means_received_later_whatever_the_senders_clock_says(ledger_at):
    with Ledger(ledger_at) as ledger:
        add(ledger, "1" * 64, saved=dt.datetime(2099, 1, 1, tzinfo=dt.timezone.utc), received=T0)
        add(ledger, "2" * 64, saved=T0 - dt.timedelta(days=1), received=T0 + dt.timedelta(days=1))
        entries = sorted(ledger.entries(), key=lambda e: e.order_key)
    assert [e.sha256[0] for e in entries] == ["1", "2"]
    assert [e.saved_after_receipt for e in entries] == [True, False]
    assert entries[0].arrived == T0  # the 2099 stamp is never taken for when it arrived


@given(st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 10**9)), min_size=1, max_size=6))
@settings(max_examples=40, deadline=None)
def test_a_stamp_from_the_future_never_outranks_a_later_receipt(tmp_path_factory, stamps):
    """Whatever the files say about when they were saved, the last one received is the newest."""
    path = tmp_path_factory.mktemp("l") / "l.sqlite"
    with Ledger(path) as ledger:
        for i, (received, saved) in enumerate(stamps):
            add(
                ledger,
                f"{i:064d}",
                received=T0 + dt.timedelta(seconds=received),
                saved=T0 + dt.timedelta(seconds=saved),
            )
        entries = ledger.entries()
    newest = max(entries, key=lambda e: e.order_key)
    assert newest.received_at == max(e.received_at for e in entries)


def test_runs_that_never_finished_are_marked_interrupted(ledger_at):
    with Ledger(ledger_at) as ledger:
        first = ledger.start_run(T0, 1)
        ledger.start_run(T0, 2)
        runs = {r["id"]: r["state"] for r in ledger.runs()}
    assert runs[first] == "interrupted"


def test_readonly_ledger_is_none_before_the_first_run(tmp_path):
    assert open_readonly(tmp_path / "none.sqlite") is None


def test_a_ledger_opened_read_only_refuses_to_write(ledger_at):
    if not isinstance(ledger_at, Path):
        assert open_readonly(ledger_at) is None  # an empty database: no run has made the ledger yet
    Ledger(ledger_at).close()
    with open_readonly(ledger_at) as ledger, pytest.raises(DBAPIError):
        ledger.set_info("x", "y")


def test_archive_is_content_addressed_and_never_overwrites(tmp_path):
    archive = Archive(tmp_path / "archive")
    digest = archive.put(b"hello")
    assert digest == sha256(b"hello") and archive.get(digest) == b"hello"
    path = archive.path_of(digest)
    assert path.parent.name == digest[:2]
    before = path.stat().st_mtime_ns
    time.sleep(0.01)
    archive.put(b"hello")
    assert path.stat().st_mtime_ns == before
    (path.parent / f".{digest}.123.tmp").write_bytes(b"half")
    assert archive.clean() == 1 and archive.digests() == {digest}


def test_records_survive_the_round_trip_through_json_exactly():
    goal = Goal(
        "5",
        Category.COMMON,
        "Vejledning",
        MeasureType.COUNT,
        target=D("1800"),
        actual=D("1712.50"),
        result_date=dt.date(2019, 12, 31),
        status=Status.PARTLY,
        sub_targets=[SubTarget("5", "Med vækstforløb", D(500), D(488))],
    )
    records = {
        "goals": [goal],
        "report_rows": [ReportRow("1.1", '=HYPERLINK("x")', status=Status.ACHIEVED)],
        "form": {"submitted_date": dt.date(2020, 2, 3), "cost_share": D("2508000")},
    }
    text = codec.dumps(records)
    assert codec.loads(text) == records
    assert codec.dumps(codec.loads(text)) == text


@pytest.mark.parametrize(
    "name, ignored",
    [
        ("~$Indberetning Horsens.xlsx", True),
        ("~WRL0001.tmp", True),
        ("Book1.xlsx.tmp", True),
        (".hidden.xlsx", True),
        (".~lock.Indberetning.xlsx#", True),
        ("Thumbs.db", True),
        ("download.crdownload", True),
        ("Indberetning Ringkøbing-Skjern 2019.xlsx", False),
        ("~Horsens.xlsx", False),
        ("report.xls", False),
    ],
)
def test_lock_temporary_and_hidden_files_are_ignored(name, ignored):
    assert ignored_name(name) is ignored


def test_scan_finds_files_in_subfolders_and_skips_what_it_must(tmp_path):
    inbox = tmp_path / "inbox"
    (inbox / "Aarhus").mkdir(parents=True)
    (inbox / ".git").mkdir()
    (inbox / "Aarhus" / "a.xlsx").write_bytes(b"x")
    (inbox / ".git" / "b.xlsx").write_bytes(b"x")
    (inbox / "~$a.xlsx").write_bytes(b"x")
    (inbox / "archive").mkdir()
    (inbox / "archive" / "c").write_bytes(b"x")
    found = scan([inbox, tmp_path / "not-mounted"], exclude=[inbox / "archive"])
    assert [c.path.name for c in found.candidates] == ["a.xlsx"]
    assert [p.name for p in found.ignored] == ["~$a.xlsx"]
    assert found.missing_folders == [tmp_path / "not-mounted"]


def test_a_file_that_changes_while_settling_is_left_for_the_next_run(tmp_path):
    growing, still, going = (tmp_path / n for n in ("growing.xlsx", "still.xlsx", "going.xlsx"))
    for p in (growing, still, going):
        p.write_bytes(b"PK")
    candidates = scan([tmp_path]).candidates

    def meanwhile(seconds):
        assert seconds == 0.05
        with open(growing, "ab") as fh:
            fh.write(b"more")
        going.unlink()

    settled, changing, vanished = settle(candidates, 0.05, sleep=meanwhile)
    assert [c.path for c in settled] == [still]
    assert [c.path for c in changing] == [growing]
    assert [c.path for c in vanished] == [going]


def test_settling_waits_once_for_all_files_and_not_at_all_for_none(tmp_path):
    waits = []
    for i in range(5):
        (tmp_path / f"{i}.xlsx").write_bytes(b"PK")
    settle(scan([tmp_path]).candidates, 2.0, sleep=waits.append)
    settle([], 2.0, sleep=waits.append)
    assert waits == [2.0]


@pytest.mark.parametrize(
    "file_name, hint",
    [
        ("Indberetning Ringkøbing-Skjern 2019.xlsx", "Ringkøbing-Skjern"),
        ("samsø.xlsx", "Samsø"),
        ("Aarhus og Horsens.xlsx", ""),
        ("Horsensvej.xlsx", ""),
        ("x.xlsx", ""),
    ],
)
def test_an_unreadable_file_is_attributed_by_its_name_only_when_unambiguous(file_name, hint):
    assert name_hint(file_name, ["Aarhus", "Horsens", "Samsø", "Ringkøbing-Skjern"]) == hint


def test_only_one_run_holds_the_lock(tmp_path):
    with RunLock(tmp_path / "run.lock"):
        with pytest.raises(Busy) as exc:
            RunLock(tmp_path / "run.lock").acquire()
        assert exc.value.pid == str(os.getpid())
    with RunLock(tmp_path / "run.lock"):
        pass


def test_a_killed_run_does_not_leave_the_lock_stuck(tmp_path):
    code = (
        "import sys, time; from toolkit.adapters.store.lock import RunLock; "
        f"RunLock({str(tmp_path / 'run.lock')!r}).acquire(); print('locked', flush=True); time.sleep(60)"
    )
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "locked"
        with pytest.raises(Busy):
            RunLock(tmp_path / "run.lock").acquire()
        proc.kill()
        proc.wait()
    finally:
        proc.kill()
        proc.stdout.close()
    with RunLock(tmp_path / "run.lock"):
        pass


def test_a_worker_forked_by_a_killed_run_does_not_keep_its_lock(tmp_path):
    # The child says its pid itself: by then its fork hooks have run (the parent's child.pid could come first).
    code = (
        "import multiprocessing, os, time; from toolkit.adapters.store.lock import RunLock\n"
        f"RunLock({str(tmp_path / 'run.lock')!r}).acquire()\n"
        "def work():\n    print(os.getpid(), flush=True); time.sleep(30)\n"
        "child = multiprocessing.get_context('fork').Process(target=work, daemon=False)\n"
        "child.start(); time.sleep(60)\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    child = int(proc.stdout.readline())
    try:
        proc.kill()
        proc.wait()
        os.kill(child, 0)  # the worker still lives ...
        with RunLock(tmp_path / "run.lock"):  # ... and the lock is free
            pass
    finally:
        os.kill(child, 9)
        proc.stdout.close()


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2000), st.integers(0, 5000), st.binary(max_size=8))
def test_looking_inside_any_bytes_never_raises(junk, cut, patch):
    """Whatever the bytes: the guard says ReadError or gives the facts and each sheet's scan, nothing else."""
    from test_consolidate_helpers import not_ours

    from toolkit.adapters.excel.guard import SheetGuard, inspect
    from toolkit.adapters.excel.sniff import check_bytes
    from toolkit.errors import ReadError

    good = not_ours()
    for data in (junk, good[:cut], good[:cut] + patch + good[cut + len(patch) :], b"PK\x05\x06" + junk):
        try:
            archive = check_bytes(data, "x.xlsx")
        except ReadError:
            continue
        with archive:
            inspect(archive)
            guard = SheetGuard(archive, "x.xlsx", max_cells=1000)
            try:
                for sheet in guard.candidates():
                    assert guard.scan(sheet).grid_cells <= 1000
            except ReadError:
                pass


SCHEMA_1 = Path(__file__).parent / "fixtures" / "ledger_schema1.sqlite"


def _schema_1_ledger(path):
    """A real ledger written by the toolkit of schema 1 (see tests/fixtures/README.md): 18 submissions."""
    shutil.copyfile(SCHEMA_1, path)


def test_the_schema_1_fixture_is_what_it_claims(tmp_path):
    _schema_1_ledger(tmp_path / "l.sqlite")  # a copy: even reading a WAL-mode file writes beside it
    db = sqlite3.connect(tmp_path / "l.sqlite")
    try:
        assert db.execute("SELECT value FROM ledger_info WHERE key = 'schema_version'").fetchone() == ("1",)
        assert "scope" not in {r[1] for r in db.execute("PRAGMA table_info(submissions)")}
        assert db.execute("SELECT COUNT(*) FROM submissions").fetchone() == (18,)
    finally:
        db.close()


def test_a_ledger_from_before_the_scope_column_reads_read_only(tmp_path):
    _schema_1_ledger(tmp_path / "l.sqlite")
    with open_readonly(tmp_path / "l.sqlite") as ledger:
        entries = ledger.entries()
        horsens = ledger.entries("HORSENS")
        assert ledger.version == 1
    assert len(entries) == 18 and {e.scope for e in entries} == {None}
    assert len(horsens) == 2 and {e.municipality for e in horsens} == {"Horsens"}


def test_a_ledger_from_before_the_scope_column_gets_it_when_opened_for_writing(tmp_path):
    from toolkit.workflows.consolidate.belongs import Facts

    _schema_1_ledger(tmp_path / "l.sqlite")
    with Ledger(tmp_path / "l.sqlite") as ledger:
        assert ledger.info("schema_version") == "3"
        with ledger.transaction():
            ledger.add_submission(
                sha256="b" * 64,
                size=1,
                file_name="Aarhus.xlsx",
                source_path="x",
                mtime=T0,
                received_at=T0,
                run_id=None,
                state="valid",
                kind="submission",
                template_version="1.0",
                municipality="Aarhus",
                language="da",
                name_hint=None,
                submitted_date=None,
                saved_at=None,
                findings=[],
                records=None,
                scope=Facts(year=2019).dumps(),
            )
        *old, new = ledger.entries()
        findings = ledger.findings()
    assert len(old) == 18 and {e.scope for e in old} == {None} and new.scope == Facts(year=2019)
    assert len(findings) == 6


def test_a_ledger_from_a_newer_toolkit_is_refused_and_left_alone(tmp_path):
    from toolkit.adapters.store.schema import TooNew

    _schema_1_ledger(tmp_path / "l.sqlite")
    db = sqlite3.connect(tmp_path / "l.sqlite")
    db.execute("UPDATE ledger_info SET value = '99' WHERE key = 'schema_version'")
    db.commit()
    db.close()
    with pytest.raises(TooNew) as exc:
        Ledger(tmp_path / "l.sqlite")
    assert "99" in exc.value.message("en")
    db = sqlite3.connect(tmp_path / "l.sqlite")
    assert "scope" not in {r[1] for r in db.execute("PRAGMA table_info(submissions)")}
    db.close()


def test_a_read_on_a_ledger_open_for_writing_does_not_wait_for_a_writer(ledger_at):
    with Ledger(ledger_at) as writer, Ledger(ledger_at) as other:
        add(writer, "a" * 64)
        with writer.transaction():
            add(writer, "b" * 64)  # held, not yet committed
            assert [e.sha256 for e in other.entries()] == ["a" * 64]
            assert other.info("schema_version") == "3"
        assert len(other.entries()) == 2


def test_a_ledger_of_schema_2_made_by_the_sqlite3_ledger_opens_steps_up_and_records(tmp_path):
    from toolkit.core.scope import Facts

    path = tmp_path / "l.sqlite"
    shutil.copyfile(SCHEMA_1.with_name("ledger_schema2.sqlite"), path)
    with open_readonly(path) as ledger:
        assert ledger.version == 2 and not ledger.has_table("service_tokens")  # read-only: left as it is
    with Ledger(path) as ledger:
        assert ledger.version == 3 and ledger.has_table("reminders_sent") and ledger.has_table("service_tokens")
        add(ledger, "c" * 64, municipality="Aarhus")
        entries = ledger.entries()
    assert len(entries) == 20 and entries[18].scope == Facts(year=2019) and entries[19].sha256 == "c" * 64
    assert entries[19].id == 20


def test_an_unreachable_postgresql_ledger_is_a_message_without_the_password():
    from toolkit.adapters.store.pglock import AdvisoryLock
    from toolkit.errors import ToolkitError

    url = "postgresql://toolkit:s3cret@127.0.0.1:1/toolkit"  # nothing listens on port 1
    for opening in (lambda: Ledger(url), lambda: AdvisoryLock(url).acquire()):
        with pytest.raises(ToolkitError) as exc:
            opening()
        for lang in ("da", "nb", "en"):
            said = exc.value.message(lang)
            assert "127.0.0.1:1/toolkit" in said and "[ledger] url" in said and "s3cret" not in said
