"""Council meetings: admins record meetings, agenda items linked to records, decisions and actions; the
council reads them; an action's owner sees it and marks it done; bad input is refused and writes nothing."""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import UTC, date, datetime

import pytest
from pypdf import PdfReader
from sqlalchemy import Engine
from sqlmodel import Session, select

import db
import models as m
from services.council import actions, meetings, minutes
from services.people.auth import Actor, load_actor
from services.shared.errors import InvalidTransition, NotFound, PermissionDenied, ValidationError
from tests import factories as f

HELD_ON = date(2026, 11, 20)
TODAY = date(2026, 12, 3)


@pytest.fixture
def session(empty_engine: Engine) -> Iterator[Session]:
    with db.write_session(empty_engine) as session:
        health = f.area(session, "health")
        ks = f.organisation(session, health, "KS")
        f.user(session, "root", "admin", ks, display_name="Anna Admin")
        f.user(session, "rådet", "council", ks, display_name="Birgitta Råd")
        f.user(session, "boss", "manager", ks, display_name="Anders Chef")
        f.user(session, "other", "manager", ks, display_name="Olle Annan")
        f.user(session, "staff", "employee", ks, display_name="Sofia Medarbetare")
        f.user(session, "gone", "council", ks, display_name="Gunnar Borta", is_active=False)
        f.idea(session, health, "2026-10-01", ref="IDE-2026-00042", title="Hörslinga i väntrummet")
        session.commit()
        yield session


def _actor(session: Session, username: str) -> Actor:
    found = load_actor(session, username)
    assert found is not None
    return found


def _id(session: Session, username: str) -> int:
    return session.exec(select(m.User.id).where(m.User.username == username)).one()


def _meeting(session: Session) -> m.CouncilMeeting:
    admin = _actor(session, "root")
    return meetings.create_meeting(
        session=session,
        actor=admin,
        data={"held_on": HELD_ON, "title": "Rådsmöte november", "location": "Regionens hus"},
        member_ids=[_id(session, "rådet"), _id(session, "root")],
    )


def test_an_admin_records_a_meeting_that_the_council_reads_with_its_minutes(session: Session) -> None:
    admin = _actor(session, "root")
    meeting = _meeting(session)
    item = meetings.add_agenda_item(
        session=session,
        actor=admin,
        meeting_id=meeting.id,
        data={"title": "Hörslingor i hela regionen?", "linked_kind": "idea", "linked_code": " ide-2026-00042 "},
    )
    decision = meetings.add_decision(
        session=session,
        actor=admin,
        meeting_id=meeting.id,
        data={"text": "Rådet ställer sig bakom spridning till alla akutmottagningar.", "agenda_item_id": item.id},
    )
    action = actions.add_action(
        session=session,
        actor=admin,
        meeting_id=meeting.id,
        data={
            "description": "Ta fram en spridningsplan",
            "owner_id": _id(session, "boss"),
            "due_on": date(2026, 12, 1),
            "decision_id": decision.id,
        },
    )

    detail = meetings.get_meeting(session=session, actor=_actor(session, "rådet"), meeting_id=meeting.id, today=TODAY)
    assert [name for _, name in detail.members] == ["Anna Admin", "Birgitta Råd"]
    [agenda] = detail.agenda
    assert (agenda.position, agenda.link.kind, agenda.link.code, agenda.link.title) == (
        1,
        "idea",
        "IDE-2026-00042",
        "Hörslinga i väntrummet",
    )
    [row] = detail.actions
    assert (row.id, row.owner, row.status, row.overdue, row.decision) == (
        action.id,
        "Anders Chef",
        "open",
        True,
        "Rådet ställer sig bakom spridning till alla akutmottagningar.",
    )
    listed = meetings.list_meetings(session=session, actor=_actor(session, "rådet"), today=TODAY).items
    assert [(r.title, r.present, r.open_actions, r.overdue_actions) for r in listed] == [("Rådsmöte november", 2, 1, 1)]

    text = minutes.minutes_text(detail, "sv")
    assert "# Protokoll: Rådsmöte november" in text
    assert "Gäller: Idé IDE-2026-00042 Hörslinga i väntrummet" in text
    assert "Beslut: Rådet ställer sig bakom spridning" in text
    assert "Ta fram en spridningsplan – ansvarig: Anders Chef, klart senast 2026-12-01 (Försenad)" in text
    assert "Minutes: Rådsmöte november" in minutes.minutes_text(detail, "en")
    pdf = PdfReader(io.BytesIO(minutes.minutes_pdf(detail, "sv")))
    printed = " ".join(page.extract_text() for page in pdf.pages)
    assert "Protokoll: Rådsmöte november" in printed and "Ta fram en spridningsplan" in printed

    audited = session.exec(
        select(m.AuditLog.action).where(
            m.AuditLog.entity.in_(["council_meeting", "agenda_item", "council_decision", "action_item"])
        )
    ).all()
    assert sorted(audited) == [
        "action_item.created",
        "agenda_item.created",
        "council_decision.created",
        "council_meeting.created",
    ]
    [notice] = session.exec(select(m.Notification).where(m.Notification.kind == "council.action_assigned")).all()
    assert (notice.user_id, notice.link) == (_id(session, "boss"), "min-forvaltning")
    assert "Ta fram en spridningsplan" in notice.body


