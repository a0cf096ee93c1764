"""Innovationsfonden: calls, applications and who may see them.

Call status follows the dates: `call_status()` derives planned/open/closed from today's date against
`opens_on`/`closes_on`, so it never goes stale; the stored `status` is kept in sync on every write for
readers that only look at the column, and `decided` is the one state an admin sets (when every
application of a closed call has its decision). Everything that decides "open or not" uses the dates.

Visibility (enforced here, for every read): an applicant sees their own applications; a manager also
those of their organisation (not others' drafts, nor their history); a reviewer an application they are
assigned to, once they have declared no conflict of interest (see `services/fund/review.py`); an admin
everything.

Four eyes: the applicant never handles, reviews or decides their own case, whatever their role
(`refuse_own_case`): an admin who applies is assessed and decided by the others.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from pydantic import BaseModel, Field, field_validator, model_validator
from sqlalchemy import ColumnElement, and_, false, func, or_, true
from sqlmodel import Session, col, select

from models import (
    DEFAULT_CRITERIA,
    ApplicationStatus,
    Area,
    BenefitKind,
    CallStatus,
    FundApplication,
    FundApplicationEvent,
    FundCall,
    FundReview,
    Idea,
    Organisation,
    ReviewAssignment,
    Role,
    Testbed,
    User,
    utcnow,
)
from services.fund import notices
from services.people.auth import Actor, require_admin, require_login
from services.samverkan import needs
from services.shared import audit, refs
from services.shared.errors import InvalidTransition, Message, NotFound, PermissionDenied, ValidationError
from services.shared.pagination import Page, page_bounds
from services.shared.search import text_matches
from services.shared.validation import clean_text, fail, parse

S = ApplicationStatus
# Statuses an applicant may still edit.
EDITABLE = (S.draft, S.needs_info)
# Statuses in which the application waits for a decision.
UNDECIDED = (S.submitted, S.in_review, S.needs_info)
# Statuses of a funded project (granted money counts against the budget).
FUNDED = (S.approved, S.in_progress, S.final_reported, S.closed)


def sek_text(amount: int) -> str:
    """An amount for a message, grouped by thin spaces as both Swedish and SI style write it."""
    return f"{amount:,}".replace(",", "\u202f")


# ---------------------------------------------------------------- calls


def call_status(call: FundCall, today: date) -> CallStatus:
    """The call's status on `today`: `decided` when an admin set it, otherwise from the dates."""
    if call.status == CallStatus.decided:
        return CallStatus.decided
    if today < call.opens_on:
        return CallStatus.planned
    if today <= call.closes_on:
        return CallStatus.open
    return CallStatus.closed


def is_open_on(today: date) -> ColumnElement[bool]:
    """SQL condition: the call accepts applications on `today`."""
    return and_(FundCall.status != CallStatus.decided, FundCall.opens_on <= today, FundCall.closes_on >= today)


DEFAULT_REVIEW_WEEKS = 3  # reviews are due this long after a call closes, unless the call says otherwise


def default_review_due(closes_on: date) -> date:
    """The day reviews are due when a call names none: DEFAULT_REVIEW_WEEKS after it closes."""
    return closes_on + timedelta(weeks=DEFAULT_REVIEW_WEEKS)


class CallInput(BaseModel):
    name: str = Field(max_length=200)
    year: int = Field(ge=2000, le=2100)
    budget_sek: int = Field(gt=0)
    opens_on: date
    closes_on: date
    review_due_on: date | None = None  # left empty: DEFAULT_REVIEW_WEEKS after closing
    description: str = Field(default="", max_length=5000)
    criteria: list[str] = Field(default_factory=lambda: list(DEFAULT_CRITERIA))

    _clean = field_validator("name", mode="before")(clean_text)

    @field_validator("description", mode="before")
    @classmethod
    def _description(cls, value: Any) -> str:
        return clean_text(value) or ""

    @field_validator("criteria", mode="before")
    @classmethod
    def _criteria(cls, value: Any) -> list[str]:
        items = value.split(",") if isinstance(value, str) else list(value or [])
        cleaned: list[str] = []
        for item in items:
            name = (clean_text(str(item)) or "").lower()
            if name and name not in cleaned:
                cleaned.append(name)
        if not cleaned:
            raise fail("fund.criteria_required")
        return cleaned

    @model_validator(mode="after")
    def _dates(self) -> CallInput:
        if self.closes_on < self.opens_on:
            raise ValidationError.single("closes_on", "fund.closes_before_opens")
        if self.review_due_on is None:
            self.review_due_on = default_review_due(self.closes_on)
        elif self.review_due_on < self.closes_on:
            raise ValidationError.single("review_due_on", "fund.review_due_before_close")
        return self


