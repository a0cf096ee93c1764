"""Council meetings: the central team (admins) records a meeting, who was there, its agenda (each item
optionally about a record), and what was decided; council members and admins read them.

What callers may rely on: every read and write checks the actor here; every write is audited in its own
transaction; a refused input writes nothing and names the field that was wrong.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from pydantic import BaseModel, Field, field_validator
from sqlalchemy import func
from sqlmodel import Session, col, select

from models import (
    ActionItem,
    ActionStatus,
    AgendaItem,
    CouncilAttendance,
    CouncilDecision,
    CouncilMeeting,
    Role,
    User,
    utcnow,
)
from services.council import links
from services.people.auth import Actor, require_admin, require_role
from services.shared import audit
from services.shared.errors import NotFound, ValidationError
from services.shared.pagination import Page, page_bounds
from services.shared.validation import clean_text, parse

MAX_TEXT = 5000
# Who may be recorded as present: the council's members, and the central team who prepare the meeting.
MEMBER_ROLES = (Role.council, Role.admin)


def require_reader(actor: Actor | None) -> Actor:
    """Council members and admins read meetings."""
    return require_role(actor, Role.admin, Role.council)


class MeetingInput(BaseModel):
    held_on: date
    title: str = Field(max_length=200)
    location: str | None = Field(default=None, max_length=200)
    notes: str | None = Field(default=None, max_length=MAX_TEXT)

    _clean = field_validator("title", "location", "notes", mode="before")(clean_text)


class AgendaInput(BaseModel):
    title: str = Field(max_length=200)
    notes: str | None = Field(default=None, max_length=MAX_TEXT)
    linked_kind: str | None = None
    linked_code: str | None = Field(default=None, max_length=200)  # a need is named by its heading

    _clean = field_validator("title", "notes", "linked_kind", "linked_code", mode="before")(clean_text)


class DecisionInput(BaseModel):
    text: str = Field(max_length=MAX_TEXT)
    agenda_item_id: int | None = None

    _clean = field_validator("text", mode="before")(clean_text)


def member_choices(*, session: Session, actor: Actor | None) -> list[tuple[int, str]]:
    """(id, name) of the active people who may be recorded as present."""
    require_reader(actor)
    rows = session.exec(
        select(User.id, User.display_name)
        .where(User.is_active, col(User.role).in_([r.value for r in MEMBER_ROLES]))
        .order_by(User.display_name)
    ).all()
    return [(i, name) for i, name in rows]


def _check_members(session: Session, member_ids: list[int]) -> list[int]:
    """The ids, each once, if every one is an active council member or admin; else `ValidationError`."""
    unique = list(dict.fromkeys(member_ids))
    found = {u.id: u for u in session.exec(select(User).where(col(User.id).in_(unique))).all()}
    for user_id in unique:
        user = found.get(user_id)
        if user is None or not user.is_active:
            raise ValidationError.single("member_ids", "council.member_unknown")
        if user.role not in {r.value for r in MEMBER_ROLES}:
            raise ValidationError.single("member_ids", "council.member_not_council", name=user.display_name)
    return unique


def meeting_or_404(session: Session, meeting_id: int) -> CouncilMeeting:
    """The meeting, or `NotFound` (no permission check: callers check first)."""
    meeting = session.get(CouncilMeeting, meeting_id)
    if meeting is None:
        raise NotFound()
    return meeting


def create_meeting(
    *, session: Session, actor: Actor | None, data: dict[str, Any], member_ids: list[int]
) -> CouncilMeeting:
    """Record a meeting and who was present; admins only."""
    actor = require_admin(actor)
    values = parse(MeetingInput, data)
    members = _check_members(session, member_ids)
    meeting = CouncilMeeting(**values.model_dump(), created_by_id=actor.id)
    session.add(meeting)
    session.flush()
    session.add_all(CouncilAttendance(meeting_id=meeting.id, user_id=u) for u in members)
    audit.record(session, actor, "council_meeting.created", "council_meeting", meeting.id, members=members)
    session.commit()
    return meeting


def update_meeting(
    *, session: Session, actor: Actor | None, meeting_id: int, data: dict[str, Any], member_ids: list[int]
) -> CouncilMeeting:
    """Change a meeting's date, title, place, notes and attendance; admins only. A new date may not fall
    after an action's due day (actions are due on or after their meeting)."""
    actor = require_admin(actor)
    meeting = meeting_or_404(session, meeting_id)
    values = parse(MeetingInput, data)
    members = _check_members(session, member_ids)
    earliest_due = session.exec(select(func.min(ActionItem.due_on)).where(ActionItem.meeting_id == meeting.id)).one()
    if earliest_due is not None and values.held_on > earliest_due:
        raise ValidationError.single("held_on", "council.meeting_after_due", due=earliest_due.isoformat())
    for key, value in values.model_dump().items():
        setattr(meeting, key, value)
    meeting.updated_at = utcnow()
    session.add(meeting)
    for row in session.exec(select(CouncilAttendance).where(CouncilAttendance.meeting_id == meeting.id)).all():
        session.delete(row)
    session.flush()
    session.add_all(CouncilAttendance(meeting_id=meeting.id, user_id=u) for u in members)
    audit.record(session, actor, "council_meeting.updated", "council_meeting", meeting.id, members=members)
    session.commit()
    return meeting


