"""Action items: what the council asked a named person to do, by a day, followed until it is done.

What callers may rely on: admins add actions; the owner (or an admin) marks one done, which the meeting
then shows; an action is due on or after its meeting's day; an open action past its due day is
overdue. The owner hears of a new action, of one due within a week and of one overdue, once each,
through the notifications outbox (`queue_reminders` runs in the sender's rounds).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from pydantic import BaseModel, Field, field_validator
from sqlalchemy import func
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from models import ActionItem, ActionStatus, CouncilDecision, CouncilMeeting, Organisation, Role, User, utcnow
from services.council.meetings import MAX_TEXT, meeting_or_404
from services.notifications import outbox
from services.people.auth import Actor, require_admin, require_login
from services.shared import audit, history
from services.shared.errors import InvalidTransition, NotFound, PermissionDenied, ValidationError
from services.shared.pagination import Page, page_bounds
from services.shared.validation import clean_text, parse
from services.shared.workdays import local_day

# Owners see their actions on a page of their own: managers in Min förvaltning, the others in Rådsmöten.
OWNER_ROLES = (Role.admin, Role.council, Role.manager)
DUE_SOON_DAYS = 7
MEETINGS_PAGE = "radsmoten"
MY_ORG_PAGE = "min-forvaltning"


class ActionInput(BaseModel):
    description: str = Field(max_length=500)
    owner_id: int
    due_on: date
    decision_id: int | None = None

    _clean = field_validator("description", mode="before")(clean_text)


class DoneInput(BaseModel):
    note: str | None = Field(default=None, max_length=MAX_TEXT)

    _clean = field_validator("note", mode="before")(clean_text)


def owner_choices(*, session: Session, actor: Actor | None) -> list[tuple[int, str]]:
    """(id, "Name (organisation)") of the active people who may own an action."""
    require_admin(actor)
    rows = session.exec(
        select(User.id, User.display_name, Organisation.short_name)
        .join(Organisation, User.organisation_id == Organisation.id, isouter=True)
        .where(User.is_active, col(User.role).in_([r.value for r in OWNER_ROLES]))
        .order_by(User.display_name)
    ).all()
    return [(i, f"{name} ({org})" if org else name) for i, name, org in rows]


def _page_of(role: str) -> str:
    return MY_ORG_PAGE if role == Role.manager else MEETINGS_PAGE


def add_action(*, session: Session, actor: Actor | None, meeting_id: int, data: dict[str, Any]) -> ActionItem:
    """Give a named person an action from a meeting; admins only. Refused: a due day before the meeting,
    an owner who is not an active manager, council member or admin, a decision of another meeting."""
    actor = require_admin(actor)
    meeting = meeting_or_404(session, meeting_id)
    values = parse(ActionInput, data)
    if values.due_on < meeting.held_on:
        raise ValidationError.single("due_on", "council.due_before_meeting", held_on=meeting.held_on.isoformat())
    owner = session.get(User, values.owner_id)
    if owner is None or not owner.is_active:
        raise ValidationError.single("owner_id", "council.owner_unknown")
    if owner.role not in {r.value for r in OWNER_ROLES}:
        raise ValidationError.single("owner_id", "council.owner_not_allowed", name=owner.display_name)
    if values.decision_id is not None:
        decision = session.get(CouncilDecision, values.decision_id)
        if decision is None or decision.meeting_id != meeting.id:
            raise ValidationError.single("decision_id", "errors.not_allowed_value")
    action = ActionItem(meeting_id=meeting.id, **values.model_dump())
    session.add(action)
    session.flush()
    outbox.to_user(
        session,
        user_id=owner.id,
        kind="council.action_assigned",
        params={
            "meeting": meeting.title,
            "held_on": meeting.held_on.isoformat(),
            "action": action.description,
            "due": action.due_on.isoformat(),
        },
        link=_page_of(owner.role),
        entity="action_item",
        entity_id=action.id,
    )
    audit.record(session, actor, "action_item.created", "action_item", action.id, meeting=meeting.id, owner=owner.id)
    session.commit()
    return action


def mark_done(
    *, session: Session, actor: Actor | None, action_id: int, note: str | None = None, on: date | None = None
) -> ActionItem:
    """The owner (or an admin) reports an action done, with what was done (optional); audited."""
    actor = require_login(actor)
    action = session.get(ActionItem, action_id)
    if action is None:
        raise NotFound()
    if not actor.is_admin and action.owner_id != actor.id:
        raise PermissionDenied()
    if action.status == ActionStatus.done:
        raise InvalidTransition("council.action_already_done")
    values = parse(DoneInput, {"note": note})
    action.status = ActionStatus.done.value
    action.done_on = on or history.today()
    action.done_by_id = actor.id
    action.done_note = values.note
    action.updated_at = utcnow()
    session.add(action)
    audit.record(session, actor, "action_item.done", "action_item", action.id)
    session.commit()
    return action


def reopen(*, session: Session, actor: Actor | None, action_id: int) -> ActionItem:
    """Admins take back a "done" reported by mistake; audited."""
    actor = require_admin(actor)
    action = session.get(ActionItem, action_id)
    if action is None:
        raise NotFound()
    if action.status != ActionStatus.done:
        raise InvalidTransition("council.action_not_done")
    action.status = ActionStatus.open.value
    action.done_on = action.done_by_id = action.done_note = None
    action.updated_at = utcnow()
    session.add(action)
    audit.record(session, actor, "action_item.reopened", "action_item", action.id)
    session.commit()
    return action


# ---------------------------------------------------------------- reading


@dataclass(frozen=True)
class ActionRow:
    id: int
    meeting_id: int
    meeting_title: str
    held_on: date
    description: str
    owner_id: int
    owner: str
    due_on: date
    status: str
    done_on: date | None
    done_by: str | None
    done_note: str | None
    decision: str | None
    overdue: bool


# Made once: an alias of User copies each of its columns (2.5 ms each, three queries a page run).
_OWNER = aliased(User)
_DONE_BY = aliased(User)


def _query() -> Any:
    return (
        select(
            ActionItem,
            CouncilMeeting.title,
            CouncilMeeting.held_on,
            _OWNER.display_name,
            _DONE_BY.display_name,
            CouncilDecision.text,
        )
        .join(CouncilMeeting, ActionItem.meeting_id == CouncilMeeting.id)
        .join(_OWNER, ActionItem.owner_id == _OWNER.id)
        .join(_DONE_BY, ActionItem.done_by_id == _DONE_BY.id, isouter=True)
        .join(CouncilDecision, ActionItem.decision_id == CouncilDecision.id, isouter=True)
    )


def _row(row: Any, today: date) -> ActionRow:
    action, meeting_title, held_on, owner, done_by, decision = row
    return ActionRow(
        id=action.id,
        meeting_id=action.meeting_id,
        meeting_title=meeting_title,
        held_on=held_on,
        description=action.description,
        owner_id=action.owner_id,
        owner=owner,
        due_on=action.due_on,
        status=action.status,
        done_on=action.done_on,
        done_by=done_by,
        done_note=action.done_note,
        decision=decision,
        overdue=action.status == ActionStatus.open and action.due_on < today,
    )


def meeting_actions(session: Session, meeting_id: int, today: date) -> list[ActionRow]:
    """A meeting's actions in due order (the caller has checked that the reader may read the meeting)."""
    rows = session.exec(
        _query().where(ActionItem.meeting_id == meeting_id).order_by(ActionItem.due_on, ActionItem.id)
    ).all()
    return [_row(r, today) for r in rows]


