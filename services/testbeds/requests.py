"""Requests to use a testbed: the public form, the owning organisation's inbox, answers and figures.

Anyone may send a request; only admins and managers of the organisation that runs the testbed may read
or answer it (it holds the requester's contact details). The first answer is timed: the promise is a
first response within `RESPONSE_LIMIT_WORKDAYS` working days, and a request without one is flagged.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from pydantic import BaseModel, Field, field_validator
from sqlalchemy import ColumnElement, and_, case, func, literal
from sqlmodel import Session, col, select

from models import (
    Area,
    FundApplication,
    Idea,
    RequesterKind,
    RequestStatus,
    Testbed,
    TestbedRequest,
    TestbedRequestEvent,
    TestbedStatus,
    User,
    utcnow,
)
from services.fund import applications as fund
from services.ideas.triage import may_manage as may_manage_idea
from services.people.auth import Actor, require_login
from services.samverkan import needs
from services.shared import audit, ratelimit, refs, tokens
from services.shared.errors import InvalidTransition, NotFound, PermissionDenied, ValidationError
from services.shared.medians import median_of, whole_medians
from services.shared.pagination import Page, page_bounds
from services.shared.validation import check_email, clean_text, fail, parse
from services.shared.workdays import add_workdays, as_utc, latest_day_overdue, local_day, start_of_day, workdays_between
from services.testbeds import notices
from services.testbeds.catalogue import FUNDED_STATUSES

RESPONSE_LIMIT_WORKDAYS = 10
# The path a request takes; moving to the same status adds a message without a move.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    RequestStatus.new: (RequestStatus.in_dialogue, RequestStatus.accepted, RequestStatus.declined),
    RequestStatus.in_dialogue: (RequestStatus.in_dialogue, RequestStatus.accepted, RequestStatus.declined),
    RequestStatus.accepted: (RequestStatus.accepted, RequestStatus.completed),
    RequestStatus.declined: (),
    RequestStatus.completed: (),
}
ACCEPTED = (RequestStatus.accepted.value, RequestStatus.completed.value)
DECIDED = (*ACCEPTED, RequestStatus.declined.value)


# ---------------------------------------------------------------- the public form


class RequestInput(BaseModel):
    """What a requester sends. Consent to keep the contact details is required."""

    testbed_id: int
    requester_name: str = Field(max_length=120)
    requester_org: str | None = Field(default=None, max_length=200)
    requester_email: str = Field(max_length=254)
    requester_kind: RequesterKind
    description: str = Field(max_length=5000)
    wanted_period: str | None = Field(default=None, max_length=120)
    consent: bool

    _clean = field_validator(
        "requester_name", "requester_org", "requester_email", "description", "wanted_period", mode="before"
    )(clean_text)
    _email = field_validator("requester_email")(check_email)

    @field_validator("consent")
    @classmethod
    def _consented(cls, value: bool) -> bool:
        if not value:
            raise fail("testbeds.consent_required")
        return value


@dataclass(frozen=True)
class Receipt:
    """The new request's reference and its private tracking code: show the code now, it is stored nowhere."""

    ref: str
    testbed_name: str
    tracking_code: str = ""


def submit_request(
    *,
    session: Session,
    data: dict[str, Any],
    actor: Actor | None = None,
    address: str | None = None,
    language: str | None = None,
    now: datetime | None = None,
) -> Receipt:
    """Store a public request and give it its reference `TMR-YYYY-NNNN`. Closed testbeds take none.

    A browser's request (`address` given) counts against its client's limit (`ratelimit`), refused with
    `RateLimited` beyond it. The receipt to the requester (in `language`) and the notice to the owning
    organisation's managers are queued in the same transaction.
    """
    values = parse(RequestInput, data)
    testbed = session.get(Testbed, values.testbed_id)
    if testbed is None:
        raise NotFound()
    if testbed.status == TestbedStatus.closed:
        raise InvalidTransition("testbeds.closed_no_requests")
    now = now or utcnow()
    ratelimit.count_public_write(
        session, kind="testbed_request", refusal="testbeds.req.rate_limited", actor=actor, address=address, now=now
    )
    fields = values.model_dump(exclude={"consent", "requester_kind"})
    request, code = open_request(
        session, None, now=now, language=language, requester_kind=values.requester_kind.value, consent_at=now, **fields
    )
    notices.submitted(session, request, testbed, code)
    session.commit()
    return Receipt(ref=request.ref, testbed_name=testbed.name, tracking_code=code)


