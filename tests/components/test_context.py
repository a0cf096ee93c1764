"""What a page run reads once: the data version, asked again after a write in the same run; and the
database check every run starts with, made until the database is found ready."""

from __future__ import annotations

from pathlib import Path

import pytest

import db
from components import context
from services.shared import versions


def test_a_page_run_asks_for_the_data_version_once_and_again_after_a_write(
    demo_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[int] = []
    real = versions.current
    monkeypatch.setattr(versions, "current", lambda session: asked.append(1) or real(session))
    with context.page_run():
        before = context.data_version()
        assert context.data_version() == before and len(asked) == 1  # every cached read's key: one query
        with context.writing() as session:
            versions.bump(session)
            session.commit()
        assert context.data_version() == before + 1  # the run's own write is seen by what it reads next
        assert context.data_version() == before + 1 and len(asked) == 2
    context.data_version()
    context.data_version()
    assert len(asked) == 4  # outside a page run (a fragment's refresh) every read asks


def test_the_database_is_checked_until_it_is_found_ready_then_not_again(
    empty_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(context, "_READY", set())
    asked: list[str | None] = []
    real = db.schema_problem
    monkeypatch.setattr(db, "schema_problem", lambda url=None: asked.append(url) or real(url))
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'not-yet.db'}")
    assert context.schema_problem() == "db.missing"
    assert context.schema_problem() == "db.missing" and len(asked) == 2  # a missing database is asked again
    monkeypatch.setenv("DATABASE_URL", empty_url)
    assert context.schema_problem() is None
    assert context.schema_problem() is None and asked[2:] == [empty_url]  # a ready one only once
