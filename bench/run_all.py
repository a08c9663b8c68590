"""Run every benchmark in one session and print their figures (see BENCHMARKS.md for the targets)."""

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

for script in ("bench_click.py", "bench_deck.py", "bench_consolidate.py", "bench_service.py"):
    print(f"== {script}", flush=True)
    subprocess.run([sys.executable, str(HERE / script)], check=True)
