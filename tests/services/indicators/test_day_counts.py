"""The figures' counts kept per day equal a full recount from the records, after a random mix of the
app's own writes (ideas sent, moved, merged and linked to further areas; fund decisions; testbed
requests answered and moved with their testbed; indicator values approved; a write rolled back).

Runs on SQLite and, with TEST_DATABASE_URL, on PostgreSQL (`make test-postgres`)."""

from __future__ import annotations

import itertools
import random
import threading
import time
from datetime import date, timedelta

import pytest
from sqlalchemy import Engine, func, update
from sqlmodel import Session, col, select

import db
import models as m
from services.fund import decisions
from services.ideas import triage
from services.indicators import computed, day_counts, values
from services.people.auth import Actor
from services.shared.errors import DomainError
from services.shared.workdays import local_day, start_of_day
from services.testbeds import requests
from tests import factories as f
from tests.conftest import actor as actor_of

TODAY = date(2026, 6, 15)
_refs = itertools.count(1)


def _random_idea(s: Session, rng: random.Random) -> m.Idea:
    return rng.choice(s.exec(select(m.Idea).where(col(m.Idea.merged_into_id).is_(None))).all())


def _move_an_idea(s: Session, admin: Actor, rng: random.Random) -> None:
    idea = _random_idea(s, rng)
    moves = triage.allowed_moves(s, idea)
    if not moves:
        return
    to = rng.choice(moves)
    stopped = to in (m.IdeaStage.parked, m.IdeaStage.closed)
    triage.change_stage(
        session=s,
        actor=admin,
        idea_id=idea.id,
        to_stage=to.value,
        text="Flyttad i testet",
        obstacle_kind=rng.choice(list(m.ObstacleKind)).value if stopped else None,
    )


def _link_areas(s: Session, admin: Actor, rng: random.Random) -> None:
    areas = list(s.exec(select(m.Area.id)).all())
    idea = _random_idea(s, rng)
    triage.set_further_areas(session=s, actor=admin, idea_id=idea.id, area_ids=rng.sample(areas, rng.randint(0, 2)))


def _merge(s: Session, admin: Actor, rng: random.Random) -> None:
    duplicate, into = _random_idea(s, rng), _random_idea(s, rng)
    if duplicate.id != into.id:
        triage.merge(session=s, actor=admin, duplicate_id=duplicate.id, into_ref=into.ref, reason="Samma idé")


def _send_an_idea(s: Session, rng: random.Random) -> None:
    areas = s.exec(select(m.Area)).all()
    orgs = s.exec(select(m.Organisation.id)).all()
    day = TODAY - timedelta(days=rng.randint(0, 400))
    kind = rng.choice(["employee", "patient", "resident", "traveller"])
    ref = f"IDE-T-{next(_refs):05d}"  # apart from the demo's references
    f.idea(s, rng.choice(areas), day.isoformat(), ref=ref, submitter_kind=kind, organisation_id=rng.choice(orgs))
    s.commit()


def _move_to_another_organisation(s: Session, rng: random.Random) -> None:
    idea = _random_idea(s, rng)
    idea.organisation_id = rng.choice(s.exec(select(m.Organisation.id)).all())
    s.add(idea)
    s.commit()


def _decide(s: Session, admin: Actor, rng: random.Random) -> None:
    undecided = s.exec(select(m.FundApplication).where(col(m.FundApplication.status).in_(decisions.UNDECIDED))).all()
    if not undecided:
        return
    application = rng.choice(undecided)
    day = TODAY - timedelta(days=rng.randint(0, 30))
    if rng.random() < 0.5:
        decisions.reject(session=s, actor=admin, application_id=application.id, reason="Utanför ramen", today=day)
    else:
        granted = rng.randint(1, application.requested_sek)
        decisions.approve(
            session=s, actor=admin, application_id=application.id, granted_sek=granted, note=None, today=day
        )