def my_actions(
    *, session: Session, actor: Actor | None, today: date, done: bool = False, page: int = 1, page_size: int = 20
) -> Page[ActionRow]:
    """The actor's own actions: open ones by due day (the overdue first), or done ones newest first."""
    actor = require_login(actor)
    status = ActionStatus.done if done else ActionStatus.open
    conditions = [ActionItem.owner_id == actor.id, ActionItem.status == status]
    total = session.exec(select(func.count()).select_from(ActionItem).where(*conditions)).one()
    offset, limit = page_bounds(page, page_size)
    order = (col(ActionItem.done_on).desc(),) if done else (col(ActionItem.due_on),)
    rows = session.exec(_query().where(*conditions).order_by(*order, col(ActionItem.id)).offset(offset).limit(limit))
    return Page(items=[_row(r, today) for r in rows.all()], total=total, page=page, page_size=page_size)


# ---------------------------------------------------------------- reminders


def queue_reminders(session: Session, *, now: datetime | None = None) -> int:
    """Open actions due within a week, and open actions overdue: one notice each to the owner, once per
    action and kind. Returns how many were queued. No commit."""
    now = now or utcnow()
    today = local_day(now)
    rows = session.exec(
        select(ActionItem, CouncilMeeting, User.role)
        .join(CouncilMeeting, ActionItem.meeting_id == CouncilMeeting.id)
        .join(User, ActionItem.owner_id == User.id)
        .where(ActionItem.status == ActionStatus.open, ActionItem.due_on <= today + timedelta(days=DUE_SOON_DAYS))
    ).all()
    queued = 0
    for action, meeting, role in rows:
        kind = "council.action_overdue" if action.due_on < today else "council.action_due"
        row = outbox.to_user(
            session,
            user_id=action.owner_id,
            kind=kind,
            params={
                "meeting": meeting.title,
                "held_on": meeting.held_on.isoformat(),
                "action": action.description,
                "due": action.due_on.isoformat(),
            },
            link=_page_of(role),
            entity="action_item",
            entity_id=action.id,
            dedupe_key=f"{kind}:{action.id}",
            now=now,
        )
        queued += row is not None
    return queued
