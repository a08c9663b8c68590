"""A run killed at any point (SIGKILL) leaves the ledger consistent and loses no submission."""
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from decimal import Decimal as D

import pytest

from test_consolidate_helpers import drop, submission, truncated, write_config
from toolkit.adapters.store.archive import Archive, sha256

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")


def check_consistent(tmp_path) -> set[str]:
    """The ledger is intact, every row's bytes are in the archive; returns the recorded digests."""
    ledger = tmp_path / "output" / "ledger.sqlite"
    if not ledger.exists():
        return set()
    db = sqlite3.connect(ledger)
    try:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        rows = [r[0] for r in db.execute("SELECT sha256 FROM submissions")]
        orphans = db.execute("SELECT COUNT(*) FROM findings WHERE submission_id NOT IN (SELECT id FROM submissions)")
        assert orphans.fetchone()[0] == 0
    finally:
        db.close()
    assert len(rows) == len(set(rows))
    archive = Archive(tmp_path / "archive")
    for digest in rows:
        assert sha256(archive.get(digest)) == digest, "a ledger row without its archived bytes"
    return set(rows)


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
def test_killed_runs_leave_a_consistent_ledger_and_the_next_run_completes(tmp_path, cfg, make_workbook, seed):
    """Each round adds files and kills the run after a random delay: before, while and after it reads them."""
    names = list(cfg.municipalities)
    config = write_config(tmp_path, cfg)
    assert cfg.inbox[0] == tmp_path / "inbox"
    command = [sys.executable, "-m", "toolkit", "--config", config, "consolidate", "--no-progress"]
    rng = random.Random(20261123)
    counter = iter(range(10_000))
    took = None
    for _round in range(10):
        for _ in range(12):
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
        recorded = check_consistent(tmp_path)
        assert recorded <= expected
    drop(cfg, b"", "tom.xlsx")
    expected.add(sha256(b""))
    deadline = time.monotonic() + 10
    while lingering(tmp_path) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert lingering(tmp_path) == []
    done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert check_consistent(tmp_path) == expected
    assert Archive(tmp_path / "archive").digests() == expected
    assert not list((tmp_path / "archive").rglob("*.tmp")) and not list((tmp_path / "output").glob(".*.tmp"))
    db = sqlite3.connect(tmp_path / "output" / "ledger.sqlite")
    try:
        states = dict(db.execute("SELECT state, COUNT(*) FROM runs GROUP BY state").fetchall())
    finally:
        db.close()
    assert states.get("running", 0) == 0 and states["finished"] >= 1
    assert (tmp_path / "output" / "consolidated_2019.xlsx").is_file()