def _answer_a_request(s: Session, admin: Actor, rng: random.Random) -> None:
    waiting = s.exec(select(m.TestbedRequest).where(m.TestbedRequest.status == m.RequestStatus.new)).all()
    if waiting:
        request = rng.choice(waiting)
        requests.respond(
            session=s, actor=admin, request_id=request.id, to_status=m.RequestStatus.in_dialogue, message="Välkommen"
        )


def _move_a_testbed(s: Session, rng: random.Random) -> None:
    testbed = rng.choice(s.exec(select(m.Testbed)).all())
    org = rng.choice(s.exec(select(m.Organisation)).all())
    testbed.organisation_id, testbed.area_id = org.id, org.area_id
    s.add(testbed)
    s.commit()


def _approve_a_value(s: Session, admin: Actor, rng: random.Random) -> None:
    submitted = s.exec(select(m.IndicatorValue.id).where(m.IndicatorValue.status == m.ValueStatus.submitted)).all()
    if submitted:
        values.approve_value(session=s, actor=admin, value_id=rng.choice(submitted))


def _rolled_back(s: Session, rng: random.Random) -> None:
    idea = _random_idea(s, rng)
    idea.stage, idea.merged_into_id = m.IdeaStage.spread, None
    s.add(idea)
    s.flush()  # the counts move with the write in its transaction...
    s.rollback()  # ...and back with it


@pytest.mark.parametrize("seed", [1, 2])
def test_kept_counts_equal_a_full_recount_after_random_writes(session: Session, seed: int) -> None:
    s, rng = session, random.Random(seed)
    admin = actor_of(s, "admin")
    assert s.exec(select(func.count()).select_from(m.DayCount)).one() > 0  # the demo's counts are there
    assert day_counts.differences(s) == []
    writes = [
        lambda: _move_an_idea(s, admin, rng),
        lambda: _move_an_idea(s, admin, rng),
        lambda: _link_areas(s, admin, rng),
        lambda: _merge(s, admin, rng),
        lambda: _send_an_idea(s, rng),
        lambda: _move_to_another_organisation(s, rng),
        lambda: _decide(s, admin, rng),
        lambda: _answer_a_request(s, admin, rng),
        lambda: _move_a_testbed(s, rng),
        lambda: _approve_a_value(s, admin, rng),
        lambda: _rolled_back(s, rng),
    ]
    done = 0
    for _ in range(60):
        try:
            rng.choice(writes)()
            done += 1
        except DomainError:  # a move the rules refuse writes nothing
            s.rollback()
    assert done > 40
    assert day_counts.differences(s) == []
    # And what a dashboard reads from them is what the records say.
    ideas = s.exec(
        select(func.count()).where(
            col(m.Idea.merged_into_id).is_(None),
            m.Idea.received_at >= f.at("2025-06-01", 0),
            m.Idea.received_at < f.at("2026-06-01", 0),
        )
    ).one()
    kept = computed.compute(s, "ideas_received", start=date(2025, 6, 1), end=date(2026, 5, 31))
    assert abs(kept - ideas) <= 2  # noon UTC vs Stockholm midnight at the two ends
    assert kept > 0


def test_a_rolled_back_write_leaves_the_counts_as_they_were(session: Session) -> None:
    s = session
    before = computed.compute(s, "ideas_received", start=date(2000, 1, 1), end=date(2100, 1, 1))
    area = s.exec(select(m.Area)).first()
    f.idea(s, area, "2026-01-10", ref="IDE-T-ROLLBACK")
    assert computed.compute(s, "ideas_received", start=date(2000, 1, 1), end=date(2100, 1, 1)) == before + 1
    s.rollback()
    assert computed.compute(s, "ideas_received", start=date(2000, 1, 1), end=date(2100, 1, 1)) == before
    assert day_counts.differences(s) == []


