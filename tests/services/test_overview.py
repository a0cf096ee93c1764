"""Översikt's figures on hand-made records whose answers are known."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

import db
import models as m
from services import overview
from services.shared.errors import PermissionDenied
from tests import factories as f
from tests.conftest import actor

TODAY = date(2026, 6, 15)


@pytest.fixture
def region(empty_engine: Engine) -> Session:
    with db.write_session(empty_engine) as session:
        health = f.area(session, "health")
        culture = f.area(session, "culture")
        ks = f.organisation(session, health, "KS")
        kf = f.organisation(session, culture, "KF")
        lead = f.user(session, "lead", "manager", ks, certified_innovation_leader_on=date(2025, 1, 1))
        f.user(session, "viewer", "council")
        f.user(session, "gone", "employee", kf, is_active=False, certified_innovation_leader_on=date(2024, 1, 1))
        ks.innovation_lead_id = lead.id
        # This year until today: 3 ideas (one later today in the year is excluded: after TODAY).
        f.idea(session, health, "2026-01-02")
        f.idea(session, health, "2026-03-10", stage="screening")
        f.idea(session, culture, "2026-06-15", stage="testing")
        f.idea(session, culture, "2026-06-20")  # after today: not counted
        # Last year: 2 within the same period, 1 after it.
        f.idea(session, health, "2025-02-01", stage="implementation")
        f.idea(session, culture, "2025-06-15", stage="spread")
        f.idea(session, health, "2025-09-01", stage="closed", closed_reason="Finns redan")
        c26 = f.call(session, 2026)
        c25 = f.call(session, 2025)
        f.application(
            session,
            c26,
            lead,
            ks,
            requested_sek=500_000,
            status="approved",
            granted_sek=400_000,
            decided_on=date(2026, 4, 1),
            submitted_at=datetime(2026, 2, 10, 9, 0, tzinfo=UTC),
        )
        f.application(
            session,
            c25,
            lead,
            ks,
            requested_sek=300_000,
            status="closed",
            granted_sek=250_000,
            decided_on=date(2025, 4, 1),
            submitted_at=datetime(2024, 12, 31, 23, 30, tzinfo=UTC),  # UTC: 1 January 2025 in Stockholm
        )
        f.application(
            session,
            c26,
            lead,
            ks,
            requested_sek=200_000,
            status="rejected",
            granted_sek=None,
            decided_on=date(2026, 4, 1),
            submitted_at=datetime(2026, 2, 11, 9, 0, tzinfo=UTC),
        )
        f.testbed(session, health, ks, status="open")
        f.testbed(session, culture, kf, status="open")
        f.testbed(session, culture, kf, status="planned")
        f.testbed(session, culture, kf, status="closed")
        session.commit()
        yield session


def test_region_figures(region: Session) -> None:
    figures = overview.region_figures(session=region, actor=actor(region, "viewer"), today=TODAY)
    assert figures.ideas_total == 7
    assert figures.ideas_this_year == 3
    assert figures.ideas_same_period_last_year == 2
    assert figures.ideas_in_progress == 2
    assert figures.ideas_implemented == 2
    assert figures.granted_sek_this_year == 400_000
    assert figures.granted_sek_last_year == 250_000
    assert (figures.open_testbeds, figures.planned_testbeds) == (2, 1)
    assert (figures.organisations, figures.organisations_with_lead, figures.lead_share) == (2, 1, 50.0)
    assert figures.certified_leaders == 1  # the deactivated one does not count


def test_ideas_by_stage_and_area(region: Session) -> None:
    culture = region.exec(select(m.Area).where(m.Area.code == "culture")).one()
    culture.sort_order = -1  # culture's ideas before health's in each stage
    f.area(region, "transport", sort_order=-2)  # no ideas: absent
    kept = f.idea(region, culture, "2026-02-01")
    f.idea(region, culture, "2026-02-02", merged_into_id=kept.id)  # a duplicate: not counted
    region.flush()
    rows = overview.ideas_by_stage_and_area(session=region, actor=actor(region, "viewer"))
    # Stages in the path's order, areas in theirs.
    assert [(r.stage, r.area_code, r.count) for r in rows] == [
        ("received", "culture", 2),
        ("received", "health", 1),
        ("screening", "health", 1),
        ("testing", "culture", 1),
        ("implementation", "health", 1),
        ("spread", "culture", 1),
        ("closed", "health", 1),
    ]


def test_ideas_per_month(region: Session) -> None:
    viewer = actor(region, "viewer")
    before = overview.region_figures(session=region, actor=viewer, today=TODAY)
    health = region.exec(select(m.Area).where(m.Area.code == "health")).one()
    kept = f.idea(region, health, "2026-02-01")
    f.idea(region, health, "2026-02-02", merged_into_id=kept.id)  # a duplicate: not counted
    late = f.idea(region, health, "2026-04-30")
    late.received_at = datetime(2026, 4, 30, 22, 0, tzinfo=UTC)  # 1 May in Stockholm
    region.flush()
    rows = overview.ideas_per_month(session=region, actor=actor(region, "viewer"), today=TODAY, months=12)
    counts = {(r.month, r.area_code): r.count for r in rows}
    assert counts == {
        (date(2025, 9, 1), "health"): 1,
        (date(2026, 1, 1), "health"): 1,
        (date(2026, 2, 1), "health"): 1,
        (date(2026, 3, 1), "health"): 1,
        (date(2026, 5, 1), "health"): 1,
        (date(2026, 6, 1), "culture"): 2,
    }
    # The tiles leave the duplicate out too.
    after = overview.region_figures(session=region, actor=viewer, today=TODAY)
    assert (after.ideas_this_year, after.ideas_total) == (before.ideas_this_year + 2, before.ideas_total + 2)


def test_fund_per_year(region: Session) -> None:
    rows = {(r.year, r.area_code): r for r in overview.fund_per_year(session=region, actor=actor(region, "viewer"))}
    assert rows[(2026, "health")].granted_sek == 400_000
    assert rows[(2025, "health")].granted_sek == 250_000
    assert rows[(2026, "health")].applied_sek == 700_000
    assert rows[(2025, "health")].applied_sek == 300_000  # submitted on New Year's night, Stockholm time
    assert set(rows) == {(2025, "health"), (2026, "health")}


def test_overview_needs_a_login(region: Session) -> None:
    with pytest.raises(PermissionDenied):
        overview.region_figures(session=region, actor=None, today=TODAY)
