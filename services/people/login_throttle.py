"""Waits after wrong passwords, per client address, kept in the database (shared by every app process).

Five wrong passwords in a row for one username from one address make that address wait before it may
try that username again: one minute, then twice as long after every further wrong password, up to an
hour. Twenty in a row from one address, whatever the usernames, make the whole address wait the same
way. A right password clears the address's count for that username; a day without a wrong password
starts the count afresh. The account itself is never locked, so someone guessing from elsewhere cannot
keep its owner out.

An attempt is counted *before* its password is checked, in a short write of its own: attempts sent in
parallel cannot slip past the count while bcrypt is busy.
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta

from sqlalchemy import delete, or_
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from models import LoginThrottle
from services.shared.errors import RateLimited
from services.shared.workdays import as_utc

FREE_PER_USERNAME = 5
FREE_PER_ADDRESS = 20
FIRST_WAIT = timedelta(minutes=1)
LONGEST_WAIT = timedelta(hours=1)
FORGET_AFTER = timedelta(days=1)
WHOLE_ADDRESS = ""


def wait_after(failures: int, free: int) -> timedelta | None:
    """How long an address waits after `failures` wrong passwords in a row (None: not at all)."""
    if failures < free:
        return None
    return min(FIRST_WAIT * 2 ** min(failures - free, 16), LONGEST_WAIT)


def _minutes(until: datetime, now: datetime) -> int:
    return max(1, math.ceil((until - now).total_seconds() / 60))


def _row(session: Session, address: str, username: str, now: datetime) -> LoginThrottle:
    query = select(LoginThrottle).where(LoginThrottle.address == address, LoginThrottle.username == username)
    row = session.exec(query).first()
    if row is None:
        row = LoginThrottle(address=address, username=username, failures=0, last_failure_at=now)
        try:
            with session.begin_nested():  # another process may have added it a moment ago (PostgreSQL)
                session.add(row)
        except IntegrityError:
            row = session.exec(query).one()
    elif as_utc(row.last_failure_at) < now - FORGET_AFTER:
        row.failures = 0
    return row


def count_attempt(session: Session, *, address: str, username: str, now: datetime) -> None:
    """Count one login attempt as a wrong password until it proves right, or raise `RateLimited` while
    the address must wait (nothing is counted then). Does not commit."""
    rows = [_row(session, address, username, now), _row(session, address, WHOLE_ADDRESS, now)]
    waits = [as_utc(r.blocked_until) for r in rows if r.blocked_until is not None and as_utc(r.blocked_until) > now]
    if waits:
        session.rollback()
        raise RateLimited("login.throttled", minutes=_minutes(max(waits), now))
    for row, free in zip(rows, (FREE_PER_USERNAME, FREE_PER_ADDRESS), strict=True):
        row.failures += 1
        row.last_failure_at = now
        wait = wait_after(row.failures, free)
        row.blocked_until = now + wait if wait else None
    session.exec(  # type: ignore[call-overload]
        delete(LoginThrottle).where(
            col(LoginThrottle.last_failure_at) < now - FORGET_AFTER,
            or_(col(LoginThrottle.blocked_until).is_(None), col(LoginThrottle.blocked_until) < now),
        )
    )


def attempt_was_right(session: Session, *, address: str, username: str) -> None:
    """The counted attempt was right: the address starts afresh, for this username and as a whole."""
    session.exec(  # type: ignore[call-overload]
        delete(LoginThrottle).where(
            LoginThrottle.address == address, col(LoginThrottle.username).in_([username, WHOLE_ADDRESS])
        )
    )


def failures(session: Session, *, address: str, username: str) -> tuple[int, datetime | None]:
    """Wrong passwords in a row for `username` from `address`, and until when the address waits."""
    row = session.exec(
        select(LoginThrottle).where(LoginThrottle.address == address, LoginThrottle.username == username)
    ).first()
    if row is None:
        return 0, None
    return row.failures, as_utc(row.blocked_until) if row.blocked_until else None


def waiting_usernames(session: Session, usernames: list[str], now: datetime) -> set[str]:
    """Which of `usernames` some address must currently wait for."""
    if not usernames:
        return set()
    rows = session.exec(
        select(LoginThrottle.username).where(
            col(LoginThrottle.username).in_(usernames), col(LoginThrottle.blocked_until) > now
        )
    )
    return set(rows)


def lift(session: Session, *, username: str) -> None:
    """Clear every address's count and wait for `username` (an admin's unlock, a new password)."""
    session.exec(delete(LoginThrottle).where(LoginThrottle.username == username))  # type: ignore[call-overload]