def open_request(
    session: Session, actor: Actor | None, *, now: datetime, language: str | None, **fields: Any
) -> tuple[TestbedRequest, str]:
    """A new request in its testbed's inbox, as `new`: its `TMR-` reference, first history entry (by
    `actor`, None for the requester) and audit entry, and a private tracking code, returned to be shown or
    sent once. `fields` are the request's columns. No notices, no commit: the caller's transaction."""
    code = tokens.issue()
    request = TestbedRequest(
        ref=refs.next_ref(session, "TMR", local_day(now).year),
        received_at=now,
        created_at=now,
        updated_at=now,
        status=RequestStatus.new.value,
        requester_language=language if language in ("sv", "en") else "sv",
        tracking_hash=code.digest,
        **fields,
    )
    session.add(request)
    session.flush()
    actor_id = actor.id if actor else None
    session.add(TestbedRequestEvent(request_id=request.id, at=now, actor_id=actor_id, to_status=RequestStatus.new))
    links = {"response_id": request.response_id} if request.response_id else {}
    audit.record(session, actor, "testbed_request.created", "testbed_request", request.id, ref=request.ref, **links)
    return request, code.token


# ---------------------------------------------------------------- the requester's own page

TRACKING_PARAM = "kod"
OPEN_FOR_REPLIES = (RequestStatus.new, RequestStatus.in_dialogue, RequestStatus.accepted)


@dataclass(frozen=True)
class RequestMessage:
    at: datetime
    from_requester: bool
    status: str | None
    text: str | None


@dataclass(frozen=True)
class RequestTracking:
    """What the requester sees with their private link: status and the conversation, no one's name."""

    ref: str
    testbed: str
    status: str
    received_at: datetime
    messages: list[RequestMessage]
    may_reply: bool


def _by_code(session: Session, code: str | None) -> TestbedRequest:
    digest = tokens.digest_of(code, TRACKING_PARAM)
    request = (
        session.exec(select(TestbedRequest).where(TestbedRequest.tracking_hash == digest)).first() if digest else None
    )
    if request is None:
        raise NotFound("testbeds.track_not_found")
    return request


def track_request(*, session: Session, code: str | None) -> RequestTracking:
    """The requester's view of the request whose tracking code is `code` (or a pasted link with it).
    A reference, a malformed and an unknown code all get the same `NotFound`."""
    request = _by_code(session, code)
    testbed = session.get(Testbed, request.testbed_id)
    events = session.exec(
        select(TestbedRequestEvent)
        .where(TestbedRequestEvent.request_id == request.id)
        .order_by(col(TestbedRequestEvent.at), col(TestbedRequestEvent.id))
    )
    messages = [RequestMessage(as_utc(e.at), e.actor_id is None, e.to_status, e.text) for e in events]
    return RequestTracking(
        request.ref,
        testbed.name,
        request.status,
        as_utc(request.received_at),
        messages,
        request.status in OPEN_FOR_REPLIES,
    )


def reply(
    *, session: Session, code: str | None, text: str | None, address: str | None = None, now: datetime | None = None
) -> None:
    """The requester writes back through their private link; the message lands in the request's history
    and goes to the owning organisation's managers. Not after a request is declined or completed. Counts
    against the client's limit on public writes. Commits."""
    request = _by_code(session, code)
    body = clean_text(text) or ""
    if not body:
        raise ValidationError.single("reply", "errors.required")
    if len(body) > 5000:
        raise ValidationError.single("reply", "errors.too_long", max_length=5000)
    if request.status not in OPEN_FOR_REPLIES:
        raise InvalidTransition("testbeds.reply_closed")
    now = now or utcnow()
    ratelimit.count_public_write(
        session, kind="testbed_reply", refusal="testbeds.req.rate_limited", actor=None, address=address, now=now
    )
    session.add(
        TestbedRequestEvent(
            request_id=request.id, at=now, from_status=request.status, to_status=request.status, text=body
        )
    )
    request.updated_at = now
    audit.record(session, None, "testbed_request.replied", "testbed_request", request.id, ref=request.ref)
    notices.replied(session, request, session.get(Testbed, request.testbed_id), body)
    session.commit()


