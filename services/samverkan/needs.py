"""Needs and challenges (behov/utmaningar): the region publishes a need, companies and researchers respond
on a public page without logging in, and the owning organisation assesses the responses.

What callers may rely on:
- A published need whose deadline (a Stockholm day, inclusive) has not passed is open: anyone may read it
  and respond. A response gets the reference `UTM-YYYY-NNNN` and a private tracking code (shown once,
  only its digest stored, see services/shared/tokens.py); after the deadline a response is refused.
- Needs and their responses are handled by admins and by managers of the owning organisation
  (`access`). An assessor sees a response's proposal and contact details only after declaring that they
  have no conflict of interest (jäv); declaring a conflict keeps them out of that response for good.
- Every change leaves an audit entry; public writes count against the client's limit (`ratelimit`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, Field, field_validator
from sqlalchemy import and_, case, func
from sqlmodel import Session, col, select

from models import (
    Area,
    Need,
    NeedResponse,
    NeedStatus,
    Organisation,
    Partner,
    PartnerKind,
    ResponseAssessment,
    ResponseStatus,
    User,
    utcnow,
)
from services.people.auth import Actor
from services.samverkan import access, notices, partners
from services.samverkan.partners import normalise_org_number
from services.shared import audit, ratelimit, refs, tokens
from services.shared.errors import InvalidTransition, NotFound, PermissionDenied, ValidationError
from services.shared.pagination import Page, page_bounds
from services.shared.search import text_matches
from services.shared.validation import check_email, clean_text, fail, parse
from services.shared.workdays import as_utc, local_day

TRACKING_PARAM = "kod"
SCORE_MIN, SCORE_MAX = 1, 5
MAX_NOTE = 5000

# ---------------------------------------------------------------- publishing needs


class NeedInput(BaseModel):
    title: str = Field(max_length=200)
    description: str = Field(max_length=10000)
    response_guidance: str = Field(max_length=5000)
    area_id: int
    organisation_id: int
    deadline: date

    _clean = field_validator("title", "description", "response_guidance", mode="before")(clean_text)


def create_need(
    *, session: Session, actor: Actor | None, data: dict[str, Any], publish: bool = False, today: date | None = None
) -> Need:
    """A new need of an organisation the actor may handle, as a draft or published at once. A published
    need's deadline must not lie in the past. Commits."""
    values = parse(NeedInput, data)
    actor = access.require_handler(actor, values.organisation_id)
    if session.get(Organisation, values.organisation_id) is None:
        raise ValidationError.single("organisation_id", "errors.not_allowed_value")
    if session.get(Area, values.area_id) is None:
        raise ValidationError.single("area_id", "errors.not_allowed_value")
    now = utcnow()
    if publish and values.deadline < (today or local_day(now)):
        raise ValidationError.single("deadline", "samverkan.deadline_in_past")
    need = Need(**values.model_dump(), created_by_id=actor.id, created_at=now, updated_at=now)
    need.status = NeedStatus.published.value if publish else NeedStatus.draft.value
    need.published_at = now if publish else None
    session.add(need)
    session.flush()
    audit.record(session, actor, "need.created", "need", need.id, title=need.title, status=need.status)
    session.commit()
    return need


def set_need_status(
    *, session: Session, actor: Actor | None, need_id: int, status: str, today: date | None = None
) -> Need:
    """Publish a draft (deadline not passed), close a published need, or reopen a closed one. Commits."""
    need = session.get(Need, need_id)
    if need is None:
        raise NotFound()
    actor = access.require_handler(actor, need.organisation_id)
    try:
        target = NeedStatus(status)
    except ValueError:
        raise ValidationError.single("status", "errors.not_allowed_value") from None
    allowed = {
        NeedStatus.draft: (NeedStatus.published,),
        NeedStatus.published: (NeedStatus.closed,),
        NeedStatus.closed: (NeedStatus.published,),
    }[NeedStatus(need.status)]
    if target not in allowed:
        raise InvalidTransition("samverkan.need_transition_refused")
    now = utcnow()
    if target == NeedStatus.published:
        if need.deadline < (today or local_day(now)):
            raise ValidationError.single("deadline", "samverkan.deadline_in_past")
        need.published_at = need.published_at or now
    previous, need.status, need.updated_at = need.status, target.value, now
    audit.record(session, actor, "need.status_changed", "need", need.id, previous=previous, status=target.value)
    session.commit()
    return need


