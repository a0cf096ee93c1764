"""The SQLite settings that keep data safe under concurrent use."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.exc import IntegrityError
from sqlmodel import func, select

import db
from models import Area, RefSequence
from services.shared import refs
from tests.conftest import database_fingerprint


def test_every_connection_has_foreign_keys_wal_and_a_busy_timeout(empty_engine: Engine) -> None:
    with empty_engine.connect() as connection:
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA busy_timeout")).scalar() == db.BUSY_TIMEOUT_MS


def test_foreign_keys_are_enforced(empty_engine: Engine) -> None:
    from models import Organisation

    with db.write_session(empty_engine) as session:
        session.add(Organisation(name="X", short_name="X", kind="bolag", area_id=999))
        with pytest.raises(IntegrityError):
            session.commit()


def test_checked_enumerations_refuse_unknown_values(empty_engine: Engine) -> None:
    with db.write_session(empty_engine) as session:
        session.add(Area(code="a", name_sv="A", name_en="A"))
        session.commit()
        with pytest.raises(IntegrityError):
            session.exec(
                text(
                    "INSERT INTO organisation (name, short_name, kind, area_id, created_at, updated_at) "
                    "VALUES ('Y', 'Y', 'avdelning', 1, '2026-01-01', '2026-01-01')"
                )
            )


def test_concurrent_read_then_write_transactions_do_not_fail(empty_engine: Engine) -> None:
    """Eight threads each read a counter and write it back, 25 times: no lock errors, no lost update."""
    with db.write_session(empty_engine) as session:
        session.add(RefSequence(prefix="T", year=2026, last_value=0))
        session.commit()
    errors: list[BaseException] = []

    def work() -> None:
        try:
            for _ in range(25):
                with db.write_session(empty_engine) as session:
                    row = session.get(RefSequence, ("T", 2026))
                    row.last_value = row.last_value + 1
                    session.commit()
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with db.read_session(empty_engine) as session:
        assert session.get(RefSequence, ("T", 2026)).last_value == 200


def test_references_are_unique_under_concurrent_requests(empty_engine: Engine) -> None:
    handed_out: list[str] = []
    lock = threading.Lock()

    def take() -> None:
        for _ in range(20):
            with db.write_session(empty_engine) as session:
                ref = refs.next_ref(session, "IDE", 2026)
                session.commit()
            with lock:
                handed_out.append(ref)

    threads = [threading.Thread(target=take) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(handed_out) == 120 == len(set(handed_out))
    assert sorted(handed_out)[0] == "IDE-2026-00001" and sorted(handed_out)[-1] == "IDE-2026-00120"


def test_read_sessions_never_write(empty_engine: Engine) -> None:
    with db.read_session(empty_engine) as session:
        session.add(Area(code="b", name_sv="B", name_en="B"))
        session.flush()
    with db.read_session(empty_engine) as session:
        assert session.exec(select(func.count()).select_from(Area)).one() == 0


def test_schema_problem_names_what_to_run(tmp_path, empty_url: str) -> None:
    assert db.schema_problem(f"sqlite:///{tmp_path / 'nothing-here.db'}") == "db.missing"
    assert not (tmp_path / "nothing-here.db").exists()  # checking did not create it
    blank = tmp_path / "blank.db"
    blank.write_bytes(b"")
    assert db.schema_problem(f"sqlite:///{blank}") == "db.not_migrated"
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(b"this is not a database" * 100)
    assert db.schema_problem(f"sqlite:///{garbage}") == "db.unreadable"
    assert db.schema_problem(empty_url) is None


def test_the_fingerprint_that_proves_nothing_was_written_sees_one_changed_row(demo_url: str) -> None:
    before = database_fingerprint(demo_url)
    assert database_fingerprint(demo_url) == before
    engine = db.make_engine(demo_url)
    with db.write_session(engine) as session:
        area = session.exec(select(Area)).first()
        area.name_en = area.name_en + "!"
        session.commit()
    engine.dispose()
    assert database_fingerprint(demo_url) != before


def test_refreshed_statistics_tell_the_planner_the_tables_sizes(engine: Engine) -> None:
    with engine.begin() as connection:
        if _has_stats(connection):
            connection.execute(text("DELETE FROM sqlite_stat1"))
    db.refresh_statistics(engine)
    with engine.connect() as connection:
        stats = dict(connection.execute(text("SELECT idx, stat FROM sqlite_stat1 WHERE tbl = 'idea'")).all())
        ideas = connection.execute(text("SELECT count(*) FROM idea")).scalar()
    estimate = int(stats["ix_idea_received_at"].split()[0])  # sampled: near the count, not exact
    assert 0.8 * ideas <= estimate <= 1.2 * ideas


def test_only_merged_ideas_are_in_the_merged_into_index(engine: Engine) -> None:
    """ "Not merged" is nearly every idea: an index SQLite could pick for it read them all."""
    with engine.connect() as connection:
        sql = connection.execute(text("SELECT sql FROM sqlite_master WHERE name = 'ix_idea_merged_into_id'")).scalar()
        plan = connection.execute(
            text("EXPLAIN QUERY PLAN SELECT count(*) FROM idea WHERE merged_into_id IS NULL")
        ).all()
    assert "WHERE merged_into_id IS NOT NULL" in sql
    assert not any("ix_idea_merged_into_id" in row[-1] for row in plan)


def _has_stats(connection) -> bool:
    return connection.execute(text("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'")).scalar() == 1


def test_a_stages_first_page_of_ideas_is_read_in_order_from_its_index(engine: Engine) -> None:
    """Idéhantering's list of one stage, newest first: the page's rows in index order, not the stage's every
    idea sorted (35-75 ms for "received" at ten times the region)."""
    from sqlmodel import Session

    from models import utcnow
    from services.ideas import triage
    from services.ideas.triage import IdeaFilter
    from services.people.auth import load_actor

    db.refresh_statistics(engine)
    with Session(engine) as session:
        admin = load_actor(session, "admin")
        now = utcnow()
        query = (
            triage._row_query(session, admin, IdeaFilter(stage="received"), now)
            .order_by(*triage._newest_first(rare=False))
            .limit(25)
        )
        sql = str(query.compile(engine, compile_kwargs={"literal_binds": True}))
        plan = [row[-1] for row in session.connection().exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}").all()]
        page = triage.list_ideas(session=session, actor=admin, filters=IdeaFilter(stage="received"))
    assert any("ix_idea_stage_received" in step for step in plan), plan
    # No sort of the stage's ideas (ideas received in the same moment are put in order among themselves)
    assert not any(step == "USE TEMP B-TREE FOR ORDER BY" for step in plan), plan
    assert page.total > 0 and [row.stage for row in page.items] == ["received"] * len(page.items)
