"""Public writes (ideas, testbed requests) are limited per client and time window in the database:
fresh browser sessions do not start a fresh count, and two app processes count together."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, func, select

import db
import models as m
from models import utcnow
from services.ideas import intake
from services.people.auth import load_actor
from services.shared import ratelimit
from services.shared.errors import RateLimited
from services.testbeds import requests

VISITOR = "203.0.113.9"
NEIGHBOUR = "203.0.113.10"
FIRST = ratelimit.PUBLIC_WRITES[0]  # five in ten minutes
DAILY = ratelimit.PUBLIC_WRITES[1]


def _idea(session: Session) -> dict[str, object]:
    return {
        "title": "Cykelställ vid vårdcentralen",
        "need": "Det finns ingenstans att låsa cykeln.",
        "proposal": "Sätt upp cykelställ med tak.",
        "area_id": session.exec(select(m.Area.id)).first(),
        "submitter_kind": "resident",
        "benefit_kind": "environmental",
    }


def _request(session: Session) -> dict[str, object]:
    testbed = session.exec(select(m.Testbed.id).where(m.Testbed.status == "open")).first()
    return {
        "testbed_id": testbed,
        "requester_name": "Kim Företag",
        "requester_org": "Exempel AB",
        "requester_email": "kim@exempel.se",
        "requester_kind": "company",
        "description": "Vi vill testa en sensor för fallrisk.",
        "wanted_period": "hösten",
        "consent": True,
    }


def _submit_idea(engine: Engine, address: str | None, now: datetime, username: str | None = None) -> str:
    with db.write_session(engine) as session:
        actor = load_actor(session, username) if username else None
        return intake.submit_idea(session=session, actor=actor, data=_idea(session), address=address, now=now).ref


def _send_request(engine: Engine, address: str | None, now: datetime, username: str | None = None) -> str:
    with db.write_session(engine) as session:
        actor = load_actor(session, username) if username else None
        return requests.submit_request(
            session=session, data=_request(session), actor=actor, address=address, now=now
        ).ref


WRITES: dict[str, tuple[Callable[..., str], type, str]] = {
    "idea": (_submit_idea, m.Idea, "ideas.rate_limited"),
    "testbed request": (_send_request, m.TestbedRequest, "testbeds.req.rate_limited"),
}


def _count(engine: Engine, model: type) -> int:
    with db.read_session(engine) as session:
        return session.exec(select(func.count()).select_from(model)).one()


@pytest.mark.parametrize("kind", WRITES)
def test_one_address_gets_five_in_ten_minutes_then_is_told_how_long_to_wait(engine: Engine, kind: str) -> None:
    write, model, refusal = WRITES[kind]
    start = utcnow()
    for n in range(FIRST.count):
        write(engine, VISITOR, start + timedelta(minutes=n))  # every one from a fresh browser session
    before = _count(engine, model)
    with pytest.raises(RateLimited) as refused:
        write(engine, VISITOR, start + timedelta(minutes=5))
    assert refused.value.key == refusal and refused.value.params == {"minutes": 5}
    assert _count(engine, model) == before  # nothing stored
    write(engine, NEIGHBOUR, start + timedelta(minutes=5))  # another address is not held up
    write(engine, VISITOR, start + FIRST.window + timedelta(seconds=1))  # the first has left the window


def test_a_day_allows_twenty_however_they_are_spread(engine: Engine) -> None:
    start = utcnow()
    for n in range(DAILY.count):
        _submit_idea(engine, VISITOR, start + n * timedelta(minutes=11))
    with pytest.raises(RateLimited):
        _submit_idea(engine, VISITOR, start + DAILY.count * timedelta(minutes=11))


def test_two_app_processes_count_together(demo_url: str) -> None:
    one, other = db.make_engine(demo_url), db.make_engine(demo_url)
    now = utcnow()
    try:
        for engine in (one, other, one, other, one):
            _submit_idea(engine, VISITOR, now)
        with pytest.raises(RateLimited):
            _submit_idea(other, VISITOR, now)
    finally:
        one.dispose()
        other.dispose()


def test_logged_in_users_are_counted_by_account_not_by_their_office_address(engine: Engine) -> None:
    now = utcnow()
    for _ in range(FIRST.count):
        _submit_idea(engine, VISITOR, now, username="employee")
    with pytest.raises(RateLimited):
        _submit_idea(engine, VISITOR, now, username="employee")
    _submit_idea(engine, VISITOR, now, username="manager")  # a colleague behind the same address
    _submit_idea(engine, VISITOR, now)  # and a visitor there too


def test_writes_that_come_from_no_browser_are_not_counted(engine: Engine) -> None:
    now = utcnow()
    for _ in range(FIRST.count + 2):
        _submit_idea(engine, None, now)  # the demo loader, scripts
    with db.read_session(engine) as session:
        assert session.exec(select(func.count()).select_from(m.ClientEvent)).one() == 0


def test_old_counts_are_cleared_as_new_ones_come(engine: Engine) -> None:
    start = utcnow()
    _submit_idea(engine, VISITOR, start)
    _submit_idea(engine, NEIGHBOUR, start + ratelimit.KEEP + timedelta(seconds=1))
    with db.read_session(engine) as session:
        assert session.exec(select(m.ClientEvent.client)).all() == [f"ip:{NEIGHBOUR}"]
