"""Municipality tokens: random, shown once, stored only as SHA-256 hashes in a table of the ledger database."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from sqlalchemy import select

from toolkit.adapters.store.ledger import Ledger, open_readonly
from toolkit.adapters.store.schema import service_tokens as table
from toolkit.config import Config


@dataclass(frozen=True)
class TokenRow:
    """One token as stored (its hash's first characters only, to tell them apart); read-only."""

    municipality: str
    hash_prefix: str
    created_at: str
    revoked_at: str | None


def digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _now() -> str:
    return dt.datetime.now().astimezone().replace(microsecond=0).isoformat()


def create(cfg: Config, municipalities: list[str]) -> dict[str, str]:
    """A new token per municipality (its earlier ones revoked); returns municipality -> token, shown once."""
    out = {}
    with Ledger(cfg.ledger_target) as ledger, ledger.transaction() as conn:  # all or none
        for name in municipalities:
            token = secrets.token_urlsafe(32)
            stamp = _now()
            conn.execute(
                table.update()
                .where(table.c.municipality == name, table.c.revoked_at.is_(None))
                .values(revoked_at=stamp)
            )
            conn.execute(table.insert().values(hash=digest(token), municipality=name, created_at=stamp))
            out[name] = token
    return out


def revoke(cfg: Config, municipality: str) -> int:
    """Revoke every active token of ``municipality``; returns how many."""
    with Ledger(cfg.ledger_target) as ledger, ledger.transaction() as conn:
        result = conn.execute(
            table.update()
            .where(table.c.municipality == municipality, table.c.revoked_at.is_(None))
            .values(revoked_at=_now())
        )
        return result.rowcount


def listing(cfg: Config) -> list[TokenRow]:
    ledger = open_readonly(cfg.ledger_target)
    if ledger is None or not ledger.has_table("service_tokens"):
        return []
    with ledger:
        rows = ledger.rows(
            select(table.c.municipality, table.c.hash, table.c.created_at, table.c.revoked_at).order_by(
                table.c.municipality, table.c.created_at
            )
        )
    return [TokenRow(m, h[:8], c, r) for m, h, c, r in rows]


def municipality_for(cfg: Config, token: str) -> str | None:
    """The municipality an active ``token`` belongs to; None for an unknown or revoked one."""
    if not token or len(token) > 200:
        return None
    ledger = open_readonly(cfg.ledger_target)
    if ledger is None:
        return None
    with ledger:
        if not ledger.has_table("service_tokens"):
            return None
        rows = ledger.rows(
            select(table.c.municipality).where(table.c.hash == digest(token), table.c.revoked_at.is_(None))
        )
    if not rows or rows[0][0] not in cfg.municipalities:
        return None
    return str(rows[0][0])


def link(cfg: Config, token: str) -> str:
    return f"{cfg.server_public_url}/m/{token}"
