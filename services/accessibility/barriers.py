"""Barrier reports: anyone, logged in or not, reports an accessibility barrier or asks for content in
another form; the admins (innovationsstödet) read them and mark them handled. Every write is audited."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field, field_validator
from sqlalchemy import func
from sqlmodel import Session, col, select

from models import BarrierReport, BarrierReportStatus, User, utcnow
from services.people.auth import Actor, require_admin
from services.shared import audit, ratelimit
from services.shared.errors import InvalidTransition, NotFound, ValidationError
from services.shared.pagination import Page, page_bounds
from services.shared.validation import check_email, clean_text, parse

MAX_TEXT = 5000


class BarrierReportInput(BaseModel):
    location: str | None = Field(default=None, max_length=300)
    description: str = Field(max_length=MAX_TEXT)
    wanted_format: str | None = Field(default=None, max_length=300)
    contact_name: str | None = Field(default=None, max_length=120)
    contact_email: str | None = Field(default=None, max_length=254)

    _clean = field_validator(
        "location", "description", "wanted_format", "contact_name", "contact_email", mode="before"
    )(clean_text)
    _email = field_validator("contact_email")(check_email)


def submit_report(
    *,
    session: Session,
    data: dict[str, Any],
    actor: Actor | None = None,
    language: str = "sv",
    address: str | None = None,
    now: datetime | None = None,
) -> int:
    """Store a report and return its number. Only the description is required (contact details are
    optional: without them no answer can be given). A browser's report (`address` given) counts against
    its client's limit for public writes, refused with `RateLimited` beyond it."""
    values = parse(BarrierReportInput, data)
    now = now or utcnow()
    ratelimit.count_public_write(
        session, kind="barrier_report", refusal="a11y.report.rate_limited", actor=actor, address=address, now=now
    )
    report = BarrierReport(
        **values.model_dump(),
        language="en" if language == "en" else "sv",
        reporter_id=actor.id if actor else None,
        received_at=now,
        created_at=now,
        updated_at=now,
    )
    session.add(report)
    session.flush()
    audit.record(session, actor, "barrier_report.created", "barrier_report", report.id)
    session.commit()
    return report.id


@dataclass(frozen=True)
class BarrierRow:
    id: int
    received_at: datetime
    location: str | None
    description: str
    wanted_format: str | None
    contact_name: str | None
    contact_email: str | None
    language: str
    status: str
    handled_at: datetime | None
    handled_by: str | None
    handling_note: str | None


def list_reports(
    *, session: Session, actor: Actor | None, status: str | None = None, page: int = 1, page_size: int = 20
) -> Page[BarrierRow]:
    """Reports for admins, newest first; `status` ("new" or "handled") narrows them."""
    require_admin(actor)
    conditions = [] if status is None else [BarrierReport.status == status]
    total = session.exec(select(func.count()).select_from(BarrierReport).where(*conditions)).one()
    offset, limit = page_bounds(page, page_size)
    rows = session.exec(
        select(BarrierReport, User.display_name)
        .outerjoin(User, col(User.id) == col(BarrierReport.handled_by_id))
        .where(*conditions)
        .order_by(col(BarrierReport.received_at).desc(), col(BarrierReport.id).desc())
        .offset(offset)
        .limit(limit)
    ).all()
    items = [
        BarrierRow(
            id=r.id,
            received_at=r.received_at,
            location=r.location,
            description=r.description,
            wanted_format=r.wanted_format,
            contact_name=r.contact_name,
            contact_email=r.contact_email,
            language=r.language,
            status=r.status,
            handled_at=r.handled_at,
            handled_by=handler,
            handling_note=r.handling_note,
        )
        for r, handler in rows
    ]
    return Page(items=items, total=total, page=page, page_size=page_size)


def count_new(*, session: Session, actor: Actor | None) -> int:
    """How many reports wait for an admin."""
    require_admin(actor)
    return session.exec(
        select(func.count()).select_from(BarrierReport).where(BarrierReport.status == BarrierReportStatus.new)
    ).one()


def mark_handled(
    *, session: Session, actor: Actor | None, report_id: int, note: str | None = None, now: datetime | None = None
) -> None:
    """Close a report, with what was done (optional, up to `MAX_TEXT` characters); audited."""
    actor = require_admin(actor)
    report = session.get(BarrierReport, report_id)
    if report is None:
        raise NotFound()
    if report.status == BarrierReportStatus.handled:
        raise InvalidTransition("a11y.report.already_handled")
    note = clean_text(note)
    if note is not None and len(note) > MAX_TEXT:
        raise ValidationError.single("note", "errors.too_long", max_length=MAX_TEXT)
    now = now or utcnow()
    report.status = BarrierReportStatus.handled.value
    report.handled_at = now
    report.handled_by_id = actor.id
    report.handling_note = note
    report.updated_at = now
    session.add(report)
    audit.record(session, actor, "barrier_report.handled", "barrier_report", report.id)
    session.commit()
