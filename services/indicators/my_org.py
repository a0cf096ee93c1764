"""Min förvaltning: one organisation against its core area and the region, and what waits for it.

Every figure is counted or summed in SQL; the comparison reads one grouped query per kind of
indicator, so it stays fast with a million reported values. Managers see their own organisation only,
admins any one.

Comparing an organisation with its area and the region, by each indicator's aggregation rule
(`services.indicators.aggregation`, the one function every figure page uses): shares and levels are
compared as they are (the area's share, Σ numerators / Σ denominators, against the organisation's);
flows and stocks with the average per organisation of the area and of the region, since a region's
total is no yardstick for one administration. Reported values count when approved.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from statistics import fmean

from sqlalchemy import func
from sqlmodel import Session, col, select

from models import (
    REPORTING_STATUSES,
    FundApplication,
    FundReport,
    Idea,
    IdeaStage,
    Indicator,
    IndicatorScope,
    IndicatorSource,
    Organisation,
    RequestStatus,
    Testbed,
    TestbedRequest,
)
from services.indicators import aggregation, targets
from services.indicators import values as ind_values
from services.people.auth import Actor, require_login
from services.shared.errors import PermissionDenied

# The computed figures an administration follows on Min förvaltning.
MY_ORG_COMPUTED: tuple[str, ...] = (
    "ideas_received",
    "ideas_public_share",
    "ideas_implemented",
    "ideas_median_days_first_decision",
    "fund_applications",
    "testbed_requests",
    "staff_trained_share",
)
DUE_SOON_DAYS = 30
LIST_LIMIT = 10


def require_own(actor: Actor | None, organisation_id: int) -> Actor:
    """Min förvaltning is read by the organisation's managers and by admins; others get `PermissionDenied`."""
    actor = require_login(actor)
    if actor.is_admin or actor.manages(organisation_id):
        return actor
    raise PermissionDenied("indicators.data.not_your_organisation")


# ---------------------------------------------------------------- what waits


@dataclass(frozen=True)
class WaitingIdea:
    ref: str
    title: str
    received_at: datetime


@dataclass(frozen=True)
class WaitingReport:
    application_ref: str
    title: str
    kind: str
    due_on: date


@dataclass(frozen=True)
class WaitingRequest:
    ref: str
    testbed: str
    received_at: datetime


@dataclass(frozen=True)
class Waiting:
    """What waits for the organisation today; the lists hold the oldest few, the counts all."""

    unreported: list[ind_values.MissingPeriod]
    ideas: int
    oldest_ideas: list[WaitingIdea]
    reports_late: int
    reports_due: int
    reports: list[WaitingReport]
    requests: int
    oldest_requests: list[WaitingRequest]


def waiting(*, session: Session, actor: Actor | None, organisation_id: int, today: date) -> Waiting:
    """Unreported periods, ideas in `received` without a first decision, fund reports late or due
    within 30 days, and testbed requests nobody has answered yet."""
    actor = require_own(actor, organisation_id)
    ideas_filter = (
        Idea.organisation_id == organisation_id,
        Idea.stage == IdeaStage.received,
        col(Idea.first_decision_at).is_(None),
        col(Idea.merged_into_id).is_(None),
    )
    ideas = session.exec(select(func.count()).select_from(Idea).where(*ideas_filter)).one()
    oldest_ideas = [
        WaitingIdea(*r)
        for r in session.exec(
            select(Idea.ref, Idea.title, Idea.received_at)
            .where(*ideas_filter)
            .order_by(Idea.received_at)
            .limit(LIST_LIMIT)
        )
    ]
    open_reports = (
        FundApplication.organisation_id == organisation_id,
        col(FundApplication.status).in_(REPORTING_STATUSES),  # a stopped project's reports are no longer asked for
        col(FundReport.submitted_on).is_(None),
        FundReport.due_on <= today + timedelta(days=DUE_SOON_DAYS),
    )
    report_query = select(FundReport).join(FundApplication, FundReport.application_id == FundApplication.id)
    late = session.exec(
        select(func.count()).select_from(report_query.where(*open_reports, FundReport.due_on < today).subquery())
    ).one()
    due = session.exec(select(func.count()).select_from(report_query.where(*open_reports).subquery())).one() - late
    reports = [
        WaitingReport(*r)
        for r in session.exec(
            select(FundApplication.ref, FundApplication.title, FundReport.kind, FundReport.due_on)
            .join(FundApplication, FundReport.application_id == FundApplication.id)
            .where(*open_reports)
            .order_by(FundReport.due_on)
            .limit(LIST_LIMIT)
        )
    ]
    request_filter = (
        Testbed.organisation_id == organisation_id,
        col(TestbedRequest.first_response_at).is_(None),
        TestbedRequest.status == RequestStatus.new,
    )
    requests = session.exec(
        select(func.count())
        .select_from(TestbedRequest)
        .join(Testbed, TestbedRequest.testbed_id == Testbed.id)
        .where(*request_filter)
    ).one()
    oldest_requests = [
        WaitingRequest(*r)
        for r in session.exec(
            select(TestbedRequest.ref, Testbed.name, TestbedRequest.received_at)
            .join(Testbed, TestbedRequest.testbed_id == Testbed.id)
            .where(*request_filter)
            .order_by(TestbedRequest.received_at)
            .limit(LIST_LIMIT)
        )
    ]
    unreported = ind_values.unreported_periods(
        session=session, actor=actor, organisation_id=organisation_id, today=today
    )
    return Waiting(unreported, ideas, oldest_ideas, late, due, reports, requests, oldest_requests)


