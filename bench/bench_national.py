"""National scale: up to 10,000 files from 357 municipalities consolidated on SQLite and PostgreSQL, side by side.

    .venv/bin/python bench/bench_national.py --n 1000 --n 3000 --n 10000 [--pg URL]
    .venv/bin/python bench/bench_national.py --n 300 --repeat 1          # a quick look

The ledger of a country over six years (2021-2026; the consolidation is for 2026): per municipality and
year one to three submission versions (the earlier ones incomplete, so invalid; template 1.0 before 2023,
1.1 from then on), one or two fulfilment reports and one or two business plans, and per year two versions of
the region's results contract. Made like the demo makes them (the template builder, then filled with
openpyxl as a user would), in parallel under ``nice -n 19``, cached in --cache (made once, reused, not
timed). The groups (a municipality's year, a contract's year) are shuffled once with a fixed seed and N
takes the first N files, so every N mixes kinds, versions and years.

Measured for each N in one session: the calamine floor (python-calamine opens every file and reads every
sheet, one process); the pandas + openpyxl loop on a sample of --sample files, scaled to N (said so); and
on each backend (a SQLite file; PostgreSQL in a fresh schema, dropped afterwards, when --pg or
TOOLKIT_TEST_PG_URL gives a URL): the full consolidation (``toolkit.workflows.consolidate.run`` with a
fresh ledger, archive and output), a re-run with nothing new, and one new file dropped into the full
ledger's inbox (each repeat a different file). Every consolidation runs in a fresh Python process (as a
scheduled ``toolkit consolidate`` does), timed inside it around ``run`` alone (the interpreter's start
and the imports are not counted); its peak memory is the largest total PSS of that process and its
workers, so N = 1,000, 3,000 and 10,000 are measured alike.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import functools
import io
import multiprocessing
import os
import random
import resource
import shutil
import sys
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT)]

from common import PeakMemory, calamine_floor, pandas_loop, timed

from toolkit.config import Config, load_config

MUNICIPALITIES = 357  # Norway's count (2024); the names are made up
YEARS = tuple(range(2021, 2027))  # the ledger's history
FISCAL_YEAR = YEARS[-1]  # the year the consolidation counts
FIRST_1_1 = 2023  # submissions from this year on are template 1.1, before it 1.0
SEED = 14

TARGETS = {  # the targets (issue 14, "National scale")
    "floor": 1.5,  # full consolidation / calamine floor, on SQLite
    "peak_mb": 300,
    "rerun": 0.02,  # re-run with nothing new / full
    "new": 0.10,  # one new file into the full ledger / full
}


def names() -> dict[str, Decimal]:
    return {f"Kommune {i:03d}": Decimal(1000 + (i * 7919) % 90000) for i in range(MUNICIPALITIES)}


def national_config(root: Path, ledger_url: str = "", year: int = FISCAL_YEAR) -> Config:
    base = load_config(ROOT / "config.ini")
    return dataclasses.replace(
        base,
        municipalities=names(),
        contacts={},
        fiscal_year=year,
        deadline=dt.date(year + 1, 3, 1),
        inbox=(root / "inbox",),
        archive=root / "archive",
        output=root / "output",
        ledger=root / "output" / "ledger.sqlite",
        ledger_url=ledger_url,
        templates=root / "templates",
    )


# The files ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Item:
    """One file to make: ``version`` of ``versions`` of ``owner``'s ``kind`` for ``year`` ("" owner: the region)."""

    kind: str
    owner: str
    year: int
    version: int
    versions: int
    tag: str = ""  # set for the extra files that arrive one at a time

    @property
    def name(self) -> str:
        last = f" {self.tag}" if self.tag else f" v{self.version}"
        return f"{self.kind} {self.owner or 'region'} {self.year}{last}.xlsx"


def _count(name: str, year: int, salt: str, most: int) -> int:
    return 1 + zlib.crc32(f"{name}:{year}:{salt}".encode()) % most