def _open_condition(today: date) -> Any:
    return and_(Need.status == NeedStatus.published.value, col(Need.deadline) >= today)


@dataclass(frozen=True)
class NeedRow:
    id: int
    title: str
    area_code: str
    organisation: str
    deadline: date
    status: str
    responses: int


def list_open_needs(
    *,
    session: Session,
    today: date,
    search: str | None = None,
    area_code: str | None = None,
    page: int = 1,
    page_size: int = 10,
) -> Page[NeedRow]:
    """Published needs still open for responses, soonest deadline first. Public: no response counts."""
    conditions: list[Any] = [_open_condition(today)]
    if area_code:
        conditions.append(Area.code == area_code)
    if (matches := text_matches(search, Need.title, Need.description)) is not None:
        conditions.append(matches)
    return _need_page(session, conditions, page, page_size, with_counts=False)


def list_needs(
    *,
    session: Session,
    actor: Actor | None,
    statuses: tuple[str, ...] = (),
    page: int = 1,
    page_size: int = 25,
) -> Page[NeedRow]:
    """The needs the actor handles (admins all, managers their organisation's), with response counts."""
    conditions: list[Any] = []
    own = access.scope(actor, Need.organisation_id)
    if own is not None:
        conditions.append(own)
    if statuses:
        conditions.append(col(Need.status).in_(statuses))
    return _need_page(session, conditions, page, page_size, with_counts=True)


def _need_page(
    session: Session, conditions: list[Any], page: int, page_size: int, *, with_counts: bool
) -> Page[NeedRow]:
    joined = lambda q: q.join(Area, Need.area_id == Area.id).join(Organisation, Need.organisation_id == Organisation.id)  # noqa: E731
    total = session.exec(joined(select(func.count(col(Need.id)))).where(*conditions)).one()
    count = (
        select(func.count(col(NeedResponse.id))).where(NeedResponse.need_id == Need.id).scalar_subquery()
        if with_counts
        else None
    )
    columns = [Need, Area.code, Organisation.name] + ([count] if count is not None else [])
    offset, limit = page_bounds(page, page_size)
    rows = session.exec(
        joined(select(*columns))
        .where(*conditions)
        .order_by(col(Need.deadline), col(Need.id))
        .offset(offset)
        .limit(limit)
    )
    items = [
        NeedRow(r[0].id, r[0].title, r[1], r[2], r[0].deadline, r[0].status, int(r[3] or 0) if with_counts else 0)
        for r in rows
    ]
    return Page(items=items, total=total, page=page, page_size=page_size)


@dataclass(frozen=True)
class NeedDetail:
    id: int
    title: str
    description: str
    response_guidance: str
    area_id: int
    area_code: str
    organisation_id: int
    organisation: str
    deadline: date
    status: str
    published_at: datetime | None


def _detail(session: Session, need: Need) -> NeedDetail:
    area = session.get(Area, need.area_id)
    org = session.get(Organisation, need.organisation_id)
    return NeedDetail(
        need.id,
        need.title,
        need.description,
        need.response_guidance,
        need.area_id,
        area.code,
        need.organisation_id,
        org.name,
        need.deadline,
        need.status,
        as_utc(need.published_at) if need.published_at else None,
    )


def get_open_need(*, session: Session, need_id: int, today: date) -> NeedDetail:
    """A need open for responses; any other (draft, closed, past its deadline) is `NotFound` to the public."""
    need = session.get(Need, need_id)
    if need is None or need.status != NeedStatus.published or need.deadline < today:
        raise NotFound("samverkan.need_not_found")
    return _detail(session, need)


