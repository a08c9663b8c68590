"""One consolidation run: scan, read what is new, record it in the ledger, write the consolidated workbook."""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import hashlib
import os
import time
from collections.abc import Callable
from pathlib import Path

from toolkit.adapters.store.archive import Archive
from toolkit.adapters.store.inbox import scan, settle
from toolkit.adapters.store.ledger import Ledger
from toolkit.config import Config
from toolkit.errors import ToolkitError
from toolkit.files import Written, save
from toolkit.safetext import path_text
from toolkit.workflows.consolidate import workbook as book
from toolkit.workflows.consolidate.examine import Context, Job, Outcome
from toolkit.workflows.consolidate.gather import gather_all
from toolkit.workflows.consolidate.locks import lock_path, mail_lock_path, run_lock
from toolkit.workflows.consolidate.progress import Progress
from toolkit.workflows.consolidate.report import RunSummary, summarise
from toolkit.workflows.consolidate.workers import run_jobs

# Bump when the workbook's layout changes, so an unchanged ledger still gets the new layout.
WORKBOOK_FORMAT = "2"
_COMMIT_EVERY = 256
_COMMIT_SECONDS = 0.5


def _now() -> dt.datetime:
    return dt.datetime.now().astimezone().replace(microsecond=0)


def run(
    cfg: Config,
    *,
    settle_seconds: float | None = None,
    sleep: Callable[[float], None] = time.sleep,
    processes: int | None = None,
    progress: bool | None = None,
    rehash: bool = False,
    now: Callable[[], dt.datetime] = _now,
) -> RunSummary:
    """Consolidate the inbox into the ledger and the workbook; raises lock.Busy when another run is going.

    ``settle_seconds`` overrides cfg.settle_seconds (tests use 0 or a few
    hundredths), ``sleep`` is what waits for files to settle, ``processes`` the
    number of worker processes (0: read in this process), ``progress`` forces
    the progress bar on or off (default: on when stderr is a terminal), and
    ``rehash`` reads every file again instead of trusting (path, size, mtime).
    """
    with run_lock(cfg):
        Archive(cfg.archive).clean()
        _clean_output(book.output_path(cfg))
        with Ledger(cfg.ledger_target) as ledger:
            run_id = ledger.start_run(now(), os.getpid())
            try:
                counts = _read_inbox(cfg, ledger, run_id, settle_seconds, sleep, processes, progress, rehash, now)
                written = _unchanged(cfg, ledger)
                if written is not None:  # nothing new since the workbook was written: no figures to read
                    gathered = gather_all(cfg, ledger, figures=False)
                else:
                    gathered = gather_all(cfg, ledger)
                    written = _write_workbook(cfg, ledger, gathered, now)
            except BaseException:
                ledger.end_run(run_id, now(), "failed")
                raise
            ledger.finish_run(run_id, now(), counts, str(written.path))
            return summarise(cfg, counts, gathered, written, run_id)


def _clean_output(target: Path) -> None:
    """Remove temporary workbooks left by a run that was killed while writing (we hold the lock)."""
    for tmp in target.parent.glob(f".{target.name}.*.tmp"):
        with contextlib.suppress(OSError):
            tmp.unlink()