@dataclass(frozen=True)
class CallRow:
    id: int
    name: str
    year: int
    budget_sek: int
    opens_on: date
    closes_on: date
    review_due_on: date
    status: CallStatus
    description: str
    criteria: list[str]
    granted_sek: int
    applications: int

    @property
    def remaining_sek(self) -> int:
        return self.budget_sek - self.granted_sek


def granted_in_call(session: Session, call_id: int) -> int:
    """SEK granted so far in the call (every approved application, whatever happened since)."""
    return int(
        session.exec(
            select(func.coalesce(func.sum(FundApplication.granted_sek), 0)).where(
                FundApplication.call_id == call_id, col(FundApplication.status).in_(FUNDED)
            )
        ).one()
    )


def _call_row(call: FundCall, today: date, granted: int, applications: int) -> CallRow:
    return CallRow(
        id=call.id,
        name=call.name,
        year=call.year,
        budget_sek=call.budget_sek,
        opens_on=call.opens_on,
        closes_on=call.closes_on,
        review_due_on=call.review_due_on,
        status=call_status(call, today),
        description=call.description,
        criteria=list(call.criteria or DEFAULT_CRITERIA),
        granted_sek=granted,
        applications=applications,
    )


def _call_rows(session: Session, today: date, refine: Callable[[Any], Any]) -> list[CallRow]:
    """Calls with what they granted and how many applications came in; `refine` adds where/order/limit.
    The calls first, then the sums of their applications only: summed for every call before the join,
    a year's page added up all the fund's applications (6 ms at ten times the region, against 1)."""
    calls = session.exec(refine(select(FundCall))).all()
    sums = {
        call_id: (int(granted), int(applications))
        for call_id, granted, applications in session.exec(
            select(
                FundApplication.call_id,
                func.coalesce(func.sum(FundApplication.granted_sek).filter(col(FundApplication.status).in_(FUNDED)), 0),
                func.count().filter(col(FundApplication.submitted_at).is_not(None)),
            )
            .where(col(FundApplication.call_id).in_([c.id for c in calls]))
            .group_by(FundApplication.call_id)
        ).all()
    }
    return [_call_row(call, today, *sums.get(call.id, (0, 0))) for call in calls]


def list_calls(
    *, session: Session, actor: Actor | None, today: date, year: int | None = None, page: int = 1, page_size: int = 20
) -> Page[CallRow]:
    """Calls, newest first, with what is granted so far; any logged-in user (calls are public within the
    region). `year` narrows to one year's calls in SQL, so Fondhantering never loads every call there is."""
    require_login(actor)
    counted = select(func.count()).select_from(FundCall)
    if year is not None:
        counted = counted.where(FundCall.year == year)
    offset, limit = page_bounds(page, page_size)

    def refine(query: Any) -> Any:
        if year is not None:
            query = query.where(FundCall.year == year)
        return query.order_by(col(FundCall.opens_on).desc(), col(FundCall.id).desc()).offset(offset).limit(limit)

    return Page(
        items=_call_rows(session, today, refine), total=session.exec(counted).one(), page=page, page_size=page_size
    )


def open_calls(*, session: Session, actor: Actor | None, today: date) -> list[CallRow]:
    """The calls that accept applications today, closing soonest first."""
    require_login(actor)
    return _call_rows(session, today, lambda q: q.where(is_open_on(today)).order_by(FundCall.closes_on, FundCall.id))


