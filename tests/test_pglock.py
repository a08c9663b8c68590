"""The run lock on a PostgreSQL ledger: the database's advisory lock, one run at a time, none left by a killed run."""

import os
import signal
import subprocess
import sys
import time

import pgtest
import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool
from test_consolidate_helpers import drop, submission, write_config

from toolkit.adapters.store.ledger import open_readonly
from toolkit.adapters.store.lock import Busy
from toolkit.adapters.store.pglock import AdvisoryLock
from toolkit.cli import main


@pytest.fixture
def pg():
    """A fresh PostgreSQL ledger's URL (SQLite's file lock is tested in test_ledger.py)."""
    reason = pgtest.unavailable()
    if reason:
        pytest.skip(reason)
    schema, url = pgtest.fresh_schema()
    yield url
    pgtest.drop_schema(schema)


def advisory_holders(url) -> list[str]:
    """application_name of every session holding an advisory lock in the test database."""
    engine = create_engine(url, poolclass=NullPool)
    with engine.connect() as conn:
        rows = (
            conn.execute(
                text(
                    "SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
                    " WHERE l.locktype = 'advisory' AND l.granted AND a.datname = current_database()"
                    " AND a.query NOT LIKE '%pg_locks%'"
                )
            )
            .scalars()
            .all()
        )
    engine.dispose()
    return rows


def test_only_one_session_holds_the_lock_and_busy_names_it(pg):
    with AdvisoryLock(pg):
        with pytest.raises(Busy) as exc:
            AdvisoryLock(pg).acquire()
        assert exc.value.pid.startswith(f"{os.getpid()} on ")
    with AdvisoryLock(pg):
        pass


def test_two_ledgers_in_one_database_do_not_wait_for_each_other(pg):
    schema, other = pgtest.fresh_schema()
    try:
        with AdvisoryLock(pg), AdvisoryLock(other):
            pass
    finally:
        pgtest.drop_schema(schema)


def test_a_killed_holder_leaves_no_lock(pg):
    code = (
        "import time; from toolkit.adapters.store.pglock import AdvisoryLock; "
        f"AdvisoryLock({pg!r}).acquire(); print('locked', flush=True); time.sleep(60)"
    )
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "locked"
        with pytest.raises(Busy) as exc:
            AdvisoryLock(pg).acquire()
        assert exc.value.pid.startswith(f"{proc.pid} on ")
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    finally:
        proc.kill()
        proc.stdout.close()
    deadline = time.monotonic() + 10  # the server notices the closed connection at once; allow it a moment
    while True:
        try:
            with AdvisoryLock(pg):
                break
        except Busy:
            assert time.monotonic() < deadline, "the killed run's lock is stuck"
            time.sleep(0.1)


def test_two_consolidations_in_two_processes_one_is_busy(pg, cfg, make_workbook, seed, tmp_path, capsys):
    import dataclasses

    cfg = dataclasses.replace(cfg, ledger_url=pg)
    for name in ("Horsens", "Aarhus", "Odder"):
        drop(cfg, submission(make_workbook, seed, name), f"{name}.xlsx")
    config = write_config(tmp_path, cfg)
    # The first waits 3 s for files to settle, holding the lock; the second starts meanwhile.
    first = subprocess.Popen(
        [sys.executable, "-m", "toolkit", "--config", config, "consolidate", "--settle", "3", "--no-progress"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 30
        while not any(h.startswith(f"toolkit {first.pid} ") for h in advisory_holders(pg)):
            assert first.poll() is None and time.monotonic() < deadline, "the first run never took the lock"
            time.sleep(0.05)
        assert main(["--config", config, "consolidate", "--settle", "0", "--no-progress"]) == 2
        assert f"(proces {first.pid} on " in capsys.readouterr().err
        _out, err = first.communicate(timeout=120)
    finally:
        first.kill()
    assert first.returncode == 0, err
    with open_readonly(pg) as ledger:
        assert len(ledger.entries()) == 3 and [r["state"] for r in ledger.runs()] == ["finished"]
    assert advisory_holders(pg) == []
