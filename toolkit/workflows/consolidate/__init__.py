"""Consolidation on a schedule: every submission into a ledger and one consolidated workbook.

summary = run(cfg)            # scan the inbox, record, write output/consolidated_<year>.xlsx
data = gather(cfg)            # the Consolidated figures the council deck is built from
history(cfg, "Horsens")       # every version a municipality sent
reminders(cfg)                # who has no valid submission by the deadline
send_reminders(cfg, now=now)  # e-mail them through [smtp], recorded in the ledger
"""

from __future__ import annotations

from toolkit.adapters.store.lock import Busy
from toolkit.workflows.consolidate.gather import gather, gather_all
from toolkit.workflows.consolidate.history import Version, history
from toolkit.workflows.consolidate.pipeline import run
from toolkit.workflows.consolidate.reminders import Reminder, reminders, write_reminders
from toolkit.workflows.consolidate.reminders_mail import send_reminders
from toolkit.workflows.consolidate.report import RunSummary
from toolkit.workflows.consolidate.workbook import output_path

__all__ = [
    "Busy",
    "Reminder",
    "RunSummary",
    "Version",
    "consolidate_demo",
    "gather",
    "gather_all",
    "history",
    "output_path",
    "reminders",
    "run",
    "send_reminders",
    "write_reminders",
]


def consolidate_demo(cfg, say=print) -> RunSummary:
    """Consolidate the demo inbox into the output folder and say what happened, invalid and missing included.

    The demo has just written its files and closed them, so nothing needs to settle.
    """
    summary = run(cfg, settle_seconds=0)
    for line in summary.lines(cfg.language):
        say(line)
    return summary
