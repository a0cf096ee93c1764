"""What applicants and reviewers hear from Innovationsfonden, queued in the change's own transaction
(see services/notifications): the receipt of a submitted application, a request for more information
(with what is asked), the decision, reports due within 30 days and overdue (once each), and to a
reviewer the assignment with the day reviews are due and, a week before that day, a reminder when their
review is still not in."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlmodel import Session, col, select

import i18n
from models import (
    REPORTING_STATUSES,
    FundApplication,
    FundCall,
    FundReport,
    FundReview,
    ReviewAssignment,
    User,
    utcnow,
)
from services.notifications import outbox
from services.shared.workdays import local_day

MINE_PAGE = "mina-ansokningar"
REVIEW_PAGE = "granskning"
DUE_SOON_DAYS = 30
REVIEW_WARNING = timedelta(days=7)  # a reviewer whose review is not in is reminded this long before it is due


def _to_applicant(
    session: Session, application: FundApplication, kind: str, params: dict, key: str | None = None
) -> None:
    outbox.to_user(
        session,
        user_id=application.applicant_id,
        kind=kind,
        params={"ref": application.ref, "title": application.title, **params},
        link=MINE_PAGE,
        entity="fundapplication",
        entity_id=application.id,
    )


def submitted(session: Session, application: FundApplication, *, resubmitted: bool) -> None:
    """The receipt (and, when completed on request, the confirmation that it is back in). No commit."""
    call = session.get(FundCall, application.call_id)
    _to_applicant(
        session,
        application,
        "fund.resubmitted" if resubmitted else "fund.receipt",
        {"call": call.name if call else ""},
    )


def needs_info(session: Session, application: FundApplication, message: str) -> None:
    _to_applicant(session, application, "fund.needs_info", {"message": message})


def decided(session: Session, application: FundApplication) -> None:
    """The decision with the amount or the reason, in the applicant's language. No commit."""
    user = session.get(User, application.applicant_id)
    language = user.language if user else i18n.DEFAULT_LANGUAGE
    if application.status == "approved":
        params = {
            "granted": i18n.number(application.granted_sek or 0, language),
            "note": application.decision_note or "–",
        }
        _to_applicant(session, application, "fund.approved", params)
    else:
        _to_applicant(session, application, "fund.rejected", {"note": application.decision_note or "–"})


def reviewer_assigned(session: Session, application: FundApplication, reviewer_id: int) -> None:
    call = session.get(FundCall, application.call_id)
    outbox.to_user(
        session,
        user_id=reviewer_id,
        kind="fund.review_assigned",
        params={"ref": application.ref, "title": application.title, "due": call.review_due_on.isoformat()},
        link=REVIEW_PAGE,
        entity="fundapplication",
        entity_id=application.id,
    )


def queue_reminders(session: Session, *, now: datetime | None = None) -> int:
    """Reports due within 30 days and reports overdue (each once), and reviews still not in a week before
    their call's review day, or later (once per assignment). Returns how many were queued. No commit."""
    now = now or utcnow()
    today = local_day(now)
    queued = 0
    open_reports = session.exec(
        select(FundReport, FundApplication)
        .join(FundApplication, FundReport.application_id == FundApplication.id)
        .where(
            col(FundReport.submitted_on).is_(None),
            FundReport.due_on <= today + timedelta(days=DUE_SOON_DAYS),
            col(FundApplication.status).in_(REPORTING_STATUSES),
        )
    ).all()
    for report, application in open_reports:
        overdue = report.due_on < today
        kind = "fund.report_overdue" if overdue else "fund.report_due"
        user = session.get(User, application.applicant_id)
        language = user.language if user else i18n.DEFAULT_LANGUAGE
        row = outbox.to_user(
            session,
            user_id=application.applicant_id,
            kind=kind,
            params={
                "ref": application.ref,
                "title": application.title,
                "report": i18n.label(report.kind, "report_kind", language),
                "due": report.due_on.isoformat(),
            },
            link=MINE_PAGE,
            entity="fundapplication",
            entity_id=application.id,
            dedupe_key=f"{kind}:{report.id}",
            now=now,
        )
        queued += row is not None
    queued += _review_reminders(session, now, today)
    return queued


def _review_reminders(session: Session, now: datetime, today: date) -> int:
    submitted = select(FundReview.id).where(
        FundReview.application_id == ReviewAssignment.application_id,
        FundReview.reviewer_id == ReviewAssignment.reviewer_id,
        col(FundReview.submitted_at).is_not(None),
    )
    rows = session.exec(
        select(ReviewAssignment, FundApplication, FundCall.review_due_on)
        .join(FundApplication, ReviewAssignment.application_id == FundApplication.id)
        .join(FundCall, FundApplication.call_id == FundCall.id)
        .where(
            col(ReviewAssignment.conflict_declared_at).is_(None),
            FundCall.review_due_on <= today + REVIEW_WARNING,
            col(FundApplication.status).in_(["submitted", "in_review"]),
            ~submitted.exists(),
        )
    ).all()
    queued = 0
    for assignment, application, due in rows:
        row = outbox.to_user(
            session,
            user_id=assignment.reviewer_id,
            kind="fund.review_reminder",
            params={"ref": application.ref, "title": application.title, "due": due.isoformat()},
            link=REVIEW_PAGE,
            entity="fundapplication",
            entity_id=application.id,
            dedupe_key=f"fund.review_reminder:{assignment.id}",
            now=now,
        )
        queued += row is not None
    return queued
