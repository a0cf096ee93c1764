"""Working days in Sweden: weekdays that are not public holidays.

Response-time promises ("a first answer within 10 working days") are counted in working days, so a
request sent the day before Easter or midsummer is not flagged as late because of the holiday. Besides
the statutory holidays, midsummer eve, Christmas eve and New Year's eve count as days off, as they do
in practice for the region's offices. The calendar comes from the well-kept `holidays` package.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays as holiday_calendar
from holidays.constants import DE_FACTO, PUBLIC

STOCKHOLM = ZoneInfo("Europe/Stockholm")
SATURDAY = 5


@lru_cache(maxsize=64)
def holidays(year: int) -> frozenset[date]:
    """Sweden's public holidays of `year` plus midsummer, Christmas and New Year's eve (the `holidays`
    package's "public" and "de facto" categories for Sweden)."""
    days = holiday_calendar.Sweden(years=year, categories=(PUBLIC, DE_FACTO))
    return frozenset(day for day in days if day.year == year)


def is_workday(day: date) -> bool:
    return day.weekday() < SATURDAY and day not in holidays(day.year)


def workdays_between(start: date, end: date) -> int:
    """Working days after `start` up to and including `end` (0 when `end` is not after `start`).

    A request received on a Friday and answered on the Monday took 1 working day. Counted by whole
    weeks, so that figures over tens of thousands of requests stay quick.
    """
    if end <= start:
        return 0
    weeks, rest = divmod((end - start).days, 7)
    count = 5 * weeks + sum(1 for n in range(1, rest + 1) if (start.weekday() + n) % 7 < SATURDAY)
    for year in range(start.year, end.year + 1):
        count -= sum(1 for day in holidays(year) if start < day <= end and day.weekday() < SATURDAY)
    return count


def add_workdays(start: date, n: int) -> date:
    """The day that is `n` working days after `start`."""
    day = start
    while n > 0:
        day += timedelta(days=1)
        if is_workday(day):
            n -= 1
    return day


def latest_day_overdue(today: date, limit: int) -> date:
    """The latest receipt day for which `limit` working days have passed without answer by `today`.

    A request received on day r is overdue when `add_workdays(r, limit) < today`; the rule is monotone
    in r, so one cut-off day turns the check into a SQL comparison on the receipt time.
    """
    day = today - timedelta(days=1)
    while add_workdays(day, limit) >= today:
        day -= timedelta(days=1)
    return day


def first_response_workdays(received_at: datetime | None, first_response_at: datetime | None) -> int | None:
    """Working days from a receipt to its first response, by Stockholm calendar days (None unanswered)."""
    if received_at is None or first_response_at is None:
        return None
    return workdays_between(local_day(received_at), local_day(first_response_at))


def days_between_moments(earlier: datetime | None, later: datetime | None) -> float | None:
    """Calendar days (fractional) from `earlier` to `later`, None when either is missing: what SQL's
    `days_between` gives for two stored moments, to the microsecond."""
    if earlier is None or later is None:
        return None
    return (as_utc(later) - as_utc(earlier)) / timedelta(days=1)


def as_utc(moment: datetime) -> datetime:
    """A stored moment as an aware UTC datetime (SQLite hands back naive UTC values)."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def local_day(moment: datetime) -> date:
    """The calendar day in Stockholm of a stored (UTC) moment."""
    return as_utc(moment).astimezone(STOCKHOLM).date()


def start_of_day(day: date) -> datetime:
    """Midnight in Stockholm at the start of `day`, as UTC (what `*_at` columns hold)."""
    return datetime(day.year, day.month, day.day, tzinfo=STOCKHOLM).astimezone(UTC)
