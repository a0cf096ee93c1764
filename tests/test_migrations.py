"""The migrations and models.py describe the same schema."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlmodel import SQLModel

import db
import models  # noqa: F401
from services.shared import fulltext
from tests.conftest import PROJECT_DIR, migrate


def _differences(url: str) -> list:
    engine = db.make_engine(url)
    with engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "include_name": fulltext.include_name}
        )
        diff = compare_metadata(context, SQLModel.metadata)
    engine.dispose()
    return diff


def test_models_and_migrations_agree(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'm.db'}"
    migrate(url)
    assert _differences(url) == [], "models.py changed without a migration: run `alembic revision --autogenerate`"


def _counts(path: Path) -> dict[str, int]:
    with sqlite3.connect(path) as connection:
        tables = ("idea", "user", "indicatorvalue")
        return {t: connection.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}


def test_the_demo_database_downgrades_step_by_step_and_upgrades_again(tmp_path: Path, demo_template: Path) -> None:
    """On a populated database (the demo region), not an empty one: every migration's downgrade runs
    with rows that refer to each other, and the rows survive a step down and up again."""
    path = tmp_path / "m.db"
    shutil.copy(demo_template, path)
    url = f"sqlite:///{path}"
    config = Config(str(PROJECT_DIR / "alembic.ini"))
    config.attributes["url"] = url
    before = _counts(path)
    assert before["idea"] > 1000  # populated: the demo region has several hundred ideas a year
    steps = len(list(ScriptDirectory.from_config(config).walk_revisions()))
    for down in range(1, steps):  # the first migration's downgrade drops every table: checked below
        command.downgrade(config, f"-{down}")
        command.upgrade(config, "head")
        assert _counts(path) == before, f"rows lost stepping {down} down and up again"
    command.downgrade(config, "base")
    with sqlite3.connect(path) as connection:
        tables = connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
        assert tables == [("alembic_version",)] or tables == []
    command.upgrade(config, "head")
    assert _differences(url) == []


def test_the_working_days_to_a_first_response_are_filled_in_for_requests_answered_before(
    tmp_path: Path, demo_template: Path
) -> None:
    from datetime import datetime

    from services.shared.workdays import first_response_workdays

    path = tmp_path / "m.db"
    shutil.copy(demo_template, path)
    config = Config(str(PROJECT_DIR / "alembic.ini"))
    config.attributes["url"] = f"sqlite:///{path}"
    command.downgrade(config, "0022_figure_indexes")  # the column is gone: as before the migration
    command.upgrade(config, "head")
    with sqlite3.connect(path) as connection:
        rows = connection.execute(
            "SELECT received_at, first_response_at, first_response_workdays FROM testbedrequest"
        ).fetchall()
    answered = [(datetime.fromisoformat(r), datetime.fromisoformat(a), w) for r, a, w in rows if a is not None]
    assert len(answered) > 20
    assert [w for _, _, w in answered] == [first_response_workdays(r, a) for r, a, _ in answered]
    assert len({w for _, _, w in answered}) > 3  # real counts, not one value for all
    assert all(w is None for _, a, w in rows if a is None)


def test_the_calendar_days_to_a_first_response_are_filled_in_for_requests_answered_before(
    tmp_path: Path, demo_template: Path
) -> None:
    from datetime import datetime

    from services.shared.workdays import days_between_moments

    path = tmp_path / "m.db"
    shutil.copy(demo_template, path)
    config = Config(str(PROJECT_DIR / "alembic.ini"))
    config.attributes["url"] = f"sqlite:///{path}"
    command.downgrade(config, "0033_implementation_days")  # the column is gone: as before the migration
    command.upgrade(config, "head")
    with sqlite3.connect(path) as connection:
        rows = connection.execute(
            "SELECT received_at, first_response_at, first_response_days FROM testbedrequest"
        ).fetchall()
        plan = connection.execute(
            "EXPLAIN QUERY PLAN SELECT first_response_days FROM testbedrequest "
            "WHERE first_response_days IS NOT NULL ORDER BY first_response_days"
        ).fetchall()
    answered = [(datetime.fromisoformat(r), datetime.fromisoformat(a), d) for r, a, d in rows if a is not None]
    assert len(answered) > 20
    assert [d for _, _, d in answered] == [days_between_moments(r, a) for r, a, _ in answered]
    assert all(d > 0 for _, _, d in answered)
    assert all(d is None for _, a, d in rows if a is None)
    assert "ix_testbedrequest_response_days" in str(plan)  # the median's order read from the index