def get_need(*, session: Session, actor: Actor | None, need_id: int) -> NeedDetail:
    """Any need, for those who handle it."""
    need = session.get(Need, need_id)
    if need is None:
        raise NotFound()
    access.require_handler(actor, need.organisation_id)
    return _detail(session, need)


# ---------------------------------------------------------------- the public response form


class ResponseInput(BaseModel):
    """What a responder sends. Consent to keep the contact details is required."""

    need_id: int
    responder_org: str = Field(max_length=200)
    org_number: str | None = Field(default=None, max_length=20)
    responder_kind: PartnerKind
    responder_name: str = Field(max_length=120)
    responder_email: str = Field(max_length=254)
    proposal: str = Field(max_length=10000)
    consent: bool

    _clean = field_validator(
        "responder_org", "org_number", "responder_name", "responder_email", "proposal", mode="before"
    )(clean_text)
    _org = field_validator("org_number")(normalise_org_number)
    _email = field_validator("responder_email")(check_email)

    @field_validator("consent")
    @classmethod
    def _consented(cls, value: bool) -> bool:
        if not value:
            raise fail("samverkan.consent_required")
        return value


@dataclass(frozen=True)
class Receipt:
    """The response's reference and its private tracking code: show the code now, it is stored nowhere."""

    ref: str
    need_title: str
    tracking_code: str


def submit_response(
    *,
    session: Session,
    data: dict[str, Any],
    actor: Actor | None = None,
    address: str | None = None,
    language: str | None = None,
    now: datetime | None = None,
) -> Receipt:
    """Store a public response to an open need and give it its reference `UTM-YYYY-NNNN`.

    Refused (`InvalidTransition`) when the need is not published or its deadline has passed; beyond the
    client's limit on public writes `RateLimited`. The receipt to the responder and the notice to the
    owning organisation's managers are queued in the same transaction. Commits.
    """
    values = parse(ResponseInput, data)
    need = session.get(Need, values.need_id)
    if need is None or need.status == NeedStatus.draft:
        raise NotFound("samverkan.need_not_found")
    now = now or utcnow()
    if need.status != NeedStatus.published or need.deadline < local_day(now):
        raise InvalidTransition("samverkan.deadline_passed", deadline=need.deadline.isoformat())
    ratelimit.count_public_write(
        session, kind="need_response", refusal="samverkan.rate_limited", actor=actor, address=address, now=now
    )
    code = tokens.issue()
    response = NeedResponse(
        ref=refs.next_ref(session, "UTM", local_day(now).year),
        **values.model_dump(exclude={"consent", "responder_kind"}),
        responder_kind=values.responder_kind.value,
        consent_at=now,
        received_at=now,
        created_at=now,
        updated_at=now,
        language=language if language in ("sv", "en") else "sv",
        tracking_hash=code.digest,
    )
    session.add(response)
    session.flush()
    audit.record(session, None, "need_response.created", "need_response", response.id, ref=response.ref)
    notices.response_received(session, response, need, code.token)
    session.commit()
    return Receipt(response.ref, need.title, code.token)


@dataclass(frozen=True)
class ResponseTracking:
    """What the responder sees with their private link: the need, the status, no one's name."""

    ref: str
    need_title: str
    status: str
    received_at: datetime
    deadline: date


def track_response(*, session: Session, code: str | None) -> ResponseTracking:
    """The responder's view of the response whose tracking code is `code` (or a pasted link with it).
    A reference, a malformed and an unknown code all get the same `NotFound`."""
    digest = tokens.digest_of(code, TRACKING_PARAM)
    found = (
        session.exec(
            select(NeedResponse, Need.title, Need.deadline)
            .join(Need, NeedResponse.need_id == Need.id)
            .where(NeedResponse.tracking_hash == digest)
        ).first()
        if digest
        else None
    )
    if found is None:
        raise NotFound("samverkan.track_not_found")
    response, title, deadline = found
    return ResponseTracking(response.ref, title, response.status, as_utc(response.received_at), deadline)


