"""Where the ledger lives: a SQLite file (embedded, the default) or a PostgreSQL database, as one SQLAlchemy engine."""

from __future__ import annotations

import contextlib
import os
import socket
import sqlite3
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

_PG_SCHEMES = ("postgresql", "postgres", "postgresql+psycopg")
READ = "toolkit.read"  # Connection.info key: the transaction about to begin only reads


def is_url(target: str | Path) -> bool:
    return isinstance(target, str) and "://" in target


def normalise(target: str | Path) -> str | Path:
    """A path stays a Path; ``sqlite:///x`` becomes the Path x; ``postgresql://`` gets the psycopg 3 driver."""
    if not is_url(target):
        return Path(target)
    url = make_url(str(target))
    if url.drivername in ("sqlite", "sqlite+pysqlite"):
        if not url.database or url.database == ":memory:":
            raise ValueError("a SQLite ledger needs a file: sqlite:///path/to/ledger.sqlite")
        return Path(url.database)
    if url.drivername in _PG_SCHEMES:
        return url.set(drivername="postgresql+psycopg").render_as_string(hide_password=False)
    raise ValueError(f"unknown database scheme {url.drivername!r}")


def describe(target: str | Path) -> str:
    """The ledger for messages: the file, or the URL without its password."""
    return make_url(str(target)).render_as_string(hide_password=True) if is_url(target) else str(target)


def is_postgresql(target: str | Path) -> bool:
    return is_url(target) and make_url(str(target)).get_backend_name() == "postgresql"


def sqlite_engine(path: Path, *, readonly: bool) -> Engine:
    """A SQLite engine in WAL mode; transactions begin IMMEDIATE (take the write lock at once, never upgrade)."""
    path = Path(path)

    def connect():
        if readonly:
            return sqlite3.connect(
                f"{path.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None, check_same_thread=False
            )
        return sqlite3.connect(path, isolation_level=None, timeout=30, check_same_thread=False)

    engine = create_engine("sqlite://", creator=connect, poolclass=NullPool)

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi, _record):
        if not readonly:
            dbapi.execute("PRAGMA journal_mode=WAL")
            dbapi.execute("PRAGMA synchronous=FULL")
            dbapi.execute("PRAGMA foreign_keys=ON")
        dbapi.execute("PRAGMA busy_timeout=30000")

    # pysqlite's own transaction handling is off (isolation_level=None): SQLAlchemy's begin says BEGIN itself.
    # A read (info READ set) takes no write lock, so it never waits for a writer (WAL).
    @event.listens_for(engine, "begin")
    def _begin(conn):
        conn.exec_driver_sql("BEGIN" if readonly or conn.info.get(READ) else "BEGIN IMMEDIATE")

    return engine


def postgresql_engine(url: str, *, application: str = "toolkit") -> Engine:
    """A PostgreSQL engine (psycopg 3); the connection says which program and process it is (pg_stat_activity)."""
    name = f"{application} {os.getpid()} on {socket.gethostname()}"
    # Keepalives: a machine that vanishes from the network (not only a killed process) drops its session, and
    # with it the run lock, within about a minute.
    args = {
        "application_name": name[:63],
        "keepalives": 1,
        "keepalives_idle": 30,
        "keepalives_interval": 10,
        "keepalives_count": 3,
        "connect_timeout": 10,
    }
    return create_engine(make_url(str(normalise(url))), poolclass=NullPool, connect_args=args)


# Sockets of PostgreSQL sessions this process holds: a forked child (a worker) closes its copies at once, so
# that a worker outliving a killed run never keeps the run's session (its lock, its transaction) open.
_SOCKETS: set[int] = set()


def held_in_parent_only(dbapi_connection) -> None:
    """Register a psycopg connection whose socket a forked child must not keep."""
    _SOCKETS.add(dbapi_connection.fileno())


def released(dbapi_connection) -> None:
    with contextlib.suppress(Exception):  # already closed: psycopg raises on fileno()
        _SOCKETS.discard(dbapi_connection.fileno())


def _forget_in_child() -> None:
    for fd in list(_SOCKETS):
        with contextlib.suppress(OSError):
            os.close(fd)  # not the session's Terminate message: the session belongs to the parent
    _SOCKETS.clear()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_in_child)
