"""Working days: weekends and Swedish holidays are not counted, on dates whose answer is known."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from services.shared.workdays import (
    add_workdays,
    holidays,
    is_workday,
    latest_day_overdue,
    workdays_between,
)


@pytest.mark.parametrize(
    ("year", "good_friday", "midsummer_eve"),
    [(2024, date(2024, 3, 29), date(2024, 6, 21)), (2026, date(2026, 4, 3), date(2026, 6, 19))],
)
def test_moving_holidays(year: int, good_friday: date, midsummer_eve: date) -> None:
    assert {good_friday, good_friday + timedelta(days=3), midsummer_eve} <= holidays(year)
    assert date(year, 4, 30) not in holidays(year)  # Valborg is a working day


def test_holidays_of_2025() -> None:
    days = holidays(2025)
    for day in (
        date(2025, 1, 1),
        date(2025, 1, 6),
        date(2025, 4, 18),  # långfredagen
        date(2025, 4, 21),  # annandag påsk
        date(2025, 5, 1),
        date(2025, 5, 29),  # Kristi himmelfärd
        date(2025, 6, 6),
        date(2025, 6, 20),  # midsommarafton
        date(2025, 6, 21),  # midsommardagen
        date(2025, 11, 1),  # alla helgons dag
        date(2025, 12, 24),
        date(2025, 12, 25),
        date(2025, 12, 26),
        date(2025, 12, 31),
    ):
        assert day in days, day
    assert len(days) == 16
    assert not is_workday(date(2025, 4, 18)) and is_workday(date(2025, 4, 22))


def test_a_plain_fortnight_has_ten_working_days() -> None:
    # Monday 3 March 2025 -> Monday 17 March 2025: two full weeks, no holidays.
    assert workdays_between(date(2025, 3, 3), date(2025, 3, 17)) == 10
    assert workdays_between(date(2025, 3, 7), date(2025, 3, 10)) == 1  # Friday -> Monday
    assert workdays_between(date(2025, 3, 10), date(2025, 3, 10)) == 0


def test_easter_and_christmas_weeks_take_longer() -> None:
    # Thursday 17 April 2025 -> Wednesday 23 April: Good Friday, the weekend and Easter Monday are off.
    assert workdays_between(date(2025, 4, 17), date(2025, 4, 23)) == 2
    # 20 Dec 2024 (Friday) -> 7 Jan 2025: 23, 27, 30 Dec, 2, 3, 7 Jan; 24–26, 31 Dec, 1 and 6 Jan are off.
    assert workdays_between(date(2024, 12, 20), date(2025, 1, 7)) == 6


def test_deadline_and_overdue_cut_off_agree() -> None:
    received = date(2025, 4, 14)  # Monday before Easter
    deadline = add_workdays(received, 10)
    assert deadline == date(2025, 4, 30)  # 18 and 21 April off
    cut_off = latest_day_overdue(date(2025, 5, 1), 10)
    assert add_workdays(cut_off, 10) < date(2025, 5, 1) <= add_workdays(cut_off + timedelta(days=1), 10)
    assert received <= cut_off
    assert latest_day_overdue(deadline, 10) < received  # on the deadline day itself, not yet overdue


def test_whole_week_counting_agrees_with_day_by_day() -> None:
    start = date(2024, 12, 1)
    for offset in range(0, 400, 7):
        first = start + timedelta(days=offset % 11)
        for length in (0, 1, 3, 6, 7, 13, 40, 380):
            last = first + timedelta(days=length)
            slow = sum(1 for n in range(1, length + 1) if is_workday(first + timedelta(days=n)))
            assert workdays_between(first, last) == slow, (first, last)
