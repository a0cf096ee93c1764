"""Database engine and sessions, without Streamlit.

One engine per process (the UI wraps `make_engine` in `st.cache_resource`), one short session per
action. On SQLite every connection gets WAL, foreign keys and a busy timeout, and write sessions begin
with `BEGIN IMMEDIATE`, so that a transaction that reads and then writes never fails on the lock
upgrade under concurrent writers. Everything else is portable SQLAlchemy: PostgreSQL works by changing
`DATABASE_URL`.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import CursorResult, Engine, create_engine, event, inspect
from sqlmodel import Session

PROJECT_DIR = Path(__file__).resolve().parent
DEFAULT_SQLITE_PATH = PROJECT_DIR / "data" / "innovation.db"
BUSY_TIMEOUT_MS = 10_000
_IMMEDIATE = "sqlite_begin_immediate"


def database_url() -> str:
    """The configured database: `DATABASE_URL`, else the SQLite file in `data/`."""
    return os.environ.get("DATABASE_URL") or f"sqlite:///{DEFAULT_SQLITE_PATH}"


def sqlite_path(url: str) -> Path | None:
    """The file behind a SQLite URL, or None for other databases and in-memory SQLite."""
    if not url.startswith("sqlite"):
        return None
    path = url.split("///", 1)[1] if "///" in url else ""
    return Path(path) if path and path != ":memory:" else None


def make_engine(url: str | None = None) -> Engine:
    """An engine for `url` (default: `database_url()`), with the SQLite settings described above."""
    url = url or database_url()
    if not url.startswith("sqlite"):
        return create_engine(url, pool_pre_ping=True)

    engine = create_engine(
        url,
        connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000},
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:
        # Take transaction control away from the driver, so that BEGIN below is ours.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection) -> None:
        immediate = connection.get_execution_options().get(_IMMEDIATE, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def refresh_statistics(engine: Engine) -> None:
    """SQLite: measure the tables again for the query planner (ANALYZE, sampling at most about a thousand
    rows per index: some 40 ms at ten times the region). Without statistics SQLite guesses, and guessed
    badly here: it read all 100 000 ideas through an index instead of the period's few thousand.
    `PRAGMA optimize` would not do on this SQLite (3.40): it only looks at tables that the same connection
    has queried. Run after bulk loads and when the server starts. PostgreSQL's autovacuum keeps its own
    statistics, so there it does nothing."""
    if engine.dialect.name != "sqlite":
        return
    with engine.begin() as connection:
        connection.exec_driver_sql("PRAGMA analysis_limit=1000")
        connection.exec_driver_sql("ANALYZE")


@contextmanager
def read_session(engine: Engine) -> Iterator[Session]:
    """A session for reading. Closing it ends the transaction without writing; the objects it loaded
    stay readable afterwards (detached, not expired)."""
    with Session(engine, autoflush=False) as session:
        yield session


def core_rows(session: Session, statement: Any) -> CursorResult:
    """The rows of a SELECT in the session's transaction, as Core rows: what `session.exec` gives without
    building an ORM result, which takes half as long again for thousands of rows. Changes pending in the
    session are flushed first, as `session.exec` does."""
    if session.autoflush:
        session.flush()
    return session.connection().execute(statement)


@contextmanager
def write_session(engine: Engine) -> Iterator[Session]:
    """A session whose transaction holds the write lock from its first statement (SQLite).

    Services commit their own work; anything left uncommitted when the block ends is rolled back.
    """
    bind = engine.execution_options(**{_IMMEDIATE: True}) if engine.dialect.name == "sqlite" else engine
    with Session(bind, expire_on_commit=False) as session:
        try:
            yield session
        finally:
            session.rollback()


def schema_problem(url: str | None = None) -> str | None:
    """Why the app cannot start on this database, as a translation key; None when it can.

    Checked before the engine is used, because connecting to a missing SQLite file would create an
    empty one.
    """
    url = url or database_url()
    path = sqlite_path(url)
    if path is not None:
        if not path.exists():
            return "db.missing"
        if not os.access(path, os.R_OK | os.W_OK):
            return "db.unreadable"
    engine = make_engine(url)
    try:
        if not inspect(engine).has_table("alembic_version"):
            return "db.not_migrated"
        with engine.connect() as connection:
            version = connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
    except Exception:
        return "db.unreadable"
    finally:
        engine.dispose()
    return None if version else "db.not_migrated"
