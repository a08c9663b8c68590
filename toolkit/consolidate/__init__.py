"""Consolidation on a schedule: every submission into a ledger and one consolidated workbook.

    summary = run(cfg)            # scan the inbox, record, write output/consolidated_<year>.xlsx
    data = gather(cfg)            # the Consolidated figures the council deck is built from
    history(cfg, "Horsens")       # every version a municipality sent
    reminders(cfg)                # who has no valid submission by the deadline
"""
from __future__ import annotations

from toolkit.consolidate.book import output_path
from toolkit.consolidate.gather import gather, gather_all
from toolkit.consolidate.history import Version, history
from toolkit.consolidate.lock import Busy
from toolkit.consolidate.pipeline import run
from toolkit.consolidate.reminders import Reminder, reminders, write_reminders
from toolkit.consolidate.summary import RunSummary

__all__ = ["run", "gather", "gather_all", "history", "Version", "reminders", "Reminder", "write_reminders",
           "RunSummary", "Busy", "output_path", "consolidate_demo"]


def consolidate_demo(cfg, say=print) -> RunSummary:
    """Consolidate the demo inbox into the output folder and say what happened, invalid and missing included.

    The demo has just written its files and closed them, so nothing needs to settle.
    """
    summary = run(cfg, settle_seconds=0)
    for line in summary.lines(cfg.language):
        say(line)
    return summary
