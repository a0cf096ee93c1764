"""What applicants and reviewers hear from Innovationsfonden: receipt, a request for more information
with what is asked, the decision, reports due and overdue (once each), assignment with the day reviews
are due and a reminder a week before it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine
from sqlmodel import Session, select

import models as m
from services.fund import applications as fund
from services.fund import decisions, review
from services.notifications import schedule
from tests.conftest import actor
from tests.services.fund.test_fund import TODAY, _form, _open_call, _reviewed, _submitted


def notes(session: Session, application_id: int, kind: str) -> list[m.Notification]:
    return list(
        session.exec(
            select(m.Notification)
            .where(m.Notification.entity == "fundapplication", m.Notification.entity_id == application_id)
            .where(m.Notification.kind == kind)
            .order_by(m.Notification.id)
        )
    )


def test_applicant_hears_of_receipt_request_for_information_and_decision(session: Session) -> None:
    me, admin = actor(session, "employee"), actor(session, "admin")
    app = _submitted(session)
    [receipt] = notes(session, app.id, "fund.receipt")
    assert receipt.user_id == me.id and receipt.email == me.email and receipt.required
    assert app.ref in receipt.subject and _open_call(session).name in receipt.body

    decisions.request_info(session=session, actor=admin, application_id=app.id, message="Bifoga en budget per år.")
    [asked] = notes(session, app.id, "fund.needs_info")
    assert "Bifoga en budget per år." in asked.body and asked.required
    fund.save_application(
        session=session, actor=me, data=_form(session, "employee"), today=TODAY, application_id=app.id
    )
    fund.submit_application(session=session, actor=me, application_id=app.id, today=TODAY)
    assert notes(session, app.id, "fund.resubmitted")

    decisions.approve(
        session=session, actor=admin, application_id=app.id, granted_sek=300_000, note="Bra.", today=TODAY
    )
    [granted] = notes(session, app.id, "fund.approved")
    assert "300\u00a0000 kr" in granted.body and "Bra." in granted.body

    other = _submitted(session, title="Annan ansökan")
    decisions.reject(session=session, actor=admin, application_id=other.id, reason="Utanför utlysningen.", today=TODAY)
    [rejected] = notes(session, other.id, "fund.rejected")
    assert "Skäl: Utanför utlysningen." in rejected.body


def test_reviewer_is_told_of_the_assignment_and_reminded_once(session: Session, engine: Engine) -> None:
    app = _submitted(session)
    council = actor(session, "council")
    review.assign_reviewer(
        session=session, actor=actor(session, "admin"), application_id=app.id, reviewer_id=council.id
    )
    due = session.get(m.FundCall, app.call_id).review_due_on
    [assigned] = notes(session, app.id, "fund.review_assigned")
    assert assigned.user_id == council.id and assigned.link == "granskning"
    assert f"Granskningen ska vara klar senast {due.isoformat()}." in assigned.body
    session.rollback()  # let go of the write lock the test's session holds
    due_at = datetime.combine(due, datetime.min.time(), tzinfo=UTC) + timedelta(hours=12)
    schedule.run(engine, now=due_at - timedelta(days=8))
    assert notes(session, app.id, "fund.review_reminder") == []  # more than a week left
    session.rollback()
    schedule.run(engine, now=due_at - timedelta(days=7))
    schedule.run(engine, now=due_at - timedelta(days=2))
    [reminder] = notes(session, app.id, "fund.review_reminder")
    assert reminder.user_id == council.id and f"klar senast {due.isoformat()}" in reminder.body


def test_a_submitted_review_is_not_reminded_of(session: Session, engine: Engine) -> None:
    app = _submitted(session)
    _reviewed(session, app)
    due = session.get(m.FundCall, app.call_id).review_due_on
    session.rollback()
    schedule.run(engine, now=datetime.combine(due, datetime.min.time(), tzinfo=UTC))
    assert notes(session, app.id, "fund.review_reminder") == []


def test_reports_due_within_30_days_and_overdue_are_each_announced_once(session: Session, engine: Engine) -> None:
    app = _submitted(session)
    decisions.approve(
        session=session,
        actor=actor(session, "admin"),
        application_id=app.id,
        granted_sek=100_000,
        note=None,
        today=TODAY,
    )
    first = session.exec(
        select(m.FundReport).where(m.FundReport.application_id == app.id).order_by(m.FundReport.due_on)
    ).first()
    due = datetime.combine(first.due_on, datetime.min.time(), tzinfo=UTC)
    session.rollback()
    schedule.run(engine, now=due - timedelta(days=40))
    assert notes(session, app.id, "fund.report_due") == []
    session.rollback()
    schedule.run(engine, now=due - timedelta(days=20))
    schedule.run(engine, now=due - timedelta(days=10))
    [soon] = notes(session, app.id, "fund.report_due")
    assert first.due_on.isoformat() in soon.body and "Lägesrapport" in soon.subject
    session.rollback()
    schedule.run(engine, now=due + timedelta(days=2))
    schedule.run(engine, now=due + timedelta(days=9))
    [late] = notes(session, app.id, "fund.report_overdue")
    assert "försenad" in late.subject
