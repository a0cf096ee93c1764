"""What requesters and testbed owners hear, queued in the change's own transaction (see
services/notifications): the requester's receipt with the `TMR-` reference and every answer (in the
language the request was written in); the owning organisation's managers each new request, and a
request still unanswered after 8 working days (once)."""

from __future__ import annotations

from datetime import datetime, timedelta
from urllib.parse import urlencode

from sqlmodel import Session, col, select

from models import Notification, Role, Testbed, TestbedRequest, User, utcnow
from services.notifications import outbox
from services.shared.workdays import latest_day_overdue, local_day, start_of_day

INBOX_PAGE = "forfragningar"
TRACK_PAGE = "folj-forfragan"
UNANSWERED_WORKDAYS = 8
UNANSWERED_KIND = "testbed.unanswered"


def organisation_handlers(session: Session, organisation_id: int | None) -> list[int]:
    """The owning organisation's active managers; the central team (admins) when it has none."""
    managers = (
        list(
            session.exec(
                select(User.id).where(
                    User.organisation_id == organisation_id, User.role == Role.manager, User.is_active
                )
            )
        )
        if organisation_id is not None
        else []
    )
    return managers or list(session.exec(select(User.id).where(User.role == Role.admin, User.is_active)))


def _to_requester(
    session: Session, request: TestbedRequest, kind: str, params: dict, link: str = "folj-forfragan"
) -> None:
    if request.requester_email:
        outbox.to_address(
            session,
            email=request.requester_email,
            language=request.requester_language,
            kind=kind,
            params=params,
            link=link,
            entity="testbed_request",
            entity_id=request.id,
        )


def submitted(session: Session, request: TestbedRequest, testbed: Testbed, code: str) -> None:
    """The receipt with the private tracking link to the requester and the new request to the owning
    organisation. No commit."""
    params = {"ref": request.ref, "testbed": testbed.name}
    _to_requester(session, request, "testbed.receipt", params, link=tracking_link(code))
    to_owners(session, request, testbed)


def tracking_link(code: str) -> str:
    """The requester's private link to Följ din förfrågan, as a notification's link."""
    return f"{TRACK_PAGE}?{urlencode({'kod': code})}"


def to_owners(session: Session, request: TestbedRequest, testbed: Testbed) -> None:
    """The new request to the testbed's organisation (its managers, else the central team). No commit."""
    for user_id in organisation_handlers(session, testbed.organisation_id):
        outbox.to_user(
            session,
            user_id=user_id,
            kind="testbed.new_request",
            params={
                "ref": request.ref,
                "testbed": testbed.name,
                "org": request.requester_org or request.requester_name or "–",
            },
            link=INBOX_PAGE,
            entity="testbed_request",
            entity_id=request.id,
        )


def answered(session: Session, request: TestbedRequest, testbed: Testbed, message: str) -> None:
    """The handler's answer to the requester, with the request's status. No commit."""
    from i18n import label

    _to_requester(
        session,
        request,
        "testbed.answered",
        {
            "ref": request.ref,
            "testbed": testbed.name,
            "status": label(request.status, "request_status", request.requester_language or "sv"),
            "message": message,
        },
    )


def replied(session: Session, request: TestbedRequest, testbed: Testbed, message: str) -> None:
    """The requester's reply to whoever handles the request, else the owning organisation. No commit."""
    recipients = (
        [request.handled_by_id] if request.handled_by_id else organisation_handlers(session, testbed.organisation_id)
    )
    for user_id in recipients:
        outbox.to_user(
            session,
            user_id=user_id,
            kind="testbed.replied",
            params={"ref": request.ref, "testbed": testbed.name, "message": message},
            link=INBOX_PAGE,
            entity="testbed_request",
            entity_id=request.id,
        )


def queue_unanswered(session: Session, *, now: datetime | None = None) -> int:
    """Requests without a first answer 8 working days after they came in, to the owning organisation's
    managers, once per request. Returns how many were queued. No commit.

    Every pass sees every old unanswered request, nearly all already flagged: the flags already queued
    are read in one statement and each organisation's managers once, and only what is new goes to the
    outbox. (Looked up one by one, ten times the region's 5,000 such requests took 5-6 s every ten
    minutes in the server's process, beside everyone's pages.)"""
    now = now or utcnow()
    cutoff = start_of_day(latest_day_overdue(local_day(now), UNANSWERED_WORKDAYS) + timedelta(days=1))
    rows = session.exec(
        select(TestbedRequest.id, TestbedRequest.ref, Testbed.name, Testbed.organisation_id)
        .join(Testbed, TestbedRequest.testbed_id == Testbed.id)
        .where(col(TestbedRequest.first_response_at).is_(None), TestbedRequest.received_at < cutoff)
        .where(col(TestbedRequest.status) == "new")
    ).all()
    flagged = set(session.exec(select(Notification.dedupe_key).where(Notification.kind == UNANSWERED_KIND)))
    handlers: dict[int | None, list[int]] = {}
    queued = 0
    for request_id, ref, testbed_name, organisation_id in rows:
        if organisation_id not in handlers:
            handlers[organisation_id] = organisation_handlers(session, organisation_id)
        for user_id in handlers[organisation_id]:
            key = f"{UNANSWERED_KIND}:{request_id}:user:{user_id}"
            if key in flagged:
                continue
            row = outbox.to_user(
                session,
                user_id=user_id,
                kind=UNANSWERED_KIND,
                params={"ref": ref, "testbed": testbed_name, "days": UNANSWERED_WORKDAYS},
                link=INBOX_PAGE,
                entity="testbed_request",
                entity_id=request_id,
                dedupe_key=key,
                now=now,
            )
            queued += row is not None
    return queued
