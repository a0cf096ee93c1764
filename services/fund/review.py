"""Review (Granskning): assignments, the declaration of conflict of interest (jäv), scores and the
summary an admin decides on.

A reviewer sees an application's details only after declaring no conflict; declaring a conflict ends
the assignment (kept, with the note, for the record). Scores are 1–5 per criterion of the call, or
None for "ej bedömbar" (a criterion left out of the dict is not yet scored). A reviewer sees the
others' reviews only after submitting their own.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from statistics import mean
from typing import Any

from sqlalchemy import and_, func
from sqlmodel import Session, col, select

from models import (
    DEFAULT_CRITERIA,
    Area,
    FundApplication,
    FundCall,
    FundReview,
    Organisation,
    Recommendation,
    ReviewAssignment,
    User,
    utcnow,
)
from services.fund import notices
from services.fund.applications import UNDECIDED, S, move, refuse_own_case
from services.people.auth import Actor, require_admin, require_login
from services.shared import audit
from services.shared.errors import InvalidTransition, Message, NotFound, PermissionDenied, ValidationError
from services.shared.pagination import Page, page_bounds
from services.shared.validation import clean_text

SCORE_MIN, SCORE_MAX = 1, 5
# Reviewers disagree when one says yes and another no, or their scores on a criterion lie this far apart.
DISAGREEMENT_SPREAD = 3
MAX_COMMENT = 5000


# ---------------------------------------------------------------- assignments (admin)


def assign_reviewer(*, session: Session, actor: Actor | None, application_id: int, reviewer_id: int) -> None:
    """Ask `reviewer_id` to review; a submitted application moves to `in_review`. Refused for the
    applicant, an inactive user, someone already assigned, or someone who declared a conflict."""
    actor = require_admin(actor)
    application = session.get(FundApplication, application_id)
    if application is None:
        raise NotFound()
    refuse_own_case(actor, application)
    if application.status not in UNDECIDED:
        raise InvalidTransition("fund.review_closed", status=application.status)
    reviewer = session.get(User, reviewer_id)
    if reviewer is None or not reviewer.is_active:
        raise ValidationError.single("reviewer_id", "errors.not_allowed_value")
    if reviewer.id == application.applicant_id:
        raise ValidationError.single("reviewer_id", "fund.reviewer_is_applicant")
    existing = session.exec(
        select(ReviewAssignment).where(
            ReviewAssignment.application_id == application_id, ReviewAssignment.reviewer_id == reviewer_id
        )
    ).first()
    if existing is not None:
        key = "fund.reviewer_had_conflict" if existing.conflict_declared_at else "fund.reviewer_already_assigned"
        raise ValidationError.single("reviewer_id", key)
    session.add(ReviewAssignment(application_id=application_id, reviewer_id=reviewer_id, assigned_by_id=actor.id))
    if application.status == S.submitted:
        move(session, application, actor, S.in_review)
    audit.record(session, actor, "fund.review.assigned", "fundapplication", application_id, reviewer_id=reviewer_id)
    notices.reviewer_assigned(session, application, reviewer_id)
    session.commit()


@dataclass(frozen=True)
class AssignmentRow:
    application_id: int
    reviewer_id: int
    reviewer: str
    assigned_at: datetime
    conflict_declared_at: datetime | None
    conflict_note: str | None
    declared_at: datetime | None
    submitted_at: datetime | None


def assignments_for(*, session: Session, actor: Actor | None, application_id: int) -> list[AssignmentRow]:
    """Who was asked to review and how far they got, including declared conflicts; admins only, not the
    applicant."""
    actor = require_admin(actor)
    _own_case_refused(session, actor, application_id)
    rows = session.exec(
        select(ReviewAssignment, User.display_name, FundReview.no_conflict_declared_at, FundReview.submitted_at)
        .join(User, ReviewAssignment.reviewer_id == User.id)
        .join(
            FundReview,
            and_(
                FundReview.application_id == ReviewAssignment.application_id,
                FundReview.reviewer_id == ReviewAssignment.reviewer_id,
            ),
            isouter=True,
        )
        .where(ReviewAssignment.application_id == application_id)
        .order_by(ReviewAssignment.assigned_at, ReviewAssignment.id)
    )
    return [
        AssignmentRow(
            a.application_id, a.reviewer_id, name, a.assigned_at, a.conflict_declared_at, a.conflict_note, d, s
        )
        for a, name, d, s in rows
    ]


# ---------------------------------------------------------------- the reviewer's side


@dataclass(frozen=True)
class MyAssignment:
    """What a reviewer may know before declaring: enough to judge a conflict, no more."""

    application_id: int
    ref: str
    title: str
    applicant: str
    organisation: str
    call_name: str
    status: str
    declared_at: datetime | None
    submitted_at: datetime | None
    review_due_on: date


def my_assignments(*, session: Session, actor: Actor | None, page: int = 1, page_size: int = 25) -> Page[MyAssignment]:
    """The actor's active assignments (no conflict declared), unsubmitted first, then the newest
    applications. Counted from the assignments alone, and the page's applications ordered before their
    details are joined: a reviewer at ten times the region has a thousand assignments over the years, and
    joining every one to its applicant, organisation and call took 9 ms a page."""
    actor = require_login(actor)
    mine = [ReviewAssignment.reviewer_id == actor.id, col(ReviewAssignment.conflict_declared_at).is_(None)]
    total = session.exec(select(func.count()).select_from(ReviewAssignment).where(*mine)).one()
    offset, limit = page_bounds(page, page_size)
    own_review = and_(FundReview.application_id == ReviewAssignment.application_id, FundReview.reviewer_id == actor.id)
    listed = session.exec(
        select(ReviewAssignment.application_id, FundReview.no_conflict_declared_at, FundReview.submitted_at)
        .join(FundApplication, FundApplication.id == ReviewAssignment.application_id)
        .join(FundReview, own_review, isouter=True)
        .where(*mine)
        .order_by(
            col(FundReview.submitted_at).is_not(None),
            col(FundApplication.submitted_at).desc(),
            ReviewAssignment.id,  # pages that do not shift between runs
        )
        .offset(offset)
        .limit(limit)
    ).all()
    details = {
        a.id: (a, who, org, call, due)
        for a, who, org, call, due in session.exec(
            select(FundApplication, User.display_name, Organisation.name, FundCall.name, FundCall.review_due_on)
            .join(User, FundApplication.applicant_id == User.id)
            .join(Organisation, FundApplication.organisation_id == Organisation.id)
            .join(FundCall, FundApplication.call_id == FundCall.id)
            .where(col(FundApplication.id).in_([application_id for application_id, _, _ in listed]))
        ).all()
    }
    items = []
    for application_id, declared, submitted in listed:
        a, who, org, call, due = details[application_id]
        items.append(MyAssignment(a.id, a.ref, a.title, who, org, call, a.status, declared, submitted, due))
    return Page(items=items, total=total, page=page, page_size=page_size)


def _active_assignment(session: Session, actor: Actor, application_id: int) -> ReviewAssignment:
    application = session.get(FundApplication, application_id)
    if application is not None:
        refuse_own_case(actor, application)  # assigning refuses it too; this holds whatever happened since
    assignment = session.exec(
        select(ReviewAssignment).where(
            ReviewAssignment.application_id == application_id,
            ReviewAssignment.reviewer_id == actor.id,
            ReviewAssignment.conflict_declared_at.is_(None),
        )
    ).first()
    if assignment is None:
        raise PermissionDenied("fund.not_assigned")
    return assignment


def _own_review(session: Session, actor: Actor, application_id: int) -> FundReview | None:
    return session.exec(
        select(FundReview).where(FundReview.application_id == application_id, FundReview.reviewer_id == actor.id)
    ).first()


def declare(
    *, session: Session, actor: Actor | None, application_id: int, conflict: bool, note: str | None = None
) -> None:
    """The jäv declaration. No conflict: the details open and the review can start. A conflict (with a
    note on why): the assignment ends and the admin sees why. Logged either way; declared once."""
    actor = require_login(actor)
    assignment = _active_assignment(session, actor, application_id)
    review = _own_review(session, actor, application_id)
    if review is not None and review.no_conflict_declared_at is not None:
        raise InvalidTransition("fund.already_declared")
    now = utcnow()
    if conflict:
        text = clean_text(note) or ""
        if not text:
            raise ValidationError.single("conflict_note", "fund.conflict_note_required")
        assignment.conflict_declared_at = now
        assignment.conflict_note = text[:MAX_COMMENT]
        audit.record(session, actor, "fund.review.conflict_declared", "fundapplication", application_id, note=text)
    else:
        if review is None:
            review = FundReview(application_id=application_id, reviewer_id=actor.id)
            session.add(review)
        review.no_conflict_declared_at = now
        audit.record(session, actor, "fund.review.no_conflict_declared", "fundapplication", application_id)
    session.commit()


@dataclass(frozen=True)
class ReviewRow:
    reviewer_id: int
    reviewer: str
    scores: dict[str, int | None]
    recommendation: str | None
    comment: str | None
    submitted_at: datetime | None


def my_review(*, session: Session, actor: Actor | None, application_id: int) -> ReviewRow | None:
    """The actor's own review (draft or submitted), or None before the declaration."""
    actor = require_login(actor)
    _active_assignment(session, actor, application_id)
    review = _own_review(session, actor, application_id)
    if review is None or review.no_conflict_declared_at is None:
        return None
    return ReviewRow(
        actor.id,
        actor.display_name,
        dict(review.scores or {}),
        review.recommendation,
        review.comment,
        review.submitted_at,
    )


