"""What people hear about ideas: receipts, stage changes and closing, the team's question answered
through the tracking link, managers' notices and the weekly list of ideas waiting over 14 days;
anonymising removes the addresses from the messages."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

import models as m
from services.ideas import intake, privacy, triage
from services.notifications import schedule
from services.shared.errors import InvalidTransition, NotFound, PermissionDenied, ValidationError
from tests.conftest import actor
from tests.services.ideas.test_intake import form, org_id

PAYLOAD = "<img src=x onerror=alert(1)> **fet**"


def notes(session: Session, idea_id: int, kind: str | None = None) -> list[m.Notification]:
    query = select(m.Notification).where(m.Notification.entity == "idea", m.Notification.entity_id == idea_id)
    if kind:
        query = query.where(m.Notification.kind == kind)
    return list(session.exec(query.order_by(m.Notification.id)))


def public_idea(session: Session, *, language: str = "sv", **changes: object) -> intake.Submitted:
    data = form(session, contact_name="Ada", contact_email="ada@example.se", consent=True, **changes)
    return intake.submit_idea(session=session, actor=None, data=data, language=language)


def test_anonymous_idea_gets_no_mail_but_the_organisations_managers_hear_of_it(session: Session) -> None:
    done = intake.submit_idea(session=session, actor=None, data=form(session))  # KS, no address
    assert notes(session, done.idea_id, "idea.receipt") == []
    managers = {n.user_id for n in notes(session, done.idea_id, "idea.new_for_org")}
    assert managers == {actor(session, "maria.ekholm").id}


def test_a_logged_in_submitter_gets_the_receipt_in_the_app_and_by_mail_only_to_an_address_given(
    session: Session,
) -> None:
    me = actor(session, "employee")
    done = intake.submit_idea(session=session, actor=me, data=form(session))
    [receipt] = notes(session, done.idea_id, "idea.receipt")
    assert receipt.user_id == me.id and receipt.mail_state == "none" and receipt.link == "mina-ideer"
    done = intake.submit_idea(session=session, actor=me, data=form(session, contact_email=me.email, consent=True))
    [receipt] = notes(session, done.idea_id, "idea.receipt")
    assert receipt.email == me.email and receipt.mail_state == "pending" and "kod=" in receipt.link
    assert me.id not in {n.user_id for n in notes(session, done.idea_id, "idea.new_for_org")}


def test_every_public_stage_change_and_closing_with_the_reason_reach_the_submitter(session: Session) -> None:
    done = public_idea(session, language="en", title=PAYLOAD)
    admin = actor(session, "admin")
    triage.change_stage(session=session, actor=admin, idea_id=done.idea_id, to_stage="screening", text="Vi tittar.")
    [moved] = notes(session, done.idea_id, "idea.stage_changed")
    assert moved.email == "ada@example.se" and moved.language == "en"
    assert moved.subject == f"Your idea {done.ref} is now at Screening"
    assert "from Received to Screening" in moved.body and "Vi tittar." in moved.body and PAYLOAD in moved.body
    triage.change_stage(
        session=session,
        actor=admin,
        idea_id=done.idea_id,
        to_stage="closed",
        text="Finns redan.",
        obstacle_kind="other",
    )
    [closed] = notes(session, done.idea_id, "idea.closed")
    assert "Reason: Finns redan." in closed.body and closed.unsubscribe_token


def test_the_team_asks_and_the_submitter_answers_through_the_tracking_link(session: Session) -> None:
    done = public_idea(session)
    manager = actor(session, "maria.ekholm")  # KS is responsible
    triage.ask_submitter(session=session, actor=manager, idea_id=done.idea_id, text="Vilken entré gäller det?")
    [question] = notes(session, done.idea_id, "idea.question")
    assert question.required and question.unsubscribe_token is None and "Vilken entré gäller det?" in question.body
    seen = intake.track_idea(session=session, code=done.tracking_code)
    assert seen.open_question == "Vilken entré gäller det?"
    assert [e.kind for e in seen.timeline][-1] == "question"

    with pytest.raises(NotFound):
        intake.answer_question(session=session, code=done.ref, text="Gissning")  # the reference is not enough
    with pytest.raises(ValidationError):
        intake.answer_question(session=session, code=done.tracking_code, text="  ")
    intake.answer_question(session=session, code=done.tracking_code, text=PAYLOAD, address="10.0.0.1")
    seen = intake.track_idea(session=session, code=done.tracking_code)
    assert seen.open_question is None
    assert (seen.timeline[-1].kind, seen.timeline[-1].text) == ("answer", PAYLOAD)
    detail = triage.idea_detail(session=session, actor=manager, idea_id=done.idea_id)
    assert (detail.timeline[-1].kind, detail.timeline[-1].text, detail.timeline[-1].internal) == (
        "answer",
        PAYLOAD,
        False,
    )
    [answered] = notes(session, done.idea_id, "idea.answered")
    assert answered.user_id == manager.id and PAYLOAD in answered.body
    with pytest.raises(InvalidTransition):  # answered already: no open question
        intake.answer_question(session=session, code=done.tracking_code, text="Igen")
    logged = session.exec(select(m.AuditLog.action).where(m.AuditLog.entity_id == done.idea_id)).all()
    assert "idea.question_asked" in logged and "idea.answered" in logged


def test_a_question_needs_someone_to_reach_and_a_manager_of_the_organisation(session: Session) -> None:
    anonymous = intake.submit_idea(session=session, actor=None, data=form(session))
    with pytest.raises(InvalidTransition):
        triage.ask_submitter(session=session, actor=actor(session, "admin"), idea_id=anonymous.idea_id, text="Hej?")
    done = public_idea(session)
    with pytest.raises(PermissionDenied):  # HSF's manager, the idea is KS's
        triage.ask_submitter(session=session, actor=actor(session, "manager"), idea_id=done.idea_id, text="Hej?")
    assert notes(session, done.idea_id, "idea.question") == []


def test_anonymising_removes_the_address_from_queued_and_sent_messages(session: Session) -> None:
    done = public_idea(session)
    triage.change_stage(session=session, actor=actor(session, "admin"), idea_id=done.idea_id, to_stage="screening")
    [receipt] = notes(session, done.idea_id, "idea.receipt")
    receipt.mail_state = "sent"  # as if the sender had delivered it
    session.commit()
    privacy.anonymise_idea(session=session, actor=actor(session, "admin"), idea_id=done.idea_id)
    to_submitter = [n for n in notes(session, done.idea_id) if n.user_id is None]
    assert to_submitter and all(n.email is None for n in to_submitter)
    assert [n.mail_state for n in to_submitter] == ["sent", "cancelled"]


def test_submitter_withdraws_the_address_through_the_tracking_link(session: Session) -> None:
    done = public_idea(session)
    assert intake.track_idea(session=session, code=done.tracking_code).has_address
    intake.withdraw_address(session=session, code=done.tracking_code)
    idea = session.get(m.Idea, done.idea_id)
    assert idea.contact_email is None and idea.contact_name is None and idea.consent_at is None
    assert not intake.track_idea(session=session, code=done.tracking_code).has_address
    assert all(n.email is None for n in notes(session, done.idea_id) if n.user_id is None)
    assert "idea.address_withdrawn" in session.exec(select(m.AuditLog.action)).all()


def test_managers_get_the_ideas_waiting_over_14_days_once_a_week(session: Session, engine: Engine) -> None:
    now = datetime.now(UTC)
    ks = org_id(session, "KS")
    old = intake.submit_idea(session=session, actor=None, data=form(session), now=now - timedelta(days=20))
    session.rollback()
    first = schedule.run(engine, now=now)
    # A second round in the same week queues nothing. Run at the same moment: an hour later a demo idea
    # seeded just under 14 days ago may cross the line and rightly bring its own managers a first digest.
    again = schedule.run(engine, now=now)
    assert first["idea.waiting"] >= 1 and again["idea.waiting"] == 0  # once per week
    maria = actor(session, "maria.ekholm")
    [digest] = session.exec(
        select(m.Notification).where(m.Notification.kind == "idea.waiting", m.Notification.user_id == maria.id)
    ).all()
    assert digest.entity_id == ks and old.ref in digest.body and "20 dagar" in digest.body
    assert "väntat mer än 14 dagar" in digest.subject
    session.rollback()  # let go of the write lock the test's session holds
    next_week = schedule.run(engine, now=now + timedelta(days=7))
    assert next_week["idea.waiting"] >= 1


def test_a_logged_in_submitter_answers_under_mina_ideer(session: Session) -> None:
    me = actor(session, "employee")
    done = intake.submit_idea(session=session, actor=me, data=form(session))
    triage.ask_submitter(session=session, actor=actor(session, "admin"), idea_id=done.idea_id, text="Vilken avdelning?")
    [question] = notes(session, done.idea_id, "idea.question")
    assert question.user_id == me.id and question.link == "mina-ideer"
    with pytest.raises(NotFound):  # someone else's idea
        intake.answer_own_question(session=session, actor=actor(session, "employee.sl"), idea_id=done.idea_id, text="x")
    intake.answer_own_question(session=session, actor=me, idea_id=done.idea_id, text="Avdelning 12")
    seen = intake.my_idea(session=session, actor=me, idea_id=done.idea_id)
    assert seen.open_question is None and seen.timeline[-1].text == "Avdelning 12"


def test_an_addresss_data_includes_the_messages_sent_to_it(session: Session) -> None:
    done = public_idea(session)
    data = privacy.person_data(session=session, actor=actor(session, "admin"), email="ADA@example.se")
    [receipt] = [n for n in data["messages"] if n["kind"] == "idea.receipt"]
    assert done.ref in receipt["subject"] and receipt["email"] == "ada@example.se"
