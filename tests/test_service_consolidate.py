"""`toolkit serve` receiving uploads while `toolkit consolidate` runs against the same ledger, on SQLite and on
PostgreSQL: both finish, no file is recorded twice or lost, every archived file is named by its SHA-256. Then
consolidations, two started at a time, killed at random points while the uploads go on."""

from __future__ import annotations

import datetime as dt
import itertools
import queue
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest
from test_consolidate_helpers import drop, submission, truncated, with_saved_at, write_config
from test_consolidate_kill import check_consistent, lingering, lock_is_free

from tests.service_server import free_port, start_process
from toolkit.adapters.store.archive import Archive, sha256
from toolkit.adapters.store.ledger import open_readonly
from toolkit.service import tokens
from toolkit.workflows.consolidate import run as run_in_process

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")

NAMES = ("Aarhus", "Horsens", "Samsø", "Odder", "Skive")
T0 = dt.datetime(2020, 1, 6, 8, 0, tzinfo=dt.timezone.utc)


class Files:
    """Distinct valid submissions, cheaply: one workbook per municipality, each copy saved a second later."""

    def __init__(self, make_workbook, seed):
        self.base = {name: submission(make_workbook, seed, name).read_bytes() for name in NAMES}
        self.count = itertools.count()
        self.lock = threading.Lock()

    def new(self, name: str) -> bytes:
        with self.lock:
            k = next(self.count)
        return with_saved_at(self.base[name], (T0 + dt.timedelta(seconds=k)).strftime("%Y-%m-%dT%H:%M:%SZ"))


class Site:
    """The config (with [server]), the municipalities' tokens, and `toolkit serve` running as a process of its own."""

    def __init__(self, tmp_path: Path, cfg):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.config = Path(write_config(tmp_path, cfg))
        (tmp_path / "secret").write_text("s" * 40, encoding="utf-8")
        self.config.write_text(
            self.config.read_text(encoding="utf-8")
            + f"[server]\nport = {self.port}\npublic_url = {self.url}\nsecret_file = secret\n"
            "rate_limit_per_minute = 100000\n",
            encoding="utf-8",
        )
        self.tokens = tokens.create(cfg, list(NAMES))  # in the same ledger (`toolkit tokens` is test_service_process's)
        self.log = tmp_path / "serve.log"
        self.proc = start_process(self.config, self.port, self.log)

    def upload(self, name: str, data: bytes, file_name: str) -> str:
        answer = httpx.post(
            f"{self.url}/api/submit",
            content=data,
            headers={"Authorization": f"Bearer {self.tokens[name]}", "X-File-Name": quote(file_name)},
            timeout=120,
        )
        assert answer.status_code == 200, answer.text
        return answer.json()["status"]

    def stop(self) -> str:
        """Stop the server; its log."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        return self.log.read_text(encoding="utf-8", errors="replace")


class Uploads(threading.Thread):
    """Uploads one file after another until stopped: what ``shared`` holds first (bytes also put in the inbox),
    else a new file. ``sent`` is every digest handed to the server, ``answers`` (digest, status) each answer."""

    def __init__(self, site: Site, files: Files):
        super().__init__(daemon=True)
        self.site, self.files = site, files
        self.shared: queue.Queue[tuple[str, bytes]] = queue.Queue()
        self.sent: list[str] = []  # appended by the thread, read by the test (a list: copied safely meanwhile)
        self.answers: list[tuple[str, str]] = []
        self.errors: list[str] = []
        self.stopping = threading.Event()

    def run(self) -> None:
        for i in itertools.count():
            if self.stopping.is_set():
                return
            try:
                name, data = self.shared.get_nowait()
            except queue.Empty:
                name = NAMES[i % len(NAMES)]
                data = self.files.new(name)
            digest = sha256(data)
            self.sent.append(digest)
            try:
                self.answers.append((digest, self.site.upload(name, data, f"Upload {name} {i:04d}.xlsx")))
            except Exception as exc:  # told by the test, not lost in the thread
                self.errors.append(repr(exc))

    def stop(self) -> None:
        self.stopping.set()
        self.join(180)
        assert not self.is_alive(), "an upload never ended"


def toolkit(config: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "toolkit", "--config", str(config), *args], capture_output=True, text=True, timeout=180
    )


class Consolidation:
    """`toolkit consolidate` as a process; its messages go to a file (a pipe would stay open in a killed run's
    workers until they notice)."""

    def __init__(self, config: Path, settle: float = 0):
        self.err = config.parent / "runs" / f"{time.monotonic_ns()}.err"
        command = [sys.executable, "-m", "toolkit", "--config", str(config), "consolidate", "--settle", str(settle)]
        self.err.parent.mkdir(exist_ok=True)
        with self.err.open("wb") as err:
            self.proc = subprocess.Popen([*command, "--no-progress"], stdout=subprocess.DEVNULL, stderr=err)

    def kill(self) -> bool:
        """SIGKILL when it still runs; whether it did."""
        if self.proc.poll() is not None:
            return False
        self.proc.send_signal(signal.SIGKILL)
        return True

    def wait(self, timeout: float = 180) -> tuple[int, str]:
        """(exit code, its messages)."""
        code = self.proc.wait(timeout)
        return code, self.err.read_text(encoding="utf-8", errors="replace")


def inbox_digests(cfg) -> set[str]:
    return {sha256(p.read_bytes()) for p in cfg.inbox[0].iterdir() if p.is_file() and p.stat().st_size}


def run_states(target) -> list[str]:
    ledger = open_readonly(target)
    if ledger is None:
        return []
    with ledger:
        return [r["state"] for r in ledger.runs()]


def wait_until_running(target, run: Consolidation) -> None:
    """Until ``run`` holds the lock and has started its run in the ledger."""
    deadline = time.monotonic() + 60
    while "running" not in run_states(target):
        assert run.proc.poll() is None and time.monotonic() < deadline, run.wait()
        time.sleep(0.02)


def check_the_end(tmp_path, target, expected: set[str], uploads: Uploads) -> None:
    """Everything the inbox held and every upload is in the ledger once, archived under its SHA-256, and the
    service's own rows are exactly the uploads it answered "received"."""
    assert not uploads.errors, uploads.errors[:3]
    assert {status for _, status in uploads.answers} <= {"received", "duplicate"}
    assert check_consistent(tmp_path, target) == expected | set(uploads.sent)
    assert Archive(tmp_path / "archive").digests() == expected | set(uploads.sent)
    with open_readonly(target) as ledger:
        by_service = [e.sha256 for e in ledger.entries() if e.source_path.startswith("service:")]
    received = [digest for digest, status in uploads.answers if status == "received"]
    assert sorted(by_service) == sorted(received)