def _read_inbox(
    cfg, ledger: Ledger, run_id: int, settle_seconds, sleep, processes, progress, rehash, now
) -> dict[str, object]:
    target = book.output_path(cfg)
    exclude = [
        cfg.archive,
        cfg.ledger,
        lock_path(cfg),
        mail_lock_path(cfg),
        target,
        *(cfg.ledger.with_name(cfg.ledger.name + s) for s in ("-wal", "-shm", "-journal")),
    ]
    found = scan(cfg.inbox, exclude=exclude)
    # The counters apart from the lists, so they stay typed as ints; joined on return.
    counts: dict[str, int] = {
        "seen": len(found.candidates),
        "new": 0,
        "skipped": 0,
        "invalid": 0,
        "unsettled": 0,
        "vanished": 0,
        "ignored": len(found.ignored),
    }
    listed = {
        "missing_folders": [str(p) for p in found.missing_folders],
        "not_read": [(path_text(s.path), s.reason, s.what) for s in found.skipped],
    }
    seen = ledger.sightings()
    fresh = []
    for c in found.candidates:
        known = seen.get(path_text(c.path))
        if not rehash and known is not None and known[:2] == (c.size, c.mtime_ns):
            counts["skipped"] += 1
        else:
            fresh.append(c)
    wait = cfg.settle_seconds if settle_seconds is None else settle_seconds
    settled, changing, gone = settle(fresh, wait, sleep=sleep)
    counts["unsettled"] += len(changing)
    stamp = now()
    if gone:
        with ledger.transaction():
            for c in gone:
                _vanished(ledger, run_id, stamp, Outcome(Job(str(c.path), c.size, c.mtime_ns), "vanished"), cfg)
        counts["vanished"] += len(gone)
    if not settled:
        return {**counts, **listed}
    ctx = Context(cfg, frozenset(ledger.known_hashes()))
    jobs = [Job(str(c.path), c.size, c.mtime_ns) for c in settled]
    recorded: set[str] = set()
    batch: list[Outcome] = []
    last = time.monotonic()
    with Progress(len(jobs), cfg.language, enabled=progress) as bar:
        for outcome in run_jobs(jobs, ctx, processes):
            bar.advance(outcome.file_name)
            batch.append(outcome)
            if len(batch) >= _COMMIT_EVERY or time.monotonic() - last > _COMMIT_SECONDS:
                _record(ledger, run_id, batch, counts, recorded, now(), cfg)
                batch, last = [], time.monotonic()
        _record(ledger, run_id, batch, counts, recorded, now(), cfg)
    return {**counts, **listed}


def _record(
    ledger: Ledger,
    run_id: int,
    batch: list[Outcome],
    counts: dict[str, int],
    recorded: set[str],
    stamp: dt.datetime,
    cfg: Config,
) -> None:
    """One transaction per batch; every new file in it is already archived (the worker did that first).

    Paths are stored as text (``path_text``): a name that is not UTF-8 is kept apart, never a crash."""
    if not batch:
        return
    failed = next((o for o in batch if o.status == "archive_failed"), None)
    if failed is not None:
        raise ToolkitError("consolidate.run.archive_failed", detail=failed.message)
    Archive(cfg.archive).make_durable(o.sha256 for o in batch if o.status == "new")
    seen: list[tuple] = []  # (path, size, mtime_ns, sha256, event), recorded in one statement
    fresh: list[Outcome] = []  # the new versions, recorded in one statement (their findings in another)
    versions: list[dict] = []
    with ledger.transaction():
        for o in batch:
            job, path = o.job, path_text(o.job.path)
            if o.status == "new" and o.sha256 not in recorded:
                # examine gives every new file its hash and a state (valid, invalid or unreadable).
                assert o.sha256 is not None and o.state is not None, o
                recorded.add(o.sha256)
                _flag_clock(o, stamp, cfg.language)
                fresh.append(o)
                versions.append(
                    o.version(
                        file_name=o.file_name,
                        source_path=path,
                        mtime=_mtime(job.mtime_ns),
                        received_at=stamp,
                        run_id=run_id,
                    )
                )
                seen.append((path, job.size, job.mtime_ns, o.sha256, None))
            elif o.status in ("new", "known"):
                counts["skipped"] += 1
                seen.append((path, job.size, job.mtime_ns, o.sha256, None))
            elif o.status == "vanished":
                _vanished(ledger, run_id, stamp, o, cfg)
                counts["vanished"] += 1
            elif o.status == "too_large":
                ledger.add_event(
                    run_id=run_id,
                    at=stamp,
                    path=path,
                    file_name=o.file_name,
                    size=o.size,
                    event="too_large",
                    message=o.message,
                )
                seen.append((path, job.size, job.mtime_ns, None, "too_large"))
                counts["invalid"] += 1
            else:  # unsettled or locked: left for the next run
                counts["unsettled"] += 1
        for o, sid in zip(fresh, ledger.add_submissions(versions)):
            if sid is not None:
                counts["new"] += 1
                counts["invalid"] += o.state != "valid"
            else:
                counts["skipped"] += 1
        ledger.see_many(seen, stamp)


