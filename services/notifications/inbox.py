"""A logged-in user's in-app notifications: the count in the sidebar, the list, marking them read.
Every function reads and changes only the actor's own notifications."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, update
from sqlmodel import Session, col, select

from models import Notification, utcnow
from services.people.auth import Actor, require_login
from services.shared import audit
from services.shared.errors import NotFound
from services.shared.pagination import Page, page_bounds


@dataclass(frozen=True)
class InboxItem:
    id: int
    created_at: datetime
    kind: str
    subject: str
    body: str
    link: str | None
    read_at: datetime | None


def unread_count(*, session: Session, actor: Actor | None) -> int:
    """How many of the actor's notifications are unread (0 for visitors)."""
    if actor is None or actor.id is None:
        return 0
    return session.exec(
        select(func.count())
        .select_from(Notification)
        .where(Notification.user_id == actor.id, col(Notification.read_at).is_(None))
    ).one()


def my_notifications(
    *, session: Session, actor: Actor | None, unread_only: bool = False, page: int = 1, page_size: int = 20
) -> Page[InboxItem]:
    """The actor's notifications, newest first."""
    actor = require_login(actor)
    conditions = [Notification.user_id == actor.id]
    if unread_only:
        conditions.append(col(Notification.read_at).is_(None))
    total = session.exec(select(func.count()).select_from(Notification).where(*conditions)).one()
    offset, limit = page_bounds(page, page_size)
    rows = session.exec(
        select(Notification)
        .where(*conditions)
        .order_by(col(Notification.created_at).desc(), col(Notification.id).desc())
        .offset(offset)
        .limit(limit)
    )
    items = [InboxItem(n.id, n.created_at, n.kind, n.subject, n.body, n.link, n.read_at) for n in rows]
    return Page(items, total, page, page_size)


def mark_read(
    *, session: Session, actor: Actor | None, notification_id: int, now: datetime | None = None
) -> str | None:
    """Mark one of the actor's notifications read; returns its link. Another user's is `NotFound`. Commits."""
    actor = require_login(actor)
    n = session.get(Notification, notification_id)
    if n is None or n.user_id != actor.id:
        raise NotFound()
    if n.read_at is None:
        n.read_at = now or utcnow()
        audit.record(session, actor, "notification.read", "notification", n.id, moves_data=False)
        session.commit()
    return n.link


def mark_all_read(*, session: Session, actor: Actor | None, now: datetime | None = None) -> int:
    """Mark every unread notification of the actor read; returns how many. Commits."""
    actor = require_login(actor)
    result = session.exec(  # type: ignore[call-overload]
        update(Notification)
        .where(Notification.user_id == actor.id, col(Notification.read_at).is_(None))
        .values(read_at=now or utcnow())
    )
    if result.rowcount:
        audit.record(session, actor, "notification.all_read", "notification", None, moves_data=False, n=result.rowcount)
    session.commit()
    return result.rowcount or 0
