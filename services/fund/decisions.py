"""Decisions and follow-up (Fondhantering): asking for more information, approving within the call's
budget, rejecting with a reason, report due dates, reports, and closing a project.

The budget guard: `approve` reads what the call has granted and writes the grant in one write
transaction. On SQLite the write session starts with BEGIN IMMEDIATE, so a second approval waits until
the first has committed and then sees its grant; on PostgreSQL the call row is locked (FOR UPDATE).
Two admins approving at once can therefore never grant more than the budget together.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from sqlalchemy import case, func
from sqlmodel import Session, col, select

from models import (
    REPORTING_STATUSES,
    FundApplication,
    FundCall,
    FundReport,
    ObstacleKind,
    Organisation,
    ReportKind,
    User,
    utcnow,
)
from services.fund import notices
from services.fund.applications import (
    FUNDED,
    UNDECIDED,
    S,
    granted_in_call,
    may_read,
    move,
    refuse_own_case,
    refuse_transition,
    sek_text,
)
from services.people.auth import Actor, require_admin, require_login
from services.shared import audit
from services.shared.errors import InvalidTransition, Message, NotFound, PermissionDenied, ValidationError
from services.shared.pagination import Page, page_bounds
from services.shared.validation import clean_text

# Progress reports every this many months from the start; a final report when the project ends.
REPORT_INTERVAL_MONTHS = 6
MAX_TEXT = 10_000


def add_months(day: date, months: int) -> date:
    """The same day `months` later, or the month's last day when it is shorter (31 Aug + 6 = 28/29 Feb)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def report_schedule(starts_on: date, ends_on: date) -> list[tuple[ReportKind, date]]:
    """Progress reports every six months from the start while the project runs, then the final report
    on its end date."""
    due: list[tuple[ReportKind, date]] = []
    step = 1
    while (day := add_months(starts_on, REPORT_INTERVAL_MONTHS * step)) < ends_on:
        due.append((ReportKind.progress, day))
        step += 1
    due.append((ReportKind.final, ends_on))
    return due


def _application(session: Session, application_id: int) -> FundApplication:
    application = session.get(FundApplication, application_id)
    if application is None:
        raise NotFound()
    return application


def _text(value: str | None, field: str, required_key: str) -> str:
    text = clean_text(value) or ""
    if not text:
        raise ValidationError.single(field, required_key)
    if len(text) > MAX_TEXT:
        raise ValidationError.single(field, "errors.too_long", max_length=MAX_TEXT)
    return text


def request_info(*, session: Session, actor: Actor | None, application_id: int, message: str | None) -> None:
    """Ask the applicant for more information; they read `message`, edit and submit again."""
    actor = require_admin(actor)
    application = _application(session, application_id)
    refuse_own_case(actor, application)
    text = _text(message, "message", "fund.message_required")
    if application.status not in (S.submitted, S.in_review):
        raise refuse_transition(application, S.needs_info)
    move(session, application, actor, S.needs_info, text)
    audit.record(session, actor, "fund.application.info_requested", "fundapplication", application_id, message=text)
    notices.needs_info(session, application, text)
    session.commit()


def approve(
    *,
    session: Session,
    actor: Actor | None,
    application_id: int,
    granted_sek: int | None,
    note: str | None,
    today: date,
) -> FundApplication:
    """Grant `granted_sek` (at most the requested amount and what is left of the call's budget) and set
    the report due dates. Call inside `db.write_session` so that the budget check holds (see above)."""
    actor = require_admin(actor)
    application = _application(session, application_id)
    refuse_own_case(actor, application)
    if application.status not in UNDECIDED:
        raise refuse_transition(application, S.approved)
    # Lock the call row where the database can (PostgreSQL); SQLite already holds the write lock.
    call = session.exec(select(FundCall).where(FundCall.id == application.call_id).with_for_update()).one()
    remaining = call.budget_sek - granted_in_call(session, call.id)
    if granted_sek is None or isinstance(granted_sek, bool) or not isinstance(granted_sek, int) or granted_sek <= 0:
        raise ValidationError.single("granted_sek", "fund.grant_positive")
    if granted_sek > application.requested_sek:
        raise ValidationError.single(
            "granted_sek", "fund.grant_above_requested", requested=sek_text(application.requested_sek)
        )
    if granted_sek > remaining:
        raise ValidationError.single("granted_sek", "fund.grant_above_remaining", remaining=sek_text(max(remaining, 0)))
    text = clean_text(note)
    application.granted_sek = granted_sek
    application.decided_on = today
    application.decided_by_id = actor.id
    application.decision_note = text
    move(session, application, actor, S.approved, text)
    for kind, due_on in report_schedule(application.starts_on, application.ends_on):
        session.add(FundReport(application_id=application.id, kind=kind, due_on=due_on))
    audit.record(
        session, actor, "fund.application.approved", "fundapplication", application_id, granted_sek=granted_sek
    )
    notices.decided(session, application)
    session.commit()
    return application


