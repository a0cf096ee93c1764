"""What managers hear about reporting: a returned value with its note, periods due within a week of their
deadline, periods whose deadline passed (each once per manager and deadline)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import Engine
from sqlmodel import Session, select

import models as m
from services.indicators import notices, values
from services.notifications import schedule
from tests.conftest import actor
from tests.services.indicators.test_registry_targets_values import _ids


def test_a_returned_value_reaches_its_reporter_with_the_note(session: Session) -> None:
    manager, admin = actor(session, "manager"), actor(session, "admin")
    i, hsf = _ids(session, "PRJ-01", "HSF")
    draft = values.save_value(
        session=session, actor=manager, indicator_id=i, organisation_id=hsf, period_start=date(2026, 7, 1), value="7"
    )
    values.submit_value(session=session, actor=manager, value_id=draft.id)
    values.return_value(session=session, actor=admin, value_id=draft.id, note="Räkna med <b>Q3</b>-projekten")
    [returned] = session.exec(
        select(m.Notification).where(m.Notification.kind == "indicators.returned", m.Notification.entity_id == draft.id)
    ).all()
    assert returned.user_id == manager.id and "Räkna med <b>Q3</b>-projekten" in returned.body
    assert "PRJ-01" in returned.subject and "2026-07-01" in returned.body


def test_deadline_is_the_end_of_the_month_after_the_period() -> None:
    assert notices.deadline_of(date(2026, 9, 30)) == date(2026, 10, 31)
    assert notices.deadline_of(date(2026, 12, 31)) == date(2027, 1, 31)
    assert notices.deadline_of(date(2026, 1, 31)) == date(2026, 2, 28)


def _reporting(session: Session) -> list[m.Notification]:
    manager = actor(session, "manager")
    return list(
        session.exec(
            select(m.Notification)
            .where(
                m.Notification.user_id == manager.id, m.Notification.kind.in_(["indicators.due", "indicators.overdue"])
            )
            .order_by(m.Notification.id)
        )
    )


def test_periods_due_within_a_week_and_overdue_are_announced_once(session: Session, engine: Engine) -> None:
    session.rollback()  # let go of the write lock the test's session holds
    week_before = datetime(2026, 10, 26, 9, tzinfo=UTC)  # Q3's deadline is 31 October
    schedule.run(engine, now=week_before)
    schedule.run(engine, now=week_before)
    due = [n for n in _reporting(session) if n.kind == "indicators.due"]
    assert len(due) == 1 and "2026-10-31" in due[0].subject and "2026-07-01" in due[0].body
    session.rollback()
    schedule.run(engine, now=datetime(2026, 11, 3, 9, tzinfo=UTC))
    schedule.run(engine, now=datetime(2026, 11, 5, 9, tzinfo=UTC))
    overdue = [n for n in _reporting(session) if n.kind == "indicators.overdue"]
    assert len(overdue) == 1 and "2026-10-31" in overdue[0].body