def test_a_submission_through_the_service_during_a_consolidation_is_recorded_once(
    tmp_path, bcfg, ledger_at, make_workbook, seed
):
    """The run waits 1 s for its files to settle (holding the lock, its run "running"), then reads 10 files;
    uploads go on all the while, the first of them bytes the run finds in the inbox too. Afterwards another
    file the run recorded is uploaded: a duplicate, whichever door it came through first."""
    cfg = bcfg
    files = Files(make_workbook, seed)
    for i in range(10):
        name = NAMES[i % len(NAMES)]
        drop(cfg, files.new(name), f"Indberetning {name} {i:02d}.xlsx")
    expected = inbox_digests(cfg)
    site = Site(tmp_path, cfg)
    uploads = Uploads(site, files)
    try:
        shared = sorted(cfg.inbox[0].iterdir())
        uploads.shared.put((next(n for n in NAMES if n in shared[0].name), shared[0].read_bytes()))
        run = Consolidation(site.config, settle=1)
        wait_until_running(ledger_at, run)
        uploads.start()
        code, err = run.wait()
        during = len(uploads.answers)  # answered while the run was going
        uploads.stop()
        late = shared[-1]
        assert site.upload(next(n for n in NAMES if n in late.name), late.read_bytes(), "igen.xlsx") == "duplicate"
    finally:
        log = site.stop()
    assert code == 0, err
    assert during >= 1 and uploads.shared.empty()
    assert "internal error" not in log
    check_the_end(tmp_path, ledger_at, expected, uploads)
    assert run_states(ledger_at) == ["finished"]
    lock_is_free(cfg)
    again = run_in_process(cfg, settle_seconds=0, processes=0, progress=False)
    assert (again.new, again.skipped) == (0, len(expected))


