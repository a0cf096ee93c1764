"""The obstacle register: an obstacle the team sees across cases, its kind, owner, what is being done,
and the cases (ideas, fund applications) it affected.

What callers may rely on: admins write, council members and admins read; every write is audited; a
case is named by its reference (IDE-…, FON-…) and is listed once per obstacle.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from pydantic import BaseModel, Field, field_validator
from sqlalchemy import func
from sqlmodel import Session, col, select

from models import Obstacle, ObstacleCase, ObstacleKind, ObstacleStatus, Role, User, utcnow
from services.council import links
from services.people.auth import Actor, require_admin, require_role
from services.shared import audit, history
from services.shared.errors import InvalidTransition, NotFound, ValidationError
from services.shared.pagination import Page, page_bounds
from services.shared.validation import clean_text, parse

MAX_TEXT = 5000
CASE_KINDS = ("idea", "fund_application")


def require_reader(actor: Actor | None) -> Actor:
    return require_role(actor, Role.admin, Role.council)


class ObstacleInput(BaseModel):
    title: str = Field(max_length=200)
    kind: ObstacleKind
    description: str = Field(max_length=MAX_TEXT)
    owner_id: int
    measures: str | None = Field(default=None, max_length=MAX_TEXT)

    _clean = field_validator("title", "description", "measures", mode="before")(clean_text)


def _check_owner(session: Session, owner_id: int) -> None:
    owner = session.get(User, owner_id)
    if owner is None or not owner.is_active:
        raise ValidationError.single("owner_id", "obstacles.owner_unknown")


def _obstacle(session: Session, obstacle_id: int) -> Obstacle:
    obstacle = session.get(Obstacle, obstacle_id)
    if obstacle is None:
        raise NotFound()
    return obstacle


def create_obstacle(*, session: Session, actor: Actor | None, data: dict[str, Any]) -> Obstacle:
    """Record an obstacle; admins only."""
    actor = require_admin(actor)
    values = parse(ObstacleInput, data)
    _check_owner(session, values.owner_id)
    obstacle = Obstacle(**values.model_dump(), created_by_id=actor.id)
    session.add(obstacle)
    session.flush()
    audit.record(session, actor, "obstacle.created", "obstacle", obstacle.id, kind=obstacle.kind)
    session.commit()
    return obstacle


def update_obstacle(*, session: Session, actor: Actor | None, obstacle_id: int, data: dict[str, Any]) -> Obstacle:
    """Change an obstacle's text, kind, owner or what is being done; admins only."""
    actor = require_admin(actor)
    obstacle = _obstacle(session, obstacle_id)
    values = parse(ObstacleInput, data)
    _check_owner(session, values.owner_id)
    for key, value in values.model_dump().items():
        setattr(obstacle, key, value)
    obstacle.updated_at = utcnow()
    session.add(obstacle)
    audit.record(session, actor, "obstacle.updated", "obstacle", obstacle.id)
    session.commit()
    return obstacle


def set_resolved(
    *, session: Session, actor: Actor | None, obstacle_id: int, resolved: bool, on: date | None = None
) -> Obstacle:
    """Mark an obstacle resolved (on a day) or open again; admins only."""
    actor = require_admin(actor)
    obstacle = _obstacle(session, obstacle_id)
    if (obstacle.status == ObstacleStatus.resolved) == resolved:
        raise InvalidTransition("obstacles.already_resolved" if resolved else "obstacles.already_open")
    obstacle.status = ObstacleStatus.resolved if resolved else ObstacleStatus.open
    obstacle.resolved_on = (on or history.today()) if resolved else None
    obstacle.updated_at = utcnow()
    session.add(obstacle)
    audit.record(session, actor, "obstacle.resolved" if resolved else "obstacle.reopened", "obstacle", obstacle.id)
    session.commit()
    return obstacle


def add_case(
    *, session: Session, actor: Actor | None, obstacle_id: int, linked_kind: str | None, code: str | None
) -> ObstacleCase:
    """Note a case the obstacle affected, named by its reference; admins only."""
    actor = require_admin(actor)
    obstacle = _obstacle(session, obstacle_id)
    if linked_kind not in CASE_KINDS:
        raise ValidationError.single("linked_kind", "errors.not_allowed_value")
    linked_id = links.find(session, linked_kind, code)
    exists = session.exec(
        select(ObstacleCase.id).where(
            ObstacleCase.obstacle_id == obstacle.id,
            ObstacleCase.linked_kind == linked_kind,
            ObstacleCase.linked_id == linked_id,
        )
    ).first()
    if exists is not None:
        raise ValidationError.single("linked_code", "obstacles.case_twice")
    case = ObstacleCase(obstacle_id=obstacle.id, linked_kind=linked_kind, linked_id=linked_id)
    session.add(case)
    session.flush()
    audit.record(session, actor, "obstacle.case_added", "obstacle", obstacle.id, case=f"{linked_kind}:{linked_id}")
    session.commit()
    return case


def remove_case(*, session: Session, actor: Actor | None, case_id: int) -> None:
    actor = require_admin(actor)
    case = session.get(ObstacleCase, case_id)
    if case is None:
        raise NotFound()
    audit.record(
        session,
        actor,
        "obstacle.case_removed",
        "obstacle",
        case.obstacle_id,
        case=f"{case.linked_kind}:{case.linked_id}",
    )
    session.delete(case)
    session.commit()


# ---------------------------------------------------------------- reading


@dataclass(frozen=True)
class ObstacleRow:
    id: int
    title: str
    kind: str
    owner_id: int
    owner: str
    status: str
    resolved_on: date | None
    cases: int
    description: str
    measures: str | None


def list_obstacles(
    *,
    session: Session,
    actor: Actor | None,
    status: str | None = None,
    kind: str | None = None,
    page: int = 1,
    page_size: int = 20,
) -> Page[ObstacleRow]:
    """The register, open first and newest first, narrowed by status and kind in SQL."""
    require_reader(actor)
    conditions = []
    if status:
        conditions.append(Obstacle.status == status)
    if kind:
        conditions.append(Obstacle.kind == kind)
    total = session.exec(select(func.count()).select_from(Obstacle).where(*conditions)).one()
    offset, limit = page_bounds(page, page_size)
    cases = select(func.count()).where(ObstacleCase.obstacle_id == Obstacle.id).correlate(Obstacle).scalar_subquery()
    rows = session.exec(
        select(Obstacle, User.display_name, cases)
        .join(User, Obstacle.owner_id == User.id)
        .where(*conditions)
        .order_by(col(Obstacle.status), col(Obstacle.created_at).desc(), col(Obstacle.id).desc())
        .offset(offset)
        .limit(limit)
    ).all()
    items = [
        ObstacleRow(o.id, o.title, o.kind, o.owner_id, owner, o.status, o.resolved_on, n, o.description, o.measures)
        for o, owner, n in rows
    ]
    return Page(items=items, total=total, page=page, page_size=page_size)


@dataclass(frozen=True)
class CaseRow:
    id: int
    record: links.LinkedRecord | None  # None: the record has since been removed


def cases_of(*, session: Session, actor: Actor | None, obstacle_id: int) -> list[CaseRow]:
    """The cases an obstacle affected, with their references and titles."""
    require_reader(actor)
    _obstacle(session, obstacle_id)
    rows = session.exec(
        select(ObstacleCase).where(ObstacleCase.obstacle_id == obstacle_id).order_by(ObstacleCase.id)
    ).all()
    described = links.describe(session, [(c.linked_kind, c.linked_id) for c in rows])
    return [CaseRow(c.id, described.get((c.linked_kind, c.linked_id))) for c in rows]
