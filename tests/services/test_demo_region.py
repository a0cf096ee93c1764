"""The demo region convinces the council: realistic volumes, believable ages, right owners, complete figures.

Loaded as the tests load it, on the seed's reference day (2026-11-28); "now" below is that day's noon.
"""

from __future__ import annotations

import json
import unicodedata
from collections import Counter
from datetime import UTC, date, datetime

from sqlmodel import Session, func, select

import models as m
from services import seed
from services.ideas import stats, triage
from services.ideas.triage import IdeaFilter
from services.seed_volume import generated_ideas
from tests.conftest import actor

NOW = datetime.combine(seed.SEED_REFERENCE_DAY, datetime.min.time(), tzinfo=UTC).replace(hour=12)
LAST_YEAR = seed.SEED_REFERENCE_DAY.year - 1


def _received_in(session: Session, year: int) -> list[m.Idea]:
    return list(
        session.exec(
            select(m.Idea).where(
                m.Idea.received_at >= datetime(year, 1, 1, tzinfo=UTC),
                m.Idea.received_at < datetime(year + 1, 1, 1, tzinfo=UTC),
            )
        )
    )


def test_several_hundred_ideas_a_year_from_every_organisation_and_every_kind_of_submitter(session: Session) -> None:
    organisations = set(session.exec(select(m.Organisation.id)))
    for year in (LAST_YEAR - 1, LAST_YEAR):
        ideas = _received_in(session, year)
        assert 300 <= len(ideas) <= 800, year
        per_org = Counter(i.organisation_id for i in ideas)
        assert organisations <= set(per_org), year  # every organisation, every year
        assert {k.value for k in m.SubmitterKind} <= {i.submitter_kind for i in ideas}, year
        # Spread by size: Karolinska (16,500 staff) has many more than Waxholmsbolaget (110).
        by_name = {name: id_ for name, id_ in session.exec(select(m.Organisation.short_name, m.Organisation.id)).all()}
        assert per_org[by_name["KS"]] > 5 * per_org[by_name["Waxholmsbolaget"]]


def test_the_triage_board_is_believable_some_waiting_few_overdue(session: Session) -> None:
    admin = actor(session, "admin")
    board = triage.board(session=session, actor=admin, filters=IdeaFilter(), now=NOW)
    assert 10 <= board.counts["received"] <= 40  # about a week's and a half of ideas wait for a first look
    assert 1 <= board.overdue <= 5 and board.overdue < board.counts["received"] / 3
    assert board.counts["screening"] >= 30
    for stage in ("development", "testing", "implementation", "spread", "parked", "closed"):
        assert board.counts[stage] >= 20, stage
    # First decisions within days, not months, for every organisation with ideas.
    for row in stats.response_times(session=session, actor=admin, now=NOW):
        if row.decided >= 10:
            assert row.median_days is not None and 2 <= row.median_days <= 12, row.organisation
    # Stage ages: nothing still in screening has waited there for a year.
    oldest_screening = session.exec(
        select(func.min(m.Idea.stage_changed_at)).where(m.Idea.stage == m.IdeaStage.screening)
    ).one()
    assert oldest_screening.date() > date(seed.SEED_REFERENCE_DAY.year, 1, 1)


def test_the_generated_volume_is_the_same_on_every_load() -> None:
    first = generated_ideas(seed.SEED_DIR, seed.SEED_REFERENCE_DAY)
    assert first == generated_ideas(seed.SEED_DIR, seed.SEED_REFERENCE_DAY)
    assert all(r["received_on"] < seed.SEED_REFERENCE_DAY.isoformat() for r in first)
    assert all(step["on"] < seed.SEED_REFERENCE_DAY.isoformat() for r in first for step in r["history"])


