"""The ledger: an embedded SQLite database of every file ever received, its findings and every run."""
from __future__ import annotations

import datetime as dt
import sqlite3
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from toolkit.core.scope import Facts

SCHEMA_VERSION = "2"

# Rows are only ever added; the one table that is updated, sightings, is a cache of path -> hash.
SCHEMA = """
CREATE TABLE IF NOT EXISTS ledger_info (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    started_at TEXT NOT NULL, finished_at TEXT, state TEXT NOT NULL DEFAULT 'running',
    pid INTEGER, seen INTEGER, new INTEGER, skipped INTEGER, invalid INTEGER,
    unsettled INTEGER, vanished INTEGER, output TEXT);
CREATE TABLE IF NOT EXISTS submissions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    sha256 TEXT NOT NULL UNIQUE, size INTEGER NOT NULL,
    file_name TEXT NOT NULL, source_path TEXT NOT NULL, mtime TEXT NOT NULL,
    received_at TEXT NOT NULL, run_id INTEGER REFERENCES runs(id),
    state TEXT NOT NULL CHECK (state IN ('valid', 'invalid', 'unreadable')),
    kind TEXT, template_version TEXT, municipality TEXT, language TEXT, name_hint TEXT,
    submitted_date TEXT, saved_at TEXT,
    errors INTEGER NOT NULL DEFAULT 0, warnings INTEGER NOT NULL DEFAULT 0, infos INTEGER NOT NULL DEFAULT 0,
    records TEXT, scope TEXT);
CREATE INDEX IF NOT EXISTS submissions_by_owner ON submissions (municipality, kind);
CREATE TABLE IF NOT EXISTS findings (
    submission_id INTEGER NOT NULL REFERENCES submissions(id), seq INTEGER NOT NULL,
    severity TEXT NOT NULL, sheet TEXT NOT NULL, cell TEXT NOT NULL, field TEXT NOT NULL,
    value TEXT NOT NULL, rule TEXT NOT NULL, message TEXT NOT NULL,
    PRIMARY KEY (submission_id, seq));
CREATE TABLE IF NOT EXISTS events (
    id INTEGER PRIMARY KEY AUTOINCREMENT, run_id INTEGER REFERENCES runs(id), at TEXT NOT NULL,
    path TEXT NOT NULL, file_name TEXT NOT NULL, size INTEGER, event TEXT NOT NULL, message TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sightings (
    path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL,
    sha256 TEXT, event TEXT, seen_at TEXT NOT NULL);
"""

_ENTRY_COLUMNS = ("id", "sha256", "size", "file_name", "source_path", "mtime", "received_at", "run_id", "state",
                  "kind", "template_version", "municipality", "language", "name_hint", "submitted_date",
                  "saved_at", "errors", "warnings", "infos", "scope")
# Columns added after schema 1, with their type: a ledger made before gets them when opened for writing
# (rows already in it hold NULL: "not known"), and reads as NULL when opened read-only.
_ADDED_COLUMNS = {"scope": "TEXT"}


@dataclass(frozen=True)
class Entry:
    """One received file (a submission version) as the ledger holds it; read-only."""

    id: int
    sha256: str
    size: int
    file_name: str
    source_path: str
    mtime: dt.datetime             # the file's modification time when it was read (local, aware)
    received_at: dt.datetime       # when the run recorded it
    run_id: int | None
    state: str                     # valid, invalid or unreadable
    kind: str | None
    template_version: str | None
    municipality: str | None       # from the workbook's metadata; None when unreadable
    language: str | None
    name_hint: str | None          # the municipality the file name mentions (unreadable files only)
    submitted_date: dt.date | None  # as typed in the workbook
    saved_at: dt.datetime | None   # when the workbook was last saved, as Excel stamps it inside the file
    errors: int
    warnings: int
    infos: int
    scope: Facts | None = None     # where the file says it belongs (toolkit.core.scope); None: unknown

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
    return Entry(**d | {"mtime": _dt(d["mtime"]), "received_at": _dt(d["received_at"]),
                        "submitted_date": _date(d["submitted_date"]), "saved_at": _dt(d["saved_at"]),
                        "scope": Facts.loads(d["scope"])})


