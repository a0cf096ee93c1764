"""The dashboards' figures: targets by year and level, reported values, the funnel, fund and testbeds."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

import db
import models as m
from services.indicators import aggregation
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
    received = f.indicator(
        s, "IDE-01", "antal", "computed", computation="ideas_received", name_sv="Inkomna", name_en="Received"
    )
    share = f.indicator(s, "IDE-02", "%", "computed", computation="ideas_public_share")
    projects = f.indicator(s, "PRJ-01", "antal", aggregation="stock", name_sv="Projekt", name_en="Projects")
    climate = f.indicator(s, "KLI-01", "index", frequency="year", aggregation="level", weighting="equal")
    tests = f.indicator(s, "TST-01", "antal", aggregation="flow")
    return {
        "health": health,
        "transport": transport,
        "ks": ks,
        "sos": sos,
        "received": received,
        "share": share,
        "projects": projects,
        "climate": climate,
        "tests": tests,
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


def _value(s: Session, ind: m.Indicator, org: m.Organisation, period: date, v: float, **values) -> None:
    values.setdefault("status", "approved")
    s.add(m.IndicatorValue(indicator_id=ind.id, organisation_id=org.id, period_start=period, value=v, **values))
    s.flush()


def test_reported_values_follow_each_rule_and_count_only_approved(s: Session, region: dict) -> None:
    ks, sos = region["ks"], region["sos"]
    _value(s, region["projects"], ks, date(2025, 1, 1), 3)
    _value(s, region["projects"], ks, date(2025, 4, 1), 4)
    _value(s, region["projects"], sos, date(2025, 1, 1), 5)
    _value(s, region["projects"], sos, date(2025, 4, 1), 100, status="submitted")  # not yet approved
    _value(s, region["tests"], ks, date(2025, 1, 1), 3)
    _value(s, region["tests"], ks, date(2025, 4, 1), 4)
    _value(s, region["tests"], sos, date(2025, 1, 1), 5)
    _value(s, region["climate"], ks, date(2025, 1, 1), 60)
    _value(s, region["climate"], sos, date(2025, 1, 1), 70)
    projects, climate, tests = (_info(s, region[k]) for k in ("projects", "climate", "tests"))
    # a stock: each organisation's last approved quarter (KS Q2 = 4, SOS Q1 = 5), then summed
    assert dash.indicator_value(s, projects, **YEAR_2025) == 9
    assert dash.indicator_value(s, projects, **YEAR_2025, organisation_id=ks.id) == 4
    assert dash.indicator_value(s, projects, **YEAR_2025, area_id=region["health"].id) == 9
    # a flow: every period summed
    assert dash.indicator_value(s, tests, **YEAR_2025) == 12
    assert dash.indicator_value(s, tests, **YEAR_2025, organisation_id=ks.id) == 7
    # a level, equally weighted
    assert dash.indicator_value(s, climate, **YEAR_2025, area_id=region["health"].id) == 65
    assert dash.indicator_value(s, climate, **YEAR_2025, area_id=region["transport"].id) is None
    rows = dash.by_organisation(s, ADMIN, region["projects"].id, **YEAR_2025, area_id=region["health"].id)
    assert [(r.short_name, r.value) for r in rows] == [("KS", 4), ("SOS", 5)]


def test_a_stocks_year_target_is_not_four_quarterly_targets_added(s: Session, region: dict) -> None:
    _target(s, region["projects"], 2025, 10)
    _target(s, region["tests"], 2025, 10)
    projects, tests = _info(s, region["projects"]), _info(s, region["tests"])
    assert dash.period_target(s, projects, **YEAR_2025) == 10
    assert dash.period_target(s, tests, **YEAR_2025) == 40


def test_a_reported_share_is_the_sum_of_numerators_over_the_sum_of_denominators(s: Session, region: dict) -> None:
    ks, sos = region["ks"], region["sos"]
    share = f.indicator(s, "MED-01", "%", frequency="year", aggregation="share", weighting="ratio")
    _value(s, share, ks, date(2025, 1, 1), 10.0, numerator=1000, denominator=10_000)  # 10 % of a large one
    _value(s, share, sos, date(2025, 1, 1), 50.0, numerator=50, denominator=100)  # 50 % of a small one
    info = _info(s, share)
    # (1000 + 50) / (10 000 + 100) = 10.4 %, not the plain mean (10 + 50) / 2 = 30 %
    assert dash.indicator_value(s, info, **YEAR_2025, area_id=region["health"].id) == 10.4
    assert dash.indicator_value(s, info, **YEAR_2025, organisation_id=sos.id) == 50.0


def test_a_share_weighted_by_staff_weighs_the_large_organisation_more(s: Session, region: dict) -> None:
    ks, sos = region["ks"], region["sos"]
    ks.staff_count, sos.staff_count = 9_000, 1_000
    share = f.indicator(s, "KOM-02", "%", frequency="year", aggregation="share", weighting="staff")
    _value(s, share, ks, date(2025, 1, 1), 20.0)
    _value(s, share, sos, date(2025, 1, 1), 60.0)
    # (20 * 9000 + 60 * 1000) / 10 000 = 24 %
    assert dash.indicator_value(s, _info(s, share), **YEAR_2025) == 24.0


def test_a_computed_share_for_an_area_is_counted_from_the_records_not_averaged(s: Session, region: dict) -> None:
    health, ks, sos = region["health"], region["ks"], region["sos"]
    for n in range(9):
        f.idea(s, health, "2025-03-01", organisation_id=ks.id, submitter_kind="patient" if n == 0 else "employee")
    f.idea(s, health, "2025-03-01", organisation_id=sos.id, submitter_kind="patient")
    share = _info(s, region["share"])
    by_org = {r.short_name: r.value for r in dash.by_organisation(s, ADMIN, share.id, **YEAR_2025, area_id=health.id)}
    assert by_org == {"KS": pytest.approx(11.1), "SOS": 100.0}
    # Σ numerators / Σ denominators = 2 / 10, not the mean of 11.1 % and 100 %
    assert dash.indicator_value(s, share, **YEAR_2025, area_id=health.id) == 20.0


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
    on = date(2025, 12, 31)
    assert dict(dash.testbeds_by_status(s, ADMIN, on=on, area_id=region["health"].id)) == {"open": 1, "planned": 1}
    assert dash.requests_by_status(s, ADMIN, **YEAR_2025) == [("accepted", 1)]


def test_employees_and_visitors_get_no_dashboard_figures(s: Session, region: dict) -> None:
    for who in (_actor(m.Role.employee), None):
        with pytest.raises(PermissionDenied):
            dash.figures(s, who, **YEAR_2025)
        with pytest.raises(PermissionDenied):
            dash.idea_funnel(s, who, **YEAR_2025)


def test_a_testbed_closed_in_march_is_not_open_at_the_years_end(s: Session, region: dict) -> None:
    from services.annual_report import report

    lab = f.testbed(s, region["health"], region["ks"], since=date(2024, 6, 1))
    s.add(m.TestbedStatusChange(testbed_id=lab.id, status="closed", changed_on=date(2025, 3, 14)))
    lab.status = "closed"
    f.testbed(s, region["health"], region["sos"], since=date(2024, 9, 1))
    f.testbed(s, region["health"], region["sos"], since=date(2026, 2, 1))  # came after 2025: not counted
    s.flush()
    health = region["health"].id
    assert dict(dash.testbeds_by_status(s, ADMIN, on=date(2024, 12, 31), area_id=health)) == {"open": 2}
    assert dict(dash.testbeds_by_status(s, ADMIN, on=date(2025, 3, 13), area_id=health)) == {"open": 2}
    assert dict(dash.testbeds_by_status(s, ADMIN, on=date(2025, 12, 31), area_id=health)) == {"closed": 1, "open": 1}
    levels = report.build(s, 2025)["levels"]
    assert levels[report.REGION]["testbeds"] == {"closed": 1, "open": 1}
    assert levels[report.org_key(region["ks"].id)]["testbeds"] == {"closed": 1}
    assert report.build(s, 2024)["levels"][report.org_key(region["ks"].id)]["testbeds"] == {"open": 1}


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_every_level_of_a_reported_indicator_at_once_equals_each_level_alone(
    s: Session, region: dict, seed: int
) -> None:
    """`reported_levels` (the innovationsbokslut's one statement per indicator) against `value` and
    `values(group=...)` for every rule, on random values: gaps, unapproved rows, staff counts missing."""
    rng = random.Random(seed)
    health, transport = region["health"], region["transport"]
    orgs = [region["ks"], region["sos"], f.organisation(s, health, "DS"), f.organisation(s, transport, "SL")]
    for org in orgs:
        org.staff_count = rng.choice([None, 0, 800, 12_000])
    rules = [
        ("flow", None, "antal"),
        ("stock", None, "antal"),
        ("share", "ratio", "%"),
        ("share", "staff", "%"),
        ("level", "equal", "index"),
        ("level", "staff", "index"),
    ]
    for n, (rule, weighting, unit) in enumerate(rules):
        ind = f.indicator(s, f"RND-{n}", unit, frequency="quarter", aggregation=rule, weighting=weighting)
        for org in orgs:
            for quarter in rng.sample([1, 4, 7, 10], rng.randint(0, 4)):
                top = rng.choice([None, rng.randint(0, 40)])
                _value(
                    s,
                    ind,
                    org,
                    date(2025, quarter, 1),
                    round(rng.uniform(0, 90), 2),
                    numerator=top,
                    denominator=None if top is None else top + rng.randint(0, 60),
                    status=rng.choice(["approved", "approved", "submitted"]),
                )
        info = _info(s, ind)
        region_value, by_area, by_org = aggregation.reported_levels(s, info, **YEAR_2025)
        assert region_value == aggregation.value(s, info, **YEAR_2025), rule
        assert by_area == {k: v for k, v in aggregation.values(s, info, **YEAR_2025, group="area").items() if k}
        assert by_org == {k: v for k, v in aggregation.values(s, info, **YEAR_2025, group="organisation").items() if k}


def test_a_figure_rounds_the_same_way_for_its_level_alone_and_in_the_bokslut(s: Session, region: dict) -> None:
    """139.45 and 56.05 exactly: added in another order, floats land on either side of the half. Every
    path adds each organisation's sums in the same order, so the dashboards and the bokslut agree."""
    ks, sos = region["ks"], region["sos"]
    flow = f.indicator(s, "RND-F", "antal", frequency="quarter", aggregation="flow")
    level = f.indicator(s, "RND-L", "index", frequency="quarter", aggregation="level", weighting="equal")
    _value(s, flow, ks, date(2025, 1, 1), 72.4)
    _value(s, flow, sos, date(2025, 1, 1), 45.75)
    _value(s, flow, sos, date(2025, 4, 1), 21.3)
    for org, values in ((ks, (79.94, 86.31, 10.1)), (sos, (65.17, 11.33, 83.45))):
        for quarter, v in zip((1, 4, 7), values, strict=True):
            _value(s, level, org, date(2025, quarter, 1), v)
    health = region["health"].id
    for ind in (_info(s, flow), _info(s, level)):
        region_value, by_area, _ = aggregation.reported_levels(s, ind, **YEAR_2025)
        assert region_value == aggregation.value(s, ind, **YEAR_2025) == dash.indicator_value(s, ind, **YEAR_2025)
        assert by_area[health] == aggregation.value(s, ind, **YEAR_2025, area_id=health)
        assert region_value in ({"RND-F": 139.4, "RND-L": 56.0}[ind.code], {"RND-F": 139.5, "RND-L": 56.1}[ind.code])
