"""The ledger's record of reminder e-mails: one row per attempt, created on first use so older ledgers open."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from toolkit.adapters.store.ledger import Ledger
from toolkit.adapters.store.schema import reminders_sent as table


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
    with ledger.transaction() as conn:
        conn.execute(
            table.insert().values(
                sent_at=item.sent_at.isoformat(),
                municipality=item.municipality,
                address=item.address,
                message_id=item.message_id,
                outcome=item.outcome,
                detail=item.detail,
            )
        )


def sent(ledger: Ledger | None, municipality: str | None = None) -> list[SentReminder]:
    """Every attempt, oldest first (one municipality's with ``municipality``); none in a ledger without the table."""
    if ledger is None:
        return []
    if not ledger.has_table("reminders_sent"):  # a ledger opened read-only is not migrated
        return []
    query = select(
        table.c.sent_at, table.c.municipality, table.c.address, table.c.message_id, table.c.outcome, table.c.detail
    ).order_by(table.c.id)
    if municipality is not None:
        query = query.where(table.c.municipality == municipality)
    rows = ledger.rows(query)
    return [SentReminder(dt.datetime.fromisoformat(r[0]), *r[1:]) for r in rows]


def last_sent(ledger: Ledger | None, municipality: str) -> dt.datetime | None:
    """When ``municipality`` was last sent a reminder the server accepted; None when never."""
    times = [s.sent_at for s in sent(ledger, municipality) if s.outcome == "sent"]
    return max(times) if times else None


__all__ = ["SentReminder", "last_sent", "record", "sent"]
