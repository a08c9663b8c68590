"""The locks of the consolidation's ledger: one run at a time, and one sender of reminders at a time.

On PostgreSQL they are the database's advisory locks (shared by every machine that uses the ledger); on
SQLite, OS file locks beside the ledger file. Either is dropped when its process dies.
"""

from __future__ import annotations

from pathlib import Path

from toolkit.adapters.store.lock import RunLock
from toolkit.adapters.store.pglock import AdvisoryLock
from toolkit.config import Config


def lock_path(cfg: Config) -> Path:
    return cfg.ledger.with_name(cfg.ledger.name + ".lock")


def run_lock(cfg: Config) -> RunLock | AdvisoryLock:
    """The database's advisory lock for a PostgreSQL ledger (shared by machines), else a file beside the SQLite file."""
    return AdvisoryLock(cfg.ledger_url) if cfg.ledger_url else RunLock(lock_path(cfg))


def mail_lock(cfg: Config) -> RunLock | AdvisoryLock:
    """Held while reminders are sent, so two coordinators sending at once cannot both mail a municipality:
    the second waits for nothing and is told (Busy); when it tries again, the first one's are "recent"."""
    if cfg.ledger_url:
        return AdvisoryLock(cfg.ledger_url, purpose="mail")
    return RunLock(mail_lock_path(cfg), busy="consolidate.mail.busy")


def mail_lock_path(cfg: Config) -> Path:
    return cfg.ledger.with_name(cfg.ledger.name + ".mail.lock")


__all__ = ["lock_path", "mail_lock", "mail_lock_path", "run_lock"]
