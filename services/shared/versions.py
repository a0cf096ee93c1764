"""The data version: one counter that every write moves, so that caches are exact across processes.

What callers may rely on:
- `bump(session)` moves the counter in the caller's transaction: a write that rolls back moves nothing,
  one that commits is seen by every process at its next `current()`. `audit.record` calls it, so every
  write that leaves an audit entry (every write that changes a record) moves it.
- `current(session)` is the counter now: a cache keyed on it is never stale and never expires on a timer.
- The counter only grows (wiping the demo data keeps it), so an old key never comes back.
"""

from __future__ import annotations

from sqlalchemy import update
from sqlmodel import Session, select

from models import DataVersion, utcnow

ROW = 1


def bump(session: Session) -> None:
    """Move the counter by one, in the session's transaction (the caller commits)."""
    moved = session.exec(  # type: ignore[call-overload]
        update(DataVersion).where(DataVersion.id == ROW).values(version=DataVersion.version + 1, changed_at=utcnow())
    )
    if moved.rowcount == 0:  # a database whose row went missing: start it again, above zero
        session.add(DataVersion(id=ROW, version=1))
        session.flush()


def current(session: Session) -> int:
    """The counter as committed now (0 when the row is missing)."""
    return session.exec(select(DataVersion.version).where(DataVersion.id == ROW)).first() or 0
