"""The scaled benchmark database (SQLite, `scripts/benchmark.py`) copied into PostgreSQL, so that the
page benchmark can measure the pages on the database the region runs in production.

    createdb NAME
    .venv/bin/python scripts/benchmark_pages.py --postgres 'postgresql+psycopg://USER@/NAME?host=/var/run/postgresql'

`prepare` takes a new, empty PostgreSQL database (no tables in its schema): it migrates it to the newest
schema, empties what the migrations put in (the data version, the built-in indicators), copies every table
of the app (all but SQLite's search indexes) row by row with COPY (about 1.9 million rows in 40 s), sets
each id sequence past the copied ids and lets the planner gather statistics. The pre-aggregated figures
are copied as they are: the SQLite database's are current (`benchmark.build` counts them after its bulk
inserts). A database that this copy filled before (the same schema version, as many ideas, indicator
values and users) is used as it is, for quick looks at a few pages; any other database that has tables
is refused before anything is written. Copying needs a role that may set `session_replication_role`
(a superuser): the tables are filled one by one, their foreign keys checked by no one until the end.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, inspect, text

import db

PROJECT = Path(__file__).resolve().parent.parent
COMPARED = ("idea", "indicatorvalue", "user")  # what shows a database to be this copy


class Refused(Exception):
    """The target database cannot take the copy; nothing was written."""


def prepare(sqlite_path: Path, url: str) -> bool:
    """Make the PostgreSQL database at `url` a copy of the SQLite database at `sqlite_path` (migrated to
    the newest schema). True when it was copied now, False when it already was that copy."""
    engine = db.make_engine(url)  # one engine: the checks, the migration and the copy reach one database
    try:
        if engine.dialect.name != "postgresql":
            raise Refused(f"not a PostgreSQL database: {engine.url.render_as_string(hide_password=True)}")
        source = sqlite3.connect(f"file:{sqlite_path}?mode=ro", uri=True)
        try:
            version = source.execute("SELECT version_num FROM alembic_version").fetchone()[0]
            with engine.connect() as connection:
                tables = set(inspect(connection).get_table_names())
                if tables:
                    if set(COMPARED) | {"alembic_version"} <= tables and _is_copy(connection, source, version):
                        return False
                    raise Refused("the PostgreSQL database has tables: give a new, empty one (createdb NAME)")
                try:  # before anything is written: may this role copy with the foreign keys left for later?
                    connection.execute(text("SET session_replication_role = replica"))
                except Exception as error:
                    raise Refused("copying needs a role that may set session_replication_role") from error
            _migrate(engine, version)
            _copy(engine, source)
        finally:
            source.close()
    finally:
        engine.dispose()
    return True


def _is_copy(connection: Any, source: sqlite3.Connection, version: str) -> bool:
    found = connection.execute(text("SELECT version_num FROM alembic_version")).scalar_one_or_none()
    if found != version:
        return False
    return all(
        connection.execute(text(f'SELECT count(*) FROM "{name}"')).scalar_one()
        == source.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]
        for name in COMPARED
    )


def _migrate(engine: Engine, version: str) -> None:
    from alembic import command
    from alembic.config import Config

    config = Config(str(PROJECT / "alembic.ini"))
    with engine.connect() as connection:  # migrations/env.py commits on it, as on its own
        config.attributes["connection"] = connection
        command.upgrade(config, version)


def _copy(engine: Engine, source: sqlite3.Connection) -> None:
    with engine.connect() as connection:
        present = set(inspect(connection).get_table_names()) - {"alembic_version"}
        names = sorted(r[0] for r in source.execute("SELECT name FROM sqlite_master WHERE type = 'table'"))
        names = [name for name in names if name in present]
        missing = present - set(names)
        if missing:
            raise Refused(f"tables missing from the SQLite database: {', '.join(sorted(missing))}")
        raw = connection.connection.driver_connection  # psycopg's own, for COPY
        with raw.cursor() as cursor:
            # The rows come from a database that held them together: replica mode leaves the foreign keys
            # (and every trigger) out while the tables are filled one by one.
            cursor.execute("SET session_replication_role = replica")
            cursor.execute("SET TIME ZONE 'UTC'")  # SQLite holds the app's UTC moments without a zone
            cursor.execute("TRUNCATE " + ", ".join(f'"{name}"' for name in names))
            for name in names:
                _copy_table(source, cursor, name)
            cursor.execute("SET session_replication_role = DEFAULT")
        raw.commit()
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text("VACUUM ANALYZE"))


def _copy_table(source: sqlite3.Connection, cursor: Any, name: str) -> int:
    types = dict(
        cursor.execute(
            "SELECT column_name, data_type FROM information_schema.columns "
            "WHERE table_schema = current_schema() AND table_name = %s",
            (name,),
        ).fetchall()
    )
    columns = [r[1] for r in source.execute(f'PRAGMA table_info("{name}")') if r[1] in types]
    flags = [i for i, c in enumerate(columns) if types[c] == "boolean"]  # SQLite keeps them as 0 and 1
    listed = ", ".join(f'"{c}"' for c in columns)
    n = 0
    with cursor.copy(f'COPY "{name}" ({listed}) FROM STDIN') as target:
        for row in source.execute(f'SELECT {listed} FROM "{name}"'):
            if flags:
                row = list(row)
                for i in flags:
                    row[i] = None if row[i] is None else bool(row[i])
            target.write_row(row)
            n += 1
    if "id" in columns:  # setval(NULL, ...) does nothing where the id has no sequence
        cursor.execute(
            f"SELECT setval(pg_get_serial_sequence('\"{name}\"', 'id'), "
            f'coalesce((SELECT max(id) FROM "{name}"), 0) + 1, false)'
        )
    return n
