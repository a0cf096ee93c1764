"""Alembic environment: the schema is `models.py`; the database is `db.database_url()`."""

from alembic import context
from sqlmodel import SQLModel

import db
import models  # noqa: F401  (registers every table on SQLModel.metadata)
from services.shared import fulltext

target_metadata = SQLModel.metadata


def run_migrations_offline() -> None:
    context.configure(
        url=db.database_url(),
        target_metadata=target_metadata,
        literal_binds=True,
        render_as_batch=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = context.config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = db.make_engine(context.config.attributes.get("url") or db.database_url())
    with engine.connect() as connection:
        _run(connection)
    engine.dispose()


def _run(connection) -> None:
    sqlite = connection.dialect.name == "sqlite"
    if sqlite:
        # Batch mode rebuilds a table by copying it and dropping the old one; with foreign keys on,
        # dropping a table that other rows refer to fails, so a populated database could not migrate.
        # SQLite ignores this pragma inside a transaction: set it on the driver before BEGIN.
        _driver_pragma(connection, "PRAGMA foreign_keys=OFF")
    try:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=True,  # SQLite cannot ALTER most things; batch mode rebuilds the table
            compare_type=True,
            include_name=fulltext.include_name,
        )
        with context.begin_transaction():
            context.run_migrations()
            if sqlite:
                broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if broken:  # rolls the whole migration back
                    raise RuntimeError(f"the migration left rows whose references are broken: {broken[:5]}")
        # After every migration, in a transaction of its own (SQLite's DDL is not transactional for
        # Alembic): a table rebuilt in batch mode has lost its triggers, a new table needs its index.
        fulltext.ensure(connection)
        connection.commit()
    finally:
        if sqlite:
            _driver_pragma(connection, "PRAGMA foreign_keys=ON")


def _driver_pragma(connection, statement: str) -> None:
    cursor = connection.connection.dbapi_connection.cursor()
    try:
        cursor.execute(statement)
    finally:
        cursor.close()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
