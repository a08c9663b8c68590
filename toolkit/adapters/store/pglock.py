"""One consolidation at a time on a PostgreSQL ledger: a session advisory lock, released when the session ends."""

from __future__ import annotations

import zlib

from sqlalchemy import text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import OperationalError

from toolkit.adapters.store import (
    backend,
    messages,  # noqa: F401  (registers ledger.unreachable)
)
from toolkit.adapters.store.lock import Busy
from toolkit.errors import ToolkitError

# The lock's first key says which of the toolkit's locks (a consolidation, or sending reminders); the second
# which ledger (its schema in the database), so two ledgers in one database do not wait for each other.
_PURPOSES = {"run": 0x746B6C, "mail": 0x746B6D}  # "tkl", "tkm"
_BUSY = {"run": "consolidate.run.busy", "mail": "consolidate.mail.busy"}
_HOLDER = text(
    "SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
    " WHERE l.locktype = 'advisory' AND l.granted AND l.database ="
    " (SELECT oid FROM pg_database WHERE datname = current_database())"
    " AND l.classid = CAST(:k1 AS oid) AND l.objid = CAST(:k2 AS oid) AND l.objsubid = 2"
)


class AdvisoryLock:
    """``with AdvisoryLock(url):`` runs the block only when no other session holds the ledger's lock; else Busy.

    The lock belongs to a database session opened for the run and held until it ends. Another machine's
    run asks the same server, so two machines cannot consolidate at once. When the process dies (even by
    SIGKILL) its connection closes and the server drops the lock; a machine that vanishes from the network
    loses it when the TCP keepalives give up (about a minute). There is no file and nothing to clean up.
    """

    def __init__(self, url: str, purpose: str = "run"):
        self.url, self.purpose = url, purpose
        self._engine: Engine | None = None
        self._conn: Connection | None = None

    def acquire(self) -> None:
        engine = self._engine = backend.postgresql_engine(self.url)
        try:
            conn = engine.connect().execution_options(isolation_level="AUTOCOMMIT")
        except OperationalError as exc:
            engine.dispose()
            raise ToolkitError(
                "ledger.unreachable",
                where=backend.describe(self.url),
                detail=str(exc.orig or exc).strip().splitlines()[0],
            ) from None
        keys = {
            "k1": _PURPOSES[self.purpose],
            "k2": zlib.crc32(str(conn.execute(text("SELECT current_schema()")).scalar()).encode()) & 0x7FFFFFFF,
        }
        if not conn.execute(text("SELECT pg_try_advisory_lock(:k1, :k2)"), keys).scalar():
            holder = conn.execute(_HOLDER, keys).scalar()
            conn.close()
            engine.dispose()
            raise Busy(holder.removeprefix("toolkit ") if holder else "?", _BUSY[self.purpose])  # "1234 on host"
        backend.held_in_parent_only(conn.connection.dbapi_connection)
        self._conn, self._keys = conn, keys

    def release(self) -> None:
        if self._conn is None:
            return
        backend.released(self._conn.connection.dbapi_connection)
        try:
            self._conn.execute(text("SELECT pg_advisory_unlock(:k1, :k2)"), self._keys)
        except OperationalError:
            pass  # the session is gone, and the lock with it
        finally:
            self._conn.close()
            if self._engine is not None:
                self._engine.dispose()
            self._conn = None

    def __enter__(self) -> AdvisoryLock:
        self.acquire()
        return self

    def __exit__(self, *exc) -> None:
        self.release()
