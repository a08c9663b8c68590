"""How long a button click takes: Python start, importing the handlers, and a Check on a 19-municipality submission.

Every click starts a fresh Python (RunPython), so start-up and imports count.
Figures are medians, and each is also given as a multiple of ``python -c pass``
measured in the same session, so machines can be compared.

    .venv/bin/python bench/bench_click.py [--runs 7]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The project's RemoteBook (what the service uses) stands in for Excel here: no xlwings is imported.
ENV = dict(os.environ)

CLICK = """
import sys, time
start = time.perf_counter()
import toolkit.buttons.handlers as h
from toolkit.service.xlwings_remote import RemoteBook
from toolkit_demo.remote import payload_from_file
book = RemoteBook(payload_from_file(sys.argv[1]))
outcome = h.check(book)
assert outcome.errors == 1, outcome
"""


def _median_run(args: list[str], runs: int, env=None) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(args, check=True, capture_output=True, env=env or ENV)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _import_time_us(module: str) -> int:
    out = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", f"import {module}"],
        check=True,
        capture_output=True,
        text=True,
        env=ENV,
    ).stderr
    for line in out.splitlines():
        if line.startswith("import time:") and line.rsplit("|", 1)[1].strip() == module:
            return int(line.split("|")[1])
    raise LookupError(module)


def _workbook(folder: Path) -> tuple[Path, Path]:
    """A config.ini in ``folder`` and a filled submission .xlsm of Odder (one error: 'ca. 50')."""
    from toolkit.adapters.excel.build import build_workbook
    from toolkit.buttons.xlsm import xlsm_options
    from toolkit.config import load_config
    from toolkit.data import samples
    from toolkit.spec import SPECS
    from toolkit.workflows.templates import submission_prefill
    from toolkit_demo import demo
    from toolkit_demo.fill import fill_workbook

    ini = folder / "config.ini"
    shutil.copy(ROOT / "config.ini", ini)
    cfg = load_config(ini)
    (folder / "output" / "inbox").mkdir(parents=True)
    name = "Odder"
    pre = submission_prefill(cfg, name, samples.CONTRACT_GOALS, samples.MUNICIPAL_GOALS)
    blank = folder / "blank.xlsm"
    build_workbook(SPECS["submission"], str(blank), xlsm_options(cfg, "submission", "da", municipality=name), pre)
    form, tables = demo.submission_values(
        name, {r["goal_no"]: r["target"] for r in pre.tables["tblResults"]}, cfg.fiscal_year
    )
    path = folder / f"Indberetning {name}.xlsm"
    fill_workbook(blank, path, SPECS["submission"], "da", form, tables)
    return ini, path


def main(argv=None) -> dict[str, float]:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--runs", type=int, default=7)
    runs = p.parse_args(argv).runs
    py = sys.executable
    with tempfile.TemporaryDirectory() as tmp:
        ini, book = _workbook(Path(tmp))
        env = {**ENV, "TOOLKIT_CONFIG": str(ini)}
        base = _median_run([py, "-c", "pass"], runs)
        figures = {
            "python -c pass": base,
            "import toolkit.buttons.handlers": _median_run([py, "-c", "import toolkit.buttons.handlers"], runs),
            "import xlwings (RunPython does this anyway)": _median_run([py, "-c", "import xlwings"], runs),
            "click: start, imports, Check (subprocess)": _median_run([py, "-c", CLICK, str(book)], runs, env),
        }
        os.environ["TOOLKIT_CONFIG"] = str(ini)
        import toolkit.buttons.handlers as h
        from toolkit.service.xlwings_remote import RemoteBook
        from toolkit_demo.remote import payload_from_file

        times = []
        for _ in range(runs):
            start = time.perf_counter()
            outcome = h.check(RemoteBook(payload_from_file(book)))
            times.append(time.perf_counter() - start)
            assert outcome.errors == 1, outcome
        figures["Check in process (payload, book, validate, write back)"] = statistics.median(times)
    handlers_us = _import_time_us("toolkit.buttons.handlers")
    width = max(map(len, figures))
    print(f"{'what':<{width}}  {'seconds':>8}  {'x pass':>7}")
    for what, secs in figures.items():
        print(f"{what:<{width}}  {secs:8.3f}  {secs / base:7.1f}")
    print(f"\n-X importtime, toolkit.buttons.handlers cumulative: {handlers_us / 1e6:.3f} s (limit 0.3 s)")
    figures["importtime handlers"] = handlers_us / 1e6
    return figures


if __name__ == "__main__":
    main()
