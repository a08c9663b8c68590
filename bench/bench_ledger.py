"""Time the ledger alone: recording N versions in batches as a consolidation does, then reading them back.

    .venv/bin/python bench/bench_ledger.py --n 1000                      # SQLite
    .venv/bin/python bench/bench_ledger.py --n 1000 --pg URL             # and PostgreSQL
    .venv/bin/python bench/bench_ledger.py --n 1000 --baseline OLD/toolkit/adapters/store/ledger.py

Each version has a 6 kB records JSON and three findings; batches of 256 in one transaction each, with a
sighting per file, in one statement per batch where the ledger has ``see_many`` (what pipeline._record does). ``--baseline`` loads another ledger.py (e.g. the
sqlite3 one before SQLAlchemy) and times it on the same rows. Wall and CPU time, best of --repeat.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT)]

from toolkit.adapters.store import ledger as current

T0 = dt.datetime(2020, 2, 3, 10, 0, tzinfo=dt.timezone.utc)
RECORDS = '{"goals": [' + ",".join(f'{{"id": "{i}", "target": "1800", "actual": "1712.50"}}' for i in range(120)) + "]}"
FINDINGS = [
    ("warning", "Resultater", f"C{r}", "actual", "ca. 50", "numbers.text", "Skriv kun tallet.") for r in (7, 9, 11)
]


def record(module, target, n: int) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    with module.Ledger(target) as ledger:
        run = ledger.start_run(T0, 1)
        batched = hasattr(ledger, "see_many")
        many = hasattr(ledger, "add_submissions")  # one statement per batch, as pipeline._record does
        for start in range(0, n, 256):
            with ledger.transaction():
                seen, versions = [], []
                for i in range(start, min(n, start + 256)):
                    sha = f"{i:064x}"
                    version = dict(
                        sha256=sha,
                        size=20000,
                        file_name=f"Kommune {i}.xlsx",
                        source_path=f"/inbox/Kommune {i}.xlsx",
                        mtime=T0,
                        received_at=T0,
                        run_id=run,
                        state="valid",
                        kind="submission",
                        template_version="1.0",
                        municipality=f"Kommune {i:04d}",
                        language="da",
                        name_hint=None,
                        submitted_date=None,
                        saved_at=None,
                        findings=list(FINDINGS),
                        records=RECORDS,
                    )
                    if many:
                        versions.append(version)
                    else:
                        ledger.add_submission(**version)
                    if batched:
                        seen.append((f"/inbox/Kommune {i}.xlsx", 20000, 10**18 + i, sha, None))
                    else:
                        ledger.see(f"/inbox/Kommune {i}.xlsx", 20000, 10**18 + i, sha, T0)
                if many:
                    ledger.add_submissions(versions)
                if batched:
                    ledger.see_many(seen, T0)
        ledger.finish_run(run, T0, {"new": n}, "out.xlsx")
    return time.perf_counter() - wall, time.process_time() - cpu


def read(module, target) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    with module.open_readonly(target) as ledger:
        entries = ledger.entries()
        ledger.records([e.id for e in entries])
        ledger.findings()
        ledger.sightings()
    return time.perf_counter() - wall, time.process_time() - cpu


def best(fn, repeat: int) -> tuple[float, float]:
    return min((fn() for _ in range(repeat)), key=lambda t: t[0])


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--n", type=int, default=1000)
    p.add_argument("--pg", help="a PostgreSQL URL to measure too (the tables are made in a fresh schema)")
    p.add_argument("--baseline", type=Path, help="another ledger.py to time beside this one (on each backend)")
    p.add_argument("--repeat", type=int, default=3)
    args = p.parse_args()
    modules = [("sqlite", current)]
    if args.baseline:
        spec = importlib.util.spec_from_file_location("baseline_ledger", args.baseline)
        old = sys.modules["baseline_ledger"] = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(old)
        modules.insert(0, ("sqlite, baseline", old))
    print(f"python {sys.version.split()[0]}, N = {args.n}")
    for name, module in modules:

        def rec(module=module):
            with tempfile.TemporaryDirectory() as d:
                return record(module, Path(d) / "l.sqlite", args.n)

        with tempfile.TemporaryDirectory() as d:
            record(module, Path(d) / "l.sqlite", args.n)
            r = best(lambda module=module, d=d: read(module, Path(d) / "l.sqlite"), args.repeat)
        w = best(rec, args.repeat)
        print(f"  {name:18} record {w[0]:6.2f} s wall {w[1]:6.2f} s CPU   read {r[0]:6.2f} s wall {r[1]:6.2f} s CPU")
    if args.pg:
        sys.path.insert(0, str(ROOT / "tests"))
        import os

        import pgtest

        os.environ[pgtest.ENV] = args.pg

        for name, module in modules:

            def rec_pg(module=module):
                schema, url = pgtest.fresh_schema()
                try:
                    return record(module, url, args.n)
                finally:
                    pgtest.drop_schema(schema)

            schema, url = pgtest.fresh_schema()
            try:
                record(module, url, args.n)
                r = best(lambda module=module, url=url: read(module, url), args.repeat)
            finally:
                pgtest.drop_schema(schema)
            w = best(rec_pg, args.repeat)
            label = name.replace("sqlite", "postgresql")
            print(
                f"  {label:18} record {w[0]:6.2f} s wall {w[1]:6.2f} s CPU   read {r[0]:6.2f} s wall {r[1]:6.2f} s CPU"
            )


if __name__ == "__main__":
    main()
