"""Municipality tokens: random, shown once, stored only as SHA-256 hashes in a table of the ledger database."""
from __future__ import annotations

import datetime as dt
import hashlib
import secrets
import sqlite3
from contextlib import closing
from dataclasses import dataclass

from toolkit.adapters.store.ledger import Ledger
from toolkit.config import Config

_SCHEMA = """CREATE TABLE IF NOT EXISTS service_tokens (
    hash TEXT PRIMARY KEY, municipality TEXT NOT NULL, created_at TEXT NOT NULL, revoked_at TEXT)"""


@dataclass(frozen=True)
class TokenRow:
    """One token as stored (its hash's first characters only, to tell them apart); read-only."""

    municipality: str
    hash_prefix: str
    created_at: str
    revoked_at: str | None


def digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _connect(cfg: Config) -> sqlite3.Connection:
    if not cfg.ledger.is_file():  # a ledger made here is a whole ledger, as a consolidation would make it
        Ledger(cfg.ledger).close()
    db = sqlite3.connect(cfg.ledger, isolation_level=None, timeout=30)
    db.execute("PRAGMA busy_timeout=30000")
    db.execute(_SCHEMA)
    return db


def _now() -> str:
    return dt.datetime.now().astimezone().replace(microsecond=0).isoformat()


def create(cfg: Config, municipalities: list[str]) -> dict[str, str]:
    """A new token per municipality (its earlier ones revoked); returns municipality -> token, shown once."""
    out = {}
    with closing(_connect(cfg)) as db:
        db.execute("BEGIN IMMEDIATE")
        try:
            for name in municipalities:
                token = secrets.token_urlsafe(32)
                stamp = _now()
                db.execute("UPDATE service_tokens SET revoked_at = ? WHERE municipality = ? AND revoked_at IS NULL",
                           (stamp, name))
                db.execute("INSERT INTO service_tokens VALUES (?, ?, ?, NULL)", (digest(token), name, stamp))
                out[name] = token
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")
    return out


def revoke(cfg: Config, municipality: str) -> int:
    """Revoke every active token of ``municipality``; returns how many."""
    with closing(_connect(cfg)) as db:
        cur = db.execute("UPDATE service_tokens SET revoked_at = ? WHERE municipality = ? AND revoked_at IS NULL",
                         (_now(), municipality))
        return cur.rowcount


def listing(cfg: Config) -> list[TokenRow]:
    with closing(_connect(cfg)) as db:
        rows = db.execute("SELECT municipality, hash, created_at, revoked_at FROM service_tokens"
                          " ORDER BY municipality, created_at").fetchall()
    return [TokenRow(m, h[:8], c, r) for m, h, c, r in rows]


def municipality_for(cfg: Config, token: str) -> str | None:
    """The municipality an active ``token`` belongs to; None for an unknown or revoked one."""
    if not token or len(token) > 200:
        return None
    if not cfg.ledger.is_file():
        return None
    with closing(_connect(cfg)) as db:
        row = db.execute("SELECT municipality FROM service_tokens WHERE hash = ? AND revoked_at IS NULL",
                         (digest(token),)).fetchone()
    if row is None or row[0] not in cfg.municipalities:
        return None
    return row[0]


def link(cfg: Config, token: str) -> str:
    return f"{cfg.server_public_url}/m/{token}"