def add_agenda_item(*, session: Session, actor: Actor | None, meeting_id: int, data: dict[str, Any]) -> AgendaItem:
    """Put an item last on a meeting's agenda, optionally about a record named by its code; admins only."""
    actor = require_admin(actor)
    meeting = meeting_or_404(session, meeting_id)
    values = parse(AgendaInput, data)
    linked_id = links.find(session, values.linked_kind, values.linked_code) if values.linked_kind else None
    last = session.exec(select(func.max(AgendaItem.position)).where(AgendaItem.meeting_id == meeting.id)).one()
    item = AgendaItem(
        meeting_id=meeting.id,
        position=(last or 0) + 1,
        title=values.title,
        notes=values.notes,
        linked_kind=values.linked_kind if linked_id is not None else None,
        linked_id=linked_id,
    )
    session.add(item)
    session.flush()
    audit.record(
        session, actor, "agenda_item.created", "agenda_item", item.id, meeting=meeting.id, link=values.linked_code
    )
    session.commit()
    return item


def add_decision(*, session: Session, actor: Actor | None, meeting_id: int, data: dict[str, Any]) -> CouncilDecision:
    """Record what the council decided, on one of the meeting's agenda items or on the meeting; admins."""
    actor = require_admin(actor)
    meeting = meeting_or_404(session, meeting_id)
    values = parse(DecisionInput, data)
    if values.agenda_item_id is not None:
        item = session.get(AgendaItem, values.agenda_item_id)
        if item is None or item.meeting_id != meeting.id:
            raise ValidationError.single("agenda_item_id", "errors.not_allowed_value")
    decision = CouncilDecision(meeting_id=meeting.id, agenda_item_id=values.agenda_item_id, text=values.text)
    session.add(decision)
    session.flush()
    audit.record(session, actor, "council_decision.created", "council_decision", decision.id, meeting=meeting.id)
    session.commit()
    return decision


# ---------------------------------------------------------------- reading


@dataclass(frozen=True)
class MeetingRow:
    id: int
    held_on: date
    title: str
    present: int
    open_actions: int
    overdue_actions: int


def list_meetings(
    *, session: Session, actor: Actor | None, today: date, page: int = 1, page_size: int = 20
) -> Page[MeetingRow]:
    """Meetings, newest first, with how many were present and how many actions are open and overdue."""
    require_reader(actor)
    total = session.exec(select(func.count()).select_from(CouncilMeeting)).one()
    offset, limit = page_bounds(page, page_size)
    present = (
        select(func.count())
        .where(CouncilAttendance.meeting_id == CouncilMeeting.id)
        .correlate(CouncilMeeting)
        .scalar_subquery()
    )
    is_open = ActionItem.status == ActionStatus.open
    open_count = (
        select(func.count()).where(ActionItem.meeting_id == CouncilMeeting.id, is_open).correlate(CouncilMeeting)
    ).scalar_subquery()
    overdue_count = (
        select(func.count())
        .where(ActionItem.meeting_id == CouncilMeeting.id, is_open, ActionItem.due_on < today)
        .correlate(CouncilMeeting)
    ).scalar_subquery()
    rows = session.exec(
        select(CouncilMeeting.id, CouncilMeeting.held_on, CouncilMeeting.title, present, open_count, overdue_count)
        .order_by(col(CouncilMeeting.held_on).desc(), col(CouncilMeeting.id).desc())
        .offset(offset)
        .limit(limit)
    ).all()
    return Page(items=[MeetingRow(*r) for r in rows], total=total, page=page, page_size=page_size)


@dataclass(frozen=True)
class AgendaRow:
    id: int
    position: int
    title: str
    notes: str | None
    link: links.LinkedRecord | None
    link_missing: bool  # linked once, the record since removed


@dataclass(frozen=True)
class DecisionRow:
    id: int
    agenda_item_id: int | None
    text: str


@dataclass(frozen=True)
class MeetingDetail:
    id: int
    held_on: date
    title: str
    location: str | None
    notes: str | None
    members: list[tuple[int, str]]
    agenda: list[AgendaRow]
    decisions: list[DecisionRow]
    actions: list[Any]  # services.council.actions.ActionRow


def get_meeting(*, session: Session, actor: Actor | None, meeting_id: int, today: date) -> MeetingDetail:
    """A meeting with its attendance, agenda (with the records it is about), decisions and actions."""
    from services.council import actions

    require_reader(actor)
    meeting = meeting_or_404(session, meeting_id)
    members = session.exec(
        select(User.id, User.display_name)
        .join(CouncilAttendance, CouncilAttendance.user_id == User.id)
        .where(CouncilAttendance.meeting_id == meeting.id)
        .order_by(User.display_name)
    ).all()
    items = session.exec(
        select(AgendaItem).where(AgendaItem.meeting_id == meeting.id).order_by(AgendaItem.position, AgendaItem.id)
    ).all()
    described = links.describe(session, [(i.linked_kind, i.linked_id) for i in items if i.linked_kind])
    agenda = [
        AgendaRow(
            i.id,
            i.position,
            i.title,
            i.notes,
            described.get((i.linked_kind, i.linked_id)) if i.linked_kind else None,
            bool(i.linked_kind) and (i.linked_kind, i.linked_id) not in described,
        )
        for i in items
    ]
    decisions = [
        DecisionRow(d.id, d.agenda_item_id, d.text)
        for d in session.exec(
            select(CouncilDecision).where(CouncilDecision.meeting_id == meeting.id).order_by(CouncilDecision.id)
        ).all()
    ]
    return MeetingDetail(
        id=meeting.id,
        held_on=meeting.held_on,
        title=meeting.title,
        location=meeting.location,
        notes=meeting.notes,
        members=[(i, name) for i, name in members],
        agenda=agenda,
        decisions=decisions,
        actions=actions.meeting_actions(session, meeting.id, today),
    )
