"""Small record builders for tests that need hand-made data with known answers."""

from __future__ import annotations

from datetime import UTC, date, datetime
from itertools import count
from typing import Any

from sqlmodel import Session

import models as m
from services.fund.applications import default_review_due
from services.people.users import hash_password

_n = count(1)


def at(day: str, hour: int = 10) -> datetime:
    """A UTC moment on an ISO day."""
    return datetime.fromisoformat(day).replace(hour=hour, tzinfo=UTC)


def area(session: Session, code: str = "health", **values: Any) -> m.Area:
    row = m.Area(code=code, name_sv=values.pop("name_sv", code), name_en=values.pop("name_en", code), **values)
    session.add(row)
    session.flush()
    return row


def organisation(session: Session, area_row: m.Area, short_name: str | None = None, **values: Any) -> m.Organisation:
    short_name = short_name or f"ORG{next(_n)}"
    row = m.Organisation(
        name=values.pop("name", f"Organisation {short_name}"),
        short_name=short_name,
        kind=values.pop("kind", "forvaltning"),
        area_id=area_row.id,
        **values,
    )
    session.add(row)
    session.flush()
    return row


def user(
    session: Session, username: str, role: str = "employee", org: m.Organisation | None = None, **values: Any
) -> m.User:
    row = m.User(
        username=username,
        display_name=values.pop("display_name", username.title()),
        email=values.pop("email", f"{username}@test.example"),
        role=role,
        organisation_id=org.id if org else None,
        password_hash=hash_password("demo1234"),
        **values,
    )
    session.add(row)
    session.flush()
    return row


def idea(session: Session, area_row: m.Area, received: str, stage: str = "received", **values: Any) -> m.Idea:
    n = next(_n)
    received_at = at(received)
    row = m.Idea(
        ref=values.pop("ref", f"IDE-{received_at.year}-{n:05d}"),
        title=values.pop("title", f"Idé {n}"),
        need=values.pop("need", "Ett behov"),
        proposal=values.pop("proposal", "Ett förslag"),
        benefit_kind=values.pop("benefit_kind", "social"),
        submitter_kind=values.pop("submitter_kind", "employee"),
        area_id=area_row.id,
        stage=stage,
        received_at=received_at,
        stage_changed_at=received_at,
        created_at=received_at,
        **values,
    )
    session.add(row)
    session.flush()
    return row


def call(session: Session, year: int, budget_sek: int = 1_000_000, **values: Any) -> m.FundCall:
    row = m.FundCall(
        name=values.pop("name", f"Utlysning {year} #{next(_n)}"),
        year=year,
        budget_sek=budget_sek,
        opens_on=values.pop("opens_on", date(year, 1, 1)),
        closes_on=values.pop("closes_on", date(year, 3, 1)),
        **values,
    )
    row.review_due_on = row.review_due_on or default_review_due(row.closes_on)
    session.add(row)
    session.flush()
    return row


def application(
    session: Session,
    call_row: m.FundCall,
    applicant: m.User,
    org: m.Organisation,
    requested_sek: int = 100_000,
    **values: Any,
) -> m.FundApplication:
    n = next(_n)
    row = m.FundApplication(
        ref=values.pop("ref", f"FON-{call_row.year}-{n:04d}"),
        call_id=call_row.id,
        applicant_id=applicant.id,
        organisation_id=org.id,
        area_id=org.area_id,
        title=values.pop("title", f"Projekt {n}"),
        summary="Sammanfattning",
        expected_benefit="Nytta",
        requested_sek=requested_sek,
        starts_on=values.pop("starts_on", date(call_row.year, 4, 1)),
        ends_on=values.pop("ends_on", date(call_row.year, 12, 31)),
        **values,
    )
    session.add(row)
    session.flush()
    return row


def testbed(session: Session, area_row: m.Area, org: m.Organisation, **values: Any) -> m.Testbed:
    """A testbed with its status since `since` (default 1 January 2020) in its dated history, as the
    catalogue keeps it."""
    n = next(_n)
    since = values.pop("since", date(2020, 1, 1))
    row = m.Testbed(
        slug=values.pop("slug", f"testbed-{n}"),
        name=values.pop("name", f"Testmiljö {n}"),
        area_id=area_row.id,
        organisation_id=org.id,
        summary="Sammanfattning",
        offers="Erbjuder",
        env_type=values.pop("env_type", "lab"),
        access=values.pop("access", "free"),
        **values,
    )
    session.add(row)
    session.flush()
    session.add(m.TestbedStatusChange(testbed_id=row.id, status=row.status, changed_on=since))
    session.flush()
    return row


def indicator(session: Session, code: str, unit: str, source: str = "reported", **values: Any) -> m.Indicator:
    """An indicator whose aggregation rule is settled as the registry settles it (a computed one takes
    its computation's rule; a reported one the rule given, else its unit's default)."""
    from services.indicators.aggregation import default_rule

    aggregation, weighting = default_rule(unit, values.get("computation") if source == "computed" else None)
    if source != "computed" and "aggregation" in values:
        aggregation, weighting = values.pop("aggregation"), values.pop("weighting", None)
    row = m.Indicator(
        code=code,
        name_sv=values.pop("name_sv", code),
        name_en=values.pop("name_en", code),
        unit=unit,
        source=source,
        aggregation=aggregation,
        weighting=weighting,
        **values,
    )
    session.add(row)
    session.flush()
    return row
