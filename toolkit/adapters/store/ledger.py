"""The ledger: every file ever received, its findings and every run, in SQLite (embedded) or PostgreSQL."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import func, inspect, literal, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import OperationalError, SQLAlchemyError

from toolkit.adapters.store import (
    backend,
    messages,  # noqa: F401  (registers the ledger's messages)
)
from toolkit.adapters.store.schema import (
    SCHEMA_VERSION,
    events,
    findings,
    ledger_info,
    migrate,
    runs,
    sightings,
    submissions,
    version_of,
)
from toolkit.core.scope import Facts
from toolkit.errors import ToolkitError

__all__ = ["SCHEMA_VERSION", "Entry", "Event", "Ledger", "open_readonly"]

_ENTRY_COLUMNS = (
    "id",
    "sha256",
    "size",
    "file_name",
    "source_path",
    "mtime",
    "received_at",
    "run_id",
    "state",
    "kind",
    "template_version",
    "municipality",
    "language",
    "name_hint",
    "submitted_date",
    "saved_at",
    "errors",
    "warnings",
    "infos",
    "scope",
)


@dataclass(frozen=True)
class Entry:
    """One received file (a submission version) as the ledger holds it; read-only."""

    id: int
    sha256: str
    size: int
    file_name: str
    source_path: str
    mtime: dt.datetime  # the file's modification time when it was read (local, aware)
    received_at: dt.datetime  # when the run recorded it
    run_id: int | None
    state: str  # valid, invalid or unreadable
    kind: str | None
    template_version: str | None
    municipality: str | None  # from the workbook's metadata; None when unreadable
    language: str | None
    name_hint: str | None  # the municipality the file name mentions (unreadable files only)
    submitted_date: dt.date | None  # as typed in the workbook
    saved_at: dt.datetime | None  # when the workbook was last saved, as Excel stamps it inside the file
    errors: int
    warnings: int
    infos: int
    scope: Facts | None = None  # where the file says it belongs (toolkit.core.scope); None: unknown

    @property
    def arrived(self) -> dt.datetime:
        """The earliest evidence of the file in this form: saved (Excel's stamp inside it), its mtime, or
        when it was received, whichever is first (the stamps are the sender's clock; receipt is ours)."""
        return min(self.saved_at or self.mtime, self.mtime, self.received_at)

    @property
    def saved_after_receipt(self) -> bool:
        """True when the stamp inside the file is later than when the toolkit received it (a wrong clock)."""
        return self.saved_at is not None and self.saved_at > self.received_at

    @property
    def order_key(self) -> tuple:
        """Which of two versions is newer: received later (the toolkit's own clock at intake, never the
        sender's). Among files received at the same moment (one run): saved later (Excel's stamp inside,
        else the file's mtime), then the later file time, both capped at receipt so a stamp "in 2099" can't
        win, then the later submitted date typed in it, then recorded later."""
        utc = dt.timezone.utc
        received = self.received_at.astimezone(utc).replace(tzinfo=None)
        saved = min((self.saved_at or self.mtime).astimezone(utc).replace(tzinfo=None), received)
        mtime = min(self.mtime.astimezone(utc).replace(tzinfo=None), received)
        return (received, saved, mtime, self.submitted_date or dt.date.min, self.id)


@dataclass(frozen=True)
class Event:
    """A file that could not be archived (vanished, too large); read-only."""

    id: int
    run_id: int | None
    at: dt.datetime
    path: str
    file_name: str
    size: int | None
    event: str
    message: str


def _iso(value) -> str | None:
    return None if value is None else value.isoformat()


def _dt(text: str | None) -> dt.datetime | None:
    return None if text is None else dt.datetime.fromisoformat(text)


def _date(text: str | None) -> dt.date | None:
    return None if not text else dt.date.fromisoformat(text)


def _entry(row) -> Entry:
    d = dict(zip(_ENTRY_COLUMNS, row))
    return Entry(
        **d
        | {
            "mtime": _dt(d["mtime"]),
            "received_at": _dt(d["received_at"]),
            "submitted_date": _date(d["submitted_date"]),
            "saved_at": _dt(d["saved_at"]),
            "scope": Facts.loads(d["scope"]),
        }
    )


class Ledger:
    """The ledger database; use as a context manager. ``target``: a SQLite file's path (or ``sqlite:///``
    URL) or a ``postgresql://`` URL. Opened for writing, the schema is created or migrated first. On SQLite
    it is in WAL mode and on PostgreSQL every statement sees committed data only, so readers never wait for
    a run."""

    def __init__(self, target: Path | str, *, readonly: bool = False):
        target = backend.normalise(target)
        self.target = target
        self.path: Path | None = target if isinstance(target, Path) else None  # the SQLite file; None on PostgreSQL
        self.readonly = readonly
        self.where = backend.describe(target)
        if self.path is not None:
            if not readonly:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            self.engine = backend.sqlite_engine(self.path, readonly=readonly)
        else:
            self.engine = backend.postgresql_engine(str(target))
        try:
            self.conn = self.engine.connect()
        except OperationalError as exc:
            self.engine.dispose()
            raise ToolkitError("ledger.unreachable", where=self.where, detail=_first_line(exc)) from None
        if self.path is None:
            backend.held_in_parent_only(self.conn.connection.dbapi_connection)
            if readonly:
                self.conn = self.conn.execution_options(postgresql_readonly=True)
        insert = (postgresql if self.conn.dialect.name == "postgresql" else sqlite).insert
        # Built once: a run executes them for every file, and building a statement costs more than running it.
        # executemany with RETURNING: SQLAlchemy sends a batch as one multi-row INSERT (insertmanyvalues).
        self._add = (
            insert(submissions)
            .on_conflict_do_nothing(index_elements=["sha256"])
            .returning(submissions.c.id, submissions.c.sha256)
        )
        seen = insert(sightings)
        self._see = seen.on_conflict_do_update(
            index_elements=["path"],
            set_={c: seen.excluded[c] for c in ("size", "mtime_ns", "sha256", "event", "seen_at")},
        )
        info = insert(ledger_info)
        self._set_info = info.on_conflict_do_update(index_elements=["key"], set_={"value": info.excluded.value})
        try:
            if not readonly:
                with self.transaction():
                    migrate(self.conn, self.where)
            with self._reading():
                self.version = version_of(self.conn)
                have = {c["name"] for c in inspect(self.conn).get_columns("submissions")} if self.version else set()
        except BaseException:
            self.close()
            raise
        # A ledger of an older schema opened read-only reads a later column as NULL ("not known").
        self._select = [submissions.c[c] if c in have else literal(None).label(c) for c in _ENTRY_COLUMNS]

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        if self.path is None and not self.conn.closed and not self.conn.invalidated:
            backend.released(self.conn.connection.dbapi_connection)
        self.conn.close()
        self.engine.dispose()

    @property
    def dialect(self) -> str:
        """ "sqlite" or "postgresql"."""
        return self.conn.dialect.name

    @contextmanager
    def transaction(self):
        """All or nothing: a run killed inside leaves the ledger as it was before. Yields the connection."""
        if self.conn.in_transaction():  # already inside one: part of it
            yield self.conn
            return
        with self.conn.begin():
            yield self.conn

    @contextmanager
    def _reading(self):
        """One consistent snapshot for a read outside a transaction, ended at once (no idle transaction)."""
        if self.conn.in_transaction():
            yield self.conn
            return
        self.conn.info[backend.READ] = True
        try:
            begun = self.conn.begin()
        finally:
            self.conn.info.pop(backend.READ, None)
        with begun:
            yield self.conn

    def _all(self, statement) -> list:
        with self._reading() as c:
            return c.execute(statement).all()

    def rows(self, statement) -> list:
        """The rows of a SELECT on the ledger's tables (adapters/store/schema.py), in one snapshot."""
        return self._all(statement)

    def has_table(self, name: str) -> bool:
        """Whether the ledger has table ``name`` (a ledger opened read-only is not migrated)."""
        with self._reading() as c:
            return name in inspect(c).get_table_names()

    # runs -----------------------------------------------------------------

    def start_run(self, now: dt.datetime, pid: int) -> int:
        with self.transaction() as c:
            # A run that never finished was killed; say so rather than leave it "running".
            c.execute(runs.update().where(runs.c.state == "running").values(state="interrupted"))
            return c.execute(runs.insert().values(started_at=_iso(now), pid=pid).returning(runs.c.id)).scalar_one()

    def finish_run(self, run_id: int, now: dt.datetime, counts: dict, output: str) -> None:
        with self.transaction() as c:
            c.execute(
                runs.update()
                .where(runs.c.id == run_id)
                .values(
                    finished_at=_iso(now),
                    state="finished",
                    output=output,
                    **{k: counts.get(k, 0) for k in ("seen", "new", "skipped", "invalid", "unsettled", "vanished")},
                )
            )

    def end_run(self, run_id: int, now: dt.datetime, state: str) -> None:
        """Mark a run that stopped with an error (``state`` "failed"); what it recorded stays."""
        try:
            with self.transaction() as c:
                c.execute(runs.update().where(runs.c.id == run_id).values(finished_at=_iso(now), state=state))
        except SQLAlchemyError:
            pass

    def runs(self) -> list[dict]:
        return [dict(r._mapping) for r in self._all(select(runs).order_by(runs.c.id))]

    # recording (call inside transaction()) --------------------------------

    def add_submission(
        self,
        *,
        sha256: str,
        size: int,
        file_name: str,
        source_path: str,
        mtime: dt.datetime,
        received_at: dt.datetime,
        run_id: int | None,
        state: str,
        kind: str | None,
        template_version: str | None,
        municipality: str | None,
        language: str | None,
        name_hint: str | None,
        submitted_date: dt.date | None,
        saved_at: dt.datetime | None,
        findings: list[tuple],
        records: str | None,
        scope: str | None = None,
    ) -> int | None:
        """Insert a submission and its findings; None when these bytes are already in the ledger."""
        return self.add_submissions(
            [
                dict(
                    sha256=sha256,
                    size=size,
                    file_name=file_name,
                    source_path=source_path,
                    mtime=mtime,
                    received_at=received_at,
                    run_id=run_id,
                    state=state,
                    kind=kind,
                    template_version=template_version,
                    municipality=municipality,
                    language=language,
                    name_hint=name_hint,
                    submitted_date=submitted_date,
                    saved_at=saved_at,
                    findings=findings,
                    records=records,
                    scope=scope,
                )
            ]
        )[0]

    def add_submissions(self, versions: list[dict[str, Any]]) -> list[int | None]:
        """``add_submission`` for many (each a dict of its arguments), in their order: two statements for
        the lot instead of two per version (a round trip each on PostgreSQL). The ids, None for bytes
        already in the ledger or given twice."""
        rows: list[dict[str, Any]] = []
        first: set[str] = set()
        for v in versions:
            if v["sha256"] in first:
                continue
            first.add(v["sha256"])
            counts = {s: sum(1 for f in v["findings"] if f[0] == s) for s in ("error", "warning", "info")}
            rows.append(
                {
                    **{k: v.get(k) for k in _PLAIN_COLUMNS},
                    **{k: _iso(v.get(k)) for k in _DATED},
                    "errors": counts["error"],
                    "warnings": counts["warning"],
                    "infos": counts["info"],
                }
            )
        if not rows:
            return [None] * len(versions)
        with self.transaction() as c:
            added = {sha: sid for sid, sha in c.execute(self._add, rows)}
            ids: list[int | None] = []
            for v in versions:  # a second copy of the same bytes gets None, as it would one by one
                ids.append(added.pop(v["sha256"], None))
            found = [
                dict(zip(_FINDING_COLUMNS, (sid, n, *f)))
                for sid, v in zip(ids, versions)
                if sid is not None
                for n, f in enumerate(v["findings"])
            ]
            if found:
                c.execute(_FINDINGS_INSERT, found)
        return ids

    def add_event(
        self,
        *,
        run_id: int | None,
        at: dt.datetime,
        path: str,
        file_name: str,
        size: int | None,
        event: str,
        message: str,
    ) -> None:
        with self.transaction() as c:
            c.execute(
                events.insert().values(
                    run_id=run_id, at=_iso(at), path=path, file_name=file_name, size=size, event=event, message=message
                )
            )

    def see(
        self, path: str, size: int, mtime_ns: int, sha256: str | None, at: dt.datetime, event: str | None = None
    ) -> None:
        """Remember that ``path`` with this size and mtime holds ``sha256`` (or was refused: ``event``)."""
        self.see_many([(path, size, mtime_ns, sha256, event)], at)

    def see_many(self, seen: list[tuple[str, int, int, str | None, str | None]], at: dt.datetime) -> None:
        """``see`` for many (path, size, mtime_ns, sha256, event) at once: one statement for a batch."""
        if not seen:
            return
        stamp = _iso(at)
        with self.transaction() as c:
            c.execute(
                self._see,
                [
                    dict(path=p, size=size, mtime_ns=ns, sha256=sha, event=ev, seen_at=stamp)
                    for p, size, ns, sha, ev in seen
                ],
            )

    # queries ----------------------------------------------------------------

    def sightings(self) -> dict[str, tuple[int, int, str | None, str | None]]:
        """path -> (size, mtime_ns, sha256, event)."""
        s = sightings.c
        return {
            r[0]: (r[1], r[2], r[3], r[4]) for r in self._all(select(s.path, s.size, s.mtime_ns, s.sha256, s.event))
        }

    def known_hashes(self) -> set[str]:
        return {r[0] for r in self._all(select(submissions.c.sha256))}

    def entries(self, municipality: str | None = None) -> list[Entry]:
        """Every version in recorded order; with ``municipality``, that municipality's (any case), and the
        unreadable files whose name names it."""
        rows = [_entry(r) for r in self._all(select(*self._select).order_by(submissions.c.id))]
        if municipality is None:
            return rows
        name = municipality.casefold()
        return [
            e
            for e in rows
            if (e.municipality or "").casefold() == name
            or (e.municipality is None and (e.name_hint or "").casefold() == name)
        ]

    def records(self, ids: list[int]) -> dict[int, str]:
        out: dict[int, str] = {}
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            out.update(
                (r[0], r[1])
                for r in self._all(select(submissions.c.id, submissions.c.records).where(submissions.c.id.in_(chunk)))
            )
        return out

    def findings(self, submission_id: int | None = None) -> list[tuple]:
        """(submission_id, severity, sheet, cell, field, value, rule, message) in recorded order."""
        f = findings.c
        query = _FINDINGS_SELECT
        if submission_id is None:
            query = query.order_by(f.submission_id, f.seq)
        else:
            query = query.where(f.submission_id == submission_id).order_by(f.seq)
        return [tuple(r) for r in self._all(query)]

    def findings_of(self, ids: Iterable[int]) -> list[tuple]:
        """``findings()`` of the submissions ``ids`` only, in the same order."""
        f = findings.c
        wanted, out = sorted(set(ids)), []
        for i in range(0, len(wanted), 500):
            query = _FINDINGS_SELECT.where(f.submission_id.in_(wanted[i : i + 500]))
            out += [tuple(r) for r in self._all(query.order_by(f.submission_id, f.seq))]
        return out

    def events(self) -> list[Event]:
        e = events.c
        return [
            Event(r[0], r[1], dt.datetime.fromisoformat(r[2]), *r[3:])  # "at" is NOT NULL
            for r in self._all(
                select(e.id, e.run_id, e.at, e.path, e.file_name, e.size, e.event, e.message).order_by(e.id)
            )
        ]

    def state_token(self) -> str:
        """Changes whenever a submission or event is added (used to skip rewriting an unchanged workbook)."""
        with self._reading() as c:
            s = c.execute(select(func.count(), func.coalesce(func.max(submissions.c.id), 0))).one()
            e = c.execute(select(func.count(), func.coalesce(func.max(events.c.id), 0))).one()
        return f"{s[0]}.{s[1]}.{e[0]}.{e[1]}"

    def info(self, key: str) -> str | None:
        with self._reading() as c:
            return c.execute(select(ledger_info.c.value).where(ledger_info.c.key == key)).scalar()

    def set_info(self, key: str, value: str) -> None:
        with self.transaction() as c:
            c.execute(self._set_info, dict(key=key, value=value))


_FINDING_COLUMNS = ("submission_id", "seq", "severity", "sheet", "cell", "field", "value", "rule", "message")
_FINDINGS_INSERT = findings.insert()
_FINDINGS_SELECT = select(*(findings.c[c] for c in _FINDING_COLUMNS if c != "seq"))
# Columns add_submissions stores as given: an entry's but its id, times and dates (stored as ISO text) and
# counts (counted from the findings); and the records.
_DATED = ("mtime", "received_at", "submitted_date", "saved_at")
_PLAIN_COLUMNS = (
    *(c for c in _ENTRY_COLUMNS if c not in ("id", *_DATED, "errors", "warnings", "infos")),
    "records",
)


def _first_line(exc: BaseException) -> str:
    return str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]


def open_readonly(target: Path | str) -> Ledger | None:
    """The ledger for reading, or None when no run has created it yet (no file; an empty database)."""
    target = backend.normalise(target)
    if isinstance(target, Path) and not target.is_file():
        return None
    ledger = Ledger(target, readonly=True)
    if ledger.version == 0:
        ledger.close()
        return None
    return ledger