# ---------------------------------------------------------------- who may handle


def may_handle(actor: Actor | None, organisation_id: int | None) -> bool:
    """Admins handle every request; a manager those for their own organisation's testbeds."""
    return actor is not None and (actor.is_admin or actor.manages(organisation_id))


def _handled(session: Session, actor: Actor | None, request_id: int) -> tuple[Actor, TestbedRequest, Testbed]:
    actor = require_login(actor)
    request = session.get(TestbedRequest, request_id)
    if request is None:
        raise NotFound()
    testbed = session.get(Testbed, request.testbed_id)
    if not may_handle(actor, testbed.organisation_id):
        raise PermissionDenied()
    return actor, request, testbed


def _inbox_scope(actor: Actor | None) -> ColumnElement[bool] | None:
    """Which requests the actor's inbox holds: all for admins, their organisation's for managers."""
    actor = require_login(actor)
    if actor.is_admin:
        return None
    if actor.is_manager and actor.organisation_id is not None:
        return Testbed.organisation_id == actor.organisation_id
    raise PermissionDenied()


# ---------------------------------------------------------------- the inbox


@dataclass(frozen=True)
class InboxRow:
    id: int
    ref: str
    testbed: str
    requester_name: str | None
    requester_org: str | None
    requester_kind: str
    status: str
    received_at: datetime
    first_response_at: datetime | None
    workdays_waiting: int | None  # None once answered
    workdays_to_response: int | None
    overdue: bool


def _overdue_condition(today: date) -> ColumnElement[bool]:
    """No first response, and received before the cut-off day for `RESPONSE_LIMIT_WORKDAYS`."""
    last_overdue_day = latest_day_overdue(today, RESPONSE_LIMIT_WORKDAYS)
    return and_(
        col(TestbedRequest.first_response_at).is_(None),
        col(TestbedRequest.received_at) < start_of_day(last_overdue_day + timedelta(days=1)),
    )


def inbox(
    *,
    session: Session,
    actor: Actor | None,
    today: date,
    statuses: tuple[str, ...] = (),
    testbed_id: int | None = None,
    overdue_only: bool = False,
    page: int = 1,
    page_size: int = 25,
) -> Page[InboxRow]:
    """Requests the actor may handle: the unanswered, oldest first, then the answered, newest first.

    Read in two steps, each in the order of an index: the unanswered from the partial index that holds
    only them, then (when the page reaches past them) the answered by receipt time. As one query sorted
    on "unanswered first" the admin's default inbox sorted some 16,000 requests at every run, 11 ms at
    ten times the region."""
    scope = _inbox_scope(actor)
    conditions: list[ColumnElement[bool]] = [] if scope is None else [scope]
    if testbed_id is not None:
        conditions.append(TestbedRequest.testbed_id == testbed_id)
    if overdue_only:
        conditions.append(_overdue_condition(today))
    listed = list(conditions)
    if statuses:
        status = col(TestbedRequest.status)
        conditions.append(status.in_(statuses))
        # On SQLite the rows' queries compare text made from the status, so that its planner leaves the
        # status index alone: it picked it over the unanswered index and then sorted all with those
        # statuses. PostgreSQL reads the unanswered index in order by itself, and cannot estimate such an
        # expression: it guessed 49 rows of 5,000 and sorted them all (8 ms at ten times the region
        # against 0.5).
        sqlite = session.get_bind().dialect.name == "sqlite"
        listed.append((status + "" if sqlite else status).in_(statuses))
    total = _inbox_count(session, scope, conditions)
    offset, limit = page_bounds(page, page_size)
    waiting = col(TestbedRequest.first_response_at).is_(None)
    rows = list(
        session.exec(
            _inbox_query(listed, waiting)
            .order_by(col(TestbedRequest.received_at), col(TestbedRequest.id))
            .offset(offset)
            .limit(limit)
        )
    )
    if len(rows) < limit and not overdue_only:  # the page reaches past the unanswered (none is overdue)
        unanswered = offset + len(rows) if rows or not offset else _inbox_count(session, scope, [*conditions, waiting])
        rows += session.exec(
            _inbox_query(listed, ~waiting)
            .order_by(col(TestbedRequest.received_at).desc(), col(TestbedRequest.id).desc())
            .offset(max(0, offset - unanswered))
            .limit(limit - len(rows))
        )
    items = [_inbox_row(r, name, today) for r, name in rows]
    return Page(items=items, total=total, page=page, page_size=page_size)