def _flag_clock(o: Outcome, received: dt.datetime, lang: str) -> None:
    """A saved-at stamp later than receipt is the sender's clock, not the truth: say so (versions are
    ordered by receipt, see Entry.order_key)."""
    from toolkit.workflows.consolidate.messages import say

    if o.saved_at is None or o.saved_at <= received:
        return
    saved, got = (v.astimezone().strftime("%Y-%m-%d %H:%M") for v in (o.saved_at, received))
    o.findings.append(
        (
            "warning",
            "",
            "",
            "",
            o.saved_at.isoformat(),
            "consolidate.saved_after_receipt",
            say("rule.saved_after_receipt", lang, file=o.file_name, saved=saved, received=got),
        )
    )


def _vanished(ledger: Ledger, run_id: int, stamp: dt.datetime, o: Outcome, cfg: Config) -> None:
    from toolkit.workflows.consolidate.messages import say

    ledger.add_event(
        run_id=run_id,
        at=stamp,
        path=path_text(o.job.path),
        file_name=o.file_name,
        size=o.job.size,
        event="vanished",
        message=o.message or say("event.vanished", cfg.language, file=o.file_name),
    )


def _mtime(ns: int) -> dt.datetime:
    return dt.datetime.fromtimestamp(ns / 1e9).astimezone().replace(microsecond=0)


def _fingerprint(cfg: Config, ledger: Ledger) -> str:
    """Everything the workbook depends on: the ledger's content, the settings and the code."""
    h = hashlib.sha256()
    h.update(
        f"{WORKBOOK_FORMAT}|{ledger.state_token()}|{cfg.language}|{cfg.region}|{cfg.fiscal_year}|"
        f"{cfg.deadline}|{cfg.currency}|{sorted(cfg.municipalities.items())}|".encode()
    )
    for attr in ("split_total", "split_unit", "split_periods", "split_key_date"):
        h.update(repr(getattr(cfg, attr, None)).encode())
    h.update(_code_fingerprint().encode())
    return h.hexdigest()


@functools.lru_cache(maxsize=1)
def _code_fingerprint() -> str:
    """The package's files as this process loaded them (once: the code running does not change under it)."""
    package = Path(__file__).resolve().parent.parent.parent
    h = hashlib.sha256()
    for path in sorted(package.rglob("*.py")):
        st = path.stat()
        h.update(f"{path.relative_to(package)}:{st.st_size}:{st.st_mtime_ns}".encode())
    return h.hexdigest()


def _unchanged(cfg: Config, ledger: Ledger) -> Written | None:
    """Written(unchanged) when the workbook on disk was made from this ledger, these settings and this code."""
    target = book.output_path(cfg)
    try:
        st = target.stat()
    except OSError:
        return None
    stamp = f"{_fingerprint(cfg, ledger)}|{target}|{st.st_size}:{st.st_mtime_ns}"
    return Written(target, unchanged=True) if ledger.info("workbook.fingerprint") == stamp else None


def _write_workbook(cfg: Config, ledger: Ledger, gathered, now) -> Written:
    """Write the workbook (atomically; beside it when it is open in Excel) and remember what it was made from."""
    target = book.output_path(cfg)
    written = save(book.workbook_bytes(gathered, cfg), target, now())
    if written.blocked is None:
        st = target.stat()
        ledger.set_info("workbook.fingerprint", f"{_fingerprint(cfg, ledger)}|{target}|{st.st_size}:{st.st_mtime_ns}")
    return written