def get_call(*, session: Session, actor: Actor | None, call_id: int, today: date) -> CallRow:
    require_login(actor)
    rows = _call_rows(session, today, lambda q: q.where(FundCall.id == call_id))
    if not rows:
        raise NotFound()
    return rows[0]


def _check_call_name(session: Session, name: str, call_id: int | None) -> None:
    query = select(FundCall.id).where(FundCall.name == name)
    if call_id is not None:
        query = query.where(FundCall.id != call_id)
    if session.exec(query).first() is not None:
        raise ValidationError.single("name", "fund.call_name_taken")


def create_call(*, session: Session, actor: Actor | None, data: dict[str, Any], today: date) -> FundCall:
    """A new call; admins only. Its stored status is set from the dates."""
    actor = require_admin(actor)
    values = parse(CallInput, data)
    _check_call_name(session, values.name, None)
    call = FundCall(**values.model_dump())
    call.status = call_status(call, today)
    session.add(call)
    session.flush()
    audit.record(session, actor, "fund.call.created", "fundcall", call.id, **values.model_dump())
    session.commit()
    return call


def update_call(*, session: Session, actor: Actor | None, call_id: int, data: dict[str, Any], today: date) -> FundCall:
    """Change a call; admins only. The budget cannot go below what is already granted, and the
    criteria cannot change once a review has been submitted (the scores would lose their meaning)."""
    actor = require_admin(actor)
    call = session.get(FundCall, call_id)
    if call is None:
        raise NotFound()
    values = parse(CallInput, data)
    _check_call_name(session, values.name, call_id)
    granted = granted_in_call(session, call_id)
    if values.budget_sek < granted:
        raise ValidationError.single("budget_sek", "fund.budget_below_granted", granted=sek_text(granted))
    if values.criteria != list(call.criteria) and _has_submitted_reviews(session, call_id):
        raise ValidationError.single("criteria", "fund.criteria_locked")
    before = {k: getattr(call, k) for k in values.model_dump()}
    for key, value in values.model_dump().items():
        setattr(call, key, value)
    if call.status != CallStatus.decided:
        call.status = call_status(call, today)
    call.updated_at = utcnow()
    changed = {k: v for k, v in values.model_dump().items() if before[k] != v}
    audit.record(session, actor, "fund.call.updated", "fundcall", call.id, **changed)
    session.commit()
    return call


def _has_submitted_reviews(session: Session, call_id: int) -> bool:
    return (
        session.exec(
            select(FundReview.id)
            .join(FundApplication, FundReview.application_id == FundApplication.id)
            .where(FundApplication.call_id == call_id, FundReview.submitted_at.is_not(None))
        ).first()
        is not None
    )


def mark_call_decided(*, session: Session, actor: Actor | None, call_id: int, today: date) -> FundCall:
    """Close a call's decision round; refused while it is open or an application awaits its decision."""
    actor = require_admin(actor)
    call = session.get(FundCall, call_id)
    if call is None:
        raise NotFound()
    if call_status(call, today) != CallStatus.closed:
        raise InvalidTransition("fund.call_not_closed")
    waiting = session.exec(
        select(func.count()).where(FundApplication.call_id == call_id, col(FundApplication.status).in_(UNDECIDED))
    ).one()
    if waiting:
        raise InvalidTransition("fund.call_has_undecided", n=waiting)
    call.status = CallStatus.decided
    call.updated_at = utcnow()
    audit.record(session, actor, "fund.call.decided", "fundcall", call.id)
    session.commit()
    return call


# ---------------------------------------------------------------- applications: input


class ApplicationInput(BaseModel):
    title: str = Field(max_length=200)
    summary: str = Field(max_length=10_000)
    expected_benefit: str = Field(max_length=10_000)
    benefit_kind: BenefitKind
    requested_sek: int = Field(gt=0)
    co_funding_sek: int = Field(default=0, ge=0)
    starts_on: date
    ends_on: date
    organisation_id: int
    idea_id: int | None = None
    testbed_id: int | None = None

    _clean = field_validator(
        "title", "summary", "expected_benefit", "organisation_id", "idea_id", "testbed_id", mode="before"
    )(clean_text)

    @model_validator(mode="after")
    def _dates(self) -> ApplicationInput:
        if self.ends_on < self.starts_on:
            raise ValidationError.single("ends_on", "fund.ends_before_starts")
        return self