def _inbox_query(conditions: list[ColumnElement[bool]], answered_or_not: ColumnElement[bool]) -> Any:
    return (
        select(TestbedRequest, Testbed.name)
        .join(Testbed, TestbedRequest.testbed_id == Testbed.id)
        .where(*conditions, answered_or_not)
    )


def late_count(*, session: Session, actor: Actor | None, today: date) -> int:
    """How many requests in the actor's inbox wait past the promised first answer: what `inbox(...,
    overdue_only=True).total` gives, without reading a page of them."""
    scope = _inbox_scope(actor)
    return _inbox_count(session, scope, [_overdue_condition(today)] + ([] if scope is None else [scope]))


def _inbox_count(session: Session, scope: ColumnElement[bool] | None, conditions: list[ColumnElement[bool]]) -> int:
    """The requests matching `conditions`; joined to their testbeds only when the scope names an
    organisation (every request has a testbed: for the admin's inbox the join doubled the count's time).
    Without a scope, `conditions` must name the requests' own columns only. Rows are counted, not ids:
    PostgreSQL then counts from the index alone (1.5 ms against 6 for the admin's open requests at ten
    times the region; SQLite 0.5 against 0.8)."""
    query = select(func.count()).select_from(TestbedRequest)
    if scope is not None:
        query = query.join(Testbed, TestbedRequest.testbed_id == Testbed.id)
    return session.exec(query.where(*conditions)).one()


def _inbox_row(request: TestbedRequest, testbed_name: str, today: date) -> InboxRow:
    received = local_day(request.received_at)
    answered = request.first_response_at
    waiting = None if answered else workdays_between(received, today)
    return InboxRow(
        id=request.id,
        ref=request.ref,
        testbed=testbed_name,
        requester_name=request.requester_name,
        requester_org=request.requester_org,
        requester_kind=request.requester_kind,
        status=request.status,
        received_at=as_utc(request.received_at),
        first_response_at=as_utc(answered) if answered else None,
        workdays_waiting=waiting,
        workdays_to_response=workdays_between(received, local_day(answered)) if answered else None,
        overdue=answered is None and add_workdays(received, RESPONSE_LIMIT_WORKDAYS) < today,
    )


@dataclass(frozen=True)
class EventRow:
    at: datetime
    actor: str | None
    from_status: str | None
    to_status: str | None
    text: str | None


@dataclass(frozen=True)
class RequestDetail:
    row: InboxRow
    testbed_slug: str
    requester_email: str | None
    description: str
    wanted_period: str | None
    handled_by: str | None
    idea_id: int | None
    idea_ref: str | None
    application_id: int | None
    application_ref: str | None
    next_statuses: tuple[str, ...]
    events: list[EventRow]
    from_response: str | None = None  # "UTM-… · the need's title" when made from a response to a need


def get_request(*, session: Session, actor: Actor | None, request_id: int, today: date) -> RequestDetail:
    """A request with its history; only to those who may handle it."""
    _, request, testbed = _handled(session, actor, request_id)
    events = session.exec(
        select(TestbedRequestEvent, User.display_name)
        .join(User, TestbedRequestEvent.actor_id == User.id, isouter=True)
        .where(TestbedRequestEvent.request_id == request.id)
        .order_by(TestbedRequestEvent.at, TestbedRequestEvent.id)
    )
    handler = session.get(User, request.handled_by_id) if request.handled_by_id else None
    idea = session.get(Idea, request.idea_id) if request.idea_id else None
    application = session.get(FundApplication, request.application_id) if request.application_id else None
    return RequestDetail(
        row=_inbox_row(request, testbed.name, today),
        testbed_slug=testbed.slug,
        requester_email=request.requester_email,
        description=request.description,
        wanted_period=request.wanted_period,
        handled_by=handler.display_name if handler else None,
        idea_id=request.idea_id,
        idea_ref=idea.ref if idea else None,
        application_id=request.application_id,
        application_ref=application.ref if application else None,
        next_statuses=TRANSITIONS[RequestStatus(request.status)],
        events=[EventRow(as_utc(e.at), name, e.from_status, e.to_status, e.text) for e, name in events],
        from_response=needs.response_label(session, request.response_id),
    )