def groups() -> list[list[Item]]:
    """Every file of the national ledger, in groups made one after the other (so versions are saved in order)."""
    out = []
    for year in YEARS:
        out.append([Item("contract", "", year, v, 2) for v in (1, 2)])
        for name in names():
            group = []
            for kind, most in (("submission", 3), ("report", 2), ("plan", 2)):
                k = _count(name, year, kind, most)
                group += [Item(kind, name, year, v, k) for v in range(1, k + 1)]
            out.append(group)
    random.Random(SEED).shuffle(out)
    return out


def plan(n: int) -> list[list[Item]]:
    """The groups whose files are the first ``n``; the last group is cut at ``n``."""
    out, total = [], 0
    for group in groups():
        if total >= n:
            break
        out.append(group[: n - total])
        total += len(out[-1])
    if total < n:
        raise SystemExit(f"the national plan holds {total} files; --n {n} is more")
    return out


def extras(k: int) -> list[Item]:
    """``k`` new files that arrive one at a time: a corrected submission of this year, each another municipality's."""
    return [Item("submission", name, FISCAL_YEAR, 9, 9, tag="corrected") for name in list(names())[:k]]


def _make(item: Item, path: Path) -> None:
    from toolkit.adapters.excel.build import build_workbook
    from toolkit.data import samples
    from toolkit.spec import spec_for
    from toolkit.workflows.templates import options_for, submission_prefill
    from toolkit_demo.demo import submission_values
    from toolkit_demo.fill import fill_workbook

    cfg = _year_config(item.year)
    year, name, last = item.year, item.owner, item.version == item.versions
    version = "1.0" if item.kind == "submission" and year < FIRST_1_1 else None
    spec = spec_for(item.kind, version)
    prefill = None
    if item.kind == "submission":
        prefill = submission_prefill(cfg, name, samples.CONTRACT_GOALS, samples.MUNICIPAL_GOALS)
        targets = {r["goal_no"]: r["target"] for r in prefill.tables["tblResults"]}
        form, tables = submission_values(name, targets, year)
        if spec.version == "1.0":
            form.pop("contact_phone")
        if item.tag:
            form["contact_name"] += " (rettet)"
        if not last:  # an earlier version, sent before it was complete: invalid
            form, tables = {"contact_name": f"{form['contact_name']} (udkast {item.version})"}, {}
    elif item.kind == "report":
        rows = [dict(zip(("sub_goal", "goal_text", "met_by", "when", "status"), r)) for r in samples.NORDDJURS_REPORT]
        form = {
            "municipality": name,
            "plan_title": f"Erhvervsplan {name} {year}",
            "period_start": dt.date(year, 1, 1),
            "period_end": dt.date(year, 12, 31),
            "report_date": dt.date(year + 1, 1, 10 + item.version),
        }
        tables = {"tblReport": rows if last else rows[: len(rows) // 2]}
    elif item.kind == "plan":
        scale = 1 if last else 2
        form = samples.PLAN_HEAD | {
            "programme": f"Næringsplan {name} {year}",
            "owner": f"{name} kommune",
            "year": year,
            "period_start": dt.date(year, 1, 1),
            "period_end": dt.date(year + 2, 12, 31),
        }
        tables = {
            "tblAreas": [{"area_no": a, "area_name": n} for a, n, *_ in samples.PLAN_AREAS],
            "tblMeasures": [
                {"area_no": a, "letter": "A", "measure": "Proaktivt arbeid", "budget": b * scale, "granted": g}
                for a, _, b, g, _ in samples.PLAN_AREAS
            ],
            "tblJobs": [
                {"area_no": a, "year": year, "jobs_target": j, "jobs_achieved": j - 1}
                for a, _, _, _, j in samples.PLAN_AREAS
                if j
            ],
            "tblFinancing": [
                {"source": s, "share": sh, "amount": am, "paid_share": p} for s, sh, am, p in samples.PLAN_FINANCING
            ],
        }
    else:  # the region's results contract
        form = samples.CONTRACT_HEAD | {
            "year": year,
            "version": f"{item.version}.0",
            "council_approved": dt.date(year, 3, 15),
            "hub_approved": dt.date(year, 3, 28),
            "period_start": dt.date(year, 1, 1),
            "period_end": dt.date(year, 12, 31),
        }
        tables = {"tblGoals": samples.reported_goals(dt.date(year, 12, 31)), "tblSubTargets": samples.SUB_TARGETS}
    blank = io.BytesIO()
    build_workbook(spec, blank, options_for(cfg, municipality=name), prefill)
    blank.seek(0)
    tmp = path.with_name(f".{path.name}.tmp")
    fill_workbook(blank, tmp, spec, cfg.language, form, tables)
    os.replace(tmp, path)


@functools.cache
def _year_config(year: int) -> Config:
    return national_config(Path("/nonexistent"), year=year)


def _make_group(args: tuple[list[Item], Path]) -> int:
    group, cache = args
    made = 0
    for item in group:
        path = cache / item.name
        if not path.exists():
            _make(item, path)
            made += 1
    return made


def generate(todo: list[list[Item]], cache: Path) -> list[Path]:
    """The files of ``todo`` in ``cache``, made where missing (in parallel, at the lowest priority)."""
    cache.mkdir(parents=True, exist_ok=True)
    missing = [g for g in todo if any(not (cache / i.name).exists() for i in g)]
    if missing:
        count = sum(len(g) for g in missing)
        print(f"  making up to {count} files in {cache} (nice 19, not timed) ...", flush=True)
        start, made, shown = time.perf_counter(), 0, 0
        with multiprocessing.get_context("fork").Pool(initializer=os.nice, initargs=(19,)) as pool:
            for k in pool.imap_unordered(_make_group, [(g, cache) for g in missing]):
                made += k
                if made - shown >= 1000:
                    print(f"    {made} made, {time.perf_counter() - start:.0f} s", flush=True)
                    shown = made
        print(f"  made {made} files in {time.perf_counter() - start:.1f} s", flush=True)
    return [cache / i.name for g in todo for i in g]


# One consolidation in a fresh process -------------------------------------------------------------------


def _consolidate(cfg: Config, conn, profile: bool) -> None:
    """In a fresh process: one run, timed around ``run`` alone; sends (wall s, CPU s of it and its workers, counts)."""
    from toolkit.workflows.consolidate import run

    if profile:
        import cProfile

        prof = cProfile.Profile()
        prof.enable()
    before = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    summary = run(cfg, settle_seconds=0, progress=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = sum(a.ru_utime + a.ru_stime - b.ru_utime - b.ru_stime for a, b in zip(after, before))
    if profile:
        import pstats

        prof.disable()
        pstats.Stats(prof).sort_stats("cumtime").print_stats(30)
        sys.stdout.flush()
    counts = {k: getattr(summary, k) for k in ("seen", "new", "skipped", "invalid")}
    counts["valid"] = len(summary.valid)
    counts["left_out"] = len(summary.left_out)
    conn.send((wall, cpu, counts))
    conn.close()


@dataclass
class Measured:
    wall: float
    cpu: float
    peak_mb: float
    counts: dict


def consolidate(cfg: Config, profile: bool = False) -> Measured:
    mp = multiprocessing.get_context("spawn")
    ours, theirs = mp.Pipe()
    proc = mp.Process(target=_consolidate, args=(cfg, theirs, profile))
    proc.start()
    theirs.close()
    with PeakMemory(root=proc.pid) as mem:
        wall, cpu, counts = ours.recv()
    proc.join()
    return Measured(wall, cpu, mem.peak / 2**20, counts)


def best(label: str, fn: Callable[[], Measured], repeat: int, reset: Callable[[int], None] | None = None) -> Measured:
    """The fastest of ``repeat`` runs (``reset(i)`` untimed before run i), with the largest peak memory of them."""
    runs = []
    for i in range(repeat):
        if reset is not None:
            reset(i)
        runs.append(fn())
    fastest = min(runs, key=lambda m: m.wall)
    fastest = dataclasses.replace(fastest, peak_mb=max(m.peak_mb for m in runs))
    print(
        f"  {label:<48} {fastest.wall:8.2f} s  {fastest.cpu:7.1f} s CPU  {fastest.peak_mb:5.0f} MB  (best of {repeat})",
        flush=True,
    )
    return fastest


# PostgreSQL ----------------------------------------------------------------------------------------------


class Schemas:
    """Fresh schemas in the PostgreSQL database of ``url`` (as tests/pgtest.py makes them), all dropped at the end."""

    def __init__(self, url: str):
        sys.path.insert(0, str(ROOT / "tests"))
        import pgtest

        os.environ[pgtest.ENV] = url
        self.pgtest, self.made = pgtest, []

    def fresh(self) -> str:
        schema, url = self.pgtest.fresh_schema()
        self.made.append(schema)
        return url

    def drop_all(self) -> None:
        while self.made:
            self.pgtest.drop_schema(self.made.pop())


# The benchmark ----------------------------------------------------------------------------------------------


def on_backend(
    backend: str, root: Path, files: list[Path], new: list[Path], args, schemas: Schemas | None
) -> dict[str, Measured]:
    n = len(files)
    state: dict[str, Config] = {}

    def fresh(_: int) -> None:
        shutil.rmtree(root, ignore_errors=True)
        if schemas is not None:
            schemas.drop_all()
        cfg = state["cfg"] = national_config(root, schemas.fresh() if schemas else "")
        cfg.inbox[0].mkdir(parents=True)
        for f in files:
            os.link(f, cfg.inbox[0] / f.name)

    def arrive(i: int) -> None:
        os.link(new[i], state["cfg"].inbox[0] / new[i].name)

    print(f"  {backend}:", flush=True)
    full = best(
        "full consolidation (fresh ledger and archive)",
        lambda: consolidate(state["cfg"], args.profile),
        args.repeat,
        fresh,
    )
    assert full.counts["new"] == n, full.counts
    rerun = best("re-run with nothing new", lambda: consolidate(state["cfg"]), args.repeat)
    assert rerun.counts["new"] == 0 and rerun.counts["skipped"] == n, rerun.counts
    one = best(f"one new file into the {n:,}-file ledger", lambda: consolidate(state["cfg"]), args.repeat, arrive)
    assert one.counts["new"] == 1, one.counts
    print(
        f"    {full.counts['valid']} of {MUNICIPALITIES} municipalities valid for {FISCAL_YEAR};"
        f" {full.counts['invalid']} invalid files, {full.counts['left_out']} left out (other years)",
        flush=True,
    )
    return {"full": full, "rerun": rerun, "new": one}


def _pandas_child(sample: list[Path], conn) -> None:
    import pandas  # noqa: F401  (imported before the clock starts, as in bench_consolidate's loop after its first file)

    start = time.perf_counter()
    pandas_loop(sample)
    conn.send(time.perf_counter() - start)


def pandas_sample(files: list[Path], size: int) -> tuple[float, int]:
    """The pandas + openpyxl loop over an even sample of ``files``, in another process (its memory stays there)."""
    step = max(1, len(files) // size)
    sample = files[::step][:size]
    mp = multiprocessing.get_context("spawn")
    ours, theirs = mp.Pipe()
    proc = mp.Process(target=_pandas_child, args=(sample, theirs))
    proc.start()
    seconds = ours.recv()
    proc.join()
    return seconds, len(sample)


def bench(n: int, args, pg_url: str | None) -> dict:
    todo = plan(n)
    files = generate([*todo, *([i] for i in extras(args.repeat))], args.cache)
    files, new = files[:n], files[n:]
    kinds: dict[str, int] = {}
    for g in todo:
        for i in g:
            kinds[i.kind] = kinds.get(i.kind, 0) + 1
    size = sum(f.stat().st_size for f in files) / 2**20
    print(f"N = {n:,}: {size:.0f} MB; " + ", ".join(f"{v:,} {k}" for k, v in sorted(kinds.items())), flush=True)
    cpu = time.process_time()
    floor, _ = timed("calamine floor (open + to_python, 1 process)", lambda: calamine_floor(files), args.repeat)
    floor_cpu = (time.process_time() - cpu) / args.repeat
    seconds, k = pandas_sample(files, args.sample)
    pandas = seconds * n / k
    print(f"  pandas + openpyxl loop, {k} files: {seconds:.2f} s, scaled to {n:,}: {pandas:8.1f} s  (scaled)")
    out: dict = {"n": n, "floor": floor, "floor_cpu": floor_cpu, "pandas": pandas, "sample": k}
    backends = [("sqlite", None)] + ([("postgresql", pg_url)] if pg_url else [])
    for backend, url in backends:
        schemas = Schemas(url) if url else None
        try:
            out[backend] = on_backend(backend, args.work / f"n{n}-{backend}", files, new, args, schemas)
        finally:
            if schemas is not None:
                schemas.drop_all()
        shutil.rmtree(args.work / f"n{n}-{backend}", ignore_errors=True)
    return out


def _verdict(ok: bool) -> str:
    return "met" if ok else "MISSED"


def summary(results: list[dict]) -> None:
    print("\nAgainst the issue's targets:")
    for r in results:
        n, floor = r["n"], r["floor"]
        print(
            f"N = {n:,} (calamine floor {floor:.2f} s; pandas loop {r['pandas']:.1f} s, scaled from {r['sample']} files)"
        )
        for backend in ("sqlite", "postgresql"):
            m = r.get(backend)
            if m is None:
                continue
            full, rerun, new = m["full"].wall, m["rerun"].wall, m["new"].wall
            ratio = full / floor
            line = f"  {backend:<10} full {full:7.2f} s  = {ratio:5.2f} x floor"
            if backend == "sqlite":
                line += f" (target <= {TARGETS['floor']}: {_verdict(ratio <= TARGETS['floor'])})"
            print(line)
            print(
                f"             CPU seconds (less disturbed by other work): full {m['full'].cpu:.1f} (run and workers),"
                f" floor {r['floor_cpu']:.1f}; re-run {m['rerun'].cpu / m['full'].cpu:.2%},"
                f" one new file {m['new'].cpu / m['full'].cpu:.2%} of the full run's"
            )
            print(f"             pandas / full {r['pandas'] / full:6.1f} x")
            peak = max(x.peak_mb for x in m.values())
            print(
                f"             peak memory {peak:5.1f} MB (target < {TARGETS['peak_mb']}: {_verdict(peak < TARGETS['peak_mb'])})"
            )
            print(
                f"             re-run {rerun:6.2f} s = {rerun / full:6.2%} of full"
                f" (target < {TARGETS['rerun']:.0%}: {_verdict(rerun / full < TARGETS['rerun'])})"
            )
            print(
                f"             one new file {new:6.2f} s = {new / full:6.2%} of full"
                f" (target < {TARGETS['new']:.0%}: {_verdict(new / full < TARGETS['new'])})"
            )
    for backend in ("sqlite", "postgresql"):
        peaks = [(r["n"], max(x.peak_mb for x in r[backend].values())) for r in results if backend in r]
        if len(peaks) > 1:
            print(f"  peak memory in N, {backend}: " + ", ".join(f"{n:,}: {p:.1f} MB" for n, p in peaks))


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--n", type=int, action="append", help="files (repeatable; default 1,000, 3,000 and 10,000)")
    p.add_argument(
        "--pg", help="a PostgreSQL URL to measure too (default: TOOLKIT_TEST_PG_URL); fresh schemas, dropped"
    )
    p.add_argument("--work", type=Path, default=Path("/tmp/toolkit-bench-national"))
    p.add_argument("--cache", type=Path, default=Path("/tmp/toolkit-bench-national-cache"))
    p.add_argument("--sample", type=int, default=200, help="files the pandas loop reads (scaled to N)")
    p.add_argument("--repeat", type=int, default=1, help="timed runs per measurement; the fastest counts")
    p.add_argument("--profile", action="store_true", help="profile the full consolidation (its own process)")
    p.add_argument("--make-only", action="store_true", help="only make the files of the largest --n (and time it)")
    args = p.parse_args()
    if args.make_only:
        n = max(args.n or [10000])
        generate([*plan(n), *([i] for i in extras(args.repeat))], args.cache)
        return
    pg_url = args.pg or os.environ.get("TOOLKIT_TEST_PG_URL")
    load = os.getloadavg()
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    print(f"backends: sqlite{', postgresql' if pg_url else ' (no --pg or TOOLKIT_TEST_PG_URL: PostgreSQL left out)'}")
    start = time.perf_counter()
    results = [bench(n, args, pg_url) for n in args.n or [1000, 3000, 10000]]
    summary(results)
    load = os.getloadavg()
    print(f"\nwall time {time.perf_counter() - start:.0f} s; load at the end {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")


if __name__ == "__main__":
    main()