def test_the_owner_sees_the_action_and_marks_it_done_which_the_meeting_shows(session: Session) -> None:
    admin = _actor(session, "root")
    meeting = _meeting(session)
    action = actions.add_action(
        session=session,
        actor=admin,
        meeting_id=meeting.id,
        data={"description": "Rapportera läget", "owner_id": _id(session, "boss"), "due_on": date(2026, 12, 10)},
    )
    boss = _actor(session, "boss")
    [mine] = actions.my_actions(session=session, actor=boss, today=TODAY).items
    assert (mine.description, mine.meeting_title, mine.overdue) == ("Rapportera läget", "Rådsmöte november", False)
    assert actions.my_actions(session=session, actor=_actor(session, "other"), today=TODAY).total == 0

    with pytest.raises(PermissionDenied):
        actions.mark_done(session=session, actor=_actor(session, "other"), action_id=action.id)
    actions.mark_done(session=session, actor=boss, action_id=action.id, note="Läget rapporterat.", on=TODAY)
    with pytest.raises(InvalidTransition):
        actions.mark_done(session=session, actor=boss, action_id=action.id)

    [row] = meetings.get_meeting(session=session, actor=admin, meeting_id=meeting.id, today=TODAY).actions
    assert (row.status, row.done_on, row.done_by, row.done_note) == ("done", TODAY, "Anders Chef", "Läget rapporterat.")
    assert actions.my_actions(session=session, actor=boss, today=TODAY).total == 0
    assert actions.my_actions(session=session, actor=boss, today=TODAY, done=True).total == 1
    actions.reopen(session=session, actor=admin, action_id=action.id)
    assert actions.my_actions(session=session, actor=boss, today=TODAY).total == 1


@pytest.mark.parametrize("username", ["rådet", "boss", "staff"])
def test_only_admins_write_meetings(session: Session, username: str) -> None:
    meeting = _meeting(session)
    someone = _actor(session, username)
    with pytest.raises(PermissionDenied):
        meetings.create_meeting(
            session=session, actor=someone, data={"held_on": HELD_ON, "title": "Eget möte"}, member_ids=[]
        )
    with pytest.raises(PermissionDenied):
        meetings.update_meeting(
            session=session,
            actor=someone,
            meeting_id=meeting.id,
            data={"held_on": HELD_ON, "title": "x"},
            member_ids=[],
        )
    with pytest.raises(PermissionDenied):
        meetings.add_agenda_item(session=session, actor=someone, meeting_id=meeting.id, data={"title": "Punkt"})
    with pytest.raises(PermissionDenied):
        meetings.add_decision(session=session, actor=someone, meeting_id=meeting.id, data={"text": "Beslut"})
    with pytest.raises(PermissionDenied):
        actions.add_action(
            session=session,
            actor=someone,
            meeting_id=meeting.id,
            data={"description": "x", "owner_id": someone.id, "due_on": HELD_ON},
        )
    with pytest.raises(PermissionDenied):
        actions.owner_choices(session=session, actor=someone)


