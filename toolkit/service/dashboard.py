"""The coordinator's overview: one row per municipality of the region from the ledger."""

from __future__ import annotations

import datetime as dt

from toolkit.config import Config
from toolkit.service.messages import say
from toolkit.workflows.consolidate.gather import gather_all, shown_entry


def dashboard_rows(cfg: Config, today: dt.date) -> tuple[list[dict], str]:
    """Rows (municipality, state, received, errors, warnings, days) and the counts line.

    ``days``: the days left to the deadline for a municipality that still owes a valid submission ("passed"
    after it, in the configured language); blank for one that has delivered, or without a deadline."""
    g = gather_all(cfg, figures=False)
    left = None if cfg.deadline is None else (cfg.deadline - today).days
    owed: int | str = "" if left is None else left if left >= 0 else say("dash.overdue", cfg.language)
    rows = []
    for sub in g.data.submissions:
        entry = shown_entry(g, sub.municipality)
        received = entry.received_at.astimezone().strftime("%Y-%m-%d %H:%M") if entry else ""
        rows.append(
            {
                "municipality": sub.municipality,
                "state": sub.state,
                "received": received,
                "errors": sub.errors,
                "warnings": sub.warnings,
                "days": "" if sub.state == "valid" else owed,
            }
        )
    n = {s: sum(1 for r in rows if r["state"] == s) for s in ("valid", "invalid", "unreadable", "missing")}
    counts = say(
        "dash.counts",
        cfg.language,
        valid=n["valid"],
        invalid=n["invalid"] + n["unreadable"],
        missing=n["missing"],
        total=len(rows),
    )
    return rows, counts
