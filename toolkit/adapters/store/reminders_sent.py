"""The ledger's record of reminder e-mails: one row per attempt, created on first use so older ledgers open."""
from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass

from toolkit.adapters.store.ledger import Ledger

SCHEMA = """CREATE TABLE IF NOT EXISTS reminders_sent (
    id INTEGER PRIMARY KEY AUTOINCREMENT, sent_at TEXT NOT NULL, municipality TEXT NOT NULL,
    address TEXT NOT NULL, message_id TEXT NOT NULL, outcome TEXT NOT NULL, detail TEXT NOT NULL DEFAULT '')"""


@dataclass(frozen=True)
class SentReminder:
    """One attempt to send a reminder (read-only). ``outcome``: sent, refused or failed (``detail`` says why)."""

    sent_at: dt.datetime
    municipality: str
    address: str
    message_id: str
    outcome: str
    detail: str = ""


def record(ledger: Ledger, item: SentReminder) -> None:
    """Add one attempt at once, in its own transaction: a run that dies later has still recorded it."""
    with ledger.transaction():
        ledger.db.execute(SCHEMA)
        ledger.db.execute("INSERT INTO reminders_sent (sent_at, municipality, address, message_id, outcome, detail)"
                          " VALUES (?,?,?,?,?,?)", (item.sent_at.isoformat(), item.municipality, item.address,
                                                    item.message_id, item.outcome, item.detail))


def sent(ledger: Ledger | None, municipality: str | None = None) -> list[SentReminder]:
    """Every attempt, oldest first (one municipality's with ``municipality``); none in a ledger without the table."""
    if ledger is None:
        return []
    sql = "SELECT sent_at, municipality, address, message_id, outcome, detail FROM reminders_sent"
    try:
        rows = (ledger.db.execute(sql + " ORDER BY id") if municipality is None else
                ledger.db.execute(sql + " WHERE municipality = ? ORDER BY id", (municipality,))).fetchall()
    except sqlite3.OperationalError as exc:
        if "no such table" in str(exc):
            return []
        raise
    return [SentReminder(dt.datetime.fromisoformat(r[0]), *r[1:]) for r in rows]


def last_sent(ledger: Ledger | None, municipality: str) -> dt.datetime | None:
    """When ``municipality`` was last sent a reminder the server accepted; None when never."""
    times = [s.sent_at for s in sent(ledger, municipality) if s.outcome == "sent"]
    return max(times) if times else None


__all__ = ["SentReminder", "record", "sent", "last_sent", "SCHEMA"]