@pytest.mark.parametrize(("username", "may_read"), [("root", True), ("rådet", True), ("boss", False), ("staff", False)])
def test_council_members_and_admins_read_meetings_others_do_not(
    session: Session, username: str, may_read: bool
) -> None:
    meeting = _meeting(session)
    reader = _actor(session, username)
    calls = [
        lambda: meetings.get_meeting(session=session, actor=reader, meeting_id=meeting.id, today=TODAY),
        lambda: meetings.list_meetings(session=session, actor=reader, today=TODAY),
        lambda: meetings.member_choices(session=session, actor=reader),
    ]
    for call in calls:
        if may_read:
            call()
        else:
            with pytest.raises(PermissionDenied):
                call()
    with pytest.raises(PermissionDenied):
        meetings.get_meeting(session=session, actor=None, meeting_id=meeting.id, today=TODAY)


def test_an_action_due_before_the_meeting_is_refused_and_nothing_is_written(session: Session) -> None:
    meeting = _meeting(session)
    with pytest.raises(ValidationError) as refused:
        actions.add_action(
            session=session,
            actor=_actor(session, "root"),
            meeting_id=meeting.id,
            data={"description": "För sent", "owner_id": _id(session, "boss"), "due_on": date(2026, 11, 19)},
        )
    assert refused.value.fields["due_on"].key == "council.due_before_meeting"
    assert refused.value.fields["due_on"].params == {"held_on": "2026-11-20"}
    assert session.exec(select(m.ActionItem)).all() == []
    assert session.exec(select(m.Notification)).all() == []


@pytest.mark.parametrize(
    ("owner", "key"),
    [("staff", "council.owner_not_allowed"), ("gone", "council.owner_unknown"), (None, "council.owner_unknown")],
)
def test_an_action_needs_an_owner_who_can_follow_it(session: Session, owner: str | None, key: str) -> None:
    meeting = _meeting(session)
    owner_id = _id(session, owner) if owner else 999_999
    with pytest.raises(ValidationError) as refused:
        actions.add_action(
            session=session,
            actor=_actor(session, "root"),
            meeting_id=meeting.id,
            data={"description": "Något", "owner_id": owner_id, "due_on": HELD_ON},
        )
    assert refused.value.fields["owner_id"].key == key
    assert session.exec(select(m.ActionItem)).all() == []


@pytest.mark.parametrize(
    ("member", "key"),
    [("boss", "council.member_not_council"), ("gone", "council.member_unknown"), (None, "council.member_unknown")],
)
def test_a_participant_who_is_not_an_active_council_member_is_refused(
    session: Session, member: str | None, key: str
) -> None:
    member_id = _id(session, member) if member else 999_999
    with pytest.raises(ValidationError) as refused:
        meetings.create_meeting(
            session=session,
            actor=_actor(session, "root"),
            data={"held_on": HELD_ON, "title": "Möte"},
            member_ids=[_id(session, "rådet"), member_id],
        )
    assert refused.value.fields["member_ids"].key == key
    assert session.exec(select(m.CouncilMeeting)).all() == []
    assert session.exec(select(m.CouncilAttendance)).all() == []


