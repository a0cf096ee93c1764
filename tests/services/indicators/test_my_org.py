"""Min förvaltning's figures on hand-made records whose answers are counted by hand."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

import db
import models as m
from services.indicators import my_org as mine
from services.people.auth import load_actor
from services.shared.errors import PermissionDenied
from tests import factories as f

TODAY = date(2026, 5, 15)


@pytest.fixture
def s(empty_engine: Engine) -> Iterator[Session]:
    with db.write_session(empty_engine) as session:
        yield session


@pytest.fixture
def region(s: Session) -> dict:
    """Health: KS and SOS; transport: SL. KS's manager 'chef'."""
    health, transport = f.area(s, "health"), f.area(s, "transport")
    ks, sos, sl = f.organisation(s, health, "KS"), f.organisation(s, health, "SOS"), f.organisation(s, transport, "SL")
    chef = f.user(s, "chef", "manager", ks)
    f.user(s, "other", "manager", sos)
    f.user(s, "boss", "admin")
    s.commit()
    return {"health": health, "transport": transport, "ks": ks, "sos": sos, "sl": sl, "chef": chef}


def test_what_waits_counts_ideas_reports_and_requests_of_the_organisation_only(s: Session, region: dict) -> None:
    ks, sos, health = region["ks"], region["sos"], region["health"]
    # Ideas: two wait in `received` at KS; one at KS already had a first decision; one is SOS's.
    f.idea(s, health, "2026-05-01", organisation_id=ks.id, title="Äldst")
    f.idea(s, health, "2026-05-10", organisation_id=ks.id)
    f.idea(s, health, "2026-04-01", organisation_id=ks.id, stage="screening", first_decision_at=f.at("2026-04-03"))
    f.idea(s, health, "2026-04-01", organisation_id=sos.id)
    # Fund reports: one late, one due within 30 days, one far ahead, one submitted; one of SOS late.
    call = f.call(s, 2026)
    app = f.application(s, call, region["chef"], ks, status="in_progress")
    app_sos = f.application(s, call, region["chef"], sos, status="in_progress")
    for due, submitted, application in [
        (date(2026, 5, 1), None, app),
        (date(2026, 6, 1), None, app),
        (date(2026, 9, 1), None, app),
        (date(2026, 4, 1), date(2026, 3, 30), app),
        (date(2026, 5, 1), None, app_sos),
    ]:
        s.add(m.FundReport(application_id=application.id, kind="progress", due_on=due, submitted_on=submitted))
    # Testbed requests: one new and unanswered at KS's testbed, one answered, one in SOS's testbed.
    tb, tb_sos = f.testbed(s, health, ks, name="Simulatorn"), f.testbed(s, health, sos)
    for n, (testbed, status, answered) in enumerate(
        [(tb, "new", None), (tb, "in_dialogue", f.at("2026-05-02")), (tb_sos, "new", None)]
    ):
        s.add(
            m.TestbedRequest(
                ref=f"TMR-2026-{n:04d}",
                testbed_id=testbed.id,
                requester_kind="company",
                description="x",
                status=status,
                first_response_at=answered,
                received_at=f.at("2026-05-01"),
            )
        )
    s.commit()
    chef = load_actor(s, "chef")
    found = mine.waiting(session=s, actor=chef, organisation_id=ks.id, today=TODAY)
    assert found.ideas == 2 and found.oldest_ideas[0].title == "Äldst"
    assert (found.reports_late, found.reports_due) == (1, 1)
    assert [r.due_on for r in found.reports] == [date(2026, 5, 1), date(2026, 6, 1)]
    assert found.requests == 1 and found.oldest_requests[0].testbed == "Simulatorn"
    with pytest.raises(PermissionDenied):
        mine.waiting(session=s, actor=chef, organisation_id=sos.id, today=TODAY)
    assert mine.waiting(session=s, actor=load_actor(s, "boss"), organisation_id=sos.id, today=TODAY).ideas == 1