def _check_scores(
    criteria: list[str], scores: dict[str, Any], complete: bool, fields: dict[str, Message]
) -> dict[str, int | None]:
    """Scores within 1–5 (or None = ej bedömbar) for the call's criteria; all of them when `complete`.
    What is wrong goes into `fields`."""
    clean: dict[str, int | None] = {}
    for criterion in criteria:
        if criterion not in scores:
            if complete:
                fields[criterion] = Message("fund.score_required")
            continue
        value = scores[criterion]
        if value is None:
            clean[criterion] = None
        elif isinstance(value, bool) or not isinstance(value, int) or not SCORE_MIN <= value <= SCORE_MAX:
            fields[criterion] = Message("fund.score_out_of_range", {"min": SCORE_MIN, "max": SCORE_MAX})
        else:
            clean[criterion] = value
    unknown = [k for k in scores if k not in criteria]
    if unknown:
        fields[unknown[0]] = Message("fund.unknown_criterion")
    return clean


def save_review(
    *,
    session: Session,
    actor: Actor | None,
    application_id: int,
    scores: dict[str, Any],
    recommendation: str | None,
    comment: str | None,
    submit: bool = False,
) -> None:
    """Save a draft review, or submit it (every criterion scored or marked ej bedömbar, and a
    recommendation). Refused before the declaration, after submitting, and once the decision is made."""
    actor = require_login(actor)
    _active_assignment(session, actor, application_id)
    review = _own_review(session, actor, application_id)
    if review is None or review.no_conflict_declared_at is None:
        raise PermissionDenied("fund.declare_first")
    if review.submitted_at is not None:
        raise InvalidTransition("fund.review_already_submitted")
    application = session.get(FundApplication, application_id)
    if application.status not in UNDECIDED:
        raise InvalidTransition("fund.review_closed", status=application.status)
    criteria = list(session.get(FundCall, application.call_id).criteria or DEFAULT_CRITERIA)
    fields: dict[str, Message] = {}
    clean = _check_scores(criteria, scores, submit, fields)
    if recommendation is not None and recommendation not in set(Recommendation):
        fields["recommendation"] = Message("errors.not_allowed_value")
    elif submit and recommendation is None:
        fields["recommendation"] = Message("fund.recommendation_required")
    text = clean_text(comment)
    if text and len(text) > MAX_COMMENT:
        fields["comment"] = Message("errors.too_long", {"max_length": MAX_COMMENT})
    if fields:
        raise ValidationError(fields)
    review.scores = clean
    review.recommendation = recommendation
    review.comment = text
    review.updated_at = utcnow()
    if submit:
        review.submitted_at = review.updated_at
    action = "fund.review.submitted" if submit else "fund.review.saved"
    audit.record(session, actor, action, "fundapplication", application_id, scores=clean, recommendation=recommendation)
    session.commit()