def test_bad_meeting_agenda_and_decision_input_is_refused(session: Session) -> None:
    admin = _actor(session, "root")
    with pytest.raises(ValidationError) as refused:
        meetings.create_meeting(
            session=session, actor=admin, data={"held_on": "inte ett datum", "title": "  "}, member_ids=[]
        )
    assert set(refused.value.fields) == {"held_on", "title"}
    meeting = _meeting(session)
    with pytest.raises(ValidationError) as refused:
        meetings.add_agenda_item(
            session=session,
            actor=admin,
            meeting_id=meeting.id,
            data={"title": "Punkt", "linked_kind": "idea", "linked_code": "IDE-2026-99999"},
        )
    assert refused.value.fields["linked_code"].key == "council.link_not_found.idea"
    with pytest.raises(ValidationError) as refused:
        meetings.add_agenda_item(
            session=session, actor=admin, meeting_id=meeting.id, data={"title": "Punkt", "linked_kind": "rymdskepp"}
        )
    assert "linked_kind" in refused.value.fields
    with pytest.raises(ValidationError):
        meetings.add_agenda_item(
            session=session,
            actor=admin,
            meeting_id=meeting.id,
            data={"title": "Bokslut", "linked_kind": "annual_report", "linked_code": "1999"},
        )
    report = meetings.add_agenda_item(
        session=session,
        actor=admin,
        meeting_id=meeting.id,
        data={"title": "Bokslut", "linked_kind": "annual_report", "linked_code": "2025"},
    )
    assert (report.linked_kind, report.linked_id, report.position) == ("annual_report", 2025, 1)
    with pytest.raises(ValidationError) as refused:
        meetings.add_decision(session=session, actor=admin, meeting_id=meeting.id, data={"text": " "})
    assert set(refused.value.fields) == {"text"}
    other = meetings.create_meeting(
        session=session, actor=admin, data={"held_on": HELD_ON, "title": "Annat"}, member_ids=[]
    )
    with pytest.raises(ValidationError) as refused:
        meetings.add_decision(
            session=session, actor=admin, meeting_id=other.id, data={"text": "Beslut", "agenda_item_id": report.id}
        )
    assert set(refused.value.fields) == {"agenda_item_id"}
    with pytest.raises(NotFound):
        meetings.add_decision(session=session, actor=admin, meeting_id=999_999, data={"text": "Beslut"})
    assert session.exec(select(m.CouncilDecision)).all() == []


def test_a_meeting_cannot_move_past_its_actions_due_dates(session: Session) -> None:
    admin = _actor(session, "root")
    meeting = _meeting(session)
    actions.add_action(
        session=session,
        actor=admin,
        meeting_id=meeting.id,
        data={"description": "Något", "owner_id": _id(session, "boss"), "due_on": date(2026, 11, 25)},
    )
    with pytest.raises(ValidationError) as refused:
        meetings.update_meeting(
            session=session,
            actor=admin,
            meeting_id=meeting.id,
            data={"held_on": date(2026, 11, 26), "title": "Flyttat"},
            member_ids=[],
        )
    assert refused.value.fields["held_on"].key == "council.meeting_after_due"
    meetings.update_meeting(
        session=session,
        actor=admin,
        meeting_id=meeting.id,
        data={"held_on": date(2026, 11, 21), "title": "Flyttat"},
        member_ids=[_id(session, "rådet")],
    )
    detail = meetings.get_meeting(session=session, actor=admin, meeting_id=meeting.id, today=TODAY)
    assert (detail.title, detail.held_on, [n for _, n in detail.members]) == (
        "Flyttat",
        date(2026, 11, 21),
        ["Birgitta Råd"],
    )


