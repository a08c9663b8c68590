"""The ledger's tables (SQLAlchemy Core) and its numbered migrations, the same for SQLite and PostgreSQL."""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Column,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    Table,
    Text,
    inspect,
    text,
)
from sqlalchemy.engine import Connection

from toolkit.errors import ToolkitError

# Bump with a new entry in MIGRATIONS; ledger_info.schema_version says which ones a ledger has had.
SCHEMA_VERSION = 3

metadata = MetaData()
# Rows are only ever added; the one table that is updated, sightings, is a cache of path -> hash.
# Times are ISO-8601 text (with their UTC offset) on both backends, so a copied ledger is the same text.
ledger_info = Table(
    "ledger_info", metadata, Column("key", Text, primary_key=True), Column("value", Text, nullable=False)
)
runs = Table(
    "runs",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("started_at", Text, nullable=False),
    Column("finished_at", Text),
    Column("state", Text, nullable=False, server_default="running"),
    Column("pid", Integer),
    *(Column(n, Integer) for n in ("seen", "new", "skipped", "invalid", "unsettled", "vanished")),
    Column("output", Text),
    sqlite_autoincrement=True,
)
submissions = Table(
    "submissions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("sha256", Text, nullable=False, unique=True),
    Column("size", BigInteger, nullable=False),
    Column("file_name", Text, nullable=False),
    Column("source_path", Text, nullable=False),
    Column("mtime", Text, nullable=False),
    Column("received_at", Text, nullable=False),
    Column("run_id", Integer, ForeignKey("runs.id")),
    Column("state", Text, nullable=False),
    *(
        Column(n, Text)
        for n in ("kind", "template_version", "municipality", "language", "name_hint", "submitted_date", "saved_at")
    ),
    *(Column(n, Integer, nullable=False, server_default="0") for n in ("errors", "warnings", "infos")),
    Column("records", Text),
    Column("scope", Text),
    CheckConstraint("state IN ('valid', 'invalid', 'unreadable')", name="submissions_state"),
    sqlite_autoincrement=True,
)
Index("submissions_by_owner", submissions.c.municipality, submissions.c.kind)
findings = Table(
    "findings",
    metadata,
    Column("submission_id", Integer, ForeignKey("submissions.id"), nullable=False),
    Column("seq", Integer, nullable=False),
    *(Column(n, Text, nullable=False) for n in ("severity", "sheet", "cell", "field", "value", "rule", "message")),
    PrimaryKeyConstraint("submission_id", "seq"),
)
events = Table(
    "events",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("run_id", Integer, ForeignKey("runs.id")),
    Column("at", Text, nullable=False),
    Column("path", Text, nullable=False),
    Column("file_name", Text, nullable=False),
    Column("size", BigInteger),
    Column("event", Text, nullable=False),
    Column("message", Text, nullable=False),
    sqlite_autoincrement=True,
)
sightings = Table(
    "sightings",
    metadata,
    Column("path", Text, primary_key=True),
    Column("size", BigInteger, nullable=False),
    Column("mtime_ns", BigInteger, nullable=False),
    Column("sha256", Text),
    Column("event", Text),
    Column("seen_at", Text, nullable=False),
)

# The reminder e-mails sent (one row per attempt) and the service's municipality tokens (hashes only).
reminders_sent = Table(
    "reminders_sent",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("sent_at", Text, nullable=False),
    Column("municipality", Text, nullable=False),
    Column("address", Text, nullable=False),
    Column("message_id", Text, nullable=False),
    Column("outcome", Text, nullable=False),
    Column("detail", Text, nullable=False, server_default=""),
    sqlite_autoincrement=True,
)
service_tokens = Table(
    "service_tokens",
    metadata,
    Column("hash", Text, primary_key=True),
    Column("municipality", Text, nullable=False),
    Column("created_at", Text, nullable=False),
    Column("revoked_at", Text),
)


def _add_scope(conn: Connection) -> None:
    """2: where a file says it belongs (toolkit.core.scope.Facts as JSON); older rows hold NULL, "not known"."""
    if "scope" not in {c["name"] for c in inspect(conn).get_columns("submissions")}:
        conn.execute(text("ALTER TABLE submissions ADD COLUMN scope TEXT"))


# version -> the step from the version before; each runs in the transaction that records its number.
def _service_tables(conn: Connection) -> None:
    """3: reminders_sent and service_tokens, made by create_all(checkfirst) before the steps run; a ledger
    whose earlier toolkit made them by hand keeps them as they are (the same columns)."""


MIGRATIONS = {2: _add_scope, 3: _service_tables}


class TooNew(ToolkitError):
    """The ledger was made by a newer toolkit; this one would not know what its columns mean."""

    def __init__(self, have: int, where: str):
        super().__init__("ledger.too_new", have=have, know=SCHEMA_VERSION, where=where)


def version_of(conn: Connection) -> int:
    """The ledger's schema version; 0 for an empty database (a ledger made before the number was kept is 1)."""
    names = set(inspect(conn).get_table_names())
    if "submissions" not in names:
        return 0
    if "ledger_info" in names:
        value = conn.execute(text("SELECT value FROM ledger_info WHERE key = 'schema_version'")).scalar()
        if value is not None:
            return int(value)
    return 1


def migrate(conn: Connection, where: str) -> int:
    """Bring the ledger to SCHEMA_VERSION inside the caller's transaction; returns the version it had."""
    have = version_of(conn)
    if have > SCHEMA_VERSION:
        raise TooNew(have, where)
    if have == 0:
        metadata.create_all(conn)  # a new ledger starts at the newest schema
    else:
        metadata.create_all(conn, checkfirst=True)  # a table added since; existing ones are left alone
        for number in range(have + 1, SCHEMA_VERSION + 1):
            MIGRATIONS[number](conn)
    if have != SCHEMA_VERSION:
        _set_version(conn)
    return have


def _set_version(conn: Connection) -> None:
    conn.execute(ledger_info.delete().where(ledger_info.c.key == "schema_version"))
    conn.execute(ledger_info.insert().values(key="schema_version", value=str(SCHEMA_VERSION)))
