"""The figures behind the area dashboards, Rådsläge and the innovationsbokslut.

Everything here is an aggregate (counted and summed in SQL), never a record, so every role that may
see dashboards (admin, council, manager: DESIGN.md) sees the whole region. A figure is asked for a
period (both ends included) and the region (no area, no organisation), an area or an organisation.

Indicator values come from the one aggregation function (`services.indicators.aggregation`): computed
ones counted from the records, reported ones from the approved values of the organisations in scope,
each by its indicator's rule (flow, stock, share, level). Targets follow the one rule in
`services.indicators.targets` ("the target rule"), by the same aggregation rule.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func
from sqlmodel import Session, col, select

from models import (
    FundApplication,
    Idea,
    IdeaArea,
    Indicator,
    IndicatorScope,
    IndicatorSource,
    Organisation,
    Role,
    Testbed,
    TestbedRequest,
)
from services.benefits import figures as benefit_figures
from services.indicators import aggregation, day_counts, periods, targets
from services.indicators import computed as ind_computed
from services.indicators.targets import target_met
from services.people.auth import Actor, require_role
from services.testbeds.catalogue import status_counts_on

READERS: tuple[Role, ...] = (Role.admin, Role.council, Role.manager)


def require_reader(actor: Actor | None) -> Actor:
    """Dashboards are for admins, the council and managers."""
    return require_role(actor, *READERS)


@dataclass(frozen=True)
class IndicatorInfo:
    """An indicator as the dashboards show it (plain data, safe to cache)."""

    id: int
    code: str
    name_sv: str
    name_en: str
    unit: str
    direction: str
    frequency: str
    source: str
    computation: str | None
    aggregation: str
    weighting: str | None

    def name(self, language: str) -> str:
        return self.name_en if language == "en" else self.name_sv

    @property
    def summed(self) -> bool:
        """Adds up over organisations (flows and stocks): compared per organisation, own targets only."""
        return aggregation.is_summed(self.aggregation)


@dataclass(frozen=True)
class IndicatorFigure:
    """One indicator for a period: its value, the previous period's, the target and whether it is met."""

    indicator: IndicatorInfo
    value: float | None
    previous: float | None
    target: float | None

    @property
    def change(self) -> float | None:
        if self.value is None or self.previous is None:
            return None
        return round(self.value - self.previous, 1)

    @property
    def met(self) -> bool | None:
        return target_met(self.indicator.direction, self.value, self.target)


def central_indicators(session: Session) -> list[IndicatorInfo]:
    """The region's active central indicators: computed ones first (ideas, fund, testbeds, leads, as
    DESIGN.md lists them), then reported ones by code."""
    rows = session.exec(
        select(Indicator).where(col(Indicator.is_active).is_(True), Indicator.scope == IndicatorScope.central)
    ).all()
    order = {key: n for n, key in enumerate(ind_computed.COMPUTATIONS)}
    rows = sorted(rows, key=lambda r: (r.source != IndicatorSource.computed, order.get(r.computation or "", 0), r.code))
    return [_info(row) for row in rows]


def indicator_info(session: Session, indicator_id: int) -> IndicatorInfo | None:
    row = session.get(Indicator, indicator_id)
    return _info(row) if row else None


def _info(row: Indicator) -> IndicatorInfo:
    assert row.id is not None
    return IndicatorInfo(
        row.id,
        row.code,
        row.name_sv,
        row.name_en,
        row.unit,
        row.direction,
        row.frequency,
        row.source,
        row.computation,
        row.aggregation,
        row.weighting,
    )


# ---------------------------------------------------------------- values and targets


def indicator_value(
    session: Session,
    indicator: IndicatorInfo,
    *,
    start: date,
    end: date,
    area_id: int | None = None,
    organisation_id: int | None = None,
) -> float | None:
    """The indicator's value for the period and scope, by its aggregation rule."""
    return aggregation.value(session, indicator, start=start, end=end, area_id=area_id, organisation_id=organisation_id)


