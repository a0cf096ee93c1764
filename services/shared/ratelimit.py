"""Limits on public writes (an idea, a testbed request) per client and time window, kept in the database
so that every app process counts the same requests.

A visitor is counted by the client address the app sees (behind a reverse proxy: the address it
forwards, see README); a logged-in user by their account, so that colleagues behind one office address
do not share a limit. Counting happens inside the write's own transaction, which holds the write lock:
two processes cannot both let the last allowed request through.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, func
from sqlmodel import Session, select

from models import ClientEvent
from services.people.auth import Actor
from services.shared.errors import RateLimited
from services.shared.workdays import as_utc


@dataclass(frozen=True)
class Limit:
    count: int
    window: timedelta


# Generous for a person, a wall for a script: five in ten minutes, twenty in a day.
PUBLIC_WRITES: tuple[Limit, ...] = (Limit(5, timedelta(minutes=10)), Limit(20, timedelta(days=1)))
KEEP = max(limit.window for limit in PUBLIC_WRITES)


def client_of(actor: Actor | None, address: str) -> str:
    """Whom a limit counts: the account when logged in, else the client address."""
    return f"user:{actor.id}" if actor is not None and actor.id is not None else f"ip:{address}"[:80]


def count_public_write(
    session: Session, *, kind: str, refusal: str, actor: Actor | None, address: str | None, now: datetime
) -> None:
    """Count one public write of `kind`, or raise `RateLimited(refusal, minutes=...)` when this client
    has had its share for now.

    `address` None means the caller is no browser (the demo loader, scripts, tests): nothing is counted.
    Does not commit; the write it guards commits it.
    """
    if address is None:
        return
    client = client_of(actor, address)
    for limit in PUBLIC_WRITES:
        since = now - limit.window
        count, oldest = session.exec(
            select(func.count(), func.min(ClientEvent.at)).where(
                ClientEvent.kind == kind, ClientEvent.client == client, ClientEvent.at > since
            )
        ).one()
        if count >= limit.count:
            wait = as_utc(oldest) + limit.window - now
            raise RateLimited(refusal, minutes=max(1, math.ceil(wait.total_seconds() / 60)))
    session.exec(delete(ClientEvent).where(ClientEvent.kind == kind, ClientEvent.at <= now - KEEP))
    session.add(ClientEvent(kind=kind, client=client, at=now))
