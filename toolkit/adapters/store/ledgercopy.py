"""Copy a ledger (a SQLite file) into another (PostgreSQL): every row once, then counts and hashes compared."""

from __future__ import annotations

import hashlib
import json
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Table, func, inspect, literal, select, text

from toolkit.adapters.store import backend
from toolkit.adapters.store.ledger import Ledger, open_readonly
from toolkit.adapters.store.lock import RunLock
from toolkit.adapters.store.pglock import AdvisoryLock
from toolkit.adapters.store.schema import (
    events,
    findings,
    ledger_info,
    reminders_sent,
    runs,
    service_tokens,
    sightings,
    submissions,
)
from toolkit.errors import ToolkitError

# In the order the foreign keys need. (table, the column rows are fetched by in chunks, may the row change):
# runs, sightings and ledger_info are updated by the ledger itself, so a re-run brings them up to date; the
# others are append-only and a row that differs means the target is another ledger.
_TABLES: list[tuple[Table, str, bool]] = [
    (runs, "id", True),
    (submissions, "id", False),
    (findings, "submission_id", False),
    (events, "id", False),
    (sightings, "path", True),
    (ledger_info, "key", True),
    (reminders_sent, "id", False),
    (service_tokens, "hash", True),  # a token is revoked by an update
]
_CHUNK = 500
_OWN = {"ledger_info": {"schema_version"}}  # each ledger says its own schema version
_SERIAL = ("runs", "submissions", "events", "reminders_sent")


@dataclass(frozen=True)
class Copied:
    """What the copy did with one table; read-only."""

    table: str
    source: int  # rows in the source
    copied: int  # inserted (or, for runs, sightings and ledger_info, brought up to date)
    skipped: int  # already in the target as they are in the source
    digest: str  # SHA-256 of the source's rows, equal to the target's for the same keys


def copy(source: Path | str, target: Path | str, *, source_lock: Path | None = None) -> list[Copied]:
    """Copy ``source`` into ``target`` (made and migrated when new). Safe to re-run: rows already there are
    skipped. Holds both ledgers' run locks, so no consolidation writes to either meanwhile (Busy if one runs)."""
    if backend.describe(backend.normalise(source)) == backend.describe(backend.normalise(target)):
        raise ToolkitError("ledger.copy.same", where=backend.describe(target))
    with ExitStack() as stack:
        if source_lock is not None:
            stack.enter_context(RunLock(source_lock))
        if backend.is_postgresql(target):
            stack.enter_context(AdvisoryLock(str(backend.normalise(target))))
        src = open_readonly(source)
        if src is None:
            raise ToolkitError("ledger.copy.no_source", where=backend.describe(source))
        stack.enter_context(src)
        dst = stack.enter_context(Ledger(target))
        # A source of an older schema, opened read-only, lacks the tables added since: nothing to copy there.
        tables = [spec for spec in _TABLES if src.has_table(spec[0].name)]
        for spec in tables:  # first only look: another ledger's rows stop the copy before anything is written
            if not spec[2]:
                _copy_table(src, dst, *spec, write=False)
        done = [c for spec in tables if (c := _copy_table(src, dst, *spec)) is not None]
        if dst.dialect == "postgresql":
            with dst.transaction() as c:  # the next id after the copied ones
                for name in _SERIAL:
                    c.execute(
                        text(
                            f"SELECT setval(pg_get_serial_sequence('{name}', 'id'),"
                            f" COALESCE((SELECT MAX(id) FROM {name}), 1), (SELECT COUNT(*) > 0 FROM {name}))"
                        )
                    )
        return done


def _columns(ledger: Ledger, table: Table) -> list:
    have = {c["name"] for c in inspect(ledger.conn).get_columns(table.name)}
    return [table.c[c.name] if c.name in have else literal(None).label(c.name) for c in table.columns]


def _rows(ledger: Ledger, table: Table, by: str, keys: list, columns) -> dict[tuple, tuple]:
    pk = [c.name for c in table.primary_key.columns]
    query = select(*columns).where(table.c[by].in_(keys))
    with ledger.transaction() as c:
        rows = c.execute(query).all()
    names = [c.name for c in table.columns]
    return {tuple(r[names.index(k)] for k in pk): tuple(r) for r in rows}


def _copy_table(src: Ledger, dst: Ledger, table: Table, by: str, mutable: bool, write: bool = True) -> Copied | None:
    with src.transaction() as c:
        groups = sorted({r[0] for r in c.execute(select(table.c[by]).distinct())} - _OWN.get(table.name, set()))
    names = [c.name for c in table.columns]
    pk = [c.name for c in table.primary_key.columns]
    src_columns, dst_columns = _columns(src, table), list(table.columns)
    h_src, h_dst = hashlib.sha256(), hashlib.sha256()
    count = copied = skipped = 0
    for i in range(0, len(groups), _CHUNK):
        keys = groups[i : i + _CHUNK]
        theirs = _rows(src, table, by, keys, src_columns)
        ours = _rows(dst, table, by, keys, dst_columns)
        new, changed = [], []
        for key, row in theirs.items():
            have = ours.get(key)
            if have is None:
                new.append(row)
            elif have == row:
                skipped += 1
            elif mutable:
                changed.append(row)
            else:
                raise ToolkitError(
                    "ledger.copy.conflict", table=table.name, key=", ".join(map(str, key)), where=dst.where
                )
        if table is submissions:
            _refuse_other_ids(dst, new)
        if not write:
            continue
        with dst.transaction() as c:
            if new:
                c.execute(table.insert(), [dict(zip(names, r)) for r in new])
            for row in changed:
                values = dict(zip(names, row))
                c.execute(table.update().where(*(table.c[k] == values[k] for k in pk)).values(values))
        copied += len(new) + len(changed)
        count += len(theirs)
        after = _rows(dst, table, by, keys, dst_columns)
        for key in sorted(theirs):
            h_src.update(_canonical(theirs[key]))
            h_dst.update(_canonical(after.get(key)))
    if not write:
        return None
    if h_src.digest() != h_dst.digest():
        raise ToolkitError("ledger.copy.mismatch", table=table.name, detail="other content than the source")
    with dst.transaction() as c:
        there = c.execute(select(func.count()).select_from(table)).scalar_one()
    if there < count:
        raise ToolkitError("ledger.copy.mismatch", table=table.name, detail=f"{there} rows of {count}")
    return Copied(table.name, count, copied, skipped, h_src.hexdigest())


def _refuse_other_ids(dst: Ledger, new: list[tuple]) -> None:
    """The same bytes under another number: the target has its own history; mixing would misnumber findings."""
    names = [c.name for c in submissions.columns]
    by_sha = {r[names.index("sha256")]: r[names.index("id")] for r in new}
    if not by_sha:
        return
    with dst.transaction() as c:
        clash = c.execute(
            select(submissions.c.id, submissions.c.sha256).where(submissions.c.sha256.in_(list(by_sha)))
        ).first()
    if clash is not None:
        raise ToolkitError(
            "ledger.copy.conflict", table="submissions", key=f"{by_sha[clash[1]]} ({clash[1][:12]}…)", where=dst.where
        )


def _canonical(row: tuple | None) -> bytes:
    return (json.dumps(row, default=str, ensure_ascii=False) + "\n").encode()


__all__ = ["Copied", "copy"]