def _submitted_reviews(session: Session, applications: Any) -> dict[int, list[ReviewRow]]:
    """Submitted reviews per application id. `applications` is a SQL select of application ids, so a
    whole call's reviews come in one query without a parameter per application (SQLite caps those)."""
    rows = session.exec(
        select(FundReview, User.display_name)
        .join(User, FundReview.reviewer_id == User.id)
        .where(col(FundReview.application_id).in_(applications), FundReview.submitted_at.is_not(None))
        .order_by(FundReview.submitted_at, FundReview.id)
    )
    found: dict[int, list[ReviewRow]] = defaultdict(list)
    for review, name in rows:
        found[review.application_id].append(
            ReviewRow(
                review.reviewer_id,
                name,
                dict(review.scores or {}),
                review.recommendation,
                review.comment,
                review.submitted_at,
            )
        )
    return found


def _own_case_refused(session: Session, actor: Actor, application_id: int) -> None:
    application = session.get(FundApplication, application_id)
    if application is None:
        raise NotFound()
    refuse_own_case(actor, application)


def _one(application_id: int) -> Any:
    return select(FundApplication.id).where(FundApplication.id == application_id)


def others_reviews(*, session: Session, actor: Actor | None, application_id: int) -> list[ReviewRow]:
    """The submitted reviews of an application: admins always; a reviewer only after submitting theirs."""
    actor = require_login(actor)
    if actor.is_admin:
        _own_case_refused(session, actor, application_id)
    else:
        _active_assignment(session, actor, application_id)
        own = _own_review(session, actor, application_id)
        if own is None or own.submitted_at is None:
            raise PermissionDenied("fund.submit_own_first")
    return _submitted_reviews(session, _one(application_id))[application_id]


