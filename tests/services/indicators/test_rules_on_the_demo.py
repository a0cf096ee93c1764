"""The aggregation rules on the demo region, against figures worked out by hand from its seed files.

Expectations are computed here from `data/seed/indicator_values.csv` (what an auditor would add up on
paper), not from the services under test, so that a change to the seed keeps these tests meaningful.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from datetime import date

from sqlmodel import Session, select

import models as m
from services import seed
from services.annual_report import report as annual
from services.indicators import dashboard as dash
from services.indicators import my_org as mine
from services.overview import start_of_day
from tests.conftest import actor

YEAR = 2025
SPAN = {"start": date(YEAR, 1, 1), "end": date(YEAR, 12, 31)}


def seed_values(code: str, year: int) -> list[dict]:
    """The approved rows of `code` for periods in `year`, as the seed file has them."""
    with (seed.SEED_DIR / "indicator_values.csv").open(encoding="utf-8", newline="") as handle:
        return [
            r
            for r in csv.DictReader(handle)
            if r["indicator"] == code and r["status"] == "approved" and r["period_start"].startswith(str(year))
        ]


def last_quarter_per_organisation(code: str, year: int) -> dict[str, float]:
    last: dict[str, tuple[str, float]] = {}
    for r in seed_values(code, year):
        if r["organisation"] not in last or r["period_start"] > last[r["organisation"]][0]:
            last[r["organisation"]] = (r["period_start"], float(r["value"]))
    return {org: value for org, (_, value) in last.items()}


def _info(session: Session, code: str) -> dash.IndicatorInfo:
    row = session.exec(select(m.Indicator).where(m.Indicator.code == code)).one()
    info = dash.indicator_info(session, row.id)
    assert info is not None
    return info


def _org(session: Session, short_name: str) -> m.Organisation:
    return session.exec(select(m.Organisation).where(m.Organisation.short_name == short_name)).one()


def test_a_stock_for_the_year_is_the_sum_of_each_organisations_last_reported_quarter(session: Session) -> None:
    admin = actor(session, "admin")
    by_org = last_quarter_per_organisation("PRJ-01", YEAR)
    expected = sum(by_org.values())
    hsf_q4 = next(
        float(r["value"])
        for r in seed_values("PRJ-01", YEAR)
        if r["organisation"] == "HSF" and r["period_start"] == f"{YEAR}-10-01"
    )
    hsf_quarters = [float(r["value"]) for r in seed_values("PRJ-01", YEAR) if r["organisation"] == "HSF"]
    assert len(hsf_quarters) == 4 and sum(hsf_quarters) != hsf_q4  # summing the quarters would be wrong
    prj = _info(session, "PRJ-01")
    hsf = _org(session, "HSF")
    assert prj.aggregation == "stock"
    assert dash.indicator_value(session, prj, **SPAN) == expected
    assert dash.indicator_value(session, prj, **SPAN, organisation_id=hsf.id) == hsf_q4 == by_org["HSF"]
    # The area dashboard's comparison and the bokslut say the same.
    per_org = {r.short_name: r.value for r in dash.by_organisation(session, admin, prj.id, **SPAN, area_id=hsf.area_id)}
    assert per_org["HSF"] == hsf_q4
    data = annual.build(session, YEAR)
    assert data["levels"][annual.REGION]["indicators"]["PRJ-01"]["value"] == expected
    assert data["levels"][annual.org_key(hsf.id)]["indicators"]["PRJ-01"]["value"] == hsf_q4
    # Min förvaltning, looking back on the whole year.
    rows = mine.comparison(
        session=session, actor=actor(session, "manager"), organisation_id=hsf.id, year=YEAR, today=SPAN["end"]
    )
    assert next(r for r in rows if r.code == "PRJ-01").organisation == hsf_q4


def test_an_areas_share_is_the_sum_of_numerators_over_the_sum_of_denominators(session: Session) -> None:
    health = session.exec(select(m.Area).where(m.Area.code == "health")).one()
    in_health = {o.short_name for o in session.exec(select(m.Organisation).where(m.Organisation.area_id == health.id))}
    year = YEAR  # last year, all approved in the demo
    rows = [r for r in seed_values("MED-01", year) if r["organisation"] in in_health]
    assert len(rows) > 1
    numerators = sum(float(r["numerator"]) for r in rows)
    denominators = sum(float(r["denominator"]) for r in rows)
    plain_mean = sum(float(r["value"]) for r in rows) / len(rows)
    expected = round(100 * numerators / denominators, 1)
    assert expected != round(plain_mean, 1)  # the large hospitals weigh more than the small companies
    kom = _info(session, "MED-01")
    span = {"start": date(year, 1, 1), "end": date(year, 12, 31)}
    assert dash.indicator_value(session, kom, **span, area_id=health.id) == expected
    assert (
        annual.build(session, year)["levels"][annual.area_key(health.id)]["indicators"]["MED-01"]["value"] == expected
    )


def test_a_computed_share_for_an_area_is_counted_not_averaged_over_organisations(session: Session) -> None:
    health = session.exec(select(m.Area).where(m.Area.code == "health")).one()
    start, end = start_of_day(SPAN["start"]), start_of_day(date(YEAR + 1, 1, 1))
    kinds = session.exec(
        select(m.Idea.submitter_kind).where(
            # the area's own ideas and the cross-sector ideas that touch it
            (m.Idea.area_id == health.id)
            | m.Idea.id.in_(select(m.IdeaArea.idea_id).where(m.IdeaArea.area_id == health.id)),
            m.Idea.received_at >= start,
            m.Idea.received_at < end,
            m.Idea.merged_into_id.is_(None),
        )
    ).all()
    public = sum(1 for k in kinds if k in {k.value for k in m.PUBLIC_SUBMITTER_KINDS})
    share = _info(session, "IDE-02")
    assert dash.indicator_value(session, share, **SPAN, area_id=health.id) == round(100 * public / len(kinds), 1)


def test_the_year_target_of_a_stock_is_not_four_quarterly_targets(session: Session) -> None:
    prj = _info(session, "PRJ-01")
    region_target = session.exec(
        select(m.IndicatorTarget.value).where(
            m.IndicatorTarget.indicator_id == prj.id,
            m.IndicatorTarget.year == YEAR,
            m.IndicatorTarget.area_id.is_(None),
            m.IndicatorTarget.organisation_id.is_(None),
        )
    ).one()
    assert dash.period_target(session, prj, **SPAN) == region_target
    ideas = _info(session, "IDE-01")  # a quarterly flow: a year is four quarters' worth
    quarter = dash.period_target(session, ideas, start=date(YEAR, 1, 1), end=date(YEAR, 3, 31))
    assert dash.period_target(session, ideas, **SPAN) == 4 * quarter


def test_reported_values_add_up_by_organisation_only_where_their_rule_says(session: Session) -> None:
    totals: dict[str, float] = defaultdict(float)
    for r in seed_values("TST-01", YEAR):
        totals[r["organisation"]] += float(r["value"])
    tst = _info(session, "TST-01")
    assert tst.aggregation == "flow"
    assert dash.indicator_value(session, tst, **SPAN) == sum(totals.values())