def test_rebuild_restores_counts_that_went_wrong(session: Session) -> None:
    s = session
    total = s.exec(select(func.sum(m.DayCount.value)).where(m.DayCount.measure == "ideas_received")).one()
    for row in s.exec(select(m.DayCount).where(m.DayCount.measure == "ideas_received").limit(5)).all():
        row.value += 7
        s.add(row)
    s.add(m.DayCount(measure="no_longer_kept", day=date(2026, 1, 1), value=3))
    s.flush()
    # SQL by hand that bypasses the model's hook: an answer's days wrong, another's missing.
    answered = s.exec(
        select(m.TestbedRequest.id, m.TestbedRequest.first_response_days)
        .where(col(m.TestbedRequest.first_response_at).is_not(None))
        .order_by(m.TestbedRequest.id)
        .limit(2)
    ).all()
    (wrong, days), (missing, _) = answered
    s.exec(update(m.TestbedRequest).where(m.TestbedRequest.id == wrong).values(first_response_days=days + 1))
    s.exec(update(m.TestbedRequest).where(m.TestbedRequest.id == missing).values(first_response_workdays=None))
    found = day_counts.differences(s)
    assert len(found) == 8
    assert [(key[0], kept, counted) for key, kept, counted in found if key[0].startswith("first response days")] == [
        (f"first response days: request {wrong}", days + 1, days)
    ]
    kept = day_counts.rebuild(s)
    s.commit()
    assert kept == s.exec(select(func.count()).select_from(m.DayCount)).one()
    assert day_counts.differences(s) == []
    assert s.exec(select(func.sum(m.DayCount.value)).where(m.DayCount.measure == "ideas_received")).one() == total
    assert s.get(m.TestbedRequest, wrong).first_response_days == days
    assert s.get(m.TestbedRequest, missing).first_response_workdays is not None


def test_several_periods_at_once_give_what_each_gives_alone(session: Session) -> None:
    s = session
    spans = [
        (date(2025, 1, 1), date(2025, 3, 31)),
        (date(2024, 10, 1), date(2024, 12, 31)),
        (date(2024, 1, 1), date(2024, 9, 30)),
    ]
    area = s.exec(select(m.Area).where(m.Area.code == "health")).one()
    org = s.exec(select(m.Organisation).where(m.Organisation.area_id == area.id)).first()
    keys = list(computed.COMPUTATIONS)
    wheres = ({}, {"area_id": area.id}, {"organisation_id": org.id}, {"area_id": area.id, "organisation_id": org.id})
    for chosen in (spans, spans[:2]):  # three and more periods are summed by day; two in SQL
        for where in wheres:
            together = computed.compute_periods(s, keys, chosen, **where)
            alone = {
                (key, n): computed.compute(s, key, start=start, end=end, **where)
                for key in keys
                for n, (start, end) in enumerate(chosen)
            }
            assert together == alone, (len(chosen), where)
    assert any(v for (key, _), v in together.items() if key == "ideas_received")


def test_two_writers_counting_the_same_day_at_once_count_it_once(engine: Engine) -> None:
    """The second writer waits for the first to commit before it counts the day again (PostgreSQL: read
    committed; SQLite: one writer at a time). Without that, each would replace the rows it saw and the
    day would be counted twice."""
    with db.write_session(engine) as first:
        busy = first.exec(select(m.Idea).order_by(col(m.Idea.received_at).desc())).first()  # a day with counts
        day = local_day(busy.received_at).isoformat()
        area = first.get(m.Area, busy.area_id)
        f.idea(first, area, day, ref="IDE-T-FIRST", organisation_id=busy.organisation_id)  # counted, not committed

        def second() -> None:
            with db.write_session(engine) as other:
                f.idea(other, other.get(m.Area, area.id), day, ref="IDE-T-SECOND", organisation_id=busy.organisation_id)
                other.commit()

        writer = threading.Thread(target=second)
        writer.start()
        time.sleep(0.5)  # the second writer reaches the day's count while the first holds it
        first.commit()
    writer.join(timeout=60)
    assert not writer.is_alive()
    with db.write_session(engine) as s:
        assert day_counts.differences(s) == []
        on_the_day = computed.compute(s, "ideas_received", start=date.fromisoformat(day), end=date.fromisoformat(day))
        recorded = s.exec(
            select(func.count()).where(
                col(m.Idea.merged_into_id).is_(None),
                m.Idea.received_at >= start_of_day(date.fromisoformat(day)),
                m.Idea.received_at < start_of_day(date.fromisoformat(day) + timedelta(days=1)),
            )
        ).one()
        assert on_the_day == recorded and recorded >= 3