def test_owners_are_reminded_once_before_the_due_day_and_once_when_overdue(session: Session) -> None:
    admin = _actor(session, "root")
    meeting = _meeting(session)
    action = actions.add_action(
        session=session,
        actor=admin,
        meeting_id=meeting.id,
        data={"description": "Skicka underlag", "owner_id": _id(session, "rådet"), "due_on": date(2026, 12, 8)},
    )
    early = datetime(2026, 11, 25, 9, tzinfo=UTC)  # 13 days before: nothing yet
    assert actions.queue_reminders(session, now=early) == 0
    soon = datetime(2026, 12, 3, 9, tzinfo=UTC)
    assert actions.queue_reminders(session, now=soon) == 1
    assert actions.queue_reminders(session, now=soon) == 0  # once
    late = datetime(2026, 12, 9, 9, tzinfo=UTC)
    assert actions.queue_reminders(session, now=late) == 1
    assert actions.queue_reminders(session, now=late) == 0
    session.commit()
    kinds = session.exec(
        select(m.Notification.kind, m.Notification.link)
        .where(m.Notification.entity == "action_item", m.Notification.entity_id == action.id)
        .order_by(m.Notification.id)
    ).all()
    assert kinds == [
        ("council.action_assigned", "radsmoten"),
        ("council.action_due", "radsmoten"),
        ("council.action_overdue", "radsmoten"),
    ]
    actions.mark_done(session=session, actor=admin, action_id=action.id, on=date(2026, 12, 10))
    assert actions.queue_reminders(session, now=datetime(2026, 12, 20, 9, tzinfo=UTC)) == 0


def test_agenda_items_link_to_samverkan_needs_by_heading_and_to_procurements_by_reference(session: Session) -> None:
    admin = _actor(session, "root")
    health = session.exec(select(m.Area)).one()
    ks = session.exec(select(m.Organisation)).one()
    need = m.Need(
        title="Färre fall på vårdavdelningen",
        description="Hur kan vi förebygga fall nattetid?",
        response_guidance="Beskriv lösningen.",
        area_id=health.id,
        organisation_id=ks.id,
        deadline=date(2027, 2, 1),
        status="published",
    )
    procurement = m.Procurement(
        ref="UPH-2026-0003",
        title="Fallprevention med sensorer",
        organisation_id=ks.id,
        area_id=health.id,
        started_on=date(2026, 9, 1),
    )
    session.add_all([need, procurement])
    session.commit()
    meeting = _meeting(session)
    meetings.add_agenda_item(
        session=session,
        actor=admin,
        meeting_id=meeting.id,
        data={"title": "Behovet", "linked_kind": "need", "linked_code": "  färre fall på vårdavdelningen "},
    )
    meetings.add_agenda_item(
        session=session,
        actor=admin,
        meeting_id=meeting.id,
        data={"title": "Upphandlingen", "linked_kind": "procurement", "linked_code": "uph-2026-0003"},
    )
    detail = meetings.get_meeting(session=session, actor=_actor(session, "rådet"), meeting_id=meeting.id, today=TODAY)
    assert [(a.link.kind, a.link.code, a.link.title) for a in detail.agenda] == [
        ("need", "", "Färre fall på vårdavdelningen"),
        ("procurement", "UPH-2026-0003", "Fallprevention med sensorer"),
    ]
    text = minutes.minutes_text(detail, "sv")
    assert "Gäller: Behov eller utmaning (Samverkan) Färre fall på vårdavdelningen" in text
    assert "Gäller: Upphandling med innovation UPH-2026-0003 Fallprevention med sensorer" in text
    audited = session.exec(select(m.AuditLog.details).where(m.AuditLog.action == "agenda_item.created")).all()
    assert len(audited) == 2

    before = len(session.exec(select(m.AgendaItem)).all())
    for kind, code in (("need", "Ett behov som inte finns"), ("procurement", "UPH-2026-9999"), ("need", " ")):
        with pytest.raises(ValidationError) as refused:
            meetings.add_agenda_item(
                session=session,
                actor=admin,
                meeting_id=meeting.id,
                data={"title": "Punkt", "linked_kind": kind, "linked_code": code},
            )
        expected = "errors.required" if not code.strip() else f"council.link_not_found.{kind}"
        assert refused.value.fields["linked_code"].key == expected
    assert len(session.exec(select(m.AgendaItem)).all()) == before
    with pytest.raises(PermissionDenied):
        meetings.add_agenda_item(
            session=session,
            actor=_actor(session, "rådet"),
            meeting_id=meeting.id,
            data={"title": "Punkt", "linked_kind": "procurement", "linked_code": "UPH-2026-0003"},
        )
