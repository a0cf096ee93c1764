"""The audit trail: who changed what, when. Written in the same transaction as the change."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from models import AuditLog, User
from services.people.auth import Actor, require_admin
from services.shared import versions
from services.shared.pagination import Page, page_bounds


def _plain(value: Any) -> Any:
    """JSON-safe details: dates as ISO text, everything else unchanged."""
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def record(
    session: Session,
    actor: Actor | None,
    action: str,
    entity: str,
    entity_id: int | None,
    *,
    moves_data: bool = True,
    **details: Any,
) -> AuditLog:
    """Add an audit entry to the session and move the data version (`versions.bump`); the caller commits
    both with the change. `moves_data=False` for entries about logging in and out, which change nothing a
    cached figure shows (a stream of failed logins must not empty every cache)."""
    entry = AuditLog(
        actor_id=actor.id if actor else None,
        action=action,
        entity=entity,
        entity_id=entity_id,
        details=_plain(details),
    )
    session.add(entry)
    if moves_data:
        versions.bump(session)
    return entry


@dataclass(frozen=True)
class AuditRow:
    at: datetime
    actor: str | None
    action: str
    entity: str
    entity_id: int | None
    details: dict[str, Any]


def list_entries(
    *,
    session: Session,
    actor: Actor | None,
    entity: str | None = None,
    entity_id: int | None = None,
    action_prefix: str | None = None,
    page: int = 1,
    page_size: int = 50,
) -> Page[AuditRow]:
    """Newest first; admins only."""
    require_admin(actor)
    query = select(AuditLog, User.username).join(User, AuditLog.actor_id == User.id, isouter=True)
    if entity:
        query = query.where(AuditLog.entity == entity)
    if entity_id is not None:
        query = query.where(AuditLog.entity_id == entity_id)
    if action_prefix:
        query = query.where(col(AuditLog.action).startswith(action_prefix))
    total = session.exec(select(func.count()).select_from(query.subquery())).one()
    offset, limit = page_bounds(page, page_size)
    rows = session.exec(query.order_by(col(AuditLog.at).desc(), col(AuditLog.id).desc()).offset(offset).limit(limit))
    items = [AuditRow(e.at, username, e.action, e.entity, e.entity_id, e.details or {}) for e, username in rows]
    return Page(items=items, total=total, page=page, page_size=page_size)