# ---------------------------------------------------------------- answering


def respond(
    *,
    session: Session,
    actor: Actor | None,
    request_id: int,
    to_status: str,
    message: str | None,
    now: datetime | None = None,
) -> TestbedRequest:
    """Answer a request: move its status (or keep it, to add a message) with a message to the requester.

    The first answer sets `first_response_at` and the handler; later ones leave them.
    """
    actor, request, testbed = _handled(session, actor, request_id)
    text = clean_text(message) or ""
    if not text:
        raise ValidationError.single("message", "errors.required")
    if len(text) > 5000:
        raise ValidationError.single("message", "errors.too_long", max_length=5000)
    current = RequestStatus(request.status)
    try:
        target = RequestStatus(to_status)
    except ValueError:
        raise ValidationError.single("to_status", "errors.not_allowed_value") from None
    if target not in TRANSITIONS[current]:
        raise InvalidTransition("testbeds.transition_refused", current=current.value, target=target.value)
    now = now or utcnow()
    session.add(
        TestbedRequestEvent(
            request_id=request.id, at=now, actor_id=actor.id, from_status=current, to_status=target, text=text
        )
    )
    request.status = target.value
    if request.first_response_at is None:
        request.first_response_at = now
    if request.handled_by_id is None:
        request.handled_by_id = actor.id
    request.updated_at = now
    audit.record(
        session, actor, "testbed_request.answered", "testbed_request", request.id, previous=current, status=target
    )
    notices.answered(session, request, testbed, text)
    session.commit()
    return request


def link(
    *,
    session: Session,
    actor: Actor | None,
    request_id: int,
    idea_ref: str | None,
    application_ref: str | None,
) -> TestbedRequest:
    """Link a request to an idea and/or a fund application by their references (empty: unlink).

    Only records the actor may read can be linked (the linked titles show on the public testbed page):
    an idea of their own organisation (or their own), an application they may read. Any other reference
    gets the same answer as an unknown one. Keeping a link someone else made is always allowed.
    """
    actor, request, _ = _handled(session, actor, request_id)
    idea_id = _id_by_ref(session, Idea, idea_ref, "idea_ref")
    application_id = _id_by_ref(session, FundApplication, application_ref, "application_ref")
    if idea_id is not None and idea_id != request.idea_id and not _may_read_idea(actor, session.get(Idea, idea_id)):
        raise ValidationError.single("idea_ref", "testbeds.ref_unknown", ref=_ref_text(idea_ref))
    if (
        application_id is not None
        and application_id != request.application_id
        and not fund.may_read(session, actor, session.get(FundApplication, application_id))
    ):
        raise ValidationError.single("application_ref", "testbeds.ref_unknown", ref=_ref_text(application_ref))
    if (request.idea_id, request.application_id) == (idea_id, application_id):
        return request
    request.idea_id, request.application_id = idea_id, application_id
    request.updated_at = utcnow()
    audit.record(
        session,
        actor,
        "testbed_request.linked",
        "testbed_request",
        request.id,
        idea_id=idea_id,
        application_id=application_id,
    )
    session.commit()
    return request


def _may_read_idea(actor: Actor, idea: Idea) -> bool:
    own = idea.submitter_id is not None and idea.submitter_id == actor.id
    return own or may_manage_idea(actor, idea.organisation_id)


def _ref_text(ref: str | None) -> str:
    return (ref or "").strip().upper()


def _id_by_ref(session: Session, table: Any, ref: str | None, field_name: str) -> int | None:
    ref = _ref_text(ref)
    if not ref:
        return None
    found = session.exec(select(table.id).where(table.ref == ref)).first()
    if found is None:
        raise ValidationError.single(field_name, "testbeds.ref_unknown", ref=ref)
    return found


# ---------------------------------------------------------------- figures


@dataclass(frozen=True)
class CountRow:
    key: str
    area_code: str
    requests: int
    accepted: int
    answered: int