def period_target(
    session: Session,
    indicator: IndicatorInfo,
    *,
    start: date,
    end: date,
    area_id: int | None = None,
    organisation_id: int | None = None,
) -> float | None:
    """The indicator's target for start..end at this level: `services.indicators.targets.period_target`."""
    return targets.period_target(
        session,
        indicator.id,
        aggregation=indicator.aggregation,
        frequency=indicator.frequency,
        start=start,
        end=end,
        area_id=area_id,
        organisation_id=organisation_id,
    )


def figures(
    session: Session,
    actor: Actor | None,
    *,
    start: date,
    end: date,
    area_id: int | None = None,
    organisation_id: int | None = None,
    indicators: list[IndicatorInfo] | None = None,
) -> list[IndicatorFigure]:
    """Every central indicator for the period, with the previous period and the target (KPI tiles)."""
    require_reader(actor)
    before = periods.previous_period(start, end)
    scope = {"area_id": area_id, "organisation_id": organisation_id}
    area_id = _area_of(session, area_id, organisation_id)
    target = _targets(session)
    shown = indicators if indicators is not None else central_indicators(session)
    spans = [(start, end), before]
    # The computed figures of both periods at once (those kept per day in one statement).
    counted = ind_computed.compute_periods(
        session, [i.computation or "" for i in shown if aggregation.is_computed(i)], spans, **scope
    )

    def value(ind: IndicatorInfo, n: int) -> float | None:
        if aggregation.is_computed(ind):
            return counted[ind.computation or "", n]
        return indicator_value(session, ind, start=spans[n][0], end=spans[n][1], **scope)

    return [
        IndicatorFigure(
            ind,
            value(ind, 0),
            value(ind, 1),
            target(ind, start=start, end=end, area_id=area_id, organisation_id=organisation_id),
        )
        for ind in shown
    ]


def _area_of(session: Session, area_id: int | None, organisation_id: int | None) -> int | None:
    """The area whose targets an organisation's figure falls back to: the given one, else its own."""
    if organisation_id is not None and area_id is None:
        return session.exec(select(Organisation.area_id).where(Organisation.id == organisation_id)).first()
    return area_id


def _targets(session: Session) -> Callable[..., float | None]:
    """`period_target` for many indicators and periods, each year's targets read once (one statement a
    year, not one per indicator and period). The organisation's area must be given with it."""
    years: dict[int, dict[targets.TargetKey, float]] = {}

    def target(
        indicator: IndicatorInfo,
        *,
        start: date,
        end: date,
        area_id: int | None = None,
        organisation_id: int | None = None,
    ) -> float | None:
        if start.year not in years:
            years[start.year] = targets.targets_of_year(session, start.year)
        picked = targets.pick_target(
            years[start.year],
            indicator.id,
            aggregation=indicator.aggregation,
            area_id=area_id,
            organisation_id=organisation_id,
        )
        return targets.scale_target(
            picked, aggregation=indicator.aggregation, frequency=indicator.frequency, start=start, end=end
        )

    return target


@dataclass(frozen=True)
class SeriesPoint:
    period_start: date
    value: float | None
    target: float | None


def series(
    session: Session,
    actor: Actor | None,
    indicator_id: int,
    *,
    start: date,
    end: date,
    area_id: int | None = None,
    organisation_id: int | None = None,
) -> list[SeriesPoint]:
    """The indicator per period of its frequency from start to end, each against its year's target."""
    require_reader(actor)
    indicator = indicator_info(session, indicator_id)
    if indicator is None:
        return []
    scope = {"area_id": area_id, "organisation_id": organisation_id}
    area_id = _area_of(session, area_id, organisation_id)
    target = _targets(session)
    spans = periods.periods_between(indicator.frequency, start, end)
    if aggregation.is_computed(indicator):  # every period at once (one statement when kept per day)
        key = indicator.computation or ""
        counted = ind_computed.compute_periods(session, [key], spans, **scope)
        found = [counted[key, n] for n in range(len(spans))]
    else:
        found = [indicator_value(session, indicator, start=first, end=last, **scope) for first, last in spans]
    return [
        SeriesPoint(
            first, value, target(indicator, start=first, end=last, area_id=area_id, organisation_id=organisation_id)
        )
        for (first, last), value in zip(spans, found, strict=True)
    ]


