"""PostgreSQL for the tests: TOOLKIT_TEST_PG_URL names a database; each test gets a schema of its own."""

from __future__ import annotations

import functools
import os
import uuid

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

ENV = "TOOLKIT_TEST_PG_URL"


@functools.lru_cache(maxsize=1)
def unavailable() -> str | None:
    """Why the PostgreSQL cases skip here; None when the server answers."""
    url = os.environ.get(ENV)
    if not url:
        return f"{ENV} is not set (.ci/run starts a PostgreSQL and sets it)"
    try:
        engine = create_engine(url, poolclass=NullPool, connect_args={"connect_timeout": 5})
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        engine.dispose()
    except Exception as exc:  # any reason it can't be reached is a reason to skip
        return f"PostgreSQL at {make_url(url).render_as_string(hide_password=True)} is unreachable: {exc}"
    return None


def admin():
    return create_engine(os.environ[ENV], poolclass=NullPool, isolation_level="AUTOCOMMIT")


def fresh_schema() -> tuple[str, str]:
    """(schema, URL whose sessions use it) in the test database; drop it with drop_schema."""
    schema = f"t_{uuid.uuid4().hex[:16]}"
    engine = admin()
    with engine.connect() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    engine.dispose()
    url = make_url(os.environ[ENV]).update_query_dict({"options": f"-csearch_path={schema}"})
    return schema, url.set(drivername="postgresql+psycopg").render_as_string(hide_password=False)


def drop_schema(schema: str) -> None:
    engine = admin()
    with engine.connect() as conn:
        conn.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
    engine.dispose()
