"""Queueing notifications, and the admins' view of the outbox.

What callers may rely on:
- `to_user` and `to_address` only add a row to the caller's session: the notification is committed with
  the change that causes it, or not at all (a change that rolls back queues nothing). Nothing here talks
  to a mail server, so a mail server that is down never slows or blocks a page.
- A user's notification is always in their in-app list; it is e-mailed at once, in their weekly digest,
  or not at all, as their preference for the kind says (required kinds: always at once).
- Subject and body are written in the recipient's language when queued; user text in them stays as
  typed (the HTML mail escapes it, pages show it as text).
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, update
from sqlmodel import Session, col, select

import i18n
from models import Delivery, Language, MailState, Notification, NotificationPreference, User, utcnow
from services.notifications.kinds import kind as kind_of
from services.people.auth import Actor, require_admin
from services.shared import audit
from services.shared.errors import InvalidTransition, NotFound
from services.shared.pagination import Page, page_bounds

STOCKHOLM = ZoneInfo("Europe/Stockholm")
DIGEST_WEEKDAY = 0  # Monday
DIGEST_TIME = time(7, 0)
SUBJECT_MAX = 200


def render(kind: str, language: str, params: dict[str, Any]) -> tuple[str, str]:
    """Subject and body of `kind` in `language` (i18n keys `mail.<kind>.subject` and `.body`)."""
    subject = i18n.t(f"mail.{kind}.subject", language, **params)
    body = i18n.t(f"mail.{kind}.body", language, **params)
    return subject[:SUBJECT_MAX], body


def next_digest_at(now: datetime) -> datetime:
    """The next weekly digest: Monday 07:00 in Stockholm, after `now`."""
    local = now.astimezone(STOCKHOLM)
    days = (DIGEST_WEEKDAY - local.weekday()) % 7
    candidate = datetime.combine(local.date() + timedelta(days=days), DIGEST_TIME, STOCKHOLM)
    if candidate <= local:
        candidate += timedelta(days=7)
    return candidate.astimezone(now.tzinfo)


def delivery_for(session: Session, user_id: int, kind: str) -> Delivery:
    """How `user_id` gets `kind`: required kinds at once, else their choice or the kind's default."""
    return deliveries_for(session, user_id, [kind])[kind]


def deliveries_for(session: Session, user_id: int, kinds: Iterable[str]) -> dict[str, Delivery]:
    """`delivery_for` for several kinds at once (Meddelanden's form): the user's choices in one statement."""
    specs = [kind_of(kind) for kind in kinds]
    choosable = [spec.key for spec in specs if not spec.required]
    chosen = dict(
        session.exec(
            select(NotificationPreference.kind, NotificationPreference.delivery).where(
                NotificationPreference.user_id == user_id, col(NotificationPreference.kind).in_(choosable)
            )
        ).all()
        if choosable
        else []
    )
    found = {}
    for spec in specs:
        if spec.required:
            found[spec.key] = Delivery.immediately
        else:
            found[spec.key] = Delivery(chosen[spec.key]) if spec.key in chosen else spec.default
    return found


def _already(session: Session, dedupe_key: str | None) -> bool:
    return dedupe_key is not None and (
        session.exec(select(Notification.id).where(Notification.dedupe_key == dedupe_key)).first() is not None
    )


def to_user(
    session: Session,
    *,
    user_id: int,
    kind: str,
    params: dict[str, Any],
    link: str | None = None,
    entity: str | None = None,
    entity_id: int | None = None,
    email: str | None = None,
    mail: bool = True,
    dedupe_key: str | None = None,
    now: datetime | None = None,
) -> Notification | None:
    """Queue `kind` for the user: in-app always, by e-mail (to `email`, else their account's address) as
    their preference says (`mail=False`: in the app only). None when the user is inactive or
    `dedupe_key` was used before. No commit."""
    user = session.get(User, user_id)
    if user is None or not user.is_active or _already(session, dedupe_key):
        return None
    now = now or utcnow()
    language = user.language if user.language in set(Language) else i18n.DEFAULT_LANGUAGE
    subject, body = render(kind, language, params)
    delivery = delivery_for(session, user_id, kind)
    address = (email or user.email or "").strip() or None
    row = Notification(
        created_at=now,
        kind=kind,
        user_id=user_id,
        language=language,
        subject=subject,
        body=body,
        link=link,
        entity=entity,
        entity_id=entity_id,
        required=kind_of(kind).required,
        dedupe_key=dedupe_key,
    )
    if mail and address and delivery != Delivery.off:
        _mail(row, address, digest=delivery == Delivery.weekly, now=now)
    session.add(row)
    return row


def to_address(
    session: Session,
    *,
    email: str,
    language: str | None,
    kind: str,
    params: dict[str, Any],
    link: str | None = None,
    entity: str | None = None,
    entity_id: int | None = None,
    now: datetime | None = None,
) -> Notification:
    """Queue a mail of `kind` to someone without an account (a public submitter who gave an address
    with consent), in `language`. No commit."""
    now = now or utcnow()
    language = language if language in set(Language) else i18n.DEFAULT_LANGUAGE
    subject, body = render(kind, language, params)
    row = Notification(
        created_at=now,
        kind=kind,
        language=language,
        subject=subject,
        body=body,
        link=link,
        entity=entity,
        entity_id=entity_id,
        required=kind_of(kind).required,
    )
    _mail(row, email, digest=False, now=now)
    session.add(row)
    return row