def _may_link_idea(actor: Actor, idea: Idea | None) -> bool:
    """The ideas the application form offers (see `link_choices`): one's own or one's organisation's;
    checked here too, so that an id sent by hand cannot tie an application to someone else's idea."""
    if idea is None:
        return False
    return actor.is_admin or idea.submitter_id == actor.id or idea.organisation_id == actor.organisation_id


def _check_links(session: Session, actor: Actor, values: ApplicationInput, call: FundCall) -> int:
    """Check the referenced records and the amount; the application's area (its organisation's)."""
    fields: dict[str, Message] = {}
    organisation = session.get(Organisation, values.organisation_id)
    if organisation is None:
        fields["organisation_id"] = Message("errors.not_allowed_value")
    elif not actor.is_admin and organisation.id != actor.organisation_id:
        fields["organisation_id"] = Message("fund.own_organisation_only")
    if values.idea_id is not None and not _may_link_idea(actor, session.get(Idea, values.idea_id)):
        fields["idea_id"] = Message("errors.not_allowed_value")
    if values.testbed_id is not None and session.get(Testbed, values.testbed_id) is None:
        fields["testbed_id"] = Message("errors.not_allowed_value")
    if values.requested_sek > call.budget_sek:
        fields["requested_sek"] = Message("fund.requested_above_budget", {"budget": sek_text(call.budget_sek)})
    if fields:
        raise ValidationError(fields)
    return organisation.area_id


def _event(session: Session, application: FundApplication, actor: Actor, to_status: S, text: str | None = None) -> None:
    session.add(
        FundApplicationEvent(
            application_id=application.id,
            actor_id=actor.id,
            from_status=application.status,
            to_status=to_status,
            text=text,
        )
    )
    application.status = to_status
    application.updated_at = utcnow()


def move(session: Session, application: FundApplication, actor: Actor, to_status: S, text: str | None = None) -> None:
    """Record a status move in the application's history (the caller has checked that it is allowed)."""
    _event(session, application, actor, to_status, text)


def refuse_transition(application: FundApplication, to_status: S) -> InvalidTransition:
    return InvalidTransition("fund.invalid_transition", from_status=application.status, to_status=to_status)


# ---------------------------------------------------------------- applications: applicant


def save_application(
    *,
    session: Session,
    actor: Actor | None,
    data: dict[str, Any],
    today: date,
    call_id: int | None = None,
    application_id: int | None = None,
) -> FundApplication:
    """Create a draft in an open call (`call_id`), or save changes to one's own draft or to an
    application that an admin asked to complete (`application_id`). Nothing is written when refused."""
    actor = require_login(actor)
    if application_id is None:
        application = draft_in_call(session, actor, call_id, data, today)
    else:
        application = _own_application(session, actor, application_id)
        if application.status not in EDITABLE:
            raise InvalidTransition("fund.not_editable", status=application.status)
        values = parse(ApplicationInput, data)
        area_id = _check_links(session, actor, values, session.get(FundCall, application.call_id))
        changed = {k: v for k, v in values.model_dump().items() if getattr(application, k) != v}
        for key, value in values.model_dump().items():
            setattr(application, key, value)
        application.area_id = area_id
        application.updated_at = utcnow()
        audit.record(session, actor, "fund.application.updated", "fundapplication", application.id, **changed)
    session.commit()
    return application


