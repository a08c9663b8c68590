"""Worker processes that examine files in parallel; a worker that dies costs one file, not the run."""

from __future__ import annotations

import contextlib
import faulthandler
import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Iterable, Iterator
from multiprocessing.connection import wait

from toolkit.workflows.consolidate.examine import Context, Job, Outcome, crashed, examine

# Address space a worker may use beyond what it starts with (Linux): a reader that tries to build
# a huge grid fails inside the worker instead of pushing the machine into swap or the OOM killer.
# At least this much, and more when config.ini allows bigger workbooks (max_uncompressed_mb).
_HEADROOM_MB = 2048
_HEADROOM_PER_UNPACKED_MB = 8


def default_processes() -> int:
    return max(1, min(os.cpu_count() or 1, 8))


def run_jobs(jobs: Iterable[Job], ctx: Context, processes: int | None = None) -> Iterator[Outcome]:
    """Examine ``jobs``; outcomes come in the order they finish. ``processes=0`` runs in this process."""
    jobs = list(jobs)
    if processes == 0:
        for job in jobs:
            yield examine(job, ctx)
        return
    processes = min(processes or default_processes(), len(jobs))
    if processes < 1:
        return
    yield from _Pool(ctx, processes).run(jobs)


class _Worker:
    def __init__(self, mp, ctx: Context):
        self.conn, child = mp.Pipe()
        self.process = mp.Process(target=_main, args=(child, ctx), daemon=True)
        self.process.start()
        child.close()
        self.job: Job | None = None

    def stop(self) -> None:
        with contextlib.suppress(OSError, EOFError):
            self.conn.send(None)
        self.process.join(timeout=5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.conn.close()


class _Pool:
    def __init__(self, ctx: Context, processes: int):
        self.ctx, self.processes = ctx, processes
        self.mp = multiprocessing.get_context()

    def run(self, jobs: list[Job]) -> Iterator[Outcome]:
        pending = deque(jobs)
        retried: set[str] = set()
        workers = [_Worker(self.mp, self.ctx) for _ in range(self.processes)]
        try:
            while pending or any(w.job for w in workers):
                for w in workers:
                    if w.job is None and pending:
                        w.job = pending.popleft()
                        w.conn.send(w.job)
                busy = [w for w in workers if w.job is not None]
                ready = wait([w.conn for w in busy] + [w.process.sentinel for w in busy])
                for i, w in enumerate(workers):
                    if w.job is None or (w.conn not in ready and w.process.sentinel not in ready):
                        continue
                    outcome = self._receive(w)
                    if outcome is None:  # the worker died with the job: replace it, retry the job once
                        job, code = w.job, w.process.exitcode
                        w.conn.close()
                        workers[i] = _Worker(self.mp, self.ctx)
                        if job.path not in retried:
                            retried.add(job.path)
                            pending.append(job)
                            continue
                        outcome = crashed(job, self.ctx, f"exit code {code}")
                    else:
                        w.job = None
                    yield outcome
        finally:
            for w in workers:
                w.stop()

    @staticmethod
    def _receive(w: _Worker) -> Outcome | None:
        try:
            if w.conn.poll():
                return w.conn.recv()
        except (EOFError, OSError):
            pass
        w.process.join(timeout=5)
        return None


def _main(conn, ctx: Context) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is for the run to handle, not for a worker
    faulthandler.disable()  # a reader that aborts is recorded by the run; no interpreter dump needed
    _limit_memory(max(_HEADROOM_MB, _HEADROOM_PER_UNPACKED_MB * ctx.cfg.max_uncompressed_mb))
    parent = multiprocessing.parent_process()
    while True:
        try:
            if not conn.poll(1.0):
                if parent is not None and not parent.is_alive():
                    return  # the run was killed: do not linger
                continue
            job = conn.recv()
        except (EOFError, OSError, KeyboardInterrupt):
            return
        if job is None:
            return
        conn.send(examine(job, ctx))


def _limit_memory(headroom_mb: int) -> None:
    try:
        import resource

        with open("/proc/self/statm") as fh:
            pages = int(fh.read().split()[0])
    except (ImportError, OSError, ValueError):
        return
    current = pages * os.sysconf("SC_PAGE_SIZE")
    limit = current + headroom_mb * 1024 * 1024
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    if soft == resource.RLIM_INFINITY or soft > limit:
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
