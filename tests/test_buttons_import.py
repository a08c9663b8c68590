"""A click starts a fresh Python: the handlers module must import fast and leave the heavy libraries alone."""
from __future__ import annotations

import subprocess
import sys

HEAVY = ("xlwings", "pandas", "numpy", "openpyxl", "pptx", "xlsxwriter", "python_calamine", "toolkit.validate",
         "toolkit.consolidate", "toolkit.deck")


def test_importing_the_handlers_loads_no_heavy_library():
    code = ("import sys, toolkit.buttons.handlers; "
            f"print(','.join(m for m in {HEAVY!r} if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_importing_the_handlers_takes_well_under_three_tenths_of_a_second():
    out = subprocess.run([sys.executable, "-X", "importtime", "-c", "import toolkit.buttons.handlers"],
                         capture_output=True, text=True, check=True)
    cumulative = {line.rsplit("|", 1)[1].strip(): int(line.split("|")[1]) for line in out.stderr.splitlines()
                  if line.startswith("import time:") and "|" in line and line.split("|")[1].strip().isdigit()}
    assert cumulative["toolkit.buttons.handlers"] < 300_000   # microseconds
