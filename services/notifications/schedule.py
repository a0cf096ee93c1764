"""Notifications the calendar causes (weekly lists, reminders), queued by the sender's rounds. Each is
queued once per occasion (a dedupe key), so any number of processes may run this at once."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

import db
from models import utcnow

log = logging.getLogger(__name__)


def _jobs() -> list[tuple[str, Callable[..., int]]]:
    from services.council import actions as council_actions
    from services.fund import notices as fund_notices
    from services.ideas import notices as idea_notices
    from services.indicators import notices as indicator_notices
    from services.samverkan import agreements
    from services.testbeds import notices as testbed_notices

    return [
        ("idea.waiting", idea_notices.queue_waiting_digests),
        ("fund.reminders", fund_notices.queue_reminders),
        ("testbed.unanswered", testbed_notices.queue_unanswered),
        ("indicators.reporting", indicator_notices.queue_reporting),
        ("samverkan.agreements", agreements.queue_expiring),
        ("council.actions", council_actions.queue_reminders),
    ]


def run(engine: Engine, *, now: datetime | None = None) -> dict[str, int]:
    """Run every job in its own transaction; returns how many notifications each queued."""
    now = now or utcnow()
    queued: dict[str, int] = {}
    for name, job in _jobs():
        with db.write_session(engine) as session:
            try:
                queued[name] = _run(session, job, now)
            except IntegrityError:  # another process queued the same occasion first
                session.rollback()
                queued[name] = 0
    return queued


def _run(session: Session, job: Callable[..., int], now: datetime) -> int:
    n = job(session, now=now)
    session.commit()
    return n
