"""What the benchmarks share: peak memory of a run and its workers, timing, and the two reading baselines.

Imported by the bench scripts (``from common import ...``: a script's own folder is first on sys.path).
"""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path


class PeakMemory:
    """Samples the memory of this process (or of process ``root``) and its worker processes every 50 ms.

    Counts proportional set size (PSS: pages shared between the run and its
    forked workers are split between them, not counted twice) where Linux
    gives it, else resident set size.
    """

    def __init__(self, root: int | None = None):
        self.peak = 0
        self.root = root
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    @staticmethod
    def _rss(pid: int) -> int:
        try:
            with open(f"/proc/{pid}/smaps_rollup") as fh:
                for line in fh:
                    if line.startswith("Pss:"):
                        return int(line.split()[1]) * 1024
        except (OSError, ValueError, IndexError):
            pass
        try:
            with open(f"/proc/{pid}/statm") as fh:
                return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, ValueError, IndexError):
            return 0

    def _tree(self) -> list[int]:
        pids, out = [self.root or os.getpid()], []
        while pids:
            pid = pids.pop()
            out.append(pid)
            try:
                for task in os.listdir(f"/proc/{pid}/task"):
                    with open(f"/proc/{pid}/task/{task}/children") as fh:
                        pids += [int(c) for c in fh.read().split()]
            except OSError:
                pass
        return out

    def _sample(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, sum(self._rss(p) for p in self._tree()))
            self._stop.wait(0.05)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()


def timed(label: str, fn, repeat: int = 1, reset=None):
    """The fastest of ``repeat`` runs (the least disturbed by other work on the machine) and its result;
    ``reset()`` runs untimed before each."""
    best, result = float("inf"), None
    for _ in range(repeat):
        if reset is not None:
            reset()
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    print(f"  {label:<48} {best:8.2f} s  (best of {repeat})", flush=True)
    return best, result


def pandas_loop(files: list[Path]) -> None:
    import pandas as pd

    for f in files:
        pd.read_excel(f, sheet_name=None, engine="openpyxl")


def calamine_floor(files: list[Path]) -> None:
    import python_calamine

    for f in files:
        book = python_calamine.load_workbook(str(f))
        for name in book.sheet_names:
            book.get_sheet_by_name(name).to_python()
        book.close()
