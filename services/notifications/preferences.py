"""Per kind, how a user wants to hear: at once, in a weekly digest, or not by e-mail (the in-app list
always has it). Required kinds (receipts, the team's questions) are not choosable. The unsubscribe link
of a mail turns its kind off for that user, or, for a public submitter, withdraws their address."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, select

from models import Delivery, Idea, Notification, NotificationPreference, utcnow
from services.notifications import outbox
from services.notifications.kinds import choosable
from services.people.auth import Actor, require_login
from services.shared import audit
from services.shared.errors import NotFound, ValidationError


def my_preferences(*, session: Session, actor: Actor | None) -> dict[str, Delivery]:
    """Every kind the actor may choose for, with their delivery (the default where they have not chosen)."""
    actor = require_login(actor)
    return outbox.deliveries_for(session, actor.id, [k.key for k in choosable(actor.role)])


def set_preferences(*, session: Session, actor: Actor | None, choices: dict[str, Any]) -> None:
    """Store the actor's choices (kind -> delivery). A kind they may not choose, or an unknown delivery,
    refuses them all. Commits."""
    actor = require_login(actor)
    allowed = {k.key for k in choosable(actor.role)}
    for key, value in choices.items():
        if key not in allowed:
            raise ValidationError.single(key, "errors.not_allowed_value")
        if value not in set(Delivery):
            raise ValidationError.single(key, "errors.not_allowed_value")
    current = {
        p.kind: p
        for p in session.exec(select(NotificationPreference).where(NotificationPreference.user_id == actor.id))
    }
    changed = {}
    for key, value in choices.items():
        row = current.get(key)
        if row is None:
            row = NotificationPreference(user_id=actor.id, kind=key, delivery=value)
        elif row.delivery == value:
            continue
        row.delivery, row.updated_at = value, utcnow()
        session.add(row)
        changed[key] = value
    if changed:
        audit.record(session, actor, "notification.preferences", "user", actor.id, **changed)
    session.commit()


@dataclass(frozen=True)
class Unsubscribe:
    """What an unsubscribe link stands for: a user's kind, or a public submitter's address on an idea."""

    kind: str
    for_user: bool
    idea_ref: str | None


def _by_token(session: Session, token: str | None) -> Notification:
    token = (token or "").strip()
    n = session.exec(select(Notification).where(Notification.unsubscribe_token == token)).first() if token else None
    if n is None or n.required:
        raise NotFound("notifications.unsubscribe_unknown")
    return n


def unsubscribe_info(*, session: Session, token: str | None) -> Unsubscribe:
    """What the link would do; an unknown link is `NotFound` (the same for every wrong one)."""
    n = _by_token(session, token)
    ref = None
    if n.user_id is None and n.entity == "idea" and n.entity_id is not None:
        idea = session.get(Idea, n.entity_id)
        ref = idea.ref if idea else None
    return Unsubscribe(n.kind, n.user_id is not None, ref)


def unsubscribe(*, session: Session, token: str | None) -> Unsubscribe:
    """Follow the link: a user gets no more mails of this kind (their preference becomes `off`); a public
    submitter's address is removed from the idea and from every message about it. Commits."""
    n = _by_token(session, token)
    info = unsubscribe_info(session=session, token=token)
    if n.user_id is not None:
        row = session.exec(
            select(NotificationPreference).where(
                NotificationPreference.user_id == n.user_id, NotificationPreference.kind == n.kind
            )
        ).first() or NotificationPreference(user_id=n.user_id, kind=n.kind, delivery=Delivery.off)
        row.delivery, row.updated_at = Delivery.off, utcnow()
        session.add(row)
        audit.record(session, None, "notification.unsubscribed", "user", n.user_id, kind=n.kind)
        session.commit()
        return info
    from services.ideas import privacy

    if n.entity == "idea" and n.entity_id is not None:
        privacy.withdraw_address(session=session, idea_id=n.entity_id)  # commits
        return info
    raise NotFound("notifications.unsubscribe_unknown")