def draft_in_call(
    session: Session, actor: Actor, call_id: int | None, data: dict[str, Any], today: date, **links: Any
) -> FundApplication:
    """A new draft of `actor` in an open call, checked as the application form is, with its history and
    audit entry; `links` are further columns (`response_id`). No commit: the caller's transaction."""
    call = session.get(FundCall, call_id) if call_id is not None else None
    if call is None:
        raise NotFound()
    if call_status(call, today) != CallStatus.open:
        raise InvalidTransition("fund.call_not_open", closes_on=call.closes_on.isoformat())
    values = parse(ApplicationInput, data)
    area_id = _check_links(session, actor, values, call)
    application = FundApplication(
        ref=refs.next_ref(session, "FON", today.year),
        call_id=call.id,
        applicant_id=actor.id,
        area_id=area_id,
        **values.model_dump(),
        **links,
    )
    session.add(application)
    session.flush()
    session.add(FundApplicationEvent(application_id=application.id, actor_id=actor.id, to_status=S.draft))
    audit.record(
        session, actor, "fund.application.created", "fundapplication", application.id, ref=application.ref, **links
    )
    return application


def _own_application(session: Session, actor: Actor, application_id: int) -> FundApplication:
    application = session.get(FundApplication, application_id)
    if application is None:
        raise NotFound()
    if application.applicant_id != actor.id:
        raise PermissionDenied()
    return application


def submit_application(*, session: Session, actor: Actor | None, application_id: int, today: date) -> FundApplication:
    """Send a draft in while the call is open, or send a completed application in again
    (`needs_info -> submitted`, also after the call has closed)."""
    actor = require_login(actor)
    application = _own_application(session, actor, application_id)
    call = session.get(FundCall, application.call_id)
    if application.status == S.draft:
        if call_status(call, today) != CallStatus.open:
            raise InvalidTransition("fund.call_not_open", closes_on=call.closes_on.isoformat())
    elif application.status != S.needs_info:
        raise refuse_transition(application, S.submitted)
    if application.requested_sek > call.budget_sek:
        raise ValidationError.single("requested_sek", "fund.requested_above_budget", budget=sek_text(call.budget_sek))
    was = application.status
    move(session, application, actor, S.submitted)
    if was == S.draft:
        application.submitted_at = utcnow()
    audit.record(session, actor, "fund.application.submitted", "fundapplication", application.id, from_status=was)
    notices.submitted(session, application, resubmitted=was == S.needs_info)
    session.commit()
    return application


# ---------------------------------------------------------------- reading


def visible_condition(actor: Actor) -> ColumnElement[bool]:
    """SQL condition: the applications `actor` may list (reviewers use their assignments instead)."""
    if actor.is_admin:
        return true()
    own = FundApplication.applicant_id == actor.id
    if actor.is_manager and actor.organisation_id is not None:
        return or_(
            own, and_(FundApplication.organisation_id == actor.organisation_id, FundApplication.status != S.draft)
        )
    return or_(own, false())


def reviewer_may_read(session: Session, actor: Actor, application_id: int) -> bool:
    """An active assignment and a declaration of no conflict: the reviewer may read the details."""
    row = session.exec(
        select(ReviewAssignment.id)
        .join(
            FundReview,
            and_(
                FundReview.application_id == ReviewAssignment.application_id,
                FundReview.reviewer_id == ReviewAssignment.reviewer_id,
            ),
        )
        .where(
            ReviewAssignment.application_id == application_id,
            ReviewAssignment.reviewer_id == actor.id,
            ReviewAssignment.conflict_declared_at.is_(None),
            FundReview.no_conflict_declared_at.is_not(None),
        )
    ).first()
    return row is not None


def refuse_own_case(actor: Actor, application: FundApplication) -> None:
    """Four eyes: nobody assigns reviewers to, asks for more on, reads the reviews of, decides or closes
    their own application, whatever their role."""
    if application.applicant_id == actor.id:
        raise PermissionDenied("fund.own_case")


def may_read(session: Session, actor: Actor, application: FundApplication) -> bool:
    if actor.is_admin or application.applicant_id == actor.id:
        return True
    if actor.manages(application.organisation_id) and application.status != S.draft:
        return True
    return reviewer_may_read(session, actor, application.id)


@dataclass(frozen=True)
class ApplicationRow:
    id: int
    ref: str
    title: str
    call_id: int
    call_name: str
    applicant: str
    organisation: str
    area_code: str
    status: str
    requested_sek: int
    granted_sek: int | None
    submitted_at: datetime | None
    decided_on: date | None