# ---------------------------------------------------------------- comparison


@dataclass(frozen=True)
class ComparisonRow:
    """One indicator for the year so far: the organisation, its area, the region and the target."""

    indicator_id: int
    code: str
    name_sv: str
    name_en: str
    unit: str
    direction: str
    source: str
    scope: str
    organisation: float | None
    area: float | None
    region: float | None
    target: float | None

    def name(self, language: str) -> str:
        return self.name_en if language == "en" else self.name_sv

    @property
    def met(self) -> bool | None:
        return targets.target_met(self.direction, self.organisation, self.target)


def _mean(values: list[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return round(fmean(present), 1) if present else None


def _year_span(year: int, today: date) -> tuple[date, date]:
    return date(year, 1, 1), min(date(year, 12, 31), today)


def _target(session: Session, indicator: Indicator, organisation: Organisation, start: date, end: date) -> float | None:
    """The organisation's target for the year so far, by the one rule (`services.indicators.targets`)."""
    return targets.period_target(
        session,
        indicator.id,
        aggregation=indicator.aggregation,
        frequency=indicator.frequency,
        start=start,
        end=end,
        area_id=organisation.area_id,
        organisation_id=organisation.id,
    )


def comparison(
    *, session: Session, actor: Actor | None, organisation_id: int, year: int, today: date
) -> list[ComparisonRow]:
    """The organisation's reported indicators (central and its own) and a few computed ones, for the
    year up to today, against its area, the region and its target."""
    require_own(actor, organisation_id)
    org = session.get(Organisation, organisation_id)
    if org is None:
        raise PermissionDenied()
    area_of = dict(session.exec(select(Organisation.id, Organisation.area_id)).all())
    start, end = _year_span(year, today)
    return [
        *_reported_rows(session, org, area_of, start, end),
        *_computed_rows(session, org, area_of, start, end),
    ]


def _reported_rows(
    session: Session, org: Organisation, area_of: dict[int, int], start: date, end: date
) -> list[ComparisonRow]:
    indicators = session.exec(
        select(Indicator)
        .where(Indicator.source == IndicatorSource.reported, Indicator.is_active)
        .where((Indicator.scope == IndicatorScope.central) | (Indicator.owner_org_id == org.id))
        .order_by(Indicator.scope, Indicator.code)
    ).all()
    return [_compared(session, indicator, org, area_of, start, end) for indicator in indicators]


def _computed_rows(
    session: Session, org: Organisation, area_of: dict[int, int], start: date, end: date
) -> list[ComparisonRow]:
    indicators = session.exec(
        select(Indicator).where(
            Indicator.source == IndicatorSource.computed,
            Indicator.is_active,
            col(Indicator.computation).in_(MY_ORG_COMPUTED),
        )
    ).all()
    order = {key: n for n, key in enumerate(MY_ORG_COMPUTED)}
    indicators = sorted(indicators, key=lambda i: order[i.computation])
    return [_compared(session, indicator, org, area_of, start, end) for indicator in indicators]


def _compared(
    session: Session, indicator: Indicator, org: Organisation, area_of: dict[int, int], start: date, end: date
) -> ComparisonRow:
    """One indicator for the organisation, its area and the region, by the indicator's rule: flows and
    stocks against the mean per organisation, shares and levels as they are. An administration's own
    indicator has no area or region to be compared with."""
    span = {"start": start, "end": end}
    if indicator.scope == IndicatorScope.own:
        mine = aggregation.value(session, indicator, **span, organisation_id=org.id)
        return _row(indicator, mine, None, None, _target(session, indicator, org, start, end))
    if aggregation.is_summed(indicator.aggregation):
        by_org = aggregation.values(session, indicator, **span, group="organisation")
        mine = by_org.get(org.id)
        area = _mean([v for o, v in by_org.items() if area_of.get(o) == org.area_id])
        region = _mean(list(by_org.values()))
    else:
        mine = aggregation.value(session, indicator, **span, organisation_id=org.id)
        area = aggregation.value(session, indicator, **span, area_id=org.area_id)
        region = aggregation.value(session, indicator, **span)
    return _row(indicator, mine, area, region, _target(session, indicator, org, start, end))


def _row(
    indicator: Indicator, mine: float | None, area: float | None, region: float | None, target: float | None
) -> ComparisonRow:
    return ComparisonRow(
        indicator.id,
        indicator.code,
        indicator.name_sv,
        indicator.name_en,
        indicator.unit,
        indicator.direction,
        indicator.source,
        indicator.scope,
        None if mine is None else round(float(mine), 1),
        area,
        region,
        target,
    )
