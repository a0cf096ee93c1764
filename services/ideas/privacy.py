"""Personal data in ideas, handled as the consent text promises: contact details are removed on request
or when the retention after closing has passed (the idea itself stays), and an admin can hand a person
everything the portal holds about their e-mail address."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from models import (
    FundApplication,
    Idea,
    IdeaEvent,
    IdeaEventKind,
    IdeaStage,
    IdeaSupport,
    Notification,
    TestbedRequest,
    User,
    utcnow,
)
from services.notifications import outbox
from services.people.auth import Actor, require_admin
from services.shared import audit
from services.shared.errors import InvalidTransition, NotFound, ValidationError
from services.shared.validation import EMAIL_PATTERN

DEFAULT_RETENTION_MONTHS = 12


def _clear_contact(session: Session, actor: Actor | None, idea: Idea, now: datetime, action: str) -> None:
    if idea.contact_email:  # the outbox keeps no copy: sent messages lose the address, unsent ones are cancelled
        outbox.forget_addresses(
            session, entity="idea", entity_id=idea.id, email=idea.contact_email, reason="address removed"
        )
    idea.contact_name = idea.contact_email = None
    idea.consent_at = None
    idea.anonymised_at = now
    idea.updated_at = now
    session.add(
        IdeaEvent(
            idea_id=idea.id, at=now, actor_id=actor.id if actor else None, kind=IdeaEventKind.anonymised, internal=True
        )
    )
    # The audit entry says that it happened, never what was removed.
    audit.record(session, actor, action, "idea", idea.id, ref=idea.ref)


def anonymise_idea(*, session: Session, actor: Actor | None, idea_id: int, now: datetime | None = None) -> None:
    """Remove the contact name and e-mail of one idea; the idea and its history stay. Admins. Commits."""
    actor = require_admin(actor)
    idea = session.get(Idea, idea_id)
    if idea is None:
        raise NotFound()
    if idea.contact_name is None and idea.contact_email is None:
        raise InvalidTransition("ideas.nothing_to_anonymise")
    _clear_contact(session, actor, idea, now or utcnow(), "idea.anonymised")
    session.commit()


def withdraw_address(*, session: Session, idea_id: int, now: datetime | None = None) -> None:
    """The submitter withdraws their contact details (from the tracking page or a mail's unsubscribe
    link; the caller has checked the link): removed from the idea and its messages. Commits."""
    idea = session.get(Idea, idea_id)
    if idea is None:
        raise NotFound()
    if idea.contact_name is None and idea.contact_email is None:
        raise InvalidTransition("ideas.nothing_to_anonymise")
    _clear_contact(session, None, idea, now or utcnow(), "idea.address_withdrawn")
    session.commit()


def anonymise_expired(
    *, session: Session, actor: Actor | None, months: int = DEFAULT_RETENTION_MONTHS, now: datetime | None = None
) -> list[str]:
    """Clear the contact details of closed ideas closed more than `months` months ago (30-day months).

    Returns the references it anonymised. Admins or the operator (`manage.py anonymise`). Commits.
    """
    actor = require_admin(actor)
    if months < 0:
        raise ValidationError.single("months", "errors.too_small")
    now = now or utcnow()
    cutoff = now - timedelta(days=30 * months)
    ideas = session.exec(
        select(Idea).where(
            Idea.stage == IdeaStage.closed,
            Idea.stage_changed_at < cutoff,
            (col(Idea.contact_name).is_not(None)) | (col(Idea.contact_email).is_not(None)),
        )
    ).all()
    for idea in ideas:
        _clear_contact(session, actor, idea, now, "idea.anonymised_retention")
    # Messages keep their address no longer than the ideas do.
    outbox.forget_old_addresses(session, before=cutoff)
    session.commit()
    return [idea.ref for idea in ideas]


def person_data(*, session: Session, actor: Actor | None, email: str | None) -> dict[str, list[dict[str, Any]]]:
    """Everything held about one e-mail address (case-insensitive): the account, ideas given with that
    contact address or submitted from that account, ideas it backed, testbed requests and fund
    applications. Password hashes are left out. Admins only; the export itself is audited."""
    actor = require_admin(actor)
    email = (email or "").strip().lower()
    if not EMAIL_PATTERN.match(email):
        raise ValidationError.single("email", "errors.email_invalid")
    users = session.exec(select(User).where(func.lower(User.email) == email)).all()
    user_ids = [u.id for u in users]
    idea_filter = func.lower(Idea.contact_email) == email
    if user_ids:
        idea_filter = idea_filter | col(Idea.submitter_id).in_(user_ids)
    ideas = session.exec(select(Idea).where(idea_filter).order_by(col(Idea.id))).all()
    supported = (
        session.exec(
            select(Idea.ref, Idea.title, IdeaSupport.created_at)
            .join(Idea, IdeaSupport.idea_id == Idea.id)
            .where(col(IdeaSupport.user_id).in_(user_ids))
        ).all()
        if user_ids
        else []
    )
    requests = session.exec(
        select(TestbedRequest).where(func.lower(TestbedRequest.requester_email) == email).order_by(TestbedRequest.id)
    ).all()
    applications = (
        session.exec(select(FundApplication).where(col(FundApplication.applicant_id).in_(user_ids))).all()
        if user_ids
        else []
    )
    messages = session.exec(
        select(Notification)
        .where((func.lower(Notification.email) == email) | col(Notification.user_id).in_(user_ids or [-1]))
        .order_by(col(Notification.id))
    ).all()
    audit.record(session, actor, "person.exported", "person", None, found=len(users) + len(ideas) + len(requests))
    session.commit()
    return {
        "accounts": [u.model_dump(exclude={"password_hash"}) for u in users],
        "ideas": [i.model_dump() for i in ideas],
        "supported_ideas": [{"ref": r, "title": t, "supported_at": at} for r, t, at in supported],
        "testbed_requests": [r.model_dump() for r in requests],
        "fund_applications": [a.model_dump() for a in applications],
        "messages": [
            n.model_dump(include={"created_at", "kind", "email", "subject", "body", "mail_state", "sent_at", "read_at"})
            for n in messages
        ],
    }