def _mail(row: Notification, address: str, *, digest: bool, now: datetime) -> None:
    row.email = address
    row.mail_state = MailState.pending
    row.digest = digest
    row.next_attempt_at = next_digest_at(now) if digest else now
    if not row.required:
        row.unsubscribe_token = secrets.token_urlsafe(16)


def forget_addresses(session: Session, *, entity: str, entity_id: int, email: str, reason: str) -> int:
    """Remove `email` from the messages about one record (an idea anonymised, an address withdrawn):
    sent ones keep no address, unsent ones are cancelled. Returns how many rows changed. No commit."""
    rows = session.exec(
        select(Notification).where(
            Notification.entity == entity,
            Notification.entity_id == entity_id,
            func.lower(Notification.email) == email.strip().lower(),
        )
    ).all()
    for row in rows:
        row.email = None
        row.unsubscribe_token = None
        if row.mail_state in (MailState.pending, MailState.sending):
            row.mail_state = MailState.cancelled
            row.last_error = reason
    return len(rows)


def forget_old_addresses(session: Session, *, before: datetime) -> int:
    """Remove the addresses of messages sent, failed or cancelled before `before` (the retention rule).
    No commit; returns how many."""
    result = session.exec(  # type: ignore[call-overload]
        update(Notification)
        .where(
            col(Notification.mail_state).in_([MailState.sent, MailState.failed, MailState.cancelled]),
            col(Notification.email).is_not(None),
            Notification.created_at < before,
        )
        .values(email=None, unsubscribe_token=None)
    )
    return result.rowcount or 0


# ---------------------------------------------------------------- the admins' view


@dataclass(frozen=True)
class OutboxRow:
    id: int
    created_at: datetime
    kind: str
    email: str | None
    subject: str
    mail_state: str
    attempts: int
    next_attempt_at: datetime | None
    sent_at: datetime | None
    last_error: str | None
    digest: bool


@dataclass(frozen=True)
class OutboxMessage:
    row: OutboxRow
    language: str
    body: str
    link: str | None


def _row(n: Notification) -> OutboxRow:
    return OutboxRow(
        n.id, n.created_at, n.kind, n.email, n.subject, n.mail_state, n.attempts, n.next_attempt_at, n.sent_at,
        n.last_error, n.digest,
    )  # fmt: skip


MAIL_STATES = (MailState.pending, MailState.sending, MailState.sent, MailState.failed, MailState.cancelled)


def outbox_counts(*, session: Session, actor: Actor | None) -> dict[str, int]:
    """How many mails stand in each state. Admins."""
    require_admin(actor)
    rows = session.exec(
        select(Notification.mail_state, func.count())
        .where(col(Notification.mail_state).in_(MAIL_STATES))
        .group_by(Notification.mail_state)
    )
    counts = {str(s): 0 for s in MAIL_STATES}
    counts.update({str(state): n for state, n in rows})
    return counts


def list_outbox(
    *, session: Session, actor: Actor | None, state: str | None = None, page: int = 1, page_size: int = 25
) -> Page[OutboxRow]:
    """The mails, newest first, optionally in one state. Admins (they read what could not be sent)."""
    require_admin(actor)
    conditions = [col(Notification.mail_state).in_([state] if state else MAIL_STATES)]
    total = session.exec(select(func.count()).select_from(Notification).where(*conditions)).one()
    offset, limit = page_bounds(page, page_size)
    rows = session.exec(
        select(Notification)
        .where(*conditions)
        .order_by(col(Notification.created_at).desc(), col(Notification.id).desc())
        .offset(offset)
        .limit(limit)
    )
    return Page([_row(n) for n in rows], total, page, page_size)


def outbox_message(*, session: Session, actor: Actor | None, notification_id: int) -> OutboxMessage:
    """One mail as it will be (or was) sent. Admins."""
    require_admin(actor)
    n = session.get(Notification, notification_id)
    if n is None or n.mail_state == MailState.none:
        raise NotFound()
    return OutboxMessage(_row(n), n.language, n.body, n.link)


def retry(*, session: Session, actor: Actor | None, notification_id: int, now: datetime | None = None) -> None:
    """Send a failed mail again from the start (e.g. after the address or the server was put right).
    Admins. Commits."""
    actor = require_admin(actor)
    n = session.get(Notification, notification_id)
    if n is None or n.mail_state == MailState.none:
        raise NotFound()
    if n.mail_state != MailState.failed or not n.email:
        raise InvalidTransition("notifications.retry_only_failed")
    n.mail_state = MailState.pending
    n.attempts = 0
    n.next_attempt_at = now or utcnow()
    n.claimed_by = n.claimed_at = None
    audit.record(session, actor, "notification.retried", "notification", n.id, kind=n.kind)
    session.commit()
