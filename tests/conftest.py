"""Shared fixtures: databases built by the same migrations and seed loader that the app ships.

The demo region is migrated and loaded once per test session into a template file; each test that
needs it gets its own copy in `tmp_path`, so tests never see each other's writes.
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

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import Engine
from sqlmodel import Session

import db
from services import seed
from services.people.auth import Actor, load_actor

PROJECT_DIR = Path(__file__).resolve().parent.parent


def migrate(url: str) -> None:
    """Bring the database at `url` to the newest schema, as `manage.py init-db` does."""
    config = Config(str(PROJECT_DIR / "alembic.ini"))
    config.attributes["url"] = url
    command.upgrade(config, "head")


def _checkpoint(path: Path) -> None:
    """Fold the WAL into the main file, so that copying one file copies the whole database."""
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")


@pytest.fixture(scope="session")
def empty_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("templates") / "empty.db"
    migrate(f"sqlite:///{path}")
    _checkpoint(path)
    return path


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory, empty_template: Path) -> Path:
    path = tmp_path_factory.mktemp("templates") / "demo.db"
    shutil.copy(empty_template, path)
    engine = db.make_engine(f"sqlite:///{path}")
    with db.write_session(engine) as session:
        seed.load_demo(session, today=seed.SEED_REFERENCE_DAY)
    engine.dispose()
    _checkpoint(path)
    return path


def _copy_to(template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    target = tmp_path / "innovation.db"
    shutil.copy(template, target)
    url = f"sqlite:///{target}"
    monkeypatch.setenv("DATABASE_URL", url)
    return url


@pytest.fixture
def demo_url(demo_template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A private copy of the demo region; DATABASE_URL points at it."""
    return _copy_to(demo_template, tmp_path, monkeypatch)


@pytest.fixture
def empty_url(empty_template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A migrated database without rows; DATABASE_URL points at it."""
    return _copy_to(empty_template, tmp_path, monkeypatch)


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