def test_comparison_against_area_region_and_target(s: Session, region: dict) -> None:
    ks, sos, sl, health = region["ks"], region["sos"], region["sl"], region["health"]
    projects = f.indicator(s, "PRJ-01", "antal", aggregation="stock")
    tests = f.indicator(s, "TST-01", "antal", aggregation="flow")
    share = f.indicator(s, "MED-01", "%", frequency="year", aggregation="share", weighting="ratio")
    own = f.indicator(s, "KS-01", "antal", scope="own", owner_org_id=ks.id, aggregation="flow")
    f.indicator(s, "SOS-01", "antal", scope="own", owner_org_id=sos.id)
    received = f.indicator(s, "IDE-01", "antal", "computed", computation="ideas_received")
    values = [
        (projects, ks, date(2026, 1, 1), 3, "approved", None),
        (projects, ks, date(2026, 4, 1), 4, "approved", None),
        (projects, ks, date(2025, 10, 1), 50, "approved", None),  # last year: not counted
        (projects, sos, date(2026, 1, 1), 1, "approved", None),
        (projects, sos, date(2026, 4, 1), 9, "submitted", None),  # not approved: not counted
        (projects, sl, date(2026, 1, 1), 10, "approved", None),
        (tests, ks, date(2026, 1, 1), 3, "approved", None),
        (tests, ks, date(2026, 4, 1), 4, "approved", None),
        (share, ks, date(2026, 1, 1), 20, "approved", (1800, 9000)),
        (share, sos, date(2026, 1, 1), 40, "approved", (400, 1000)),
        (share, sl, date(2026, 1, 1), 90, "approved", (90, 100)),
        (own, ks, date(2026, 1, 1), 5, "approved", None),
    ]
    for indicator, org, period, value, status, ratio in values:
        s.add(
            m.IndicatorValue(
                indicator_id=indicator.id,
                organisation_id=org.id,
                period_start=period,
                value=value,
                status=status,
                numerator=ratio[0] if ratio else None,
                denominator=ratio[1] if ratio else None,
            )
        )
    s.add(m.IndicatorTarget(indicator_id=projects.id, year=2026, organisation_id=ks.id, value=3))  # at year end
    s.add(m.IndicatorTarget(indicator_id=tests.id, year=2026, organisation_id=ks.id, value=3))  # per quarter
    # An area's count is no yardstick for one organisation: this target must not apply to KS.
    s.add(m.IndicatorTarget(indicator_id=projects.id, year=2026, area_id=health.id, value=100))
    s.add(m.IndicatorTarget(indicator_id=received.id, year=2026, value=50))
    s.add(m.IndicatorTarget(indicator_id=share.id, year=2026, value=25))
    # Ideas this year: KS 3, SOS 1, SL 2.
    for org, n in ((ks, 3), (sos, 1), (sl, 2)):
        for _ in range(n):
            f.idea(s, health if org is not sl else region["transport"], "2026-02-01", organisation_id=org.id)
    s.commit()
    rows = {
        r.code: r
        for r in mine.comparison(session=s, actor=load_actor(s, "chef"), organisation_id=ks.id, year=2026, today=TODAY)
    }
    # not SOS's own indicator; KOM-01 is in every database (migration 0021), computed from the course register
    assert set(rows) == {"PRJ-01", "TST-01", "MED-01", "KS-01", "IDE-01", "KOM-01"}
    prj = rows["PRJ-01"]
    # A stock: each organisation's last approved quarter so far: KS 4 (Q2), SOS 1, SL 10; per organisation
    # of the area (4, 1) -> 2.5, of the region -> 5. Its target is where to stand, not scaled: 4 meets 3.
    assert (prj.organisation, prj.area, prj.region, prj.target, prj.met) == (4, 2.5, 5, 3, True)
    tst = rows["TST-01"]
    # A flow: KS 3 + 4; target 3 per quarter held against the year so far (the one rule in
    # services.indicators.targets): 135 days of a 91.3-day quarter -> 3 * 1.48 = 4.4; 7 meets it.
    assert (tst.organisation, tst.target, tst.met) == (7, 4.4, True)
    med = rows["MED-01"]
    # A share: the area's is (1800 + 400) / (9000 + 1000) = 22 %, the region's 2290 / 10 100 = 22.7 %.
    assert (med.organisation, med.area, med.region, med.target, med.met) == (20, 22, 22.7, 25, False)
    assert (rows["KS-01"].organisation, rows["KS-01"].area, rows["KS-01"].region) == (5, None, None)
    ide = rows["IDE-01"]
    # Per organisation: KS 3, SOS 1 (area mean 2); SL 2 (region mean 2).
    assert (ide.organisation, ide.area, ide.region, ide.target) == (3, 2, 2, None)
    with pytest.raises(PermissionDenied):
        mine.comparison(session=s, actor=load_actor(s, "other"), organisation_id=ks.id, year=2026, today=TODAY)
