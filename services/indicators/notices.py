"""What managers hear about reporting indicator values, queued in the change's own transaction (see
services/notifications): a value returned by the central team, with its note; periods to report a week
before their deadline, and periods whose deadline has passed (each once).

The deadline of a period is the last day of the month after it ends (2026-K3, ending 30 September, is due
31 October), the time the central team allows for figures to be gathered."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlmodel import Session, col, select

from models import Indicator, IndicatorValue, Role, User, utcnow
from services.indicators import values
from services.notifications import outbox
from services.people.auth import operator
from services.shared.workdays import local_day

REPORT_PAGE = "rapportera-varden"
DUE_WARNING = timedelta(days=7)
OVERDUE_LOOKBACK = timedelta(days=30)  # a new installation is not flooded with last year's gaps


def deadline_of(period_end: date) -> date:
    """The last day of the month after the period's last day."""
    first_after = date(period_end.year + (period_end.month == 12), period_end.month % 12 + 1, 1)
    return date(first_after.year + (first_after.month == 12), first_after.month % 12 + 1, 1) - timedelta(days=1)


def _managers(session: Session, organisation_id: int) -> list[User]:
    return list(
        session.exec(
            select(User)
            .where(User.organisation_id == organisation_id, User.role == Role.manager, User.is_active)
            .order_by(col(User.id))
        )
    )


def returned(session: Session, row: IndicatorValue, note: str) -> None:
    """The value sent back, with the note, to whoever entered it (else the organisation's managers)."""
    indicator = session.get(Indicator, row.indicator_id)
    reporter = session.get(User, row.entered_by_id) if row.entered_by_id else None
    recipients = [reporter] if reporter is not None and reporter.is_active else _managers(session, row.organisation_id)
    for user in recipients:
        name = indicator.name_en if user.language == "en" else indicator.name_sv
        outbox.to_user(
            session,
            user_id=user.id,
            kind="indicators.returned",
            params={"indicator": f"{indicator.code} {name}", "period": row.period_start.isoformat(), "note": note},
            link=REPORT_PAGE,
            entity="indicatorvalue",
            entity_id=row.id,
        )


def queue_reporting(session: Session, *, now: datetime | None = None) -> int:
    """Per organisation with managers: periods whose deadline is within a week, and periods whose deadline
    passed within the last 30 days, not yet reported; one notice per manager and deadline. Returns how
    many were queued. No commit."""
    now = now or utcnow()
    today = local_day(now)
    organisations = session.exec(
        select(User.organisation_id).where(User.role == Role.manager, User.is_active).distinct()
    ).all()
    queued = 0
    for organisation_id in organisations:
        if organisation_id is None:
            continue
        missing = values.unreported_periods(
            session=session, actor=operator(), organisation_id=organisation_id, today=today, months_back=3
        )
        by_deadline: dict[tuple[str, date], list[values.MissingPeriod]] = {}
        for period in missing:
            deadline = deadline_of(period.period_end)
            if deadline - DUE_WARNING <= today <= deadline:
                by_deadline.setdefault(("indicators.due", deadline), []).append(period)
            elif deadline < today and today - deadline <= OVERDUE_LOOKBACK:
                by_deadline.setdefault(("indicators.overdue", deadline), []).append(period)
        for (kind, deadline), periods in sorted(by_deadline.items()):
            for user in _managers(session, organisation_id):
                lines = "\n".join(f"• {p.code} {p.name(user.language)} – {p.period_start.isoformat()}" for p in periods)
                row = outbox.to_user(
                    session,
                    user_id=user.id,
                    kind=kind,
                    params={"n": len(periods), "deadline": deadline.isoformat(), "periods": lines},
                    link=REPORT_PAGE,
                    entity="organisation",
                    entity_id=organisation_id,
                    dedupe_key=f"{kind}:{deadline.isoformat()}:user:{user.id}",
                    now=now,
                )
                queued += row is not None
    return queued