def reject(*, session: Session, actor: Actor | None, application_id: int, reason: str | None, today: date) -> None:
    """Reject with a reason that the applicant reads."""
    actor = require_admin(actor)
    application = _application(session, application_id)
    refuse_own_case(actor, application)
    text = _text(reason, "reason", "fund.reason_required")
    if application.status not in UNDECIDED:
        raise refuse_transition(application, S.rejected)
    application.decided_on = today
    application.decided_by_id = actor.id
    application.decision_note = text
    move(session, application, actor, S.rejected, text)
    audit.record(session, actor, "fund.application.rejected", "fundapplication", application_id, reason=text)
    notices.decided(session, application)
    session.commit()


def close_project(*, session: Session, actor: Actor | None, application_id: int) -> None:
    """Close a project whose final report is in: the last step of the cycle, an admin's alone."""
    actor = require_admin(actor)
    application = _application(session, application_id)
    refuse_own_case(actor, application)
    if application.status != S.final_reported:
        raise InvalidTransition("fund.close_needs_final_report")
    move(session, application, actor, S.closed)
    audit.record(session, actor, "fund.project.closed", "fundapplication", application_id)
    session.commit()


def stop_project(
    *, session: Session, actor: Actor | None, application_id: int, obstacle_kind: str | None, reason: str | None
) -> None:
    """Stop a funded project before its end (approved or in progress), with the coded obstacle that
    stopped it (`ObstacleKind`, counted in the council's figures) and what happened, which the applicant
    reads in the history; an admin's alone. Reports not yet in are no longer asked for."""
    actor = require_admin(actor)
    application = _application(session, application_id)
    refuse_own_case(actor, application)
    if application.status not in (S.approved, S.in_progress):
        raise refuse_transition(application, S.closed)
    if obstacle_kind not in set(ObstacleKind):
        raise ValidationError.single("obstacle_kind", "obstacles.kind_required")
    text = _text(reason, "reason", "fund.reason_required")
    application.obstacle_kind = obstacle_kind
    move(session, application, actor, S.closed, text)
    audit.record(session, actor, "fund.project.stopped", "fundapplication", application_id, obstacle_kind=obstacle_kind)
    session.commit()


# ---------------------------------------------------------------- reports


@dataclass(frozen=True)
class ReportRow:
    id: int
    application_id: int
    kind: str
    due_on: date
    submitted_on: date | None
    text: str | None
    spent_sek: int | None
    late: bool
    owed: bool  # not yet in, and still asked for (the project in `REPORTING_STATUSES`)


def _report_row(report: FundReport, today: date, *, asked: bool) -> ReportRow:
    owed = asked and report.submitted_on is None
    return ReportRow(
        report.id,
        report.application_id,
        report.kind,
        report.due_on,
        report.submitted_on,
        report.text,
        report.spent_sek,
        owed and report.due_on < today,
        owed,
    )


def reports_for(*, session: Session, actor: Actor | None, application_id: int, today: date) -> list[ReportRow]:
    """The project's reports by due date, late ones flagged; for whoever may read the application. A
    report not yet in is owed (and may be late) only while the project is asked for reports: not once it
    is stopped, closed or final-reported."""
    actor = require_login(actor)
    application = _application(session, application_id)
    if not may_read(session, actor, application):
        raise PermissionDenied()
    rows = session.exec(
        select(FundReport).where(FundReport.application_id == application_id).order_by(FundReport.due_on)
    )
    return [_report_row(r, today, asked=application.status in REPORTING_STATUSES) for r in rows]


