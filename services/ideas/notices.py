"""What people hear about ideas, queued in the transaction of the change (see services/notifications):

- the submitter: a receipt with the reference and the private tracking link (when they left an address
  with consent, or in the app when logged in); a notice on every public stage change, closing with the
  reason; the team's question, answered through the tracking link;
- the managers of the responsible organisation: each new idea, and once a week the ideas waiting in
  Inkommen over 14 days; the idea's owner (else those managers) when the submitter answers.

A public submitter's mails are written in the language they submitted in. The tracking code itself is
known only at submission, so later mails point to the tracking page and the link in the receipt.
"""

from __future__ import annotations

from datetime import datetime
from urllib.parse import urlencode

from sqlalchemy import func
from sqlmodel import Session, col, select

import i18n
from models import Idea, IdeaStage, Notification, Role, User, utcnow
from services.notifications import outbox
from services.shared.workdays import as_utc

TRACK_PAGE = "folj-ide"
MINE_PAGE = "mina-ideer"
MANAGE_PAGE = "idehantering"
TRACKING_PARAM = "kod"


def tracking_path(code: str | None = None) -> str:
    return f"{TRACK_PAGE}?{urlencode({TRACKING_PARAM: code})}" if code else TRACK_PAGE


def manage_path(ref: str) -> str:
    return f"{MANAGE_PAGE}?{urlencode({'ide': ref})}"


def _to_submitter(
    session: Session, idea: Idea, kind: str, params: dict, *, public_link: str, mail_account: bool = True
) -> Notification | None:
    """The submitter: in the app and by mail when logged in, by mail when they left an address."""
    if idea.submitter_id is not None:
        return outbox.to_user(
            session,
            user_id=idea.submitter_id,
            kind=kind,
            params=params,
            link=public_link if idea.contact_email else MINE_PAGE,
            email=idea.contact_email,
            mail=bool(idea.contact_email) or mail_account,
            entity="idea",
            entity_id=idea.id,
        )
    if idea.contact_email:
        return outbox.to_address(
            session,
            email=idea.contact_email,
            language=idea.contact_language,
            kind=kind,
            params=params,
            link=public_link,
            entity="idea",
            entity_id=idea.id,
        )
    return None


def managers_of(session: Session, organisation_id: int | None) -> list[int]:
    if organisation_id is None:
        return []
    return list(
        session.exec(
            select(User.id)
            .where(User.organisation_id == organisation_id, User.role == Role.manager, User.is_active)
            .order_by(col(User.id))
        )
    )


def _stage(value: str | None, language: str) -> str:
    return i18n.label(value, "stage", language)


def submitted(session: Session, idea: Idea, code: str) -> None:
    """The receipt to the submitter and the notice to the organisation's managers. No commit."""
    _to_submitter(
        session,
        idea,
        "idea.receipt",
        {"ref": idea.ref, "title": idea.title},
        public_link=tracking_path(code),
        mail_account=False,  # a receipt by mail only to an address given with consent
    )
    for user_id in managers_of(session, idea.organisation_id):
        if user_id != idea.submitter_id:
            outbox.to_user(
                session,
                user_id=user_id,
                kind="idea.new_for_org",
                params={"ref": idea.ref, "title": idea.title},
                link=manage_path(idea.ref),
                entity="idea",
                entity_id=idea.id,
            )


def stage_changed(session: Session, idea: Idea, from_stage: str, note: str | None) -> None:
    """The public stage change (closing with its reason) to the submitter. No commit."""
    closed = idea.stage == IdeaStage.closed
    kind = "idea.closed" if closed else "idea.stage_changed"
    language = _submitter_language(session, idea)
    params = {
        "ref": idea.ref,
        "title": idea.title,
        "from_stage": _stage(from_stage, language),
        "to_stage": _stage(idea.stage, language),
        "note": note or "–",
    }
    _to_submitter(session, idea, kind, params, public_link=TRACK_PAGE)


def _submitter_language(session: Session, idea: Idea) -> str:
    if idea.submitter_id is not None:
        user = session.get(User, idea.submitter_id)
        if user is not None:
            return user.language
    return idea.contact_language or i18n.DEFAULT_LANGUAGE


def has_contact(idea: Idea) -> bool:
    """Whether the team can reach the submitter at all (an address, or an account)."""
    return bool(idea.contact_email) or idea.submitter_id is not None


def question(session: Session, idea: Idea, text: str) -> None:
    """The team's question to the submitter, to be answered through the tracking link. No commit."""
    _to_submitter(
        session, idea, "idea.question", {"ref": idea.ref, "title": idea.title, "question": text}, public_link=TRACK_PAGE
    )


def answered(session: Session, idea: Idea, text: str) -> None:
    """The submitter's answer to the idea's owner, else to the organisation's managers. No commit."""
    recipients = [idea.owner_id] if idea.owner_id else managers_of(session, idea.organisation_id)
    for user_id in recipients:
        outbox.to_user(
            session,
            user_id=user_id,
            kind="idea.answered",
            params={"ref": idea.ref, "title": idea.title, "answer": text},
            link=manage_path(idea.ref),
            entity="idea",
            entity_id=idea.id,
        )


def queue_waiting_digests(session: Session, *, now: datetime | None = None) -> int:
    """Once per ISO week, to every manager whose organisation has ideas waiting in Inkommen over 14 days:
    how many and which (the oldest ten). Returns how many were queued. No commit."""
    from services.ideas.triage import overdue_condition  # triage imports this module's callers

    now = now or utcnow()
    year, week, _ = now.isocalendar()
    waiting = session.exec(
        select(Idea.organisation_id, func.count())
        .where(overdue_condition(now), col(Idea.organisation_id).is_not(None))
        .group_by(Idea.organisation_id)
    ).all()
    queued = 0
    for organisation_id, n in waiting:
        oldest = session.exec(
            select(Idea.ref, Idea.title, Idea.received_at)
            .where(overdue_condition(now), Idea.organisation_id == organisation_id)
            .order_by(col(Idea.received_at))
            .limit(10)
        ).all()
        for user_id in managers_of(session, organisation_id):
            language = session.get(User, user_id).language
            lines = "\n".join(
                i18n.t("mail.idea.waiting.line", language, ref=ref, title=title, days=(now - as_utc(received)).days)
                for ref, title, received in oldest
            )
            row = outbox.to_user(
                session,
                user_id=user_id,
                kind="idea.waiting",
                params={"n": n, "ideas": lines},
                link=f"{MANAGE_PAGE}",
                entity="organisation",
                entity_id=organisation_id,
                dedupe_key=f"idea.waiting:{year}-W{week:02d}:user:{user_id}",
                now=now,
            )
            queued += row is not None
    return queued
