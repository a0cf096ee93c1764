"""Courses and information efforts with their participants: employees (users) and elected officials
(by name and committee). Admins write; admins, the council and managers read. The share of each
organisation's staff trained in a year (KOM-01 as records say it) is `trained_share`, also registered
as the computed indicator `staff_trained_share`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from pydantic import BaseModel, Field, field_validator, model_validator
from sqlalchemy import func
from sqlmodel import Session, col, select

from models import Course, CourseKind, CourseParticipant, Organisation, Role, User
from services.people.auth import Actor, require_admin, require_role
from services.shared import audit
from services.shared.errors import NotFound, ValidationError
from services.shared.pagination import Page, page_bounds
from services.shared.validation import clean_text, parse

READERS = (Role.admin, Role.council, Role.manager)
# Courses that count as training in innovation (KOM-01): not the information efforts.
TRAINING_KINDS = tuple(k.value for k in CourseKind if k != CourseKind.information)


class CourseInput(BaseModel):
    title: str = Field(max_length=200)
    kind: CourseKind
    starts_on: date
    ends_on: date | None = None
    target_group: str = Field(max_length=200)
    for_officials: bool = False
    requirements: str | None = Field(default=None, max_length=5000)
    valid_months: int | None = Field(default=None, gt=0, le=240)
    organiser: str | None = Field(default=None, max_length=200)

    _clean = field_validator("title", "target_group", "requirements", "organiser", mode="before")(clean_text)

    @model_validator(mode="after")
    def _dates(self) -> CourseInput:
        if self.ends_on is not None and self.ends_on < self.starts_on:
            raise ValueError("ends_before_starts")
        return self


class OfficialInput(BaseModel):
    official_name: str = Field(max_length=120)
    official_committee: str = Field(max_length=200)

    _clean = field_validator("official_name", "official_committee", mode="before")(clean_text)


def _course(session: Session, course_id: int) -> Course:
    course = session.get(Course, course_id)
    if course is None:
        raise NotFound()
    return course


def create_course(*, session: Session, actor: Actor | None, data: dict[str, Any]) -> Course:
    """Record a course or information effort; admins only."""
    actor = require_admin(actor)
    try:
        values = parse(CourseInput, data)
    except ValidationError as refused:
        if "__all__" in refused.fields:  # the dates' own check
            raise ValidationError.single("ends_on", "competence.ends_before_starts") from None
        raise
    course = Course(**values.model_dump())
    session.add(course)
    session.flush()
    audit.record(session, actor, "course.created", "course", course.id)
    session.commit()
    return course


def add_employee(*, session: Session, actor: Actor | None, course_id: int, user_id: int | None) -> CourseParticipant:
    """An employee (an active user) takes part; once per course."""
    actor = require_admin(actor)
    course = _course(session, course_id)
    user = session.get(User, user_id) if user_id is not None else None
    if user is None or not user.is_active:
        raise ValidationError.single("user_id", "competence.participant_unknown")
    if session.exec(
        select(CourseParticipant.id).where(
            CourseParticipant.course_id == course.id, CourseParticipant.user_id == user.id
        )
    ).first():
        raise ValidationError.single("user_id", "competence.participant_twice")
    row = CourseParticipant(course_id=course.id, user_id=user.id)
    session.add(row)
    session.flush()
    audit.record(session, actor, "course.participant_added", "course", course.id, user=user.id)
    session.commit()
    return row


def add_official(*, session: Session, actor: Actor | None, course_id: int, data: dict[str, Any]) -> CourseParticipant:
    """An elected official takes part, recorded by name and committee (officials have no account)."""
    actor = require_admin(actor)
    course = _course(session, course_id)
    values = parse(OfficialInput, data)
    row = CourseParticipant(course_id=course.id, **values.model_dump())
    session.add(row)
    session.flush()
    audit.record(session, actor, "course.official_added", "course", course.id, committee=values.official_committee)
    session.commit()
    return row


def set_completed(
    *, session: Session, actor: Actor | None, participant_id: int, completed_on: date | None
) -> CourseParticipant:
    """Mark a participant as having completed the course on a day (or not: None); admins only."""
    actor = require_admin(actor)
    row = session.get(CourseParticipant, participant_id)
    if row is None:
        raise NotFound()
    course = _course(session, row.course_id)
    if completed_on is not None and completed_on < course.starts_on:
        raise ValidationError.single("completed_on", "competence.completed_before_start")
    row.completed_on = completed_on
    session.add(row)
    audit.record(session, actor, "course.completed_set", "course", course.id, participant=row.id, on=completed_on)
    session.commit()
    return row


# ---------------------------------------------------------------- reading


@dataclass(frozen=True)
class CourseRow:
    id: int
    title: str
    kind: str
    starts_on: date
    ends_on: date | None
    target_group: str
    for_officials: bool
    requirements: str | None
    valid_months: int | None
    organiser: str | None
    participants: int
    completed: int


def list_courses(
    *, session: Session, actor: Actor | None, kind: str | None = None, page: int = 1, page_size: int = 20
) -> Page[CourseRow]:
    """Courses, newest first, with how many took part and how many completed."""
    require_role(actor, *READERS)
    conditions = [Course.kind == kind] if kind else []
    total = session.exec(select(func.count()).select_from(Course).where(*conditions)).one()
    offset, limit = page_bounds(page, page_size)
    taking = select(func.count()).where(CourseParticipant.course_id == Course.id).correlate(Course)
    done = taking.where(col(CourseParticipant.completed_on).is_not(None))
    rows = session.exec(
        select(Course, taking.scalar_subquery(), done.scalar_subquery())
        .where(*conditions)
        .order_by(col(Course.starts_on).desc(), col(Course.id).desc())
        .offset(offset)
        .limit(limit)
    ).all()
    items = [
        CourseRow(
            c.id,
            c.title,
            c.kind,
            c.starts_on,
            c.ends_on,
            c.target_group,
            c.for_officials,
            c.requirements,
            c.valid_months,
            c.organiser,
            n,
            d,
        )
        for c, n, d in rows
    ]
    return Page(items=items, total=total, page=page, page_size=page_size)


@dataclass(frozen=True)
class ParticipantRow:
    id: int
    name: str
    organisation_or_committee: str
    official: bool
    completed_on: date | None


def participants(*, session: Session, actor: Actor | None, course_id: int) -> list[ParticipantRow]:
    """A course's participants: employees with their organisation, officials with their committee.
    Managers see their own organisation's employees and the officials."""
    actor = require_role(actor, *READERS)
    _course(session, course_id)
    query = (
        select(CourseParticipant, User.display_name, Organisation.short_name)
        .join(User, CourseParticipant.user_id == User.id, isouter=True)
        .join(Organisation, User.organisation_id == Organisation.id, isouter=True)
        .where(CourseParticipant.course_id == course_id)
        .order_by(col(CourseParticipant.official_name).is_not(None), User.display_name, CourseParticipant.official_name)
    )
    if actor.is_manager:
        query = query.where(col(CourseParticipant.user_id).is_(None) | (User.organisation_id == actor.organisation_id))
    return [
        ParticipantRow(
            p.id,
            name if p.user_id is not None else p.official_name,
            (org or "–") if p.user_id is not None else p.official_committee,
            p.user_id is None,
            p.completed_on,
        )
        for p, name, org in session.exec(query).all()
    ]


@dataclass(frozen=True)
class TrainedShare:
    organisation_id: int
    organisation: str
    staff_count: int | None
    trained: int
    share: float | None  # None without a staff count


def trained_share(*, session: Session, actor: Actor | None, year: int) -> list[TrainedShare]:
    """Per organisation: the employees who completed a training course in `year`, and their share of the
    staff where the staff count is known (KOM-01 from the records)."""
    require_role(actor, *READERS)
    trained = dict(
        session.exec(
            select(User.organisation_id, func.count(func.distinct(CourseParticipant.user_id)))
            .join(User, CourseParticipant.user_id == User.id)
            .join(Course, CourseParticipant.course_id == Course.id)
            .where(
                col(Course.kind).in_(TRAINING_KINDS),
                CourseParticipant.completed_on >= date(year, 1, 1),
                CourseParticipant.completed_on <= date(year, 12, 31),
            )
            .group_by(User.organisation_id)
        ).all()
    )
    rows = []
    for org in session.exec(select(Organisation).order_by(Organisation.area_id, Organisation.name)).all():
        n = trained.get(org.id, 0)
        share = 100.0 * n / org.staff_count if org.staff_count else None
        rows.append(TrainedShare(org.id, org.name, org.staff_count, n, share))
    return rows