def test_every_level_at_once_gives_what_each_level_gives_alone(session: Session) -> None:
    s = session
    year = {"start": date(2025, 1, 1), "end": date(2025, 12, 31)}
    keys = list(computed.COMPUTATIONS)
    levels = computed.compute_levels(s, keys, **year)
    counted = {k for k, c in computed.COMPUTATIONS.items() if c.unit in ("count", "sek", "days")}
    assert set(levels) == counted | {"ideas_public_share", "ideas_conversion", "fund_share_granted"}  # and kept shares
    assert {"ideas_median_days_first_decision", "testbed_median_days_first_response"} <= set(levels)
    for key, found in levels.items():
        assert found.region == computed.compute(s, key, **year), key
        assert found.by_area == computed.compute_by_area(s, key, **year), key
        assert found.by_organisation == computed.compute_by_organisation(s, key, **year), key
    assert levels["ideas_received"].region > 0
    for median in ("ideas_median_days_first_decision", "testbed_median_days_first_response"):
        found = levels[median]
        assert found.region is not None, median
        assert any(v is not None for v in found.by_area.values()), median
        assert any(v is not None for v in found.by_organisation.values()), median
    empty_year = computed.compute_levels(s, keys, start=date(1990, 1, 1), end=date(1990, 12, 31))
    assert empty_year["ideas_received"].region == 0 and empty_year["ideas_public_share"].region is None
    empty_median = empty_year["testbed_median_days_first_response"]
    assert empty_median.region is None and set(empty_median.by_area.values()) == {None}


def test_a_write_beside_a_rebuild_waits_for_it(engine: Engine) -> None:
    """`manage.py rebuild-figures` on a live server: a write that counts its day while the rebuild is under
    way waits for it to commit, then counts the day again over the rebuild's rows (PostgreSQL: otherwise
    both sets of rows would stay, and the day would be counted twice)."""
    with db.write_session(engine) as rebuilding:
        busy = rebuilding.exec(select(m.Idea).order_by(col(m.Idea.received_at).desc())).first()
        day, area_id, org_id = local_day(busy.received_at).isoformat(), busy.area_id, busy.organisation_id
        day_counts.rebuild(rebuilding)  # every row deleted and counted again, not committed yet

        def write() -> None:
            with db.write_session(engine) as other:
                f.idea(other, other.get(m.Area, area_id), day, ref="IDE-T-BESIDE", organisation_id=org_id)
                other.commit()

        writer = threading.Thread(target=write)
        writer.start()
        time.sleep(0.5)  # the write reaches its count while the rebuild holds every row
        rebuilding.commit()
    writer.join(timeout=60)
    assert not writer.is_alive()
    with db.write_session(engine) as s:
        assert day_counts.differences(s) == []