def submit_report(
    *,
    session: Session,
    actor: Actor | None,
    report_id: int,
    text: str | None,
    spent_sek: int | None,
    today: date,
) -> None:
    """The applicant reports. A progress report moves an approved project to `in_progress`; the final
    report (due last) moves it to `final_reported`, after which an admin can close it."""
    actor = require_login(actor)
    report = session.get(FundReport, report_id)
    if report is None:
        raise NotFound()
    application = _application(session, report.application_id)
    if application.applicant_id != actor.id:
        raise PermissionDenied()
    if report.submitted_on is not None:
        raise InvalidTransition("fund.report_already_submitted")
    if application.status not in REPORTING_STATUSES:
        raise InvalidTransition("fund.report_not_expected", status=application.status)
    fields: dict[str, Message] = {}
    body = clean_text(text) or ""
    if not body:
        fields["text"] = Message("errors.required")
    elif len(body) > MAX_TEXT:
        fields["text"] = Message("errors.too_long", {"max_length": MAX_TEXT})
    if spent_sek is None or isinstance(spent_sek, bool) or not isinstance(spent_sek, int) or spent_sek < 0:
        fields["spent_sek"] = Message("fund.spent_not_negative")
    if fields:
        raise ValidationError(fields)
    report.text = body
    report.spent_sek = spent_sek
    report.submitted_on = today
    report.submitted_by_id = actor.id
    report.updated_at = utcnow()
    if report.kind == ReportKind.final:
        move(session, application, actor, S.final_reported)
    elif application.status == S.approved:
        move(session, application, actor, S.in_progress)
    audit.record(
        session,
        actor,
        "fund.report.submitted",
        "fundapplication",
        application.id,
        kind=report.kind,
        spent_sek=spent_sek,
    )
    session.commit()


@dataclass(frozen=True)
class FollowUpRow:
    application_id: int
    ref: str
    title: str
    applicant: str
    organisation: str
    status: str
    granted_sek: int | None
    next_due_on: date | None
    late_reports: int
    spent_sek: int


def follow_up(
    *,
    session: Session,
    actor: Actor | None,
    today: date,
    late_only: bool = False,
    page: int = 1,
    page_size: int = 25,
) -> Page[FollowUpRow]:
    """Funded projects with their next due report and how many are late: late ones first, then by the
    next report due (projects owing none last), then by reference; admins only. A project owes reports
    while it is asked for them (`REPORTING_STATUSES`): a stopped one's reports not yet in are not late.

    The reports still owed are grouped per project (the few not yet in, not every report ever written),
    the list counted from the projects alone, and what each project has spent read for the page's rows:
    grouping every report and counting the joined list took 30 ms at ten times the region's fund."""
    require_admin(actor)
    owed = (
        select(
            FundReport.application_id,
            func.min(FundReport.due_on).label("next_due"),
            func.count().filter(FundReport.due_on < today).label("late"),
        )
        .join(FundApplication, FundApplication.id == FundReport.application_id)
        .where(col(FundReport.submitted_on).is_(None), col(FundApplication.status).in_(REPORTING_STATUSES))
        .group_by(FundReport.application_id)
        .subquery()
    )
    late = func.coalesce(owed.c.late, 0)
    funded = col(FundApplication.status).in_(FUNDED)
    if late_only:
        total = session.exec(
            select(func.count())
            .select_from(FundApplication)
            .join(owed, owed.c.application_id == FundApplication.id)
            .where(funded, owed.c.late > 0)
        ).one()
    else:
        total = session.exec(select(func.count()).select_from(FundApplication).where(funded)).one()
    offset, limit = page_bounds(page, page_size)
    # The page's projects in order first (from the projects' status index and the owed reports), then
    # their rows, names and spending: joined before the sort, every funded project's were read.
    listed = session.exec(
        select(FundApplication.id, owed.c.next_due, late)
        .join(owed, owed.c.application_id == FundApplication.id, isouter=not late_only)
        .where(funded, *([owed.c.late > 0] if late_only else []))
        .order_by(case((late > 0, 0), else_=1), owed.c.next_due.nulls_last(), FundApplication.ref)
        .offset(offset)
        .limit(limit)
    ).all()
    ids = [application_id for application_id, _, _ in listed]
    found = {
        a.id: (a, who, org)
        for a, who, org in session.exec(
            select(FundApplication, User.display_name, Organisation.short_name)
            .join(User, FundApplication.applicant_id == User.id)
            .join(Organisation, FundApplication.organisation_id == Organisation.id)
            .where(col(FundApplication.id).in_(ids))
        ).all()
    }
    spent = dict(
        session.exec(
            select(FundReport.application_id, func.coalesce(func.sum(FundReport.spent_sek), 0))
            .where(col(FundReport.application_id).in_(ids))
            .group_by(FundReport.application_id)
        ).all()
    )
    items = []
    for application_id, due, n in listed:
        a, who, org = found[application_id]
        items.append(
            FollowUpRow(
                a.id, a.ref, a.title, who, org, a.status, a.granted_sek, due, int(n or 0), int(spent.get(a.id, 0))
            )
        )
    return Page(items=items, total=total, page=page, page_size=page_size)