def _row_query() -> Any:
    return (
        select(FundApplication, FundCall.name, User.display_name, Organisation.short_name, Area.code)
        .join(FundCall, FundApplication.call_id == FundCall.id)
        .join(User, FundApplication.applicant_id == User.id)
        .join(Organisation, FundApplication.organisation_id == Organisation.id)
        .join(Area, FundApplication.area_id == Area.id)
    )


def _to_row(a: FundApplication, call_name: str, applicant: str, org: str, area_code: str) -> ApplicationRow:
    return ApplicationRow(
        id=a.id,
        ref=a.ref,
        title=a.title,
        call_id=a.call_id,
        call_name=call_name,
        applicant=applicant,
        organisation=org,
        area_code=area_code,
        status=a.status,
        requested_sek=a.requested_sek,
        granted_sek=a.granted_sek,
        submitted_at=a.submitted_at,
        decided_on=a.decided_on,
    )


def list_applications(
    *,
    session: Session,
    actor: Actor | None,
    mine_only: bool = False,
    call_id: int | None = None,
    year: int | None = None,
    statuses: tuple[str, ...] | None = None,
    search: str | None = None,
    include_drafts: bool = True,
    page: int = 1,
    page_size: int = 25,
) -> Page[ApplicationRow]:
    """Applications the actor may see, newest first, filtered and paginated in SQL."""
    actor = require_login(actor)
    query = _row_query().where(visible_condition(actor))
    if mine_only:
        query = query.where(FundApplication.applicant_id == actor.id)
    if call_id is not None:
        query = query.where(FundApplication.call_id == call_id)
    if year is not None:
        query = query.where(FundCall.year == year)
    if statuses:
        query = query.where(col(FundApplication.status).in_(statuses))
    if not include_drafts:
        query = query.where(FundApplication.status != S.draft)
    if (matches := text_matches(search, FundApplication.title, FundApplication.ref)) is not None:
        query = query.where(matches)
    total = session.exec(select(func.count()).select_from(query.subquery())).one()
    offset, limit = page_bounds(page, page_size)
    rows = session.exec(
        query.order_by(col(FundApplication.created_at).desc(), col(FundApplication.id).desc())
        .offset(offset)
        .limit(limit)
    )
    return Page(items=[_to_row(*r) for r in rows], total=total, page=page, page_size=page_size)


@dataclass(frozen=True)
class ApplicationView:
    """One application as a reader with access sees it."""

    row: ApplicationRow
    summary: str
    expected_benefit: str
    benefit_kind: str
    co_funding_sek: int
    starts_on: date
    ends_on: date
    organisation_id: int
    applicant_id: int
    idea_id: int | None
    idea: str | None
    testbed_id: int | None
    testbed: str | None
    decision_note: str | None
    criteria: list[str]
    from_response: str | None = None  # "UTM-… · the need's title" when made from a response to a need


def get_application(*, session: Session, actor: Actor | None, application_id: int) -> ApplicationView:
    """The application's details, for those who may read it (see the module docstring)."""
    actor = require_login(actor)
    found = session.exec(_row_query().where(FundApplication.id == application_id)).first()
    if found is None:
        raise NotFound()
    application = found[0]
    if not may_read(session, actor, application):
        raise PermissionDenied()
    idea = session.get(Idea, application.idea_id) if application.idea_id else None
    testbed = session.get(Testbed, application.testbed_id) if application.testbed_id else None
    call = session.get(FundCall, application.call_id)
    return ApplicationView(
        row=_to_row(*found),
        summary=application.summary,
        expected_benefit=application.expected_benefit,
        benefit_kind=application.benefit_kind,
        co_funding_sek=application.co_funding_sek,
        starts_on=application.starts_on,
        ends_on=application.ends_on,
        organisation_id=application.organisation_id,
        applicant_id=application.applicant_id,
        idea_id=application.idea_id,
        idea=f"{idea.ref} {idea.title}" if idea else None,
        testbed_id=application.testbed_id,
        testbed=testbed.name if testbed else None,
        decision_note=application.decision_note,
        criteria=list(call.criteria or DEFAULT_CRITERIA),
        from_response=needs.response_label(session, application.response_id),
    )


