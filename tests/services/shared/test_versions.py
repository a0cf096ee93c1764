"""The data version: every committed write moves it, nothing else does, and every process sees it."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

import db
from services import seed
from services.ideas import intake
from services.shared import audit, versions
from services.shared.errors import ValidationError
from tests.services.ideas.test_intake import form


def _now(engine: Engine) -> int:
    with db.read_session(engine) as session:
        return versions.current(session)


def test_a_committed_write_moves_the_version_and_a_refused_one_does_not(engine: Engine, session: Session) -> None:
    before = _now(engine)
    intake.submit_idea(session=session, actor=None, data=form(session))
    after = _now(engine)
    assert after > before
    with pytest.raises(ValidationError):
        intake.submit_idea(session=session, actor=None, data=form(session, title=""))
    assert _now(engine) == after


def test_a_rolled_back_write_moves_nothing(engine: Engine) -> None:
    before = _now(engine)
    with db.write_session(engine) as session:
        audit.record(session, None, "test.change", "idea", None)
        session.rollback()
    assert _now(engine) == before


def test_another_process_sees_the_new_version_at_its_next_read(demo_url: str) -> None:
    mine, theirs = db.make_engine(demo_url), db.make_engine(demo_url)  # two processes' engines
    try:
        seen = _now(theirs)
        with db.write_session(mine) as session:
            intake.submit_idea(session=session, actor=None, data=form(session))
        assert _now(theirs) > seen
    finally:
        mine.dispose()
        theirs.dispose()


def test_wiping_and_reloading_the_demo_keeps_the_version_growing(engine: Engine) -> None:
    before = _now(engine)
    with db.write_session(engine) as session:
        seed.load_demo(session, today=seed.SEED_REFERENCE_DAY, replace=True)
    assert _now(engine) > before
