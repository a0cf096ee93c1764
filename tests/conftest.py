"""Shared fixtures: databases built by the same migrations and seed loader that the app ships.

The demo region is migrated and loaded once per test session into a template; each test that needs it
gets its own copy, so tests never see each other's writes. On SQLite (the default) the templates are
files and a copy lands in `tmp_path`. With `TEST_DATABASE_URL=postgresql+psycopg://...` the same tests
run on PostgreSQL: the fixtures create template databases named after the URL's database and give each
test a fresh `CREATE DATABASE ... TEMPLATE` copy, dropped afterwards.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

# Before the app's modules are imported: cheap bcrypt for speed, a cookie key for AppTest.
os.environ.setdefault("INNOVATION_BCRYPT_ROUNDS", "4")
os.environ.setdefault("INNOVATION_COOKIE_KEY", "test-cookie-key-" + "x" * 40)

import hashlib
import itertools
import warnings

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, MetaData, create_engine, make_url, text
from sqlmodel import Session

import db
from components import caching
from services import seed
from services.people.auth import Actor, load_actor

# Every page test holds the pages to the rule of shared cached figures: never changed in place.
caching.CHECK = True

PROJECT_DIR = Path(__file__).resolve().parent.parent
TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL")  # unset: SQLite files in tmp_path
ON_POSTGRES = bool(TEST_DATABASE_URL) and TEST_DATABASE_URL.startswith("postgresql")
sqlite_only = pytest.mark.skipif(ON_POSTGRES, reason="SQLite-only: runs in the SQLite pass of `make test`")
postgres_only = pytest.mark.skipif(not ON_POSTGRES, reason="PostgreSQL-only: runs in `make test-postgres`")


class Postgres:
    """Databases on the server of TEST_DATABASE_URL: `<name>_empty` and `<name>_demo` templates, and one
    `<name>_<n>` copy per test. Copies are made with CREATE DATABASE ... TEMPLATE (a file copy on the
    server, fast) and dropped when the test ends."""

    def __init__(self, url: str) -> None:
        self.url = make_url(url)
        self.name = self.url.database or "innovation_test"
        self.server = create_engine(self.url.set(database="postgres"), isolation_level="AUTOCOMMIT")
        self.numbers = itertools.count()

    def url_of(self, database: str) -> str:
        return self.url.set(database=database).render_as_string(hide_password=False)

    def create(self, database: str, template: str | None = None) -> str:
        self.drop(database)
        with self.server.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{database}"' + (f' TEMPLATE "{template}"' if template else "")))
        return self.url_of(database)

    def drop(self, database: str) -> None:
        with self.server.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)'))

    def copy(self, template: str) -> str:
        return self.create(f"{self.name}_{next(self.numbers)}", template)


POSTGRES = Postgres(TEST_DATABASE_URL) if ON_POSTGRES else None


def migrate(url: str) -> None:
    """Bring the database at `url` to the newest schema, as `manage.py init-db` does."""
    config = Config(str(PROJECT_DIR / "alembic.ini"))
    config.attributes["url"] = url
    command.upgrade(config, "head")


def _checkpoint(path: Path) -> None:
    """Fold the WAL into the main file, so that copying one file copies the whole database."""
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")


Template = Path | str  # a SQLite file, or the name of a PostgreSQL template database


def _load_demo(url: str) -> None:
    engine = db.make_engine(url)
    with db.write_session(engine) as session:
        seed.load_demo(session, today=seed.SEED_REFERENCE_DAY)
    engine.dispose()


@pytest.fixture(scope="session")
def empty_template(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Template]:
    if POSTGRES is not None:
        name = f"{POSTGRES.name}_empty"
        migrate(POSTGRES.create(name))
        yield name
        POSTGRES.drop(name)
        return
    path = tmp_path_factory.mktemp("templates") / "empty.db"
    migrate(f"sqlite:///{path}")
    _checkpoint(path)
    yield path


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory, empty_template: Template) -> Iterator[Template]:
    if POSTGRES is not None:
        name = f"{POSTGRES.name}_demo"
        _load_demo(POSTGRES.create(name, str(empty_template)))
        yield name
        POSTGRES.drop(name)
        return
    path = tmp_path_factory.mktemp("templates") / "demo.db"
    shutil.copy(empty_template, path)
    _load_demo(f"sqlite:///{path}")
    _checkpoint(path)
    yield path


def _copy_to(template: Template, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    if POSTGRES is not None:
        url = POSTGRES.copy(str(template))
        monkeypatch.setenv("DATABASE_URL", url)
        yield url
        POSTGRES.drop(make_url(url).database)
        return
    target = tmp_path / "innovation.db"
    shutil.copy(template, target)
    url = f"sqlite:///{target}"
    monkeypatch.setenv("DATABASE_URL", url)
    yield url


@pytest.fixture
def demo_url(demo_template: Template, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A private copy of the demo region; DATABASE_URL points at it."""
    yield from _copy_to(demo_template, tmp_path, monkeypatch)


@pytest.fixture
def empty_url(empty_template: Template, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A migrated database without rows; DATABASE_URL points at it."""
    yield from _copy_to(empty_template, tmp_path, monkeypatch)


@pytest.fixture
def engine(demo_url: str) -> Iterator[Engine]:
    engine = db.make_engine(demo_url)
    yield engine
    engine.dispose()


@pytest.fixture
def empty_engine(empty_url: str) -> Iterator[Engine]:
    engine = db.make_engine(empty_url)
    yield engine
    engine.dispose()


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    """A write session on the demo copy (services commit their own work)."""
    with db.write_session(engine) as session:
        yield session


def actor(session: Session, username: str) -> Actor:
    """The demo user `username` as the services see them."""
    found = load_actor(session, username)
    assert found is not None, f"no active demo user {username}"
    return found


def database_fingerprint(url: str) -> str:
    """A hash of every row of every table (in primary-key order): equal before and after means that
    nothing at all was written. Works on SQLite and PostgreSQL alike."""
    engine = db.make_engine(url)
    digest = hashlib.sha256()
    try:
        metadata = MetaData()
        with warnings.catch_warnings():  # SQLite cannot reflect it; the rows are what is compared here
            unreflected = "Skipped unsupported reflection of expression-based index ix_user_name_order$"
            warnings.filterwarnings("ignore", unreflected)
            metadata.reflect(engine)
        with engine.connect() as connection:
            for table in sorted(metadata.tables.values(), key=lambda t: t.name):
                order = list(table.primary_key.columns) or list(table.columns)
                digest.update(table.name.encode())
                for row in connection.execute(table.select().order_by(*order)):
                    digest.update(repr(tuple(row)).encode())
    finally:
        engine.dispose()
    return digest.hexdigest()