# ---------------------------------------------------------------- assessing responses (with jäv)


@dataclass(frozen=True)
class ResponseRow:
    id: int
    ref: str
    responder_org: str
    responder_kind: str
    status: str
    received_at: datetime
    assessments: int
    mean_score: float | None
    my_declaration: str | None  # None | "no_conflict" | "conflict"


def list_responses(
    *, session: Session, actor: Actor | None, need_id: int, page: int = 1, page_size: int = 25
) -> Page[ResponseRow]:
    """The responses to a need the actor handles, newest first, with submitted scores summed in SQL."""
    need = session.get(Need, need_id)
    if need is None:
        raise NotFound()
    actor = access.require_handler(actor, need.organisation_id)
    total = session.exec(select(func.count(col(NeedResponse.id))).where(NeedResponse.need_id == need_id)).one()
    submitted = col(ResponseAssessment.submitted_at).is_not(None)
    stats = (
        select(
            ResponseAssessment.response_id,
            func.sum(case((submitted, 1), else_=0)).label("n"),
            func.avg(case((submitted, ResponseAssessment.score), else_=None)).label("mean"),
        )
        .group_by(ResponseAssessment.response_id)
        .subquery()
    )
    mine = (
        select(
            ResponseAssessment.response_id,
            ResponseAssessment.no_conflict_declared_at,
            ResponseAssessment.conflict_declared_at,
        )
        .where(ResponseAssessment.assessor_id == actor.id)
        .subquery()
    )
    offset, limit = page_bounds(page, page_size)
    rows = session.exec(
        select(NeedResponse, stats.c.n, stats.c.mean, mine.c.no_conflict_declared_at, mine.c.conflict_declared_at)
        .join(stats, stats.c.response_id == NeedResponse.id, isouter=True)
        .join(mine, mine.c.response_id == NeedResponse.id, isouter=True)
        .where(NeedResponse.need_id == need_id)
        .order_by(col(NeedResponse.received_at).desc(), col(NeedResponse.id).desc())
        .offset(offset)
        .limit(limit)
    )
    items = [
        ResponseRow(
            r.id,
            r.ref,
            r.responder_org,
            r.responder_kind,
            r.status,
            as_utc(r.received_at),
            int(n or 0),
            round(float(mean), 1) if mean is not None else None,
            "conflict" if conflict else ("no_conflict" if clear else None),
        )
        for r, n, mean, clear, conflict in rows
    ]
    return Page(items=items, total=total, page=page, page_size=page_size)


def _handled_response(session: Session, actor: Actor | None, response_id: int) -> tuple[Actor, NeedResponse, Need]:
    response = session.get(NeedResponse, response_id)
    if response is None:
        raise NotFound()
    need = session.get(Need, response.need_id)
    actor = access.require_handler(actor, need.organisation_id)
    return actor, response, need


def _assessment(session: Session, actor: Actor, response_id: int) -> ResponseAssessment | None:
    return session.exec(
        select(ResponseAssessment).where(
            ResponseAssessment.response_id == response_id, ResponseAssessment.assessor_id == actor.id
        )
    ).first()


def declare(
    *, session: Session, actor: Actor | None, response_id: int, conflict: bool, note: str | None = None
) -> None:
    """Declare, before seeing a response's details, whether the actor has a conflict of interest (jäv)
    with the responder. A declaration cannot be changed: a conflict keeps the actor out for good. Commits."""
    actor, response, _ = _handled_response(session, actor, response_id)
    if _assessment(session, actor, response_id) is not None:
        raise InvalidTransition("samverkan.already_declared")
    text = clean_text(note)
    if conflict and not text:
        raise ValidationError.single("conflict_note", "samverkan.conflict_note_required")
    now = utcnow()
    session.add(
        ResponseAssessment(
            response_id=response_id,
            assessor_id=actor.id,
            no_conflict_declared_at=None if conflict else now,
            conflict_declared_at=now if conflict else None,
            conflict_note=text[:MAX_NOTE] if conflict and text else None,
        )
    )
    action = "need_response.conflict_declared" if conflict else "need_response.no_conflict_declared"
    audit.record(session, actor, action, "need_response", response.id)
    session.commit()


