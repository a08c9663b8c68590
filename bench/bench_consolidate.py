"""Time consolidation of N synthetic submissions against a pandas/openpyxl loop and the calamine floor.

    .venv/bin/python bench/bench_consolidate.py            # N = 100 and 1,000
    .venv/bin/python bench/bench_consolidate.py --n 100 --profile

Submissions are made like the demo makes them (pre-filled by the template
builder, filled with openpyxl like a user) and cached in --cache; making them
is not timed. Measured in one session: the full consolidation (fresh ledger,
archive and workbook), the same files read by ``pandas.read_excel(sheet_name=
None, engine="openpyxl")``, the same files merely read with python-calamine
(open and to_python of every sheet: the floor), and a re-run with nothing new.
Peak memory is the largest total RSS of the run and its worker processes.
"""

from __future__ import annotations

import argparse
import dataclasses
import io
import multiprocessing
import os
import shutil
import sys
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT)]

from common import PeakMemory, calamine_floor, pandas_loop, timed

from toolkit.config import Config, load_config
from toolkit.data import samples


def bench_config(n: int, root: Path) -> Config:
    base = load_config(ROOT / "config.ini")
    names = {f"Kommune {i:04d}": Decimal(1000 + (i * 7919) % 90000) for i in range(n)}
    return dataclasses.replace(
        base,
        municipalities=names,
        contacts={},
        inbox=(root / "inbox",),
        archive=root / "archive",
        output=root / "output",
        ledger=root / "output" / "l.sqlite",
        templates=root / "templates",
    )


def _make(args) -> None:
    cfg, name, path = args
    from toolkit.adapters.excel.build import build_workbook
    from toolkit.spec import SPECS
    from toolkit.workflows.templates import options_for, submission_prefill
    from toolkit_demo.demo import submission_values
    from toolkit_demo.fill import fill_workbook

    spec = SPECS["submission"]
    prefill = submission_prefill(cfg, name, samples.CONTRACT_GOALS, samples.MUNICIPAL_GOALS)
    blank = io.BytesIO()
    build_workbook(spec, blank, options_for(cfg, municipality=name), prefill)
    blank.seek(0)
    targets = {r["goal_no"]: r["target"] for r in prefill.tables["tblResults"]}
    form, tables = submission_values(name, targets, cfg.fiscal_year)
    fill_workbook(blank, path, spec, cfg.language, form, tables)


def generate(cfg: Config, cache: Path) -> list[Path]:
    """One filled submission per municipality in ``cache`` (made once, reused)."""
    cache.mkdir(parents=True, exist_ok=True)
    todo = [(cfg, name, cache / f"Indberetning {name}.xlsx") for name in cfg.municipalities]
    missing = [t for t in todo if not t[2].exists()]
    if missing:
        print(f"  making {len(missing)} submissions in {cache} (not timed) ...", flush=True)
        with multiprocessing.get_context().Pool() as pool:
            pool.map(_make, missing, chunksize=8)
    return [t[2] for t in todo]


def bench(
    n: int, work: Path, cache: Path, profile: bool = False, processes: int | None = None, repeat: int = 3
) -> dict:
    from toolkit.workflows.consolidate import run

    root = work / f"n{n}"
    shutil.rmtree(root, ignore_errors=True)
    cfg = bench_config(n, root)
    files = generate(cfg, cache / f"n{n}")
    cfg.inbox[0].mkdir(parents=True)
    for f in files:
        os.link(f, cfg.inbox[0] / f.name)
    print(f"N = {n}: {len(files)} submissions, {sum(f.stat().st_size for f in files) / 2**20:.1f} MB")
    floor, _ = timed("calamine floor (open + to_python, 1 process)", lambda: calamine_floor(files), repeat)

    def fresh() -> None:
        for folder in (cfg.archive, cfg.output):
            shutil.rmtree(folder, ignore_errors=True)

    full, summary = timed(
        "full consolidation (fresh ledger and archive)",
        lambda: run(cfg, settle_seconds=0, progress=False, processes=processes),
        repeat,
        fresh,
    )
    assert summary.new == n, summary.lines("en")
    fresh()
    if profile:
        import cProfile
        import pstats

        prof = cProfile.Profile()
        prof.enable()
    with PeakMemory() as mem:  # once more, for its memory (sampling slows it a little)
        run(cfg, settle_seconds=0, progress=False, processes=processes)
    if profile:
        prof.disable()
        pstats.Stats(prof).sort_stats("cumtime").print_stats(25)
    rerun, again = timed("re-run with nothing new", lambda: run(cfg, settle_seconds=0, progress=False), repeat)
    assert again.new == 0 and again.skipped == n
    pandas, _ = timed("pandas.read_excel(openpyxl) loop", lambda: pandas_loop(files), 1 if n > 100 else repeat)
    out = {
        "n": n,
        "full": full,
        "rerun": rerun,
        "pandas": pandas,
        "floor": floor,
        "peak_mb": mem.peak / 2**20,
        "valid": len(summary.valid),
    }
    # Issue 11's targets at N = 1,000 (at N = 100 fixed costs dominate: no target there).
    print(f"  pandas / full        {pandas / full:6.1f} x   (target >= 15 at N = 1,000)")
    print(f"  full / calamine      {full / floor:6.2f} x   (target <= 1.5 at N = 1,000)")
    print(f"  re-run / full        {rerun / full * 100:6.2f} %   (target < 5 %)")
    print(f"  peak memory          {mem.peak / 2**20:6.0f} MB  (target < 500 MB at N = 1,000)")
    return out


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--n", type=int, action="append", help="number of submissions (repeatable; default 100 and 1000)")
    p.add_argument("--work", type=Path, default=Path("/tmp/toolkit-bench-consolidate"))
    p.add_argument("--cache", type=Path, default=Path("/tmp/toolkit-bench-consolidate-cache"))
    p.add_argument("--processes", type=int, help="worker processes (default: one per CPU)")
    p.add_argument("--profile", action="store_true", help="profile the full consolidation (parent process)")
    p.add_argument("--repeat", type=int, default=5, help="timed runs per measurement; the fastest counts")
    args = p.parse_args()
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs")
    for n in args.n or [100, 1000]:
        bench(n, args.work, args.cache, args.profile, args.processes, args.repeat)


if __name__ == "__main__":
    main()
