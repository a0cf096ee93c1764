"""Each computed indicator on hand-made records whose answer is known by counting on one's fingers."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

import db
import models as m
from services.indicators import computed, periods
from services.testbeds.requests import request_figures
from tests import factories as f
from tests.conftest import postgres_only

Q1 = {"start": date(2025, 1, 1), "end": date(2025, 3, 31)}
Q2 = {"start": date(2025, 4, 1), "end": date(2025, 6, 30)}
YEAR = {"start": date(2025, 1, 1), "end": date(2025, 12, 31)}


@pytest.fixture
def s(empty_engine: Engine) -> Iterator[Session]:
    with db.write_session(empty_engine) as session:
        yield session


@pytest.fixture
def region(s: Session) -> dict:
    """Two areas; health has two organisations, transport one."""
    health = f.area(s, "health")
    transport = f.area(s, "transport")
    return {
        "health": health,
        "transport": transport,
        "ks": f.organisation(s, health, "KS"),
        "sos": f.organisation(s, health, "SOS"),
        "sl": f.organisation(s, transport, "SL"),
    }


def _moved(s: Session, idea: m.Idea, to_stage: str, day: str) -> None:
    """Move an idea as the idea service does: new stage and a timeline entry."""
    s.add(m.IdeaEvent(idea_id=idea.id, at=f.at(day), kind="stage_changed", from_stage=idea.stage, to_stage=to_stage))
    idea.stage = to_stage
    idea.stage_changed_at = f.at(day)
    s.flush()


def test_every_seeded_computation_key_is_registered() -> None:
    import json

    from tests.conftest import PROJECT_DIR

    rows = json.loads((PROJECT_DIR / "data/seed/indicators.json").read_text(encoding="utf-8"))
    keys = {r["computation"] for r in rows if r["source"] == "computed"}
    assert keys == set(computed.COMPUTATIONS)


def test_ideas_received_per_region_area_organisation_and_period(s: Session, region: dict) -> None:
    f.idea(s, region["health"], "2025-01-05", organisation_id=region["ks"].id)
    f.idea(s, region["health"], "2025-03-31", organisation_id=region["ks"].id)  # last day counts
    f.idea(s, region["health"], "2025-02-10", organisation_id=region["sos"].id)
    f.idea(s, region["transport"], "2025-02-11", organisation_id=region["sl"].id)
    f.idea(s, region["transport"], "2025-04-01", organisation_id=region["sl"].id)  # next quarter
    first = f.idea(s, region["health"], "2025-01-20")
    f.idea(s, region["health"], "2025-01-21", merged_into_id=first.id)  # a duplicate: left out

    assert computed.compute(s, "ideas_received", **Q1) == 5
    assert computed.compute(s, "ideas_received", **Q1, area_id=region["health"].id) == 4
    assert computed.compute(s, "ideas_received", **Q1, organisation_id=region["ks"].id) == 2
    assert computed.compute(s, "ideas_received", **Q2) == 1
    assert computed.compute_by_organisation(s, "ideas_received", **Q1, area_id=region["health"].id) == {
        region["ks"].id: 2,
        region["sos"].id: 1,
    }
    assert computed.compute_by_area(s, "ideas_received", **Q1) == {region["health"].id: 4, region["transport"].id: 1}


def test_public_share_counts_patients_relatives_travellers_residents(s: Session, region: dict) -> None:
    for kind in ("patient", "relative", "traveller", "resident", "employee", "employee", "external", "employee"):
        f.idea(s, region["health"], "2025-02-01", submitter_kind=kind)
    assert computed.compute(s, "ideas_public_share", **Q1) == 50.0
    assert computed.compute(s, "ideas_public_share", **Q2) is None  # nothing received: no share, not 0 %


def test_implemented_counts_moves_in_the_period_and_conversion_counts_receipts(s: Session, region: dict) -> None:
    old = f.idea(s, region["health"], "2024-05-01")
    _moved(s, old, "implementation", "2025-02-01")  # received last year, implemented in Q1
    jumped = f.idea(s, region["health"], "2025-01-10")
    _moved(s, jumped, "spread", "2025-03-01")  # straight to spread counts too
    later = f.idea(s, region["health"], "2025-01-15")
    _moved(s, later, "implementation", "2025-05-01")  # Q2
    f.idea(s, region["health"], "2025-02-15")
    f.idea(s, region["health"], "2025-02-16", stage="development")
    no_event = f.idea(s, region["transport"], "2025-01-02", stage="implementation")  # set without timeline
    no_event.stage_changed_at = f.at("2025-03-15")
    s.flush()

    assert computed.compute(s, "ideas_implemented", **Q1) == 3  # old, jumped, no_event
    assert computed.compute(s, "ideas_implemented", **Q2) == 1
    assert computed.compute(s, "ideas_implemented", **Q1, area_id=region["transport"].id) == 1
    # Q1 receipts: jumped, later, two still open, no_event -> 3 of 5 reached implementation so far
    assert computed.compute(s, "ideas_conversion", **Q1) == 60.0


def test_conversion_keeps_an_idea_that_was_implemented_and_later_parked(s: Session, region: dict) -> None:
    idea = f.idea(s, region["health"], "2025-01-10")
    _moved(s, idea, "implementation", "2025-02-01")
    _moved(s, idea, "parked", "2025-03-01")
    f.idea(s, region["health"], "2025-01-11")
    assert computed.compute(s, "ideas_conversion", **Q1) == 50.0


def test_median_days_to_first_decision_counts_decisions_in_the_period(s: Session, region: dict) -> None:
    for received, decided in (("2025-01-01", "2025-01-03"), ("2025-01-01", "2025-01-11"), ("2025-02-01", "2025-03-02")):
        idea = f.idea(s, region["health"], received, stage="screening")
        idea.first_decision_at = f.at(decided)
    waiting = f.idea(s, region["health"], "2025-01-01")  # no decision yet: not ranked
    assert waiting.first_decision_at is None
    late = f.idea(s, region["transport"], "2025-03-01", stage="screening")
    late.first_decision_at = f.at("2025-04-10")  # decided in Q2
    s.flush()
    assert computed.compute(s, "ideas_median_days_first_decision", **Q1) == 10.0  # 2, 10, 29
    assert computed.compute(s, "ideas_median_days_first_decision", **Q2) == 40.0
    assert computed.compute(s, "ideas_median_days_first_decision", **Q1, area_id=region["transport"].id) is None


def test_median_days_per_organisation_and_area_take_every_decided_idea_once_where_it_counts(
    s: Session, region: dict
) -> None:
    """The grouped medians (a dashboard's organisations, the comparison of areas): an even count averages
    the middle two; a cross-sector idea counts on the further area it touches, and once on its own."""
    decided = (  # (organisation, received, decided): 2, 4, 10, 20 days at KS; 1, 3 at SL
        ("ks", "2025-01-01", "2025-01-03"),
        ("ks", "2025-01-01", "2025-01-05"),
        ("ks", "2025-01-01", "2025-01-11"),
        ("ks", "2025-01-01", "2025-01-21"),
        ("sl", "2025-02-01", "2025-02-02"),
        ("sl", "2025-02-01", "2025-02-04"),
    )
    ideas = []
    for org, received, day in decided:
        area = region["health"] if org == "ks" else region["transport"]
        idea = f.idea(s, area, received, stage="screening", organisation_id=region[org].id)
        idea.first_decision_at = f.at(day)
        ideas.append(idea)
    s.add(m.IdeaArea(idea_id=ideas[2].id, area_id=region["transport"].id))  # the 10 days reach transport too
    s.flush()
    median = computed.computation("ideas_median_days_first_decision").measure
    by_org = median(s, computed.Scope(**Q1, group="organisation"))
    assert by_org == {region["ks"].id: 7.0, region["sl"].id: 2.0}
    by_area = median(s, computed.Scope(**Q1, group="area"))
    assert by_area == {region["health"].id: 7.0, region["transport"].id: 3.0}  # 1, 3, 10
    assert median(s, computed.Scope(**Q1)) == {None: 3.5}  # 1, 2, 3, 4, 10, 20: each idea once
    region_level, areas, orgs = median.levels(s, Q1["start"], Q1["end"])
    assert (region_level, areas, orgs) == (3.5, by_area, by_org)


@postgres_only
def test_the_index_of_first_decisions_includes_the_id_on_postgresql(s: Session) -> None:
    """The index of first decisions holds the ids that an area's median asks for its further areas
    (migration 0037), so PostgreSQL need not read each decided idea's row; SQLite's indexes hold the id
    (the rowid) anyway."""
    definition = (
        s.connection()
        .exec_driver_sql("SELECT indexdef FROM pg_indexes WHERE indexname = 'ix_idea_first_decision_at'")
        .scalar_one()
    )
    assert definition.endswith(
        "(first_decision_at, received_at, merged_into_id, area_id, organisation_id) INCLUDE (id)"
    )


def test_median_days_see_a_decision_not_yet_flushed(s: Session, region: dict) -> None:
    """The medians read their days as Core rows: the session's pending changes are flushed first, as for
    every other figure."""
    idea = f.idea(s, region["health"], "2025-01-01", stage="screening", organisation_id=region["ks"].id)
    s.flush()
    idea.first_decision_at = f.at("2025-01-11")  # pending in the session
    assert computed.compute(s, "ideas_median_days_first_decision", **Q1) == 10.0
    by_org = computed.compute_by_organisation(s, "ideas_median_days_first_decision", **Q1)
    assert by_org[region["ks"].id] == 10.0


def test_adoptions_count_only_other_organisations(s: Session, region: dict) -> None:
    idea = f.idea(s, region["health"], "2024-01-01", organisation_id=region["ks"].id, stage="spread")
    s.add(m.IdeaAdoption(idea_id=idea.id, organisation_id=region["sos"].id, adopted_on=date(2025, 2, 1)))
    s.add(m.IdeaAdoption(idea_id=idea.id, organisation_id=region["sl"].id, adopted_on=date(2025, 3, 31)))
    s.add(m.IdeaAdoption(idea_id=idea.id, organisation_id=region["ks"].id, adopted_on=date(2025, 2, 2)))  # own
    other = f.idea(s, region["transport"], "2024-01-01", organisation_id=region["sl"].id, stage="spread")
    s.add(m.IdeaAdoption(idea_id=other.id, organisation_id=region["ks"].id, adopted_on=date(2025, 4, 1)))
    s.flush()
    assert computed.compute(s, "adoptions", **Q1) == 2
    assert computed.compute(s, "adoptions", **Q1, organisation_id=region["ks"].id) == 2  # its idea spread twice
    assert computed.compute(s, "adoptions", **Q2, area_id=region["transport"].id) == 1


def test_fund_figures(s: Session, region: dict) -> None:
    anna = f.user(s, "anna", org=region["ks"])
    call = f.call(s, 2025)
    f.application(s, call, anna, region["ks"], 100_000)  # a draft: never counted
    f.application(
        s,
        call,
        anna,
        region["ks"],
        200_000,
        status="approved",
        submitted_at=f.at("2025-02-01"),
        granted_sek=150_000,
        decided_on=date(2025, 4, 15),
    )
    f.application(
        s,
        call,
        anna,
        region["sos"],
        300_000,
        status="rejected",
        submitted_at=f.at("2025-03-01"),
        decided_on=date(2025, 4, 20),
    )
    f.application(s, call, anna, region["sl"], 500_000, status="submitted", submitted_at=f.at("2025-03-15"))
    assert computed.compute(s, "fund_applications", **YEAR) == 3
    assert computed.compute(s, "fund_sek_applied", **YEAR) == 1_000_000
    assert computed.compute(s, "fund_sek_applied", **YEAR, area_id=region["health"].id) == 500_000
    assert computed.compute(s, "fund_sek_granted", **YEAR) == 150_000
    assert computed.compute(s, "fund_share_granted", **YEAR) == 30.0  # 150k of the 500k decided
    assert computed.compute(s, "fund_share_granted", **YEAR, area_id=region["transport"].id) is None
    assert computed.compute(s, "fund_sek_granted", **Q1) == 0  # decided in Q2


def test_testbed_requests_and_median_days_to_first_response(s: Session, region: dict) -> None:
    lab = f.testbed(s, region["health"], region["ks"])
    depot = f.testbed(s, region["transport"], region["sl"])
    answers = (("2025-01-01", "2025-01-02"), ("2025-01-10", "2025-01-14"), ("2025-02-01", None))
    for n, (received, answered) in enumerate(answers):
        s.add(
            m.TestbedRequest(
                ref=f"TMR-2025-{n:04d}",
                testbed_id=lab.id,
                requester_kind="company",
                description="x",
                received_at=f.at(received),
                first_response_at=f.at(answered) if answered else None,
            )
        )
    s.add(
        m.TestbedRequest(
            ref="TMR-2025-0099",
            testbed_id=depot.id,
            requester_kind="company",
            description="x",
            received_at=f.at("2025-05-01"),
        )
    )
    s.flush()
    assert computed.compute(s, "testbed_requests", **Q1) == 3
    assert computed.compute(s, "testbed_requests", **YEAR, area_id=region["transport"].id) == 1
    assert computed.compute(s, "testbed_median_days_first_response", **Q1) == 2.5  # 1 and 4 calendar days
    # The same figure as the testbed pages' (requests received in the period, calendar days).
    figures = request_figures(s, start=Q1["start"], end=Q1["end"])
    assert figures.median_days_to_first_response == 2.5
    health = request_figures(s, area_code="health", start=Q1["start"], end=Q1["end"])
    assert computed.compute(s, "testbed_median_days_first_response", **Q1, area_id=region["health"].id) == (
        health.median_days_to_first_response
    )
    assert computed.compute_by_organisation(s, "testbed_requests", **YEAR) == {
        region["ks"].id: 3,
        region["sos"].id: 0,
        region["sl"].id: 1,
    }


def test_innovation_leads_and_certified_leaders_at_the_end_of_the_period(s: Session, region: dict) -> None:
    """Counted from the dated history, as things stood on the period's last day."""
    lead = f.user(s, "lead", "manager", region["ks"], certified_innovation_leader_on=date(2025, 2, 1))
    later = f.user(s, "later", "manager", region["sl"], certified_innovation_leader_on=date(2025, 5, 1))
    gone = f.user(s, "gone", "manager", region["sl"], certified_innovation_leader_on=date(2024, 5, 1), is_active=False)
    s.add_all(
        [
            m.InnovationLeadChange(organisation_id=region["ks"].id, lead_id=lead.id, changed_on=date(2025, 1, 15)),
            m.InnovationLeadChange(organisation_id=region["sl"].id, lead_id=later.id, changed_on=date(2025, 6, 1)),
            m.InnovationLeadChange(organisation_id=region["sl"].id, lead_id=None, changed_on=date(2025, 11, 1)),
            m.CertificationChange(user_id=lead.id, certified=True, changed_on=date(2025, 2, 1)),
            m.CertificationChange(user_id=later.id, certified=True, changed_on=date(2025, 5, 1)),
            m.CertificationChange(user_id=gone.id, certified=True, changed_on=date(2024, 5, 1)),
            m.CertificationChange(user_id=gone.id, certified=False, changed_on=date(2025, 4, 10)),  # left
        ]
    )
    s.flush()
    q4 = {"start": date(2025, 10, 1), "end": date(2025, 12, 31)}
    assert computed.compute(s, "orgs_innovation_lead_share", **Q1) == pytest.approx(33.3)
    assert computed.compute(s, "orgs_innovation_lead_share", **Q2) == pytest.approx(66.7)
    assert computed.compute(s, "orgs_innovation_lead_share", **q4) == pytest.approx(33.3)  # SL's lead left
    assert computed.compute(s, "orgs_innovation_lead_share", **Q1, area_id=region["health"].id) == 50.0
    assert computed.compute(s, "certified_innovation_leaders", **Q1) == 2  # "gone" still worked here then
    assert computed.compute(s, "certified_innovation_leaders", **Q2) == 2
    assert computed.compute(s, "certified_innovation_leaders", **Q1, area_id=region["transport"].id) == 1
    assert computed.compute(s, "certified_innovation_leaders", **Q2, area_id=region["transport"].id) == 1


def test_every_computation_answers_on_an_empty_database(s: Session) -> None:
    for key, comp in computed.COMPUTATIONS.items():
        assert computed.compute(s, key, **YEAR) == comp.empty, key
    assert s.exec(select(m.Idea)).all() == []


def test_unknown_key_is_named() -> None:
    with pytest.raises(KeyError, match="no_such"):
        computed.computation("no_such")


def test_periods() -> None:
    assert periods.period_of("quarter", date(2025, 5, 17)) == (date(2025, 4, 1), date(2025, 6, 30))
    assert periods.period_of("month", date(2024, 2, 10)) == (date(2024, 2, 1), date(2024, 2, 29))
    assert periods.period_of("year", date(2025, 5, 17)) == (date(2025, 1, 1), date(2025, 12, 31))
    assert periods.periods_between("quarter", date(2025, 2, 1), date(2025, 7, 1)) == [
        (date(2025, 1, 1), date(2025, 3, 31)),
        (date(2025, 4, 1), date(2025, 6, 30)),
        (date(2025, 7, 1), date(2025, 9, 30)),
    ]
    assert periods.previous_period(date(2025, 1, 1), date(2025, 3, 31)) == (date(2024, 10, 1), date(2024, 12, 31))
    assert periods.previous_period(date(2025, 1, 1), date(2025, 12, 31)) == (date(2024, 1, 1), date(2024, 12, 31))
    assert periods.previous_period(date(2025, 1, 10), date(2025, 1, 19)) == (date(2024, 12, 31), date(2025, 1, 9))


def test_every_computation_runs_on_the_demo_region(session: Session) -> None:
    health = session.exec(select(m.Area).where(m.Area.code == "health")).one()
    for key in computed.COMPUTATIONS:
        region = computed.compute(session, key, start=date(2024, 1, 1), end=date(2025, 12, 31))
        per_org = computed.compute_by_organisation(
            session, key, start=date(2024, 1, 1), end=date(2025, 12, 31), area_id=health.id
        )
        assert region is None or region >= 0, key
        assert per_org and all(v is None or v >= 0 for v in per_org.values()), key
    assert computed.compute(session, "ideas_received", start=date(2024, 1, 1), end=date(2025, 12, 31)) > 0


def test_periods_in_scales_a_target_to_the_period() -> None:
    assert periods.periods_in("quarter", date(2025, 1, 1), date(2025, 12, 31)) == 4
    assert periods.periods_in("quarter", date(2025, 11, 1), date(2025, 11, 30)) == pytest.approx(1 / 3)
    assert periods.periods_in("year", date(2025, 4, 1), date(2025, 6, 30)) == 0.25
    assert periods.periods_in("month", date(2025, 1, 1), date(2025, 1, 1)) == pytest.approx(12 / 365.25)


def test_a_cross_sector_idea_counts_on_every_area_it_touches_but_once_in_the_region(s: Session, region: dict) -> None:
    """The culture committee's meeting places: an idea from health care that touches public transport
    counts in both areas' figures and funnels, once in the region's and its organisation's."""
    from services.annual_report import report as annual
    from services.indicators import dashboard as dash
    from services.people.auth import Actor

    health, transport, ks = region["health"], region["transport"], region["ks"]
    culture = f.area(s, "culture")
    both = f.idea(s, health, "2025-02-01", organisation_id=ks.id, submitter_kind="traveller")
    s.add(m.IdeaArea(idea_id=both.id, area_id=transport.id))
    s.add(m.IdeaArea(idea_id=both.id, area_id=health.id))  # its own area again: still once there
    _moved(s, both, "implementation", "2025-03-01")
    f.idea(s, health, "2025-02-02", organisation_id=ks.id)
    f.idea(s, transport, "2025-02-03", organisation_id=region["sl"].id)
    s.add(m.IdeaAdoption(idea_id=both.id, organisation_id=region["sl"].id, adopted_on=date(2025, 3, 5)))
    s.commit()

    assert computed.compute(s, "ideas_received", **Q1) == 3  # each idea once
    assert computed.compute(s, "ideas_received", **Q1, area_id=health.id) == 2
    assert computed.compute(s, "ideas_received", **Q1, area_id=transport.id) == 2  # its own and the shared one
    by_area = {health.id: 2, transport.id: 2, culture.id: 0}
    assert computed.compute_by_area(s, "ideas_received", **Q1) == by_area
    assert computed.compute_by_area(s, "ideas_implemented", **Q1) == {health.id: 1, transport.id: 1, culture.id: 0}
    assert computed.compute_by_area(s, "ideas_public_share", **Q1) == {
        health.id: 50,
        transport.id: 50,
        culture.id: None,
    }
    assert computed.compute_by_area(s, "adoptions", **Q1) == {health.id: 1, transport.id: 1, culture.id: 0}
    assert computed.compute(s, "adoptions", **Q1) == 1
    assert computed.compute_by_organisation(s, "ideas_received", **Q1)[ks.id] == 2  # not twice for KS

    council = Actor(1, "r", "R", "", m.Role.council, None, None, "sv")
    funnel = dict(dash.idea_funnel(s, council, **Q1, area_id=transport.id))
    assert (funnel["received"], funnel["implementation"]) == (2, 1)
    assert dict(dash.idea_funnel(s, council, **Q1))["received"] == 3
    assert dash.cross_sector_ideas(s, **Q1) == 1
    assert dash.cross_sector_ideas(s, **Q1, area_id=transport.id) == 1
    assert dash.cross_sector_ideas(s, **Q1, area_id=culture.id) == 0

    levels = annual.build(s, 2025)["levels"]
    assert sum(levels[annual.REGION]["ideas_by_stage"].values()) == 3
    assert levels[annual.area_key(transport.id)]["ideas_by_stage"] == {"received": 1, "implementation": 1}
    assert levels[annual.area_key(transport.id)]["ideas_by_kind"] == {"employee": 1, "traveller": 1}
    assert sum(levels[annual.org_key(ks.id)]["ideas_by_stage"].values()) == 2