@dataclass(frozen=True)
class RequestFigures:
    """Aggregates for the dashboards. Shares are None when there is nothing to divide by."""

    requests: int
    answered: int
    accepted: int
    declined: int
    open_unanswered: int
    median_days_to_first_response: float | None
    median_workdays_to_first_response: float | None
    answered_within_limit: int
    per_testbed: list[CountRow]
    per_area: list[CountRow]
    testbeds_used_by_funded_projects: int

    @property
    def share_accepted(self) -> float | None:
        """Accepted (or completed) out of decided requests, in percent."""
        decided = self.accepted + self.declined
        return 100 * self.accepted / decided if decided else None

    @property
    def share_within_limit(self) -> float | None:
        return 100 * self.answered_within_limit / self.answered if self.answered else None


def _scope(
    area_code: str | None, organisation_id: int | None, testbed_id: int | None, start: date | None, end: date | None
) -> list[Any]:
    conditions: list[Any] = []
    if testbed_id is not None:
        conditions.append(TestbedRequest.testbed_id == testbed_id)
    if area_code:
        conditions.append(Area.code == area_code)
    if organisation_id is not None:
        conditions.append(Testbed.organisation_id == organisation_id)
    if start is not None:
        conditions.append(col(TestbedRequest.received_at) >= start_of_day(start))
    if end is not None:
        conditions.append(col(TestbedRequest.received_at) < start_of_day(end + timedelta(days=1)))
    return conditions


def _joined_requests(query: Any) -> Any:
    return query.join(Testbed, TestbedRequest.testbed_id == Testbed.id).join(Area, Testbed.area_id == Area.id)


def _requests(query: Any, area_code: str | None, organisation_id: int | None) -> Any:
    """`query` over the requests, joined to their testbed and its area only when the scope names an area
    or an organisation: for the whole region the joins cost SQLite ten times the count itself."""
    return _joined_requests(query) if area_code or organisation_id is not None else query


def request_figures(
    session: Session,
    *,
    area_code: str | None = None,
    organisation_id: int | None = None,
    testbed_id: int | None = None,
    start: date | None = None,
    end: date | None = None,
) -> RequestFigures:
    """Testbed request figures for an area, organisation or testbed and a period of receipt (days inclusive).

    Counted in SQL per testbed (working days as stored on each request), the totals and the areas' rows
    summed from the testbeds'; the medians in SQL. Aggregates only: no personal data.
    """
    conditions = _scope(area_code, organisation_id, testbed_id, start, end)
    answered_expr = case((col(TestbedRequest.first_response_at).is_not(None), 1), else_=0)
    accepted_expr = case((col(TestbedRequest.status).in_(ACCEPTED), 1), else_=0)
    declined_expr = case((TestbedRequest.status == RequestStatus.declined.value, 1), else_=0)
    within_expr = case((TestbedRequest.first_response_workdays <= RESPONSE_LIMIT_WORKDAYS, 1), else_=0)
    timed_expr = case((col(TestbedRequest.first_response_days).is_not(None), 1), else_=0)  # the median's values
    # Counted per testbed, from an index that holds every column counted here (a thousand rows at ten
    # times the region), then joined to the testbeds; the scope's totals and the areas' rows are the sums
    # of the testbeds' rows (every testbed has an area).
    by_testbed = (
        _requests(
            select(
                TestbedRequest.testbed_id.label("testbed_id"),  # type: ignore[union-attr]
                func.count(col(TestbedRequest.id)).label("n"),
                func.sum(accepted_expr).label("accepted"),
                func.sum(answered_expr).label("answered"),
                func.sum(declined_expr).label("declined"),
                func.sum(within_expr).label("within"),
                func.sum(timed_expr).label("timed"),
            ),
            area_code,
            organisation_id,
        )
        .where(*conditions)
        .group_by(TestbedRequest.testbed_id)
        .subquery()
    )
    # One row per testbed (two testbeds may share a name).
    testbeds = session.exec(
        select(
            Testbed.name,
            Area.code,
            by_testbed.c.n,
            by_testbed.c.accepted,
            by_testbed.c.answered,
            by_testbed.c.declined,
            by_testbed.c.within,
            by_testbed.c.timed,
        )
        .select_from(by_testbed)
        .join(Testbed, Testbed.id == by_testbed.c.testbed_id)
        .join(Area, Testbed.area_id == Area.id)
        .order_by(by_testbed.c.n.desc(), Testbed.name)
    ).all()
    per_testbed: list[CountRow] = []
    total = accepted = answered = declined = within = timed = 0
    for name, code, *counts in testbeds:
        n, accepted_n, answered_n, declined_n, within_n, timed_n = (int(c or 0) for c in counts)
        per_testbed.append(CountRow(str(name), code, n, accepted_n, answered_n))
        total, accepted, answered = total + n, accepted + accepted_n, answered + answered_n
        declined, within, timed = declined + declined_n, within + within_n, timed + timed_n
    areas: dict[str, list[int]] = {}
    for row in per_testbed:
        sums = areas.setdefault(row.area_code, [0, 0, 0])
        sums[0], sums[1], sums[2] = sums[0] + row.requests, sums[1] + row.accepted, sums[2] + row.answered
    per_area = [
        CountRow(code, code, n, a, r) for code, (n, a, r) in sorted(areas.items(), key=lambda i: (-i[1][0], i[0]))
    ]
    # The median ranks the answered requests' stored days, as many as counted above (`timed`): every
    # request has a testbed and every testbed an area (required foreign keys), so the joins above lose
    # none of them. Over all requests the middle is read from their index in days order; a scope's are
    # sorted from the scope's own indexes, and `+ 0` keeps SQLite from walking that index instead (every
    # answer in the region in order, each looked up: 35-47 ms for an area against 8-13). The count is
    # reused only where both statements read one snapshot: SQLite's read transaction does; on PostgreSQL
    # (read committed) each statement reads its own, and a request answered between them would shift the
    # middle.
    stored = col(TestbedRequest.first_response_days)
    days = median_of(
        session,
        _requests(select(stored if not conditions else stored + 0), area_code, organisation_id).where(*conditions),
        size=timed if session.get_bind().dialect.name == "sqlite" else None,
    )
    workdays = whole_medians(
        session,
        _requests(select(literal(None), TestbedRequest.first_response_workdays), area_code, organisation_id).where(
            *conditions
        ),
    ).get(None)
    return RequestFigures(
        requests=total,
        answered=answered,
        accepted=accepted,
        declined=declined,
        open_unanswered=total - answered,
        median_days_to_first_response=None if days is None else round(days, 1),
        median_workdays_to_first_response=workdays,
        answered_within_limit=within,
        per_testbed=per_testbed,
        per_area=per_area,
        testbeds_used_by_funded_projects=_funded_testbeds(session, area_code, organisation_id, testbed_id),
    )


