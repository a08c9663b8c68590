"""A click starts a fresh Python: the handlers module must leave the heavy libraries alone.

How long the import takes is measured in bench/bench_click.py, not here.
"""

from __future__ import annotations

import subprocess
import sys

HEAVY = (
    "xlwings",
    "babel",
    "pandas",
    "numpy",
    "openpyxl",
    "pptx",
    "xlsxwriter",
    "python_calamine",
    "toolkit.workflows.validate",
    "toolkit.workflows.consolidate",
    "toolkit.adapters.deck",
)


def test_importing_the_handlers_loads_no_heavy_library():
    code = f"import sys, toolkit.buttons.handlers; print(','.join(m for m in {HEAVY!r} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