def test_a_sum_of_nothing_known_is_a_dash_for_its_level_and_zero_for_the_region(session: Session) -> None:
    """Levels summed from groups give what each level gives alone where a sum has no known value: a
    procurement without an estimated value makes its organisation's and area's sum None (a dash), and
    an organisation without procurements 0; the region is never a dash for a sum."""
    s = session
    year = {"start": date(1999, 1, 1), "end": date(1999, 12, 31)}  # nothing else in that year
    org = s.exec(select(m.Organisation)).first()
    s.add(
        m.Procurement(
            ref="UPH-1999-0001",
            title="Utan värde",
            organisation_id=org.id,
            area_id=org.area_id,
            started_on=date(1999, 3, 1),
        )
    )
    s.commit()
    levels = computed.compute_levels(s, ["procurements_value_sek", "procurements_started"], **year)
    value, started = levels["procurements_value_sek"], levels["procurements_started"]
    assert value.by_organisation[org.id] is None and value.by_area[org.area_id] is None and value.region == 0.0
    assert started.by_organisation[org.id] == 1.0 and started.region == 1.0
    others = [o for o in value.by_organisation if o != org.id]
    assert others and all(value.by_organisation[o] == 0.0 for o in others)
    for key, found in levels.items():
        assert found.region == computed.compute(s, key, **year), key
        assert found.by_area == computed.compute_by_area(s, key, **year), key
        assert found.by_organisation == computed.compute_by_organisation(s, key, **year), key


def test_whole_months_and_the_days_left_over() -> None:
    def split(start: str, end: str) -> tuple:
        months, edges = day_counts.whole_months(date.fromisoformat(start), date.fromisoformat(end))
        shown = None if months is None else (months[0].isoformat(), months[1].isoformat())
        return shown, [(a.isoformat(), b.isoformat()) for a, b in edges]

    assert split("2026-01-01", "2026-12-04") == (("2026-01-01", "2026-11-01"), [("2026-12-01", "2026-12-04")])
    assert split("2025-01-28", "2025-12-31") == (("2025-02-01", "2025-12-01"), [("2025-01-28", "2025-01-31")])
    assert split("2024-02-01", "2024-02-29") == (("2024-02-01", "2024-02-01"), [])  # a leap February, whole
    assert split("2025-12-01", "2026-01-31") == (("2025-12-01", "2026-01-01"), [])  # across the year's end
    assert split("2025-03-05", "2025-03-20") == (None, [("2025-03-05", "2025-03-20")])  # no whole month
    assert split("2025-03-05", "2025-04-02") == (None, [("2025-03-05", "2025-04-02")])  # two part-months
    assert day_counts.whole_months(date.min, date.max) == ((date.min, date(9999, 12, 1)), [])  # all time


def test_sums_read_from_months_and_days_equal_the_days_summed(session: Session) -> None:
    """Whatever a period's shape (whole months, part-months at either end, one day, across years), the
    months' rows and the left-over days give what the day rows alone give, for every place and grouping."""
    s, rng = session, random.Random(7)
    measures = tuple(day_counts.MEASURES)
    area = s.exec(select(m.Area).where(m.Area.code == "health")).one()
    org = s.exec(select(m.Organisation).where(m.Organisation.area_id == area.id)).first()
    days = sorted(s.exec(select(m.DayCount.day).distinct()).all())
    assert s.exec(select(func.count()).select_from(m.MonthCount)).one() > 0

    def by_days(start: date, end: date, **where: object) -> dict:
        d = m.DayCount
        found = {}
        filters = [col(d.measure).in_(measures), d.day >= start, d.day <= end]
        if where.get("area_id") is not None:
            filters.append(d.area_id == where["area_id"])
        elif where.get("group") != "area":
            filters.append(col(d.further).is_(False))
        if where.get("organisation_id") is not None:
            filters.append(d.organisation_id == where["organisation_id"])
        column = {"organisation": d.organisation_id, "area": d.area_id}.get(str(where.get("group")))
        key = column if column is not None else d.measure  # any column: replaced by None below
        stmt = select(key, d.measure, func.sum(d.value)).where(*filters).group_by(key, d.measure)
        for k, measure, total in s.exec(stmt):
            if column is not None and k is None:
                continue
            found.setdefault(k if column is not None else None, {})[measure] = int(total)
        return found

    spans = [(date(2025, 1, 1), date(2025, 12, 31)), (date(2024, 11, 17), date(2026, 2, 3))]
    for _ in range(12):
        a, b = sorted(rng.sample(days, 2))
        spans.append((a, b))
    spans.append((days[0], days[0]))
    places = [{}, {"area_id": area.id}, {"organisation_id": org.id}, {"group": "organisation"}, {"group": "area"}]
    for start, end in spans:
        for where in places:
            kept = day_counts.sums(s, measures, start=start, end=end, **where)
            assert {k: dict(+c) for k, c in kept.items()} == by_days(start, end, **where), (start, end, where)
    # Periods that are not whole months, more than two at once (summed by month and by day).
    periods = [
        (date(2024, 3, 15), date(2024, 7, 9)),
        (date(2024, 7, 10), date(2024, 7, 31)),
        (date(2025, 2, 2), date(2025, 6, 1)),
    ]
    for where in ({}, {"area_id": area.id}, {"organisation_id": org.id}):
        together = day_counts.sums_in_periods(s, measures, periods, **where)
        assert [dict(+c) for c in together] == [by_days(a, b, **where).get(None, {}) for a, b in periods], where