@dataclass(frozen=True)
class OrganisationFigure:
    organisation_id: int
    name: str
    short_name: str
    value: float | None
    target: float | None
    met: bool | None


def by_organisation(
    session: Session, actor: Actor | None, indicator_id: int, *, start: date, end: date, area_id: int | None
) -> list[OrganisationFigure]:
    """The indicator for every organisation of the area (one grouped query), with its own target."""
    require_reader(actor)
    indicator = indicator_info(session, indicator_id)
    if indicator is None:
        return []
    values = aggregation.values(session, indicator, start=start, end=end, area_id=area_id, group="organisation")
    orgs = select(Organisation).order_by(Organisation.name)
    if area_id is not None:
        orgs = orgs.where(Organisation.area_id == area_id)
    result = []
    of_period = _targets(session)
    for org in session.exec(orgs).all():
        assert org.id is not None
        value = values.get(org.id)
        target = of_period(indicator, start=start, end=end, area_id=org.area_id, organisation_id=org.id)
        result.append(
            OrganisationFigure(
                org.id, org.name, org.short_name, value, target, target_met(indicator.direction, value, target)
            )
        )
    return result


# ---------------------------------------------------------------- ideas, fund and testbeds


def _idea_scope(area_id: int | None, organisation_id: int | None) -> list:
    filters = [col(Idea.merged_into_id).is_(None)]
    if area_id is not None:  # a cross-sector idea counts on every area it touches
        filters.append(ind_computed.touches_area(Idea.id, area_id))
    if organisation_id is not None:
        filters.append(Idea.organisation_id == organisation_id)
    return filters


def idea_funnel(
    session: Session,
    actor: Actor | None,
    *,
    start: date,
    end: date,
    area_id: int | None = None,
    organisation_id: int | None = None,
) -> list[tuple[str, int]]:
    """Of the ideas received in the period, how many reached each stage of the path (so far). An area's
    funnel holds the cross-sector ideas that touch it as well as its own.

    An idea reached a stage when it stands there or further, or its timeline shows it was moved there
    or further (an idea parked after testing reached testing). Read from the counts kept per day
    (`services.indicators.day_counts`): one statement.
    """
    require_reader(actor)
    return day_counts.funnel(session, start=start, end=end, area_id=area_id, organisation_id=organisation_id)


@dataclass(frozen=True)
class StatusAmount:
    status: str
    count: int
    requested_sek: int
    granted_sek: int


def fund_by_status(
    session: Session,
    actor: Actor | None,
    *,
    start: date,
    end: date,
    area_id: int | None = None,
    organisation_id: int | None = None,
) -> list[StatusAmount]:
    """Applications submitted in the period, by status where they stand now, with SEK applied and granted."""
    require_reader(actor)
    scope = ind_computed.Scope(start, end)
    stmt = (
        select(
            FundApplication.status,
            func.count(),
            func.coalesce(func.sum(FundApplication.requested_sek), 0),
            func.coalesce(func.sum(FundApplication.granted_sek), 0),
        )
        .where(FundApplication.submitted_at >= scope.start_at, FundApplication.submitted_at < scope.end_at)
        .group_by(FundApplication.status)
    )
    if area_id is not None:
        stmt = stmt.where(FundApplication.area_id == area_id)
    if organisation_id is not None:
        stmt = stmt.where(FundApplication.organisation_id == organisation_id)
    return [StatusAmount(s, int(n), int(r), int(g)) for s, n, r, g in session.exec(stmt).all()]


def testbeds_by_status(
    session: Session,
    actor: Actor | None,
    *,
    on: date,
    area_id: int | None = None,
    organisation_id: int | None = None,
) -> list[tuple[str, int]]:
    """How many test and demonstration environments were open, planned and closed on the day `on` (a
    period's last day), from their dated history."""
    require_reader(actor)
    counts: dict[str, int] = {}
    for _, _, status, n in status_counts_on(session, on, area_id=area_id, organisation_id=organisation_id):
        counts[status] = counts.get(status, 0) + n
    return sorted(counts.items())