def _funded_testbeds(
    session: Session, area_code: str | None, organisation_id: int | None, testbed_id: int | None
) -> int:
    """Distinct testbeds named by, or linked through a request to, a funded project."""
    named = select(FundApplication.testbed_id.label("testbed_id")).where(  # type: ignore[union-attr]
        col(FundApplication.status).in_(FUNDED_STATUSES), col(FundApplication.testbed_id).is_not(None)
    )
    linked = (
        select(TestbedRequest.testbed_id.label("testbed_id"))  # type: ignore[union-attr]
        .join(FundApplication, TestbedRequest.application_id == FundApplication.id)
        .where(col(FundApplication.status).in_(FUNDED_STATUSES))
    )
    used = named.union(linked).subquery()
    query = select(func.count(func.distinct(used.c.testbed_id))).join(Testbed, Testbed.id == used.c.testbed_id)
    query = query.join(Area, Testbed.area_id == Area.id)
    if area_code:
        query = query.where(Area.code == area_code)
    if organisation_id is not None:
        query = query.where(Testbed.organisation_id == organisation_id)
    if testbed_id is not None:
        query = query.where(Testbed.id == testbed_id)
    return session.exec(query).one()


def export_rows(
    *, session: Session, actor: Actor | None, today: date, statuses: tuple[str, ...] = ()
) -> list[tuple[InboxRow, str | None]]:
    """Every request in the actor's inbox (with the requester's e-mail), for the request-list export."""
    scope = _inbox_scope(actor)
    query = select(TestbedRequest, Testbed.name).join(Testbed, TestbedRequest.testbed_id == Testbed.id)
    if scope is not None:
        query = query.where(scope)
    if statuses:
        query = query.where(col(TestbedRequest.status).in_(statuses))
    rows = session.exec(query.order_by(col(TestbedRequest.received_at).desc()))
    return [(_inbox_row(r, name, today), r.requester_email) for r, name in rows]
