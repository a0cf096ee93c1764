"""The dashboards' figures: targets by year and level, reported values, the funnel, fund and testbeds."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

import db
import models as m
from services.indicators import dashboard as dash
from services.people.auth import Actor
from services.shared.errors import PermissionDenied
from tests import factories as f

YEAR_2025 = {"start": date(2025, 1, 1), "end": date(2025, 12, 31)}


def _actor(role: m.Role) -> Actor:
    return Actor(1, "x", "x", "x", role, None, None, "sv")


ADMIN = _actor(m.Role.admin)


@pytest.fixture
def s(empty_engine: Engine) -> Iterator[Session]:
    with db.write_session(empty_engine) as session:
        yield session


@pytest.fixture
def region(s: Session) -> dict:
    health = f.area(s, "health")
    transport = f.area(s, "transport")
    ks = f.organisation(s, health, "KS")
    sos = f.organisation(s, health, "SOS")
    received = m.Indicator(
        code="IDE-01",
        name_sv="Inkomna",
        name_en="Received",
        unit="antal",
        frequency="quarter",
        source="computed",
        computation="ideas_received",
    )
    share = m.Indicator(
        code="IDE-02",
        name_sv="Andel",
        name_en="Share",
        unit="%",
        frequency="quarter",
        source="computed",
        computation="ideas_public_share",
    )
    projects = m.Indicator(code="PRJ-01", name_sv="Projekt", name_en="Projects", unit="antal", source="reported")
    climate = m.Indicator(
        code="KLI-01", name_sv="Klimat", name_en="Climate", unit="index", source="reported", frequency="year"
    )
    s.add_all([received, share, projects, climate])
    s.flush()
    return {
        "health": health,
        "transport": transport,
        "ks": ks,
        "sos": sos,
        "received": received,
        "share": share,
        "projects": projects,
        "climate": climate,
    }


def _target(s: Session, ind: m.Indicator, year: int, value: float, area=None, org=None) -> None:
    s.add(
        m.IndicatorTarget(
            indicator_id=ind.id,
            year=year,
            value=value,
            area_id=area.id if area else None,
            organisation_id=org.id if org else None,
        )
    )
    s.flush()


def _info(s: Session, ind: m.Indicator) -> dash.IndicatorInfo:
    info = dash.indicator_info(s, ind.id)
    assert info is not None
    return info


def test_targets_change_by_year_and_level(s: Session, region: dict) -> None:
    received = _info(s, region["received"])
    _target(s, region["received"], 2024, 8)
    _target(s, region["received"], 2025, 10)
    _target(s, region["received"], 2025, 4, area=region["health"])
    q1_2024 = {"start": date(2024, 1, 1), "end": date(2024, 3, 31)}
    q1_2025 = {"start": date(2025, 1, 1), "end": date(2025, 3, 31)}
    assert dash.period_target(s, received, **q1_2024) == 8
    assert dash.period_target(s, received, **q1_2025) == 10
    assert dash.period_target(s, received, **q1_2025, area_id=region["health"].id) == 4
    # a count target is per quarter: a year is held against four of them
    assert dash.period_target(s, received, **YEAR_2025) == 40
    assert dash.period_target(s, received, start=date(2025, 2, 1), end=date(2025, 2, 28)) == pytest.approx(3.3)
    # the region's count is not an area's: no area target, no target
    assert dash.period_target(s, received, **q1_2025, area_id=region["transport"].id) is None
    assert dash.period_target(s, received, start=date(2026, 1, 1), end=date(2026, 3, 31)) is None


def test_a_share_target_for_the_region_holds_for_an_area_without_its_own(s: Session, region: dict) -> None:
    share = _info(s, region["share"])
    _target(s, region["share"], 2025, 40)
    _target(s, region["share"], 2025, 30, org=region["ks"])
    assert dash.period_target(s, share, **YEAR_2025, area_id=region["transport"].id) == 40
    assert dash.period_target(s, share, **YEAR_2025, area_id=region["health"].id, organisation_id=region["ks"].id) == 30


def test_figures_compare_with_the_previous_period_and_the_target(s: Session, region: dict) -> None:
    _target(s, region["received"], 2025, 2, area=region["health"])
    for day in ("2024-11-01", "2025-01-10", "2025-02-10", "2025-03-10"):
        f.idea(s, region["health"], day, organisation_id=region["ks"].id)
    figures = dash.figures(
        s,
        ADMIN,
        start=date(2025, 1, 1),
        end=date(2025, 3, 31),
        area_id=region["health"].id,
        indicators=[_info(s, region["received"]), _info(s, region["share"])],
    )
    received, share = figures
    assert (received.value, received.previous, received.change, received.target, received.met) == (3, 1, 2, 2, True)
    assert share.value == 0.0 and share.met is None  # no target set


def test_reported_values_sum_counts_average_indices_and_only_approved(s: Session, region: dict) -> None:
    def value(ind: m.Indicator, org: m.Organisation, period: date, v: float, status: str = "approved") -> None:
        s.add(
            m.IndicatorValue(indicator_id=ind.id, organisation_id=org.id, period_start=period, value=v, status=status)
        )

    value(region["projects"], region["ks"], date(2025, 1, 1), 3)
    value(region["projects"], region["ks"], date(2025, 4, 1), 4)
    value(region["projects"], region["sos"], date(2025, 1, 1), 5)
    value(region["projects"], region["sos"], date(2025, 4, 1), 100, status="submitted")  # not yet approved
    value(region["climate"], region["ks"], date(2025, 1, 1), 60)
    value(region["climate"], region["sos"], date(2025, 1, 1), 70)
    s.flush()
    projects, climate = _info(s, region["projects"]), _info(s, region["climate"])
    assert dash.indicator_value(s, projects, **YEAR_2025) == 12
    assert dash.indicator_value(s, projects, **YEAR_2025, organisation_id=region["ks"].id) == 7
    assert dash.indicator_value(s, climate, **YEAR_2025, area_id=region["health"].id) == 65
    assert dash.indicator_value(s, climate, **YEAR_2025, area_id=region["transport"].id) is None
    rows = dash.by_organisation(s, ADMIN, region["projects"].id, **YEAR_2025, area_id=region["health"].id)
    assert [(r.short_name, r.value) for r in rows] == [("KS", 7), ("SOS", 5)]


def test_series_holds_each_period_against_its_years_target(s: Session, region: dict) -> None:
    _target(s, region["received"], 2024, 1)
    _target(s, region["received"], 2025, 2)
    f.idea(s, region["health"], "2024-12-01")
    f.idea(s, region["health"], "2025-01-02")
    f.idea(s, region["health"], "2025-01-03")
    points = dash.series(s, ADMIN, region["received"].id, start=date(2024, 10, 1), end=date(2025, 6, 30))
    assert [(p.period_start, p.value, p.target) for p in points] == [
        (date(2024, 10, 1), 1, 1),
        (date(2025, 1, 1), 2, 2),
        (date(2025, 4, 1), 0, 2),
    ]


def test_funnel_counts_ideas_that_reached_each_stage(s: Session, region: dict) -> None:
    f.idea(s, region["health"], "2025-02-01")
    f.idea(s, region["health"], "2025-02-01", stage="development")
    parked = f.idea(s, region["health"], "2025-02-01", stage="parked")
    s.add(m.IdeaEvent(idea_id=parked.id, kind="stage_changed", from_stage="development", to_stage="testing"))
    f.idea(s, region["health"], "2025-02-01", stage="spread")
    f.idea(s, region["transport"], "2025-02-01", stage="spread")
    s.flush()
    funnel = dict(dash.idea_funnel(s, ADMIN, **YEAR_2025, area_id=region["health"].id))
    assert funnel == {"received": 4, "screening": 3, "development": 3, "testing": 2, "implementation": 1, "spread": 1}


def test_fund_and_testbed_figures(s: Session, region: dict) -> None:
    anna = f.user(s, "anna", org=region["ks"])
    call = f.call(s, 2025)
    f.application(
        s,
        call,
        anna,
        region["ks"],
        100_000,
        status="approved",
        submitted_at=f.at("2025-02-01"),
        granted_sek=80_000,
        decided_on=date(2025, 4, 1),
    )
    f.application(
        s,
        call,
        anna,
        region["ks"],
        50_000,
        status="rejected",
        submitted_at=f.at("2025-02-02"),
        decided_on=date(2025, 4, 1),
    )
    f.application(s, call, anna, region["ks"], 70_000)  # draft
    rows = {r.status: r for r in dash.fund_by_status(s, ADMIN, **YEAR_2025)}
    assert set(rows) == {"approved", "rejected"}
    assert (rows["approved"].requested_sek, rows["approved"].granted_sek) == (100_000, 80_000)
    lab = f.testbed(s, region["health"], region["ks"])
    f.testbed(s, region["health"], region["ks"], status="planned")
    s.add(
        m.TestbedRequest(
            ref="TMR-1",
            testbed_id=lab.id,
            requester_kind="company",
            description="x",
            received_at=f.at("2025-03-01"),
            status="accepted",
        )
    )
    s.flush()
    assert dict(dash.testbeds_by_status(s, ADMIN, area_id=region["health"].id)) == {"open": 1, "planned": 1}
    assert dash.requests_by_status(s, ADMIN, **YEAR_2025) == [("accepted", 1)]


def test_employees_and_visitors_get_no_dashboard_figures(s: Session, region: dict) -> None:
    for who in (_actor(m.Role.employee), None):
        with pytest.raises(PermissionDenied):
            dash.figures(s, who, **YEAR_2025)
        with pytest.raises(PermissionDenied):
            dash.idea_funnel(s, who, **YEAR_2025)