# ---------------------------------------------------------------- summary and decision pack


@dataclass(frozen=True)
class ReviewSummary:
    reviews: int
    averages: dict[str, float | None]  # per criterion, leaving out ej bedömbar
    average: float | None  # over every numeric score
    recommendations: dict[str, int]  # yes/maybe/no -> count
    disagreement: bool


def summarise(criteria: list[str], reviews: list[ReviewRow]) -> ReviewSummary:
    """Averages leave out "ej bedömbar"; disagreement is yes against no, or a wide spread on a criterion."""
    averages: dict[str, float | None] = {}
    spread = False
    every: list[int] = []
    for criterion in criteria:
        values = [r.scores[criterion] for r in reviews if r.scores.get(criterion) is not None]
        every.extend(values)
        averages[criterion] = round(mean(values), 2) if values else None
        if values and max(values) - min(values) >= DISAGREEMENT_SPREAD:
            spread = True
    counts = {r.value: 0 for r in Recommendation}
    for review in reviews:
        if review.recommendation in counts:
            counts[review.recommendation] += 1
    disagreement = spread or (counts["yes"] > 0 and counts["no"] > 0)
    return ReviewSummary(len(reviews), averages, round(mean(every), 2) if every else None, counts, disagreement)


def review_summary(*, session: Session, actor: Actor | None, application_id: int) -> ReviewSummary:
    """The submitted reviews summed up for the decision; admins only, not the applicant."""
    actor = require_admin(actor)
    application = session.get(FundApplication, application_id)
    if application is None:
        raise NotFound()
    refuse_own_case(actor, application)
    criteria = list(session.get(FundCall, application.call_id).criteria or DEFAULT_CRITERIA)
    return summarise(criteria, _submitted_reviews(session, _one(application_id))[application_id])


@dataclass(frozen=True)
class PackRow:
    rank: int
    application_id: int
    ref: str
    title: str
    organisation: str
    area_code: str
    status: str
    requested_sek: int
    granted_sek: int | None
    summary: ReviewSummary


def decision_pack(*, session: Session, actor: Actor | None, call_id: int) -> list[PackRow]:
    """Every submitted application of a call, ranked by average score (unscored last), for the decision
    meeting and its .xlsx; admins only. The scores are JSON per review, so they are averaged here, but
    the load is bounded by one call (hundreds of applications at most, two queries in all)."""
    require_admin(actor)
    call = session.get(FundCall, call_id)
    if call is None:
        raise NotFound()
    criteria = list(call.criteria or DEFAULT_CRITERIA)
    in_call = (FundApplication.call_id == call_id, FundApplication.status != S.draft)
    rows = session.exec(
        select(FundApplication, Organisation.short_name, Area.code)
        .join(Organisation, FundApplication.organisation_id == Organisation.id)
        .join(Area, FundApplication.area_id == Area.id)
        .where(*in_call)
    ).all()
    reviews = _submitted_reviews(session, select(FundApplication.id).where(*in_call))
    summaries = {a.id: summarise(criteria, reviews[a.id]) for a, _, _ in rows}
    ordered = sorted(
        rows, key=lambda r: (summaries[r[0].id].average is None, -(summaries[r[0].id].average or 0), r[0].ref)
    )
    return [
        PackRow(i, a.id, a.ref, a.title, org, area, a.status, a.requested_sek, a.granted_sek, summaries[a.id])
        for i, (a, org, area) in enumerate(ordered, start=1)
    ]


def decision_pack_table(
    pack: list[PackRow], criteria: list[str], headers: dict[str, str]
) -> tuple[list[str], list[list[Any]]]:
    """The pack as headers and rows for `services.shared.exports` (the page passes the translated headers)."""
    head = [
        headers["rank"],
        headers["ref"],
        headers["title"],
        headers["organisation"],
        headers["status"],
        headers["requested"],
        headers["granted"],
        headers["average"],
        *criteria,
        headers["yes"],
        headers["maybe"],
        headers["no"],
        headers["disagreement"],
    ]
    body = [
        [
            r.rank,
            r.ref,
            r.title,
            r.organisation,
            headers[f"status.{r.status}"],
            r.requested_sek,
            r.granted_sek,
            r.summary.average,
            *[r.summary.averages.get(c) for c in criteria],
            r.summary.recommendations["yes"],
            r.summary.recommendations["maybe"],
            r.summary.recommendations["no"],
            headers["flag_yes"] if r.summary.disagreement else "",
        ]
        for r in pack
    ]
    return head, body