@pytest.mark.slow
def test_consolidations_killed_at_random_points_while_uploads_go_on_lose_nothing(
    tmp_path, bcfg, ledger_at, make_workbook, seed
):
    """Each round adds four files and a truncated one to the inbox (one of them uploaded too) and starts two
    consolidations, the second a moment later; each is killed at a random point of its own, and uploads go on
    throughout. The first round lets both end: the second, started while the first holds the lock, finds it
    taken; the first tells how long a run takes here. Then rounds go on until 20 kills have hit a consolidation
    process."""
    cfg = bcfg
    rng = random.Random(20261124)
    files = Files(make_workbook, seed)
    site = Site(tmp_path, cfg)
    uploads = Uploads(site, files)
    uploads.start()
    counter = itertools.count()
    took = None
    kills = rounds = busy = both_ran = uploaded_during = 0
    try:
        while kills < 20:
            assert rounds < 40, f"only {kills} kills hit a consolidation process in {rounds} rounds"
            rounds += 1
            for j in range(4):
                i = next(counter)
                name = NAMES[i % len(NAMES)]
                data = files.new(name)
                drop(cfg, data, f"Indberetning {name} {i:03d}.xlsx")
                if j == 0:
                    uploads.shared.put((name, data))
            drop(cfg, truncated(data), f"halv fil {i:03d}.xlsx")
            answered = len(uploads.answers)
            started = time.monotonic()
            if took is None:
                # The first round runs to the end: the first holds the lock two seconds longer (it waits for its
                # new files to settle), so the second, started once it has, finds the lock taken; and how long a run
                # takes.
                first = Consolidation(site.config, settle=2)
                wait_until_running(ledger_at, first)
                second = Consolidation(site.config)
                first_code, first_err = first.wait()
                took = time.monotonic() - started - 2
                second_code, second_err = second.wait()
                assert first_code == 0, first_err
                assert second_code == 2 and "kører allerede" in second_err, second_err
                continue
            first = Consolidation(site.config)
            # The second starts a moment later; each is killed at a point of its own (the second may take the
            # lock the first left when killed, or find it taken, or be killed before it asks).
            time.sleep(rng.uniform(0, 0.5) * took)
            second = Consolidation(site.config)
            at = {
                first: rng.uniform(0.3, 1.2) * took,
                second: time.monotonic() - started + rng.uniform(0.3, 1.2) * took,
            }
            for run in sorted(at, key=at.__getitem__):
                time.sleep(max(0.0, at[run] - (time.monotonic() - started)))
                kills += run.kill()
            for run in (first, second):
                code, err = run.wait(60)
                assert code in (0, 2, -signal.SIGKILL), err
                if code == 2:
                    assert "kører allerede" in err, err
                    busy += 1
            with open_readonly(ledger_at) as ledger:
                pids = {r["pid"] for r in ledger.runs()}
            both_ran += {first.proc.pid, second.proc.pid} <= pids
            uploaded_during += len(uploads.answers) > answered
            lock_is_free(cfg)
            recorded = check_consistent(tmp_path, ledger_at)  # read before what was sent: every row was sent first
            assert recorded <= inbox_digests(cfg) | set(uploads.sent)
            assert not uploads.errors, uploads.errors[:3]
    finally:
        uploads.stop()
        log = site.stop()
    print(
        f"{rounds} rounds, {kills} kills, {busy} found the lock taken, {both_ran} in which both ran,"
        f" {uploaded_during} with uploads answered"
    )
    assert "internal error" not in log
    assert uploaded_during >= (rounds - 1) // 2, "the uploads did not go on while the runs were killed"
    deadline = time.monotonic() + 10
    while lingering(tmp_path) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert lingering(tmp_path) == []
    done = toolkit(site.config, "consolidate", "--settle", "0", "--no-progress")
    assert done.returncode == 0, done.stderr
    check_the_end(tmp_path, ledger_at, inbox_digests(cfg), uploads)
    assert not list((tmp_path / "archive").rglob("*.tmp")) and not list((tmp_path / "output").glob(".*.tmp"))
    states = run_states(ledger_at)
    assert "running" not in states and states[-1] == "finished"
    assert (tmp_path / "output" / "consolidated_2019.xlsx").is_file()