@dataclass(frozen=True)
class EventRow:
    at: datetime
    actor: str | None
    from_status: str | None
    to_status: str | None
    text: str | None


def application_history(*, session: Session, actor: Actor | None, application_id: int) -> list[EventRow]:
    """The status moves and messages, oldest first; for the applicant, their manager (not of a draft:
    drafts are the applicant's own) and admins."""
    actor = require_login(actor)
    application = session.get(FundApplication, application_id)
    if application is None:
        raise NotFound()
    managed = actor.manages(application.organisation_id) and application.status != S.draft
    if not (actor.is_admin or application.applicant_id == actor.id or managed):
        raise PermissionDenied()
    rows = session.exec(
        select(FundApplicationEvent, User.display_name)
        .join(User, FundApplicationEvent.actor_id == User.id, isouter=True)
        .where(FundApplicationEvent.application_id == application_id)
        .order_by(FundApplicationEvent.at, FundApplicationEvent.id)
    )
    return [EventRow(e.at, name, e.from_status, e.to_status, e.text) for e, name in rows]


def link_choices(*, session: Session, actor: Actor | None, limit: int = 200) -> dict[str, list[tuple[int, str]]]:
    """Pickers of the application form: organisations (own, or all for admins), the applicant's own
    ideas and their organisation's (newest first, capped), and open or planned testbeds."""
    actor = require_login(actor)
    orgs = select(Organisation.id, Organisation.name).order_by(Organisation.name)
    if not actor.is_admin:
        orgs = orgs.where(Organisation.id == actor.organisation_id)
    ideas = select(Idea.id, Idea.ref, Idea.title).order_by(col(Idea.received_at).desc()).limit(limit)
    if not actor.is_admin:
        ideas = ideas.where(or_(Idea.submitter_id == actor.id, Idea.organisation_id == actor.organisation_id))
    testbeds = select(Testbed.id, Testbed.name).where(Testbed.status != "closed").order_by(Testbed.name)
    return {
        "organisations": [(i, n) for i, n in session.exec(orgs)],
        "ideas": [(i, f"{r} {t}") for i, r, t in session.exec(ideas)],
        "testbeds": [(i, n) for i, n in session.exec(testbeds)],
    }


REVIEWER_CHOICES = 20  # people offered at once in the reviewer picker; search narrows the rest


def reviewer_choices(
    *, session: Session, actor: Actor | None, search: str | None = None, limit: int = REVIEWER_CHOICES
) -> list[tuple[int, str, str]]:
    """(id, name, role) of active users an admin can ask to review. Without a search: the council
    members, the usual reviewers. With one: any active user whose name or username matches (the issue
    allows "other named users"), council members first. Searched and capped in SQL, because the region
    has tens of thousands of users and a picker of all of them would be unusable."""
    require_admin(actor)
    query = select(User.id, User.display_name, User.username, User.role).where(User.is_active)
    if (matches := text_matches(search, User.display_name, User.username)) is not None:
        query = query.where(matches)
    else:
        query = query.where(User.role == Role.council)
    order = func.coalesce(col(User.role) == Role.council, False)
    rows = session.exec(query.order_by(order.desc(), User.display_name, User.id).limit(limit))
    return [(i, f"{name} ({username})", role) for i, name, username, role in rows]


def linked_to_idea(*, session: Session, actor: Actor | None, idea_id: int) -> list[ApplicationRow]:
    """The submitted applications that grow from an idea (for the idea's page), as far as the actor may
    see them; admins and council members see all (the idea page is where they follow an idea's path)."""
    actor = require_login(actor)
    query = _row_query().where(FundApplication.idea_id == idea_id, FundApplication.submitted_at.is_not(None))
    if not (actor.is_admin or actor.is_council):
        query = query.where(visible_condition(actor))
    rows = session.exec(query.order_by(FundApplication.submitted_at))
    return [_to_row(*r) for r in rows]
