"""A database that cannot answer (locked by another writer, a failing disk) is a calm "try again" with
the form as typed, never a traceback, and nothing is half-saved."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy.exc import OperationalError

import db
import i18n
from services import overview
from tests.pages.apptest import app_as, open_page, texts
from tests.pages.ideas.test_ideas_pages import SUBMIT, _count, _fill, _submit


def test_a_locked_database_says_try_again_and_keeps_what_was_typed(
    demo_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(db, "BUSY_TIMEOUT_MS", 200)  # the app's engine gives up on the lock after 0.2 s
    at = _fill(open_page(app_as(None), SUBMIT), title="Cykelställ med tak vid entrén")
    before = _count(demo_url)
    other_writer = sqlite3.connect(db.sqlite_path(demo_url), isolation_level=None)
    other_writer.execute("BEGIN IMMEDIATE")  # holds the write lock, as a long import once did
    try:
        _submit(at)
    finally:
        other_writer.execute("ROLLBACK")
        other_writer.close()
    assert not at.exception
    assert i18n.t("errors.try_again") in texts(at)
    assert at.text_input(key="idea_title").value == "Cykelställ med tak vid entrén"
    assert at.radio(key="idea_benefit_kind").value == "environmental"
    assert _count(demo_url) == before
    _submit(at)  # the lock is free again: the same form goes through
    assert not at.exception and _count(demo_url) == before + 1


def test_a_failing_read_ends_the_page_with_the_same_message(demo_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(**_kwargs: object) -> None:
        raise OperationalError("SELECT ...", {}, sqlite3.OperationalError("disk I/O error"))

    monkeypatch.setattr(overview, "region_figures", broken)
    at = open_page(app_as("council"), "pages/start/overview.py")
    assert not at.exception
    assert i18n.t("errors.try_again") in texts(at)
    assert "disk I/O" not in texts(at)