def requests_by_status(
    session: Session,
    actor: Actor | None,
    *,
    start: date,
    end: date,
    area_id: int | None = None,
    organisation_id: int | None = None,
) -> list[tuple[str, int]]:
    """Testbed requests received in the period, by the status they have now."""
    require_reader(actor)
    scope = ind_computed.Scope(start, end)
    stmt = (
        select(TestbedRequest.status, func.count())
        .join(Testbed, TestbedRequest.testbed_id == Testbed.id)
        .where(TestbedRequest.received_at >= scope.start_at, TestbedRequest.received_at < scope.end_at)
        .group_by(TestbedRequest.status)
    )
    if area_id is not None:
        stmt = stmt.where(Testbed.area_id == area_id)
    if organisation_id is not None:
        stmt = stmt.where(Testbed.organisation_id == organisation_id)
    return [(status, int(n)) for status, n in session.exec(stmt).all()]


# ---------------------------------------------------------------- Rådsläge

COUNCIL: tuple[Role, ...] = (Role.admin, Role.council)
LIVE_KEYS: tuple[str, ...] = (
    "ideas_received",
    "ideas_public_share",
    "ideas_implemented",
    "adoptions",
    "fund_sek_granted",
    "testbed_requests",
)


@dataclass(frozen=True)
class LiveFigure:
    """A computed indicator so far this year, for the region and per area, against the region's target."""

    indicator: IndicatorInfo
    region: float | None
    by_area: dict[int, float | None]
    target: float | None


@dataclass(frozen=True)
class LiveFigures:
    today: date
    ideas_today: int
    ideas_today_by_area: dict[int, float | None]
    figures: list[LiveFigure]
    benefits: list[benefit_figures.BenefitTotal]
    cross_sector: int = 0  # the year's ideas that touch more than one core area (each once)


def live_figures(session: Session, actor: Actor | None, *, today: date) -> LiveFigures:
    """What Rådsläge shows, counted afresh at every refresh (a handful of grouped aggregate queries).

    The year so far (1 January to today) and today itself; the indicators are the registry's computed
    ones among `LIVE_KEYS`, in that order, so that their names and units come from the registry; and the
    region's benefits as they stand today.
    """
    require_role(actor, *COUNCIL)
    start = date(today.year, 1, 1)
    by_key = {i.computation: i for i in central_indicators(session) if i.source == IndicatorSource.computed}
    figures = []
    for key in LIVE_KEYS:
        info = by_key.get(key)
        if info is None:
            continue
        figures.append(
            LiveFigure(
                info,
                ind_computed.compute(session, key, start=start, end=today),
                ind_computed.compute_by_area(session, key, start=start, end=today),
                period_target(session, info, start=start, end=date(today.year, 12, 31)),
            )
        )
    return LiveFigures(
        today,
        int(ind_computed.compute(session, "ideas_received", start=today, end=today) or 0),
        ind_computed.compute_by_area(session, "ideas_received", start=today, end=today),
        figures,
        benefit_figures.totals(session, actor, end=today),
        cross_sector_ideas(session, start=start, end=today),
    )


def cross_sector_ideas(session: Session, *, start: date, end: date, area_id: int | None = None) -> int:
    """Ideas received in the period that touch a core area besides their own (each idea once); with
    `area_id`, those that count on that area (its own cross-sector ideas and those reaching it)."""
    scope = ind_computed.Scope(start, end)
    elsewhere = select(IdeaArea.idea_id).where(IdeaArea.idea_id == Idea.id, IdeaArea.area_id != Idea.area_id)
    stmt = select(func.count()).where(
        elsewhere.exists(),
        *_idea_scope(area_id, None),
        Idea.received_at >= scope.start_at,
        Idea.received_at < scope.end_at,
    )
    return int(session.exec(stmt).one())