def test_this_years_call_is_decided_and_the_autumn_call_is_open(session: Session) -> None:
    year = seed.SEED_REFERENCE_DAY.year
    calls = {c.status: c for c in session.exec(select(m.FundCall).where(m.FundCall.year == year))}
    decided, open_call = calls["decided"], calls["open"]
    statuses = Counter(
        session.exec(select(m.FundApplication.status).where(m.FundApplication.call_id == decided.id)).all()
    )
    assert statuses["rejected"] >= 2 and statuses["in_progress"] + statuses["approved"] >= 3
    granted = session.exec(
        select(func.sum(m.FundApplication.granted_sek)).where(m.FundApplication.call_id == decided.id)
    ).one()
    assert 0 < granted <= decided.budget_sek
    # One was asked for more information, answered, and was then approved.
    asked = session.exec(
        select(m.FundApplicationEvent.application_id)
        .join(m.FundApplication, m.FundApplication.id == m.FundApplicationEvent.application_id)
        .where(m.FundApplication.call_id == decided.id, m.FundApplicationEvent.to_status == "needs_info")
    ).all()
    assert len(asked) == 1
    path = session.exec(
        select(m.FundApplicationEvent.to_status)
        .where(m.FundApplicationEvent.application_id == asked[0])
        .order_by(m.FundApplicationEvent.at, m.FundApplicationEvent.id)
    ).all()
    assert path[:7] == ["draft", "submitted", "in_review", "needs_info", "submitted", "in_review", "approved"]
    assert session.exec(
        select(func.count()).where(m.FundApplication.call_id == open_call.id, m.FundApplication.status == "needs_info")
    ).one()


def test_the_council_has_a_member_from_every_core_area(session: Session) -> None:
    areas = set(session.exec(select(m.Area.id)))
    council_areas = set(
        session.exec(
            select(m.Organisation.area_id)
            .join(m.User, m.User.organisation_id == m.Organisation.id)
            .where(m.User.role == m.Role.council, m.User.is_active)
        )
    )
    assert council_areas == areas


def test_short_names_cannot_be_mistaken_for_each_other(session: Session) -> None:
    def first_word(name: str) -> str:
        return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower().split()[0]

    names = session.exec(select(m.Organisation.short_name)).all()
    assert len({first_word(n) for n in names}) == len(names), names  # was: "SöS" and "Sös Södertälje"


def test_testbeds_belong_to_the_administration_that_runs_them(session: Session) -> None:
    depot = session.exec(select(m.Testbed).where(m.Testbed.slug == "vatgasdepa-fittja")).one()
    assert session.get(m.Organisation, depot.organisation_id).short_name == "TF"  # bus depots are the traffic's
    for testbed in session.exec(select(m.Testbed)):
        # Whoever answers its requests works for the organisation that runs it, or in the central team.
        handlers = session.exec(
            select(m.User)
            .join(m.TestbedRequest, m.TestbedRequest.handled_by_id == m.User.id)
            .where(m.TestbedRequest.testbed_id == testbed.id)
        ).all()
        for user in handlers:
            assert user.organisation_id == testbed.organisation_id or user.role == m.Role.admin, testbed.slug
    museum = session.exec(select(m.Testbed).where(m.Testbed.slug == "digital-guide-sigtuna")).one()
    assert "Sigtuna kommun" in museum.summary  # the region runs the test, the municipality the museum


def test_every_reported_figure_of_last_year_is_approved(session: Session) -> None:
    """The bokslut of last year has no blank reported rows: every organisation that reports an indicator
    has an approved value for every period of the year."""
    indicators = json.loads((seed.SEED_DIR / "indicators.json").read_text(encoding="utf-8"))
    organisations = {
        name: id_ for name, id_ in session.exec(select(m.Organisation.short_name, m.Organisation.id)).all()
    }
    periods_per_year = {"month": 12, "quarter": 4, "year": 1}
    for row in indicators:
        if row["source"] != "reported":
            continue
        indicator_id = session.exec(select(m.Indicator.id).where(m.Indicator.code == row["code"])).one()
        reporters = [row["owner_org"]] if row.get("scope") == "own" else list(organisations)
        for short_name in reporters:
            approved = session.exec(
                select(func.count()).where(
                    m.IndicatorValue.indicator_id == indicator_id,
                    m.IndicatorValue.organisation_id == organisations[short_name],
                    m.IndicatorValue.status == "approved",
                    m.IndicatorValue.period_start >= date(LAST_YEAR, 1, 1),
                    m.IndicatorValue.period_start <= date(LAST_YEAR, 12, 31),
                )
            ).one()
            assert approved == periods_per_year[row.get("frequency", "quarter")], (row["code"], short_name)