def require_cleared(session: Session, actor: Actor, response_id: int) -> ResponseAssessment:
    """The actor's own declaration of no conflict for this response, or `PermissionDenied`."""
    assessment = _assessment(session, actor, response_id)
    if assessment is None or assessment.no_conflict_declared_at is None:
        raise PermissionDenied("samverkan.declare_first")
    return assessment


@dataclass(frozen=True)
class AssessmentRow:
    assessor: str
    score: int | None
    note: str | None
    submitted_at: datetime | None


@dataclass(frozen=True)
class ResponseDetail:
    id: int
    ref: str
    need_id: int
    need_title: str
    organisation_id: int
    organisation: str  # the need's organisation, which takes the response forward
    responder_org: str
    responder_kind: str
    status: str
    received_at: datetime
    declaration: str | None  # None | "no_conflict" | "conflict"
    # Shown only after the actor declared no conflict (None otherwise):
    org_number: str | None
    responder_name: str | None
    responder_email: str | None
    proposal: str | None
    my_score: int | None
    my_note: str | None
    assessments: list[AssessmentRow]
    procurement_id: int | None
    procurement_ref: str | None
    became: list[Became]  # the testbed request and fund application made from it


@dataclass(frozen=True)
class Became:
    """A record a response was taken forward into: what it is, its reference and where it stands."""

    kind: str  # "testbed_request" | "application"
    id: int
    ref: str
    status: str
    testbed: str | None  # the testbed a request asks for
    may_open: bool  # the actor handles the request (its testbed's organisation) or wrote the application


def get_response(*, session: Session, actor: Actor | None, response_id: int) -> ResponseDetail:
    """A response for its handlers: who sent it always; the proposal, contact details and everyone's
    scores only after the actor's own declaration of no conflict."""
    from models import FundApplication, Procurement, Testbed, TestbedRequest

    actor, response, need = _handled_response(session, actor, response_id)
    mine = _assessment(session, actor, response_id)
    cleared = mine is not None and mine.no_conflict_declared_at is not None
    declaration = None if mine is None else ("no_conflict" if cleared else "conflict")
    others = (
        [
            AssessmentRow(name, a.score, a.note, as_utc(a.submitted_at))
            for a, name in session.exec(
                select(ResponseAssessment, User.display_name)
                .join(User, ResponseAssessment.assessor_id == User.id)
                .where(ResponseAssessment.response_id == response_id, col(ResponseAssessment.submitted_at).is_not(None))
                .order_by(ResponseAssessment.submitted_at)
            )
        ]
        if cleared
        else []
    )
    procurement = session.exec(select(Procurement).where(Procurement.response_id == response_id)).first()
    became = [
        Became("testbed_request", r.id, r.ref, r.status, name, access.may_handle(actor, org_id))
        for r, name, org_id in session.exec(
            select(TestbedRequest, Testbed.name, Testbed.organisation_id)
            .join(Testbed, TestbedRequest.testbed_id == Testbed.id)
            .where(TestbedRequest.response_id == response_id)
        )
    ] + [
        Became("application", a.id, a.ref, a.status, None, a.applicant_id == actor.id)
        for a in session.exec(select(FundApplication).where(FundApplication.response_id == response_id))
    ]
    return ResponseDetail(
        id=response.id,
        ref=response.ref,
        need_id=need.id,
        need_title=need.title,
        organisation_id=need.organisation_id,
        organisation=session.get(Organisation, need.organisation_id).name,
        responder_org=response.responder_org,
        responder_kind=response.responder_kind,
        status=response.status,
        received_at=as_utc(response.received_at),
        declaration=declaration,
        org_number=response.org_number if cleared else None,
        responder_name=response.responder_name if cleared else None,
        responder_email=response.responder_email if cleared else None,
        proposal=response.proposal if cleared else None,
        my_score=mine.score if cleared else None,
        my_note=mine.note if cleared else None,
        assessments=others,
        procurement_id=procurement.id if procurement else None,
        procurement_ref=procurement.ref if procurement else None,
        became=became,
    )


