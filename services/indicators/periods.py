"""Calendar periods of the indicators (month, quarter, year) and the years whose books are closed.

What callers may rely on:
- `period_of`, `periods_between`, `periods_in` and `previous_period` work on calendar dates, both ends
  included; a quarter is a calendar quarter.
- A year whose region-wide innovationsbokslut is frozen (`AnnualReport` without organisation, with
  `frozen_at`) takes no new or changed values: `refuse_frozen` says so.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlmodel import Session, col, select

from models import AnnualReport, Frequency
from services.shared.errors import InvalidTransition

_MONTHS = {Frequency.month: 1, Frequency.quarter: 3, Frequency.year: 12}
# The first year that takes reported values: the strategy's indicators start long after it, and an
# earlier year is a typing or spreadsheet date error (Excel's day 0 is 1900-01-00).
FIRST_YEAR = 2000


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def period_of(frequency: Frequency | str, day: date) -> tuple[date, date]:
    """The calendar month, quarter or year that holds `day`: (first day, last day)."""
    months = _MONTHS[Frequency(frequency)]
    first = date(day.year, (day.month - 1) // months * months + 1, 1)
    return first, _add_months(first, months) - timedelta(days=1)


def periods_between(frequency: Frequency | str, start: date, end: date) -> list[tuple[date, date]]:
    """Every whole calendar period of `frequency` that overlaps start..end, oldest first."""
    periods = []
    first, last = period_of(frequency, start)
    while first <= end:
        periods.append((first, last))
        first, last = period_of(frequency, last + timedelta(days=1))
    return periods


def periods_in(frequency: Frequency | str, start: date, end: date) -> float:
    """How many periods of `frequency` start..end spans: 4 quarters in a year, 1/3 quarter in a month.

    Whole calendar months count by months; anything else by days (a quarter as 365.25 / 4 days).
    """
    months = _MONTHS[Frequency(frequency)]
    if start.day == 1 and (end + timedelta(days=1)).day == 1:
        return ((end.year - start.year) * 12 + end.month - start.month + 1) / months
    return ((end - start).days + 1) / (365.25 * months / 12)


def previous_period(start: date, end: date) -> tuple[date, date]:
    """The period just before start..end, of the same length.

    Whole calendar months (a month, quarter, year) step back by the same number of months, so that
    the previous quarter of Q2 is Q1, not 91 days; anything else steps back by its number of days.
    """
    if start.day == 1 and (end + timedelta(days=1)).day == 1:
        months = (end.year - start.year) * 12 + end.month - start.month + 1
        first = _add_months(start, -months)
        return first, start - timedelta(days=1)
    days = (end - start).days + 1
    return start - timedelta(days=days), start - timedelta(days=1)


def period_starts(frequency: str, year: int) -> list[date]:
    """The first day of every period of `frequency` in `year` (12 months, 4 quarters or 1 year)."""
    return [first for first, _ in periods_between(frequency, date(year, 1, 1), date(year, 12, 31))]


def is_period_start(frequency: str, day: date) -> bool:
    """True when `day` opens a period of `frequency` (1 Jan/Apr/Jul/Oct for quarters, and so on)."""
    return period_of(frequency, day)[0] == day


def period_end(frequency: str, start: date) -> date:
    """The last day of the period that `start` opens."""
    return period_of(frequency, start)[1]


def frozen_at(session: Session, year: int) -> datetime | None:
    """When the region's innovationsbokslut of `year` was frozen; None while the year is open."""
    return session.exec(
        select(AnnualReport.frozen_at).where(
            AnnualReport.year == year,
            col(AnnualReport.organisation_id).is_(None),
            col(AnnualReport.area_id).is_(None),
            col(AnnualReport.frozen_at).is_not(None),
        )
    ).first()


def frozen_years(session: Session) -> set[int]:
    """Every year whose region-wide report is frozen (one query, for imports of many rows)."""
    rows = session.exec(
        select(AnnualReport.year).where(
            col(AnnualReport.organisation_id).is_(None),
            col(AnnualReport.area_id).is_(None),
            col(AnnualReport.frozen_at).is_not(None),
        )
    )
    return set(rows.all())


def refuse_frozen(session: Session, year: int) -> None:
    if frozen_at(session, year) is not None:
        raise InvalidTransition("indicators.data.year_frozen", year=year)