class Ledger:
    """The ledger database; use as a context manager. WAL mode, so readers never wait for a run."""

    def __init__(self, path: Path, *, readonly: bool = False):
        self.path = Path(path)
        self.readonly = readonly
        if readonly:
            self.db = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None)
        else:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(self.path, isolation_level=None, timeout=30)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=FULL")
            self.db.execute("PRAGMA foreign_keys=ON")
            with self.transaction():
                for statement in SCHEMA.split(";"):
                    if statement.strip():
                        self.db.execute(statement)
                have = self._columns()
                for name, kind in _ADDED_COLUMNS.items():
                    if name not in have:
                        self.db.execute(f"ALTER TABLE submissions ADD COLUMN {name} {kind}")
                self.db.execute("INSERT OR REPLACE INTO ledger_info VALUES ('schema_version', ?)", (SCHEMA_VERSION,))
        self.db.execute("PRAGMA busy_timeout=30000")
        have = self._columns()
        self._select = ", ".join(c if c in have else f"NULL AS {c}" for c in _ENTRY_COLUMNS)

    def _columns(self) -> set[str]:
        return {r[1] for r in self.db.execute("PRAGMA table_info(submissions)")}

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()

    @contextmanager
    def transaction(self):
        """All or nothing: a run killed inside leaves the ledger as it was before."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    # runs -----------------------------------------------------------------

    def start_run(self, now: dt.datetime, pid: int) -> int:
        with self.transaction():
            # A run that never finished was killed; say so rather than leave it "running".
            self.db.execute("UPDATE runs SET state = 'interrupted' WHERE state = 'running'")
            cur = self.db.execute("INSERT INTO runs (started_at, pid) VALUES (?, ?)", (_iso(now), pid))
            return cur.lastrowid

    def finish_run(self, run_id: int, now: dt.datetime, counts: dict, output: str) -> None:
        with self.transaction():
            self.db.execute(
                "UPDATE runs SET finished_at = ?, state = 'finished', seen = ?, new = ?, skipped = ?, invalid = ?,"
                " unsettled = ?, vanished = ?, output = ? WHERE id = ?",
                (_iso(now), counts.get("seen", 0), counts.get("new", 0), counts.get("skipped", 0),
                 counts.get("invalid", 0), counts.get("unsettled", 0), counts.get("vanished", 0), output, run_id))

    def end_run(self, run_id: int, now: dt.datetime, state: str) -> None:
        """Mark a run that stopped with an error (``state`` "failed"); what it recorded stays."""
        try:
            with self.transaction():
                self.db.execute("UPDATE runs SET finished_at = ?, state = ? WHERE id = ?", (_iso(now), state, run_id))
        except sqlite3.Error:
            pass

    def runs(self) -> list[dict]:
        cur = self.db.execute("SELECT * FROM runs ORDER BY id")
        names = [c[0] for c in cur.description]
        return [dict(zip(names, r)) for r in cur.fetchall()]

    # recording (call inside transaction()) --------------------------------

    def add_submission(self, *, sha256: str, size: int, file_name: str, source_path: str, mtime: dt.datetime,
                       received_at: dt.datetime, run_id: int | None, state: str, kind: str | None,
                       template_version: str | None, municipality: str | None, language: str | None,
                       name_hint: str | None, submitted_date: dt.date | None, saved_at: dt.datetime | None,
                       findings: list[tuple], records: str | None, scope: str | None = None) -> int | None:
        """Insert a submission and its findings; None when these bytes are already in the ledger."""
        counts = {s: sum(1 for f in findings if f[0] == s) for s in ("error", "warning", "info")}
        cur = self.db.execute(
            "INSERT OR IGNORE INTO submissions (sha256, size, file_name, source_path, mtime, received_at, run_id,"
            " state, kind, template_version, municipality, language, name_hint, submitted_date, saved_at,"
            " errors, warnings, infos, records, scope) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (sha256, size, file_name, source_path, _iso(mtime), _iso(received_at), run_id, state, kind,
             template_version, municipality, language, name_hint, _iso(submitted_date), _iso(saved_at),
             counts["error"], counts["warning"], counts["info"], records, scope))
        if cur.rowcount == 0:
            return None
        sid = cur.lastrowid
        self.db.executemany("INSERT INTO findings VALUES (?,?,?,?,?,?,?,?,?)",
                            [(sid, n, *f) for n, f in enumerate(findings)])
        return sid

    def add_event(self, *, run_id: int | None, at: dt.datetime, path: str, file_name: str, size: int | None,
                  event: str, message: str) -> None:
        self.db.execute("INSERT INTO events (run_id, at, path, file_name, size, event, message)"
                        " VALUES (?,?,?,?,?,?,?)", (run_id, _iso(at), path, file_name, size, event, message))

    def see(self, path: str, size: int, mtime_ns: int, sha256: str | None, at: dt.datetime,
            event: str | None = None) -> None:
        """Remember that ``path`` with this size and mtime holds ``sha256`` (or was refused: ``event``)."""
        self.db.execute("INSERT OR REPLACE INTO sightings VALUES (?,?,?,?,?,?)",
                        (path, size, mtime_ns, sha256, event, _iso(at)))

    # queries ----------------------------------------------------------------

    def sightings(self) -> dict[str, tuple[int, int, str | None, str | None]]:
        """path -> (size, mtime_ns, sha256, event)."""
        return {r[0]: (r[1], r[2], r[3], r[4]) for r in
                self.db.execute("SELECT path, size, mtime_ns, sha256, event FROM sightings")}

    def known_hashes(self) -> set[str]:
        return {r[0] for r in self.db.execute("SELECT sha256 FROM submissions")}

    def entries(self, municipality: str | None = None) -> list[Entry]:
        sql = f"SELECT {self._select} FROM submissions"
        if municipality is None:
            return [_entry(r) for r in self.db.execute(sql + " ORDER BY id")]
        return [_entry(r) for r in self.db.execute(
            sql + " WHERE municipality = ? COLLATE NOCASE OR (municipality IS NULL AND name_hint = ? COLLATE NOCASE)"
            " ORDER BY id", (municipality, municipality))]

    def records(self, ids: list[int]) -> dict[int, str]:
        out = {}
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            out.update(self.db.execute(f"SELECT id, records FROM submissions WHERE id IN ({','.join('?' * len(chunk))})",
                                       chunk).fetchall())
        return out

    def findings(self, submission_id: int | None = None) -> list[tuple]:
        """(submission_id, severity, sheet, cell, field, value, rule, message) in recorded order."""
        sql = "SELECT submission_id, severity, sheet, cell, field, value, rule, message FROM findings"
        if submission_id is None:
            return self.db.execute(sql + " ORDER BY submission_id, seq").fetchall()
        return self.db.execute(sql + " WHERE submission_id = ? ORDER BY seq", (submission_id,)).fetchall()

    def events(self) -> list[Event]:
        return [Event(r[0], r[1], _dt(r[2]), *r[3:]) for r in self.db.execute(
            "SELECT id, run_id, at, path, file_name, size, event, message FROM events ORDER BY id")]

    def state_token(self) -> str:
        """Changes whenever a submission or event is added (used to skip rewriting an unchanged workbook)."""
        s = self.db.execute("SELECT COUNT(*), COALESCE(MAX(id), 0) FROM submissions").fetchone()
        e = self.db.execute("SELECT COUNT(*), COALESCE(MAX(id), 0) FROM events").fetchone()
        return f"{s[0]}.{s[1]}.{e[0]}.{e[1]}"

    def info(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM ledger_info WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_info(self, key: str, value: str) -> None:
        with self.transaction():
            self.db.execute("INSERT OR REPLACE INTO ledger_info VALUES (?, ?)", (key, value))


def open_readonly(path: Path) -> Ledger | None:
    """The ledger for reading, or None when no run has created it yet."""
    return Ledger(path, readonly=True) if Path(path).is_file() else None