def test_ideas_implemented_from_the_kept_days_equal_the_count_from_the_timeline(session: Session) -> None:
    """The kept days of implementation give, for every period shape and scope, the distinct ideas the
    timeline and the ideas' stages give (`reached_implementation`, as the figure was counted before)."""
    s, rng = session, random.Random(11)
    area = s.exec(select(m.Area).where(m.Area.code == "health")).one()
    other = s.exec(select(m.Area).where(m.Area.code != "health")).first()
    org = s.exec(select(m.Organisation).where(m.Organisation.area_id == area.id)).first()
    # The cases the demo may lack: a cross-sector idea moved to implementation and on to spread in one
    # month, and an idea set to spread without a timeline entry.
    crossing = f.idea(s, other, "2025-03-02", stage="spread", organisation_id=org.id, ref="IDE-T-CROSSING")
    s.add(m.IdeaArea(idea_id=crossing.id, area_id=area.id))
    for to_stage, day in (("implementation", "2025-04-03"), ("spread", "2025-04-20")):
        s.add(m.IdeaEvent(idea_id=crossing.id, at=f.at(day), kind="stage_changed", to_stage=to_stage))
    set_there = f.idea(s, area, "2025-03-05", stage="spread", organisation_id=org.id, ref="IDE-T-SET")
    set_there.stage_changed_at = f.at("2025-04-07")
    s.commit()
    assert s.exec(select(func.count()).select_from(m.ImplementationDay)).one() > 0

    def from_the_timeline(scope: computed.Scope) -> dict:
        return computed._aggregate(
            s,
            scope,
            func.count(),
            source=m.Idea,
            org_col=m.Idea.organisation_id,
            area_col=m.Idea.area_id,
            where=[col(m.Idea.merged_into_id).is_(None), computed.reached_implementation(scope)],
            idea_col=m.Idea.id,
        )

    days = sorted(s.exec(select(m.ImplementationDay.day).distinct()).all())
    spans = [(date(2000, 1, 1), date(2100, 1, 1)), (date(2025, 4, 1), date(2025, 4, 30))]
    spans += [tuple(sorted(rng.sample(days, 2))) for _ in range(6)]
    scopes = [
        {},
        {"area_id": area.id},
        {"organisation_id": org.id},
        {"area_id": area.id, "organisation_id": org.id},
        {"group": "organisation"},
        {"area_id": area.id, "group": "organisation"},
        {"group": "area"},
        {"group": "levels"},
    ]
    for start, end in spans:
        for where in scopes:
            scope = computed.Scope(start, end, **where)
            kept = computed.ideas_implemented(s, scope)
            counted = from_the_timeline(scope)
            if not where.get("group"):  # an empty count is 0 for the whole scope, as `compute` gives it
                counted = {None: counted.get(None) or 0.0}
            assert kept == counted, (start, end, where)
    assert computed.ideas_implemented(s, computed.Scope(*spans[0]))[None] > 0
