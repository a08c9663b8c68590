"""A run killed at any point (SIGKILL) leaves the ledger consistent, loses no submission and leaves no lock;
on SQLite and on PostgreSQL."""

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from decimal import Decimal as D
from pathlib import Path

import pytest
from test_consolidate_helpers import drop, submission, truncated, write_config

from toolkit.adapters.store.archive import Archive, sha256
from toolkit.adapters.store.ledger import open_readonly
from toolkit.adapters.store.lock import Busy
from toolkit.workflows.consolidate.pipeline import run_lock

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")


def check_consistent(tmp_path, target) -> set[str]:
    """The ledger is intact, every row's bytes are in the archive under their SHA-256; returns the digests.
    Safe to call while another process records files."""
    if isinstance(target, Path):
        if not target.exists():
            return set()
        db = sqlite3.connect(target)
        try:
            assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        finally:
            db.close()
    ledger = open_readonly(target)
    if ledger is None:
        return set()
    with ledger:
        # Findings first: a writer going on meanwhile (the service) adds a submission with its findings at once.
        found = {f[0] for f in ledger.findings()}
        entries = ledger.entries()
    assert found <= {e.id for e in entries}, "findings without their submission"
    rows = [e.sha256 for e in entries]
    assert len(rows) == len(set(rows)), "a file recorded twice"
    archive = Archive(tmp_path / "archive")
    for digest in rows:
        assert sha256(archive.get(digest)) == digest, "a ledger row without its archived bytes"
    return set(rows)


def lock_is_free(cfg) -> None:
    """The killed run's lock is gone (the server may take a moment to see the closed connection)."""
    deadline = time.monotonic() + 10
    while True:
        try:
            with run_lock(cfg):
                return
        except Busy:
            assert time.monotonic() < deadline, "a killed run left its lock"
            time.sleep(0.1)


def lingering(tmp_path) -> list[int]:
    """Processes still running with this test's config (the run's workers must not outlive it)."""
    out = []
    for pid in os.listdir("/proc") if os.path.isdir("/proc") else []:
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as fh:
                if str(tmp_path).encode() in fh.read():
                    out.append(int(pid))
        except (OSError, ValueError):
            continue
    return out


@pytest.mark.slow
def test_killed_runs_leave_a_consistent_ledger_and_the_next_run_completes(
    tmp_path, bcfg, ledger_at, make_workbook, seed
):
    """Each round adds files and kills the run after a random delay: before, while and after it reads them
    (21 rounds: one to learn how long a run takes, then 20 kills)."""
    cfg = bcfg
    names = list(cfg.municipalities)
    config = write_config(tmp_path, cfg)
    assert cfg.inbox[0] == tmp_path / "inbox"
    command = [sys.executable, "-m", "toolkit", "--config", config, "consolidate", "--no-progress"]
    rng = random.Random(20261123)
    counter = iter(range(10_000))
    took = None
    for _round in range(21):
        for _ in range(6):
            i = next(counter)
            name = names[i % len(names)]
            path = submission(make_workbook, seed, name, results={0: {"actual": D(i)}})
            drop(cfg, path, f"Indberetning {name} {i:03d}.xlsx")
        drop(cfg, truncated(path.read_bytes()), f"halv fil {i}.xlsx")
        expected = {sha256(p.read_bytes()) for p in (tmp_path / "inbox").iterdir() if p.stat().st_size}
        started = time.monotonic()
        proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if took is None:  # the first round runs to the end, to learn how long a run takes here
            proc.wait()
            took = time.monotonic() - started
        else:
            time.sleep(rng.uniform(0.3, 2.5) * took)
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            lock_is_free(cfg)
        recorded = check_consistent(tmp_path, ledger_at)
        assert recorded <= expected
    drop(cfg, b"", "tom.xlsx")
    expected.add(sha256(b""))
    deadline = time.monotonic() + 10
    while lingering(tmp_path) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert lingering(tmp_path) == []
    done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert check_consistent(tmp_path, ledger_at) == expected
    assert Archive(tmp_path / "archive").digests() == expected
    assert not list((tmp_path / "archive").rglob("*.tmp")) and not list((tmp_path / "output").glob(".*.tmp"))
    with open_readonly(ledger_at) as ledger:
        states = {}
        for r in ledger.runs():
            states[r["state"]] = states.get(r["state"], 0) + 1
    assert states.get("running", 0) == 0 and states["finished"] >= 1
    assert (tmp_path / "output" / "consolidated_2019.xlsx").is_file()