def response_label(session: Session, response_id: int | None) -> str | None:
    """The response to a need that a record was made from, as "UTM-… · the need's title" (None: none)."""
    if response_id is None:
        return None
    found = session.exec(
        select(NeedResponse.ref, Need.title)
        .join(Need, NeedResponse.need_id == Need.id)
        .where(NeedResponse.id == response_id)
    ).first()
    return f"{found[0]} · {found[1]}" if found else None


def assess(*, session: Session, actor: Actor | None, response_id: int, score: Any, note: str | None) -> None:
    """Score a response 1–5 with a note, after declaring no conflict; a later call replaces one's own
    assessment. A received response becomes assessed. Commits."""
    actor, response, _ = _handled_response(session, actor, response_id)
    assessment = require_cleared(session, actor, response_id)
    if isinstance(score, bool) or not isinstance(score, int) or not SCORE_MIN <= score <= SCORE_MAX:
        raise ValidationError.single("score", "samverkan.score_range", low=SCORE_MIN, high=SCORE_MAX)
    text = clean_text(note)
    if text and len(text) > MAX_NOTE:
        raise ValidationError.single("note", "errors.too_long", max_length=MAX_NOTE)
    now = utcnow()
    assessment.score, assessment.note, assessment.submitted_at, assessment.updated_at = score, text, now, now
    if response.status == ResponseStatus.received:
        response.status = ResponseStatus.assessed.value
        response.updated_at = now
    audit.record(session, actor, "need_response.assessed", "need_response", response.id, score=score)
    session.commit()


def forwardable(session: Session, actor: Actor | None, response_id: int) -> tuple[Actor, NeedResponse, Need]:
    """A response the actor may take forward (into a procurement, a testbed request or a fund
    application): they handle its need and have declared no conflict with it, and it is not declined."""
    actor, response, need = _handled_response(session, actor, response_id)
    require_cleared(session, actor, response_id)
    if response.status == ResponseStatus.declined:
        raise InvalidTransition("samverkan.response_declined")
    return actor, response, need


def register_responder(session: Session, actor: Actor, response: NeedResponse, need: Need) -> Partner:
    """The responder found or registered as a partner of the need's organisation, and linked to the
    response. No commit."""
    partner = partners.find_or_create_for_response(session, response, need.organisation_id, actor)
    response.partner_id = partner.id
    return partner


def mark_taken_forward(session: Session, actor: Actor, response: NeedResponse, **became: str) -> None:
    """The response taken forward, audited with what it became (e.g. procurement="UPH-…"). No commit."""
    response.status = ResponseStatus.taken_forward.value
    response.updated_at = utcnow()
    audit.record(session, actor, "need_response.taken_forward", "need_response", response.id, **became)


def decline(*, session: Session, actor: Actor | None, response_id: int) -> None:
    """Decide not to take a response further (after one's declaration of no conflict). Commits."""
    actor, response, _ = _handled_response(session, actor, response_id)
    require_cleared(session, actor, response_id)
    if response.status == ResponseStatus.taken_forward:
        raise InvalidTransition("samverkan.response_taken_forward")
    if response.status == ResponseStatus.declined:
        return
    previous, response.status, response.updated_at = response.status, ResponseStatus.declined.value, utcnow()
    audit.record(session, actor, "need_response.declined", "need_response", response.id, previous=previous)
    session.commit()
